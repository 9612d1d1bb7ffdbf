import DeskCore
import DeskStore
import Foundation
import HTTPTypes
import Hummingbird

/// The session cookie and the CSRF token bound to it.
///
/// The cookie carries a random secret; the store keeps only its SHA-256, so reading the database gives no session.
/// The CSRF token is a different hash of the same secret: pages and API clients get it when signing in, a cross-site
/// form cannot know it, and the server needs to store nothing more to check it.
enum SessionCookie {
    static let name = "wd_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    static func newSecret() -> String {
        "wds_" + Secrets.base64url(Secrets.randomBytes(32))
    }

    static func idHash(_ secret: String) -> String {
        Secrets.sha256Hex(secret)
    }

    static func csrfToken(for secret: String) -> String {
        Secrets.sha256Hex("walletdesk-csrf\u{0}" + secret)
    }

    static func csrfMatches(_ presented: String?, secret: String) -> Bool {
        guard let presented else { return false }
        return constantTimeEquals(presented, csrfToken(for: secret))
    }

    /// The `Set-Cookie` value for a session; `Secure` when configured or when the request came over TLS.
    static func setCookie(_ secret: String, request: Request, settings: AccountSettings) -> String {
        var cookie = "\(name)=\(secret); Path=/; HttpOnly; SameSite=Lax; Max-Age=\(Int(settings.sessions.absolute))"
        if isSecure(request, settings: settings) { cookie += "; Secure" }
        return cookie
    }

    static func clearCookie(request: Request, settings: AccountSettings) -> String {
        var cookie = "\(name)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
        if isSecure(request, settings: settings) { cookie += "; Secure" }
        return cookie
    }

    static func isSecure(_ request: Request, settings: AccountSettings) -> Bool {
        settings.secureCookies || request.uri.scheme?.rawValue == "https" || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    /// The live, fully signed-in session behind `secret`, or nil (unknown, ended, expired, or waiting for a second factor).
    /// Touches the session so idle expiry counts from now.
    static func activeSession(secret: String, dependencies: Dependencies) async throws -> (agent: Agent, session: AgentSession)? {
        guard let found = try await liveSession(secret: secret, dependencies: dependencies), found.session.state == .active else { return nil }
        return found
    }

    /// The session behind `secret` if it has not ended or expired, whatever its state.
    static func liveSession(secret: String, dependencies: Dependencies) async throws -> (agent: Agent, session: AgentSession)? {
        guard secret.hasPrefix("wds_"), secret.count < 100 else { return nil }
        let hash = idHash(secret)
        guard let found = try await dependencies.store.session(idHash: hash) else { return nil }
        let now = dependencies.now()
        guard dependencies.accounts.sessions.isAlive(createdAt: found.session.createdAt, lastSeenAt: found.session.lastSeenAt, now: now) else {
            return nil
        }
        try await dependencies.store.touchSession(idHash: hash, now: now)
        return found
    }
}

/// Compares two strings without stopping at the first difference.
func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for index in x.indices { difference |= x[index] ^ y[index] }
    return difference == 0
}

/// Signs API requests in with the `wd_session` cookie when no bearer token did, and refuses state-changing requests
/// that do not carry the session's CSRF token. A session waiting for its second factor signs nothing in.
struct SessionAuthenticator: RouterMiddleware {
    typealias Context = DeskRequestContext

    let dependencies: Dependencies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.authentication == nil, let secret = request.cookies[SessionCookie.name]?.value, !secret.isEmpty else {
            return try await next(request, context)
        }
        guard let found = try await SessionCookie.activeSession(secret: secret, dependencies: dependencies) else {
            return try await next(request, context)
        }
        if !Self.isSafe(request.method), !SessionCookie.csrfMatches(request.headers[SessionCookie.csrfHeader], secret: secret) {
            throw DeskError.csrfRejected
        }
        var context = context
        context.authentication = AgentAuthentication(agent: found.agent, credential: .session(found.session))
        return try await next(request, context)
    }

    static func isSafe(_ method: HTTPRequest.Method) -> Bool {
        method == .get || method == .head || method == .options
    }
}
