import DeskCore
import Foundation
import Hummingbird
import NIOCore

/// The first-admin page: a plain form, no scripts, no requests to other hosts. Every value is escaped.
enum SetupPage {
    enum State {
        case form(error: String?)
        /// `canSignIn`: a password was set, so the page leads on to `/signin`.
        case created(name: String, token: String, canSignIn: Bool)
        case alreadyDone
    }

    static func render(language: Language, state: State) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8", .contentLanguage: language.rawValue, .cacheControl: "no-store",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html(language: language, state: state)))
        )
    }

    /// The whole document for `state`.
    static func html(language: Language, state: State) -> String {
        let l = Localizer.shared
        func t(_ key: String) -> String { HTMLSanitizer.escape(l.text(key, language)) }
        var body = "<h1>\(t("setup.title"))</h1>"
        switch state {
        case .form(let error):
            if let error { body += "<p class=\"error\" role=\"alert\">\(HTMLSanitizer.escape(error))</p>" }
            body += """
                <p>\(t("setup.intro"))</p>
                <form method="post" action="/setup">
                <label>\(t("setup.code"))<input name="code" required autocomplete="one-time-code" placeholder="ABCDE-FGHJK"></label>
                <label>\(t("setup.name"))<input name="name" required maxlength="120" autocomplete="name"></label>
                <label>\(t("setup.email"))<input name="email" type="email" required autocomplete="username"></label>
                <label>\(t("setup.password"))<input name="password" type="password" minlength="12" autocomplete="new-password"></label>
                <button type="submit">\(t("setup.submit"))</button>
                </form>
                """
        case .created(let name, let token, let canSignIn):
            body += """
                <p>\(HTMLSanitizer.escape(l.format("setup.welcome", language, name)))</p>
                <p>\(t("setup.token"))</p>
                <pre id="token">\(HTMLSanitizer.escape(token))</pre>
                <p>\(t("setup.token-once"))</p>
                <pre>curl -H "Authorization: Bearer \(HTMLSanitizer.escape(token))" /api/v1/me</pre>
                """
            if canSignIn { body += "<p><a href=\"/signin\">\(t("signin.submit"))</a></p>" }
        case .alreadyDone:
            body += "<p>\(t("detail.setup-done"))</p>"
        }
        return """
            <!doctype html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(t("setup.title")) · WalletDesk</title>
            <style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
            label{display:block;margin:.8rem 0}input{display:block;width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
            button{padding:.6rem 1.2rem;font-size:1rem}pre{white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:.6rem}
            .error{color:#a00}</style></head>
            <body>\(body)</body></html>
            """
    }
}
