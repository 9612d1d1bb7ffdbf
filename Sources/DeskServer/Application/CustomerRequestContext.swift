import DeskCore
import DeskStore
import Hummingbird
import NIOCore

/// The context of the customer's own routes (`/api/v1/customer/…`): the signed-in customer is known.
///
/// Everything a customer asks about that is not theirs answers 404, never 403, so nothing can be probed.
public struct CustomerRequestContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let customer: Customer
    public let session: CustomerSession
    /// The caller's address, for per-address limits (see ``DeskRequestContext/clientIP``).
    let clientIP: String

    public init(context: DeskRequestContext) throws {
        guard let customer = context.customer else { throw DeskError.unauthorized }
        self.coreContext = context.coreContext
        self.clientIP = context.clientIP
        self.customer = customer.customer
        self.session = customer.session
    }
}

/// The customer session cookie (`wd_customer`), separate from the agents' so the two never mix.
enum CustomerCookie {
    static let name = "wd_customer"

    static func newSecret() -> String { "wdc_" + Secrets.base64url(Secrets.randomBytes(32)) }

    static func csrfToken(for secret: String) -> String { Secrets.sha256Hex("walletdesk-customer-csrf\u{0}" + secret) }

    /// The live session behind a cookie value, its last use moved to now; nil when there is none or it has expired.
    static func activeSession(secret: String, dependencies: Dependencies) async throws -> (customer: Customer, session: CustomerSession)? {
        guard secret.hasPrefix("wdc_"), secret.count < 100 else { return nil }
        let hash = Secrets.sha256Hex(secret)
        let now = dependencies.now()
        guard let found = try await dependencies.store.customerSession(idHash: hash),
            dependencies.accounts.customerSessions.isAlive(createdAt: found.session.createdAt, lastSeenAt: found.session.lastSeenAt, now: now)
        else { return nil }
        try await dependencies.store.touchCustomerSession(idHash: hash, now: now)
        return found
    }

    static func clearCookie() -> String { "\(name)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" }

    static func setCookie(_ secret: String, request: Request, settings: AccountSettings) -> String {
        var cookie = "\(name)=\(secret); Path=/; HttpOnly; SameSite=Lax; Max-Age=\(Int(settings.customerSessions.absolute))"
        if SessionCookie.isSecure(request, settings: settings) { cookie += "; Secure" }
        return cookie
    }
}

/// Signs customer routes in with the `wd_customer` cookie; state-changing requests need the session's CSRF token.
struct CustomerAuthenticator: RouterMiddleware {
    typealias Context = DeskRequestContext

    let dependencies: Dependencies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let secret = request.cookies[CustomerCookie.name]?.value,
            let found = try await CustomerCookie.activeSession(secret: secret, dependencies: dependencies)
        else { return try await next(request, context) }
        if !SessionAuthenticator.isSafe(request.method), !constantTimeEquals(request.headers[SessionCookie.csrfHeader] ?? "", CustomerCookie.csrfToken(for: secret)) {
            throw DeskError.csrfRejected
        }
        var context = context
        context.customer = (found.customer, found.session)
        return try await next(request, context)
    }
}
