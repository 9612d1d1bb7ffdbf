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
        add(.post, "tickets", createTicket)
        add(.get, "tickets/:ticket", ticket)
        add(.get, "tickets/:ticket/messages", messages)
        add(.post, "tickets/:ticket/messages", reply)
        add(.get, "tickets/:ticket/call-code", callCode)
        add(.get, "tickets/:ticket/attachments/:attachment", download)
        add(.post, "attachments", upload)
        add(.delete, "session", signOut)
    }

    // MARK: Signing in

    /// Sends a code when the email belongs to a customer; answers the same either way.
    @Sendable func sendCode(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: CustomerCodeInput.self, limit: 16 * 1024)
        try await sendCode(to: input.email, clientIP: context.clientIP)
        return try .json(CodeSent(expiresInSeconds: Int(CustomerCodeRules.lifetime)), status: .accepted, headers: [.cacheControl: "no-store"])
    }

    /// Puts a sign-in code for `email` into the outbox when the email belongs to a customer, and does nothing otherwise;
    /// limited per email and per address alike, so nobody learns which emails are known. The support pages use it too.
    func sendCode(to email: EmailAddress, clientIP: String) async throws {
        try await SessionsController(dependencies: dependencies).checkThrottle(
            keys: [CustomerCodeRules.counterKey(email), FailureCounter.address(clientIP)], policy: CustomerCodeRules.throttle
        )
        // Counted before looking the email up, so known and unknown emails are limited (and answered) alike.
        let now = dependencies.now()
        let limits = [
            CustomerCodeSendRules.emailKey(email): CustomerCodeSendRules.perEmail,
            CustomerCodeSendRules.addressKey(clientIP): CustomerCodeSendRules.perAddress,
        ]
        if let retryAt = try await dependencies.store.claimSend(limits, memory: CustomerCodeSendRules.memory, now: now) {
            // Stored times are whole microseconds; the millisecond of slack keeps "60.0000004 s" from reading as 61.
            throw DeskError.tooManyCodeRequests(retryAfterSeconds: Int(max(1, (retryAt.timeIntervalSince(now) - 0.001).rounded(.up))))
        }
        if let customer = try await dependencies.store.customer(email: email) {
            let code = Self.newCode()
            try await dependencies.store.issueCustomerCode(
                to: customer, email: email, codeHash: Self.codeHash(code, email: email),
                message: CustomerNotice.signInCode(code).message(in: customer.language), now: now
            )
        }
    }

    @Sendable func signInWithCode(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: CustomerSignInInput.self, limit: 16 * 1024)
        let customer = try await customer(provingCode: input.code, email: input.email, request: request, clientIP: context.clientIP)
        return try await startSession(for: customer, method: "email-code", request: request)
    }

    /// The customer whose unused code for `email` this is; a wrong code is counted against the email and the address
    /// (``DeskError/invalidCode``, or ``DeskError/tooManyAttempts(retryAfterSeconds:)`` once locked).
    func customer(provingCode code: String, email: EmailAddress, request: Request, clientIP: String) async throws -> Customer {
        let now = dependencies.now()
        var attempt = SignInAttempt(
            agentID: nil, email: email.rawValue, ip: clientIP, userAgent: SessionsController.cleanUserAgent(request.headers[.userAgent]),
            language: request.language, at: now
        )
        attempt.accountKey = CustomerCodeRules.counterKey(email)
        try await SessionsController(dependencies: dependencies).checkThrottle(keys: attempt.counterKeys, policy: CustomerCodeRules.throttle)
        let digits = code.filter { !$0.isWhitespace }
        guard digits.count == CustomerCodeRules.digits, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let customerID = try await dependencies.store.useCustomerCode(email: email, codeHash: Self.codeHash(digits, email: email), now: now)
        else {
            _ = try await dependencies.store.recordFailedSignIn(
                attempt, reason: "wrong-customer-code", lockReason: "too-many-codes", policy: CustomerCodeRules.throttle
            )
            throw DeskError.invalidCode
        }
        return try await dependencies.store.customer(customerID)
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
        let now = dependencies.now()
        let secret = try await newSession(for: customer, method: method, now: now)
        let body = CustomerSessionResource(
            customer: CustomerSelfResource(customer, verifiedByWallet: try await dependencies.store.isVerifiedByWallet(customer.id)),
            csrfToken: CustomerCookie.csrfToken(for: secret), expiresAt: dependencies.accounts.customerSessions.expiry(createdAt: now, lastSeenAt: now)
        )
        return try .json(
            body, headers: [.setCookie: CustomerCookie.setCookie(secret, request: request, settings: dependencies.accounts), .cacheControl: "no-store"]
        )
    }

    /// Starts a customer session and returns its secret (the `wd_customer` cookie's value); only its hash is stored.
    func newSession(for customer: Customer, method: String, now: Date) async throws -> String {
        let secret = CustomerCookie.newSecret()
        try await dependencies.store.startCustomerSession(
            CustomerSession(idHash: Secrets.sha256Hex(secret), customerID: customer.id, method: method, createdAt: now, lastSeenAt: now)
        )
        return secret
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

    var doors: TicketsController { TicketsController(dependencies: dependencies, metrics: DeskMetrics.shared) }

    /// A new request from the customer (the wallet app's help screen): the same checks and limits as the support pages'
    /// form, with channel `api`.
    @Sendable func createTicket(_ request: Request, context: CustomerRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: CustomerTicketInput.self, limit: dependencies.limits.jsonBodyBytes)
        let customer = context.customer
        try await SupportPages(dependencies: dependencies, metrics: DeskMetrics.shared).claimRequest(email: customer.email, clientIP: context.clientIP)
        var draft = try SupportPages.draft(
            subject: input.subject, text: input.text, category: input.category?.rawValue, name: nil, email: customer.email, customer: customer,
            channel: .api, language: customer.language
        )
        draft.firstMessage.attachmentIDs = try await ownUploads(input.attachmentIds, of: customer.id)
        let caller = Caller(actor: .customer(customer.id), logger: context.logger)
        let (ticket, message) = try await doors.openTicket(draft, language: customer.language, requestLanguage: request.language, by: caller)
        return try .json(
            CustomerTicketWithMessage(ticket: CustomerTicketResource(ticket), message: CustomerMessageResource(message, agentName: nil, ticket: ticket.number)),
            status: .created, headers: [.location: "/api/v1/customer/tickets/\(ticket.number)"]
        )
    }

    /// The public conversation of one of the customer's tickets, oldest first (never internal notes).
    @Sendable func messages(_ request: Request, context: CustomerRequestContext) async throws -> Response {
        let ticket = try await ownTicket(context)
        var names: [UUID: String] = [:]
        var items: [CustomerMessageResource] = []
        for message in try await dependencies.store.messages(of: ticket.number, includeInternal: false) where message.visibility == .public {
            var name: String?
            if message.authorKind == .agent, let id = message.authorID {
                if names[id] == nil { names[id] = try? await dependencies.store.agent(AgentID(rawValue: id)).name }
                name = names[id]
            }
            items.append(CustomerMessageResource(message, agentName: name, ticket: ticket.number))
        }
        return try .json(PageResource(items: items, nextCursor: nil), headers: [.cacheControl: "no-store"])
    }

    /// The customer's reply: reopens a pending or solved ticket; on a closed one it starts a follow-up (the answer's
    /// `ticket` is then the follow-up).
    @Sendable func reply(_ request: Request, context: CustomerRequestContext) async throws -> Response {
        let ticket = try await ownTicket(context)
        var request = request
        let input = try await request.decodeJSON(as: CustomerReplyInput.self, limit: dependencies.limits.jsonBodyBytes)
        let caller = Caller(actor: .customer(context.customer.id), logger: context.logger)
        let files = try await ownUploads(input.attachmentIds, of: context.customer.id)
        let (message, updated) = try await doors.post(
            MessageInput(customerText: input.text, attachmentIds: files), to: ticket.number, requestLanguage: request.language, by: caller
        )
        return try .json(
            CustomerMessageWithTicket(message: CustomerMessageResource(message, agentName: nil, ticket: updated.number), ticket: CustomerTicketResource(updated)),
            status: .created
        )
    }

    /// The ticket the path names, when it is the signed-in customer's; someone else's ticket looks exactly like no ticket.
    func ownTicket(_ context: CustomerRequestContext) async throws -> Ticket {
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
        return Response(status: .noContent, headers: [.setCookie: CustomerCookie.clearCookie()])
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

struct CustomerTicketInput: JSONBody {
    var subject: String?
    var text: String
    var category: TicketCategory?
    /// The customer's own uploads (`POST /api/v1/customer/attachments`), at most ``SupportUploads/maxFiles``.
    var attachmentIds: [AttachmentID]

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["subject", "text", "category", "attachmentIds"])
        subject = try json.string("subject")
        text = try json.required("text", json.string)
        category = try json.value("category")
        attachmentIds = try json.ids("attachmentIds") ?? []
        guard attachmentIds.count <= SupportUploads.maxFiles else { throw DeskError.invalidField(json.field("attachmentIds"), reason: .tooMany) }
    }
}

struct CustomerReplyInput: JSONBody {
    var text: String
    var attachmentIds: [AttachmentID]

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["text", "attachmentIds"])
        text = try json.required("text", json.string)
        attachmentIds = try json.ids("attachmentIds") ?? []
        guard attachmentIds.count <= SupportUploads.maxFiles else { throw DeskError.invalidField(json.field("attachmentIds"), reason: .tooMany) }
    }
}

/// A message as its customer sees it: who wrote it (themselves, an agent by name, or a system notice), the text and
/// its files.
struct CustomerMessageResource: Codable, Sendable {
    var id: String
    var from: AuthorKind
    var agentName: String?
    var text: String
    var attachments: [CustomerAttachmentResource]
    var createdAt: Date

    init(_ message: Message, agentName: String?, ticket: TicketNumber) {
        id = message.id.description
        from = message.authorKind
        self.agentName = agentName
        text = message.bodyText
        attachments = message.attachments.map { CustomerAttachmentResource($0, ticket: ticket) }
        createdAt = message.createdAt
    }
}

struct CustomerTicketWithMessage: Codable, Sendable {
    var ticket: CustomerTicketResource
    var message: CustomerMessageResource
}

struct CustomerMessageWithTicket: Codable, Sendable {
    var message: CustomerMessageResource
    var ticket: CustomerTicketResource
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
