import Foundation
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
