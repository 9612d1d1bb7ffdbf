import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import DeskServer

/// Small things the browser suite (Tests/Browser) found missing in the pages, pinned here where they are cheap to check.
@Suite("Page assets and setup page")
struct PageAssetsTests {
    @Test("browsers get an icon at /favicon.ico instead of a 404 in their console")
    func favicon() async throws {
        try await TestApp.withSession { session in
            let response = try await session.client.execute(uri: "/favicon.ico", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "image/svg+xml")
            #expect(String(buffer: response.body).hasPrefix("<svg"))
        }
    }

    @Test("the first admin who chose a password is led on to /signin; without a password there is nothing to sign in with")
    func setupLeadsToSignIn() {
        let withPassword = SetupPage.html(language: .en, state: .created(name: "Root", token: "t0k", canSignIn: true))
        #expect(withPassword.contains(#"<a href="/signin">Sign in</a>"#))
        let tokenOnly = SetupPage.html(language: .zhCN, state: .created(name: "Root", token: "t0k", canSignIn: false))
        #expect(!tokenOnly.contains(#"href="/signin""#))
        #expect(tokenOnly.contains(#"<pre id="token">t0k</pre>"#))
    }
}

@Suite("Site entrance")
struct SiteEntranceTests {
    @Test("once an admin exists, the bare address leads to the help center")
    func rootLeadsToHelp() async throws {
        try await TestApp.withSession { session in
            let response = try await session.client.execute(uri: "/", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/help")
        }
    }

    @Test("a browser asking for an address with no page gets a page in its language; API clients get the problem")
    func notFoundPage() async throws {
        try await TestApp.withSession { session in
            let browser: HTTPFields = [.accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", .acceptLanguage: "en-GB,en;q=0.9"]
            let page = try await session.client.execute(uri: "/help/nope", method: .get, headers: browser)
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: page.body)
            #expect(html.contains("<h1>Page not found</h1>"))
            #expect(html.contains(#"href="/verify""#))

            let traditional = try await session.client.execute(uri: "/nope?lang=zh-TW", method: .get, headers: browser)
            #expect(String(buffer: traditional.body).contains("<h1>頁面不存在</h1>"))

            for (path, headers) in [("/help/nope", [.accept: "application/json"] as HTTPFields), ("/help/nope", [:]), ("/api/v1/nope", browser)] {
                let response = try await session.client.execute(uri: path, method: .get, headers: headers)
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json", "\(path) \(headers)")
            }
            // A wrong method on a page's address is still 405, not the page.
            let post = try await session.client.execute(uri: "/help", method: .post, headers: browser)
            #expect(post.status == .methodNotAllowed)
        }
    }

    @Test("only an Accept header naming HTML counts as a browser")
    func acceptHeader() {
        #expect(SiteEntrance.prefersHTML("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
        #expect(SiteEntrance.prefersHTML("application/xhtml+xml"))
        #expect(SiteEntrance.prefersHTML(" TEXT/HTML ; q=0.5"))
        #expect(!SiteEntrance.prefersHTML("*/*"))
        #expect(!SiteEntrance.prefersHTML("application/json"))
        #expect(!SiteEntrance.prefersHTML(nil))
    }
}
