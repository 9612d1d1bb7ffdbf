import DeskCore
import DeskStore
import Foundation
import Hummingbird
import Synchronization

/// Finds the agent behind `Authorization: Bearer wd_…` and puts them into the request context.
///
/// Lookups are cached for a few seconds per node because every API call carries a token. Revoking a token or changing
/// an agent clears the cache on the node that did it at once, and on other nodes when PostgreSQL's NOTIFY arrives
/// (`EventFeed.onAccessChange`); ``cacheLifetime`` bounds the rest (a notification lost while LISTEN reconnects).
struct TokenAuthenticator: RouterMiddleware {
    typealias Context = DeskRequestContext

    static let cacheLifetime: Duration = .seconds(5)

    let store: any Store
    let cache: TokenCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw DeskError.unauthorized }
            let hash = Secrets.sha256Hex(String(parts[1].trimmingWhitespace()))
            guard let authentication = try await authenticate(hash: hash) else { throw DeskError.unauthorized }
            context.authentication = AgentAuthentication(agent: authentication.agent, credential: .token(authentication.token))
        }
        return try await next(request, context)
    }

    private func authenticate(hash: String) async throws -> AuthenticatedToken? {
        let now = ContinuousClock.now
        if let cached = cache.entries.withLock({ $0[hash] }), cached.expires > now { return cached.authentication }
        guard let authentication = try await store.authenticate(tokenHash: hash) else { return nil }
        cache.entries.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[hash] = (authentication, now + Self.cacheLifetime)
        }
        // "Last used" is kept to the minute; a failure here must not fail the request.
        try? await store.touchToken(authentication.token.id, now: Date())
        return authentication
    }
}

/// Recently seen tokens and their agents.
final class TokenCache: Sendable {
    let entries = Mutex<[String: (authentication: AuthenticatedToken, expires: ContinuousClock.Instant)]>([:])

    /// Forgets everything, so a revocation or role change made on this node applies to this node at once.
    func clear() {
        entries.withLock { $0.removeAll() }
    }
}
