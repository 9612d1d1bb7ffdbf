import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// The outbox as admins see it (`GET /api/v1/outbox`): what is queued, being sent, sent and given up on, with the
/// recipient masked and never the subject or body (a customer's one-time code is in them).
struct OutboxController {
    let dependencies: Dependencies

    func addRoutes(to routes: GuardedRoutes) {
        routes.get("outbox", .readOutbox, use: list)
    }

    @Sendable func list(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let state = try request.query("state") { OutboxState(rawValue: $0) }
        let limit = try request.query("limit") { Int($0).flatMap { (1...200).contains($0) ? $0 : nil } } ?? 50
        let page = try await dependencies.store.outboxEntries(
            state: state, now: dependencies.now(), after: try request.query("cursor", Cursor.decode), limit: limit
        )
        return try .json(PageResource(items: page.items.map(OutboxResource.init), nextCursor: Cursor.encode(page.nextCursor)), headers: [.cacheControl: "no-store"])
    }
}

struct OutboxResource: Codable, Sendable {
    var id: String
    var createdAt: Date
    var channel: String
    /// Masked: `a***@example.com`.
    var recipient: String
    var language: String
    var kind: String
    var state: String
    var attempts: Int
    var nextAttemptAt: Date?
    var lastError: String?
    var sentAt: Date?
    var failedAt: Date?

    init(_ entry: OutboxEntry) {
        id = entry.id
        createdAt = entry.createdAt
        channel = entry.channel
        recipient = PIIMask.email(entry.recipient)
        language = entry.language.rawValue
        kind = entry.kind
        state = entry.state.rawValue
        attempts = entry.attempts
        nextAttemptAt = entry.nextAttemptAt
        lastError = entry.lastError
        sentAt = entry.sentAt
        failedAt = entry.failedAt
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(channel, forKey: .channel)
        try c.encode(recipient, forKey: .recipient)
        try c.encode(language, forKey: .language)
        try c.encode(kind, forKey: .kind)
        try c.encode(state, forKey: .state)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(nextAttemptAt, forKey: .nextAttemptAt)
        try c.encode(lastError, forKey: .lastError)
        try c.encode(sentAt, forKey: .sentAt)
        try c.encode(failedAt, forKey: .failedAt)
    }
}
