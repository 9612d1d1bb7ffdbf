import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// `/api/v1/customers/{customer}/anti-phishing-phrase`: an agent sets the customer's personal phrase at the customer's
/// request. The phrase is stored but never logged or returned: agents see it masked.
struct AntiPhishingController {
    let dependencies: Dependencies

    func addRoutes(to routes: GuardedRoutes) {
        routes.get("customers/:customer/anti-phishing-phrase", .readCustomers, use: get)
        routes.on(.put, "customers/:customer/anti-phishing-phrase", .writeCustomers, use: set)
        routes.delete("customers/:customer/anti-phishing-phrase", .writeCustomers, use: remove)
    }

    func customerID(_ context: AgentRequestContext) throws -> CustomerID {
        guard let raw = context.parameters.get("customer"), let id = CustomerID(raw) else { throw DeskError.notFound(entity: "customer") }
        return id
    }

    @Sendable func get(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try customerID(context)
        _ = try await dependencies.store.customer(id)
        let phrase = try await dependencies.store.antiPhishingPhrase(of: id)
        return try .json(PhraseResource(customerId: id.description, set: phrase != nil, masked: phrase?.masked))
    }

    @Sendable func set(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try customerID(context)
        var request = request
        let input = try await request.decodeJSON(as: PhraseInput.self, limit: 4 * 1024)
        // The phrase is validated (and refused when it holds a secret) before anything is stored.
        let phrase = try AntiPhishingPhrase(input.phrase)
        try await dependencies.store.setAntiPhishingPhrase(phrase, for: id, now: dependencies.now())
        return try .json(PhraseResource(customerId: id.description, set: true, masked: phrase.masked))
    }

    @Sendable func remove(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try await dependencies.store.setAntiPhishingPhrase(nil, for: try customerID(context), now: dependencies.now())
        return Response(status: .noContent)
    }
}

struct PhraseInput: JSONBody {
    var phrase: String

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["phrase"])
        phrase = try json.required("phrase", json.string)
    }
}

/// The phrase as agents see it: whether one is set, and masked.
struct PhraseResource: Codable, Sendable {
    var customerId: String
    var set: Bool
    var masked: String?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(customerId, forKey: .customerId)
        try c.encode(set, forKey: .set)
        try c.encode(masked, forKey: .masked)
    }
}

/// The outbound step: what a message looks like when it leaves for the customer. Email, chat, Telegram and WeChat
/// channels call ``prepare(_:)`` just before sending; the stored message is never changed.
struct OutboundMessages {
    let dependencies: Dependencies

    /// The body to send: the customer's anti-phishing phrase first (if set), the message, and for agent messages
    /// the verification code the customer can check on /verify. Internal notes are never sent: nil.
    func prepare(_ message: Message) async throws -> MessageBody? {
        guard message.visibility == .public, message.authorKind != .customer else { return nil }
        let ticket = try await dependencies.store.ticket(message.ticket)
        let customer = try await dependencies.store.customer(ticket.requesterID)
        let phrase = try await dependencies.store.antiPhishingPhrase(of: customer.id)
        let key = try await dependencies.safetyKeys.messageKey(store: dependencies.store)
        let code = TicketsController.resource(message, key: key).verification
        var body = try MessageBody(text: message.bodyText, html: nil)
        body.html = message.bodyHTML
        return OutboundDecoration.decorate(body, phrase: phrase, verificationCode: code, language: customer.language)
    }
}
