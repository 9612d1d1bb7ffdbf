import DeskCore
import Foundation
import Hummingbird
import Mustache
import NIOCore

/// Server-rendered HTML: the help center, sign-in pages, `/verify`, and later the portal and console share this.
///
/// Templates live in `Web/Templates/*.mustache` (shipped as resources) and extend `layout.mustache` with Mustache
/// inheritance (`{{<layout}}{{$main}}…{{/main}}{{/layout}}`). `{{value}}` is HTML-escaped; no template uses `{{{…}}}`
/// except for HTML the server sanitised itself, and such values are named `…HTML`.
/// Pages load nothing from other hosts (see ``WebPages/contentSecurityPolicy``).
public struct WebPages: Sendable {
    let library: MustacheLibrary

    /// The policy every page is served with: nothing from other hosts, no inline script.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// Loads every template shipped with the server.
    public static func load() throws -> WebPages {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw WebPagesError.missingResources
        }
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        for file in files where file.pathExtension == "mustache" {
            let text = try String(contentsOf: file, encoding: .utf8)
            try library.register(text, named: file.deletingPathExtension().lastPathComponent)
        }
        return WebPages(library: library)
    }

    /// Renders `template` with `values` plus the page chrome (language, strings, language switch) as an HTML response.
    func render(
        _ template: String, _ values: [String: Any], chrome: PageChrome, status: HTTPResponse.Status = .ok,
        cache: String = "no-store"
    ) -> Response {
        var context = chrome.values
        for (key, value) in values { context[key] = value }
        guard let html = library.render(context, withTemplate: template) else {
            preconditionFailure("no template named \(template)")
        }
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .contentLanguage: chrome.language.rawValue, .cacheControl: cache,
            .contentSecurityPolicy: Self.contentSecurityPolicy,
        ]
        headers[.vary] = "Accept-Language, Cookie"
        if chrome.rememberLanguage {
            headers[.setCookie] = "wd_lang=\(chrome.language.rawValue); Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The shared stylesheet, served at `/assets/site.css`.
    static let stylesheet: ByteBuffer = {
        let url = Bundle.module.url(forResource: "site", withExtension: "css", subdirectory: "Assets")
        let text = url.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
        return ByteBuffer(string: text)
    }()

    /// The site icon. Browsers ask for `/favicon.ico` on their own; without it every first visit logs a failed load.
    static let icon = ByteBuffer(
        string: ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b63ce"/>"##
            + ##"<path d="M6 9l4.5 14L16 13l5.5 10L26 9" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>"##
    )

    /// Routes for the shared assets.
    func addAssetRoutes(to router: Router<DeskRequestContext>) {
        router.get("favicon.ico") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
                body: .init(byteBuffer: Self.icon)
            )
        }
        router.get("assets/site.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: Self.stylesheet)
            )
        }
    }
}

enum WebPagesError: Error {
    case missingResources
}
