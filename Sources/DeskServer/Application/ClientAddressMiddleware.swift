import DeskCore
import HTTPTypes
import Hummingbird

/// Works out the client's address once per request (see ``TrustedProxies``): the connection's peer, or behind a
/// trusted reverse proxy the address its `X-Forwarded-For` names. Sign-in records and per-address limits read it as
/// ``DeskRequestContext/clientIP``.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = DeskRequestContext
    let trusted: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let forwarded = request.headers[values: Self.forwardedFor]
        context.clientAddress = trusted.clientAddress(peer: context.remoteAddress?.ipAddress, forwardedFor: forwarded)
        return try await next(request, context)
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
}
