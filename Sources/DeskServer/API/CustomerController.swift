import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// Customers: sign-in with a one-time email code or the wallet app, and their own tickets (`/api/v1/customer/…`).
///
/// Anything that is not the signed-in customer's own answers 404, exactly like something that does not exist.
struct CustomerController {
    let dependencies: Dependencies

    func addPublicRoutes(to router: Router<DeskRequestContext>) {
        router.post("api/v1/customer/code", use: sendCode)
        router.post("api/v1/customer/sign-in", use: signInWithCode)
        router.post("api/v1/customer/sso", use: signInWithWallet)
    }

    func addRoutes(to group: RouterGroup<CustomerRequestContext>, registry: RouteRegistry) {
        func add(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping @Sendable (Request, CustomerRequestContext) async throws -> Response) {
            registry.addCustomer(.init(method: method.rawValue, path: "/api/v1/customer/\(path)"))
            group.on(RouterPath(path), method: method, use: handler)
        }
        add(.get, "tickets", tickets)
        add(.get, "tickets/:ticket", ticket)
        add(.get, "tickets/:ticket/call-code", callCode)
        add(.delete, "session", signOut)
    }

    // MARK: Signing in

    /// Sends a code when the email belongs to a customer; answers the same either way.
    @Sendable func sendCode(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: CustomerCodeInput.self, limit: 16 * 1024)
        try await SessionsController(dependencies: dependencies).checkThrottle(
            keys: [CustomerCodeRules.counterKey(input.email), FailureCounter.address(context.clientIP)], policy: CustomerCodeRules.throttle
        )
        // Counted before looking the email up, so known and unknown emails are limited (and answered) alike.
        let now = dependencies.now()
        let limits = [
            CustomerCodeSendRules.emailKey(input.email): CustomerCodeSendRules.perEmail,
            CustomerCodeSendRules.addressKey(context.clientIP): CustomerCodeSendRules.perAddress,
        ]
        if let retryAt = try await dependencies.store.claimSend(limits, memory: CustomerCodeSendRules.memory, now: now) {
            // Stored times are whole microseconds; the millisecond of slack keeps "60.0000004 s" from reading as 61.
            throw DeskError.tooManyCodeRequests(retryAfterSeconds: Int(max(1, (retryAt.timeIntervalSince(now) - 0.001).rounded(.up))))
        }
        if let customer = try await dependencies.store.customer(email: input.email) {
            let code = Self.newCode()
            try await dependencies.store.issueCustomerCode(
                to: customer, email: input.email, codeHash: Self.codeHash(code, email: input.email),
                message: CustomerNotice.signInCode(code).message(in: customer.language), now: now
            )
        }
        return try .json(CodeSent(expiresInSeconds: Int(CustomerCodeRules.lifetime)), status: .accepted, headers: [.cacheControl: "no-store"])
    }

    @Sendable func signInWithCode(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: CustomerSignInInput.self, limit: 16 * 1024)
        let now = dependencies.now()
        var attempt = SignInAttempt(
            agentID: nil, email: input.email.rawValue, ip: context.clientIP, userAgent: SessionsController.cleanUserAgent(request.headers[.userAgent]),
            language: request.language, at: now
        )
        attempt.accountKey = CustomerCodeRules.counterKey(input.email)
        try await SessionsController(dependencies: dependencies).checkThrottle(keys: attempt.counterKeys, policy: CustomerCodeRules.throttle)
        let digits = input.code.filter { !$0.isWhitespace }
        guard digits.count == CustomerCodeRules.digits, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let customerID = try await dependencies.store.useCustomerCode(email: input.email, codeHash: Self.codeHash(digits, email: input.email), now: now)
        else {
            _ = try await dependencies.store.recordFailedSignIn(
                attempt, reason: "wrong-customer-code", lockReason: "too-many-codes", policy: CustomerCodeRules.throttle
            )
            throw DeskError.invalidCode
        }
        return try await startSession(for: try await dependencies.store.customer(customerID), method: "email-code", request: request)
    }

    @Sendable func signInWithWallet(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: WalletSSOInput.self, limit: 16 * 1024)
        guard let verifier = dependencies.accounts.walletSSO else { throw DeskError.ssoRefused(.notConfigured) }
        let identity = try await verifier.verify(input.token, now: dependencies.now())
        let customer = try await dependencies.store.acceptWalletIdentity(identity, now: dependencies.now())
        return try await startSession(for: customer, method: "wallet-sso", request: request)
    }

    func startSession(for customer: Customer, method: String, request: Request) async throws -> Response {
        let secret = CustomerCookie.newSecret()
        let now = dependencies.now()
        try await dependencies.store.startCustomerSession(
            CustomerSession(idHash: Secrets.sha256Hex(secret), customerID: customer.id, method: method, createdAt: now, lastSeenAt: now)
        )
        let body = CustomerSessionResource(
            customer: CustomerSelfResource(customer, verifiedByWallet: try await dependencies.store.isVerifiedByWallet(customer.id)),
            csrfToken: CustomerCookie.csrfToken(for: secret), expiresAt: dependencies.accounts.customerSessions.expiry(createdAt: now, lastSeenAt: now)
        )
        return try .json(
            body, headers: [.setCookie: CustomerCookie.setCookie(secret, request: request, settings: dependencies.accounts), .cacheControl: "no-store"]
        )
    }

    static func newCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let text = String(generator.next(upperBound: UInt(1_000_000)))
        return String(repeating: "0", count: CustomerCodeRules.digits - text.count) + text
    }

    static func codeHash(_ code: String, email: EmailAddress) -> String {
        Secrets.sha256Hex("customer-code\u{0}" + email.rawValue.lowercased() + "\u{0}" + code)
    }

    // MARK: The customer's own things

    @Sendable func tickets(_ request: Request, context: CustomerRequestContext) async throws -> Response {
        var query = TicketQuery()
        query.requesterID = context.customer.id
        query.limit = 100
        let page = try await dependencies.store.tickets(matching: query)
        return try .json(PageResource(items: page.items.map(CustomerTicketResource.init), nextCursor: nil))
    }

    @Sendable func ticket(_ request: Request, context: CustomerRequestContext) async throws -> Response {
        try .json(CustomerTicketResource(try await ownTicket(context)))
    }

    /// The ticket the path names, when it is the signed-in customer's; someone else's ticket looks exactly like no ticket.
    private func ownTicket(_ context: CustomerRequestContext) async throws -> Ticket {
        let number = try context.ticketNumber()
        let ticket: Ticket
        do {
            ticket = try await dependencies.store.ticket(number)
        } catch DeskError.ticketMerged {
            throw DeskError.notFound(entity: "ticket")
        }
        guard ticket.requesterID == context.customer.id else { throw DeskError.notFound(entity: "ticket") }
        return ticket
    }

    /// The code the customer reads out when an agent calls about this ticket (the agent compares it with their copy),
    /// with the agent's name; 404 when no call codes are live.
    @Sendable func callCode(_ request: Request, context: CustomerRequestContext) async throws -> Response {
        let ticket = try await ownTicket(context)
        guard let live = try await dependencies.store.customerCallCode(
            ticket: ticket.number, now: dependencies.now(), maxAttempts: AgentVerificationController.maxCallAttempts
        ) else { throw DeskError.notFound(entity: "call-code") }
        // Codes made by a build that stored them in the clear live ten minutes at most; they still show during an upgrade.
        let code = try dependencies.accounts.secretSealer.open(
            live.sealedCode, owner: AgentVerificationController.customerCodeOwner(ticket.number), acceptingPlaintext: true
        )
        let agent = try await dependencies.store.agent(live.agent)
        return try .json(
            CustomerCallCodeResource(ticketId: ticket.number.description, code: code, agentName: agent.name, expiresAt: live.expiresAt),
            headers: [.cacheControl: "no-store"]
        )
    }

    @Sendable func signOut(_ request: Request, context: CustomerRequestContext) async throws -> Response {
        try await dependencies.store.endCustomerSession(idHash: context.session.idHash, now: dependencies.now())
        return Response(status: .noContent, headers: [.setCookie: "\(CustomerCookie.name)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"])
    }
}

struct CustomerCodeInput: JSONBody {
    var email: EmailAddress

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["email"])
        email = try json.required("email") { key throws(DeskError) in try json.value(key, as: EmailAddress.self) }
    }
}

struct CustomerSignInInput: JSONBody {
    var email: EmailAddress
    var code: String

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["email", "code"])
        email = try json.required("email") { key throws(DeskError) in try json.value(key, as: EmailAddress.self) }
        code = try json.required("code", json.string)
    }
}

struct WalletSSOInput: JSONBody {
    var token: String

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["token"])
        token = try json.required("token", json.string)
    }
}

struct CustomerCallCodeResource: Encodable, Sendable {
    var ticketId: String
    var code: String
    var agentName: String
    var expiresAt: Date
}

struct CodeSent: Codable, Sendable {
    var expiresInSeconds: Int
}

struct CustomerSelfResource: Codable, Sendable {
    var id: String
    var name: String?
    var email: String?
    var language: Language
    var verifiedByWallet: Bool

    init(_ customer: Customer, verifiedByWallet: Bool) {
        id = customer.id.description
        name = customer.name
        email = customer.email?.rawValue
        language = customer.language
        self.verifiedByWallet = verifiedByWallet
    }
}

struct CustomerSessionResource: Codable, Sendable {
    var customer: CustomerSelfResource
    /// Send as `X-CSRF-Token` with state-changing requests made with the customer cookie.
    var csrfToken: String
    var expiresAt: Date
}

/// A ticket as its requester sees it: no assignee, team, tags or internal fields.
struct CustomerTicketResource: Codable, Sendable {
    var id: String
    var subject: String
    var status: TicketStatus
    var category: TicketCategory
    var createdAt: Date
    var updatedAt: Date

    init(_ ticket: Ticket) {
        id = ticket.number.description
        subject = ticket.subject
        status = ticket.status
        category = ticket.category
        createdAt = ticket.createdAt
        updatedAt = ticket.updatedAt
    }
}
