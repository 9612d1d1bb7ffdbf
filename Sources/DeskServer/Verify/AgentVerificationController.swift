import Crypto
import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// Proving an agent is genuine: message verification codes and one-time phone call codes.
///
/// - `GET /api/v1/verify/message?code=…` (public): whether a code belongs to a genuine public agent message, and which
///   agent (by name) sent it.
/// - `POST /api/v1/tickets/{ticket}/call-codes` (agent): a pair of six-digit codes for a phone call on the ticket. The
///   agent reads `agentCode` out; the customer reads `customerCode` out, from
///   `GET /api/v1/customer/tickets/{ticket}/call-code`.
/// - `POST /api/v1/verify/call` (public): checks an agent code for a ticket; valid for 10 minutes, used once, and
///   burnt after five wrong tries.
struct AgentVerificationController {
    let dependencies: Dependencies

    static let callCodeLifetime: TimeInterval = 600
    static let maxCallAttempts = 5

    func addPublicRoutes(to router: Router<DeskRequestContext>) {
        router.get("api/v1/verify/message", use: verifyMessageJSON)
        router.post("api/v1/verify/call", use: verifyCallJSON)
    }

    func addRoutes(to routes: GuardedRoutes) {
        routes.post(":ticket/call-codes", .writeTickets, use: createCallCodes)
    }

    // MARK: - Message codes

    /// The answer for a message code: the agent's name and when, or nil when no genuine message has this code.
    func checkMessageCode(_ text: String) async throws -> (agentName: String, sentAt: Date)? {
        guard let code = AgentVerification.normaliseMessageCode(text), let record = try await dependencies.store.messageCode(code) else { return nil }
        // Recompute rather than trust the table alone: a row written behind the application's back does not verify.
        let key = try await dependencies.safetyKeys.messageKey(store: dependencies.store)
        guard AgentVerification.messageCode(message: record.message, agent: record.agent, ticket: record.ticket, key: key) == code else { return nil }
        let agent = try await dependencies.store.agent(record.agent)
        return (agent.name, record.at)
    }

    @Sendable func verifyMessageJSON(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let text = request.formQuery("code"), !text.isEmpty else { throw DeskError.invalidField("code", reason: .required) }
        guard text.count <= 64 else { throw DeskError.invalidField("code", reason: .tooLong) }
        try dependencies.publicChecks.admit(context.clientIP, now: dependencies.now())
        let language = request.language
        let result = try await checkMessageCode(text)
        var response = try Response.json(CodeCheckResource(genuine: result != nil, agentName: result?.agentName, at: result?.sentAt, language: language, kind: "message"))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    // MARK: - Call codes

    @Sendable func createCallCodes(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let ticket = try context.ticketNumber()
        let now = dependencies.now()
        let key = try await dependencies.safetyKeys.messageKey(store: dependencies.store)
        let agentCode = AgentVerification.newCallCode()
        var customerCode = AgentVerification.newCallCode()
        while customerCode == agentCode { customerCode = AgentVerification.newCallCode() }
        let expires = now.addingTimeInterval(Self.callCodeLifetime)
        try await dependencies.store.createCallCodes(
            CallCodeRecord(
                id: FastUUID.format(FastUUID.random()), ticket: ticket, agent: context.agent.id,
                agentCodeHash: AgentVerification.callCodeHash(agentCode, ticket: ticket, key: key),
                sealedCustomerCode: dependencies.accounts.secretSealer.seal(customerCode, owner: Self.customerCodeOwner(ticket)),
                createdAt: now, expiresAt: expires
            )
        )
        return try .json(CallCodesResource(ticketId: ticket.description, agentCode: agentCode, customerCode: customerCode, expiresAt: expires), status: .created)
    }

    /// What the customer's half of a call-code pair is sealed to: it is stored only sealed (AES-GCM with the server's
    /// key, bound to the ticket), so a copy of the database does not hold live codes in the clear.
    static func customerCodeOwner(_ ticket: TicketNumber) -> String { "call-code:\(ticket)" }

    func checkCallCode(ticket text: String, code: String) async throws -> (check: CallCodeCheck, agentName: String?) {
        // An unknown ticket answers like a ticket without live codes, so the check tells nobody which tickets exist.
        guard let ticket = TicketNumber(parsing: text), code.filter(\.isNumber).count == 6, code.count <= 16 else { return (.none, nil) }
        let key = try await dependencies.safetyKeys.messageKey(store: dependencies.store)
        let check = try await dependencies.store.checkCallCode(
            ticket: ticket, agentCodeHash: AgentVerification.callCodeHash(code, ticket: ticket, key: key), now: dependencies.now(),
            maxAttempts: Self.maxCallAttempts
        )
        if case .genuine(let agent) = check { return (check, try await dependencies.store.agent(agent).name) }
        return (check, nil)
    }

    @Sendable func verifyCallJSON(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: CallCheckInput.self, limit: 4 * 1024)
        try dependencies.publicChecks.admit(context.clientIP, now: dependencies.now())
        let (check, agentName) = try await checkCallCode(ticket: input.ticket, code: input.code)
        var resource = CodeCheckResource(genuine: agentName != nil, agentName: agentName, at: nil, language: request.language, kind: "call")
        if case .wrong(let remaining) = check { resource.remainingAttempts = remaining }
        var response = try Response.json(resource)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

struct CallCheckInput: JSONBody {
    var ticket: String
    var code: String

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["ticket", "code"])
        ticket = try json.required("ticket", json.string)
        code = try json.required("code", json.string)
    }
}

/// A new pair of call codes.
struct CallCodesResource: Codable, Sendable {
    var ticketId: String
    var agentCode: String
    var customerCode: String
    var expiresAt: Date
}

/// The answer of a message-code or call-code check, localised.
struct CodeCheckResource: Encodable, Sendable {
    var genuine: Bool
    var agentName: String?
    var at: Date?
    var title: String
    var advice: String
    var remainingAttempts: Int?

    init(genuine: Bool, agentName: String?, at: Date?, language: Language, kind: String) {
        self.genuine = genuine
        self.agentName = agentName
        self.at = at
        let l = Localizer.shared
        title = genuine ? l.format("code.genuine", language, agentName ?? "") : l.text("code.not-genuine", language)
        advice = l.text(genuine ? "advice.verified" : "code.\(kind)-not-genuine-advice", language)
    }

    enum CodingKeys: String, CodingKey { case genuine, agentName, at, title, advice, remainingAttempts }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(genuine, forKey: .genuine)
        try c.encode(agentName, forKey: .agentName)
        try c.encode(at, forKey: .at)
        try c.encode(title, forKey: .title)
        try c.encode(advice, forKey: .advice)
        try c.encode(remainingAttempts, forKey: .remainingAttempts)
    }
}
