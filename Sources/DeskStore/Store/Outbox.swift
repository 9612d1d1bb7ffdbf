import DeskCore
import Foundation
import SQLKit

/// An outbox row a node has claimed for delivery: nobody else sends it until the lease runs out or the claim ends.
public struct ClaimedOutboxMessage: Sendable, Equatable {
    public var message: OutboxMessage
    /// Attempts made before this one.
    public var attempts: Int
    /// Proves the claim is still this node's when the outcome is recorded.
    public var claimToken: String
}

/// Where an outbox row stands.
public enum OutboxState: String, Sendable, CaseIterable, Codable {
    /// Waiting for its (next) attempt.
    case queued
    /// Claimed by a node that is sending it now.
    case sending
    case sent
    /// Given up on: a permanent refusal, or too many transient failures.
    case failed
}

/// An outbox row as admins see it: never the body (it may hold a one-time code).
public struct OutboxEntry: Sendable, Equatable {
    public var id: String
    public var createdAt: Date
    public var channel: String
    public var recipient: String
    public var language: Language
    public var kind: String
    public var state: OutboxState
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?
    public var sentAt: Date?
    public var failedAt: Date?
}

/// What became of one delivery attempt.
public enum DeliveryOutcome: Sendable, Equatable {
    case sent
    /// Try again later (4xx, network); `error` is already sanitised.
    case transient(error: String)
    /// Never try again (5xx).
    case permanent(error: String)
}

/// Delivery of the outbox: claims with a lease (safe with several nodes on one database), outcomes, retries.
public protocol OutboxStore: Sendable {
    /// Claims up to `limit` due, unsent, unfailed, unclaimed rows of `channel`, oldest first, until `now + lease`.
    func claimOutbox(channel: String, now: Date, lease: TimeInterval, limit: Int) async throws -> [ClaimedOutboxMessage]
    /// Records the outcome of an attempt and ends the claim. `sent` is recorded whoever holds the claim (the message
    /// left); failures only while the claim is still ours. Returns the row's state afterwards.
    @discardableResult
    func recordDelivery(_ claim: ClaimedOutboxMessage, outcome: DeliveryOutcome, policy: DeliveryPolicy, now: Date) async throws -> OutboxState
    /// Gives claimed rows back untried (shutting down mid-batch).
    func releaseOutbox(_ claims: [ClaimedOutboxMessage]) async throws
    /// Rows newest first, optionally of one state, after the cursor (an id from the previous page).
    func outboxEntries(state: OutboxState?, now: Date, after cursor: String?, limit: Int) async throws -> Page<OutboxEntry>
}

extension SQLDeskStore: OutboxStore {
    public func claimOutbox(channel: String, now: Date, lease: TimeInterval, limit: Int) async throws -> [ClaimedOutboxMessage] {
        let token = FastUUID.format(FastUUID.random())
        let nowValue = now.microseconds
        // Nodes poll several times a second: look on a reader first, so an idle outbox never takes the write lock
        // (SQLite has one writer) or writes anything.
        let due = try await database.read { sql in
            try await sql.raw(
                """
                SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND channel = \(bind: channel)
                  AND (next_attempt_at IS NULL OR next_attempt_at <= \(bind: nowValue)) AND (claimed_until IS NULL OR claimed_until < \(bind: nowValue))
                LIMIT 1
                """
            ).first() != nil
        }
        guard due else { return [] }
        // The conditions are repeated outside the subquery: on PostgreSQL a second node's UPDATE that waited for this
        // one's row locks re-checks them on the new row versions and skips rows claimed meanwhile, so no row is ever
        // claimed twice. SQLite's single writer serialises the statement anyway.
        let rows = try await database.write { sql in
            try await sql.raw(
                """
                UPDATE outbox SET claimed_until = \(bind: now.addingTimeInterval(lease).microseconds), claim_token = \(bind: token)
                WHERE id IN (
                  SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND channel = \(bind: channel)
                    AND (next_attempt_at IS NULL OR next_attempt_at <= \(bind: nowValue))
                    AND (claimed_until IS NULL OR claimed_until < \(bind: nowValue))
                  ORDER BY created_at, id LIMIT \(bind: max(1, min(limit, 500)))
                ) AND sent_at IS NULL AND failed_at IS NULL AND (claimed_until IS NULL OR claimed_until < \(bind: nowValue))
                RETURNING id, created_at, channel, recipient, language, kind, subject, body, attempts
                """
            ).all()
        }
        return try rows.map { row in
            ClaimedOutboxMessage(
                message: OutboxMessage(
                    id: try row.decode(column: "id", as: String.self), createdAt: Date(microseconds: try row.decode(column: "created_at", as: Int64.self)),
                    channel: try row.decode(column: "channel", as: String.self), recipient: try row.decode(column: "recipient", as: String.self),
                    language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
                    kind: try row.decode(column: "kind", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                    body: try row.decode(column: "body", as: String.self)
                ),
                attempts: try row.decode(column: "attempts", as: Int.self), claimToken: token
            )
        }
        .sorted { ($0.message.createdAt, $0.message.id) < ($1.message.createdAt, $1.message.id) }
    }

    public func recordDelivery(_ claim: ClaimedOutboxMessage, outcome: DeliveryOutcome, policy: DeliveryPolicy, now: Date) async throws -> OutboxState {
        let id = claim.message.id
        return try await database.write { sql in
            switch outcome {
            case .sent:
                try await sql.raw(
                    """
                    UPDATE outbox SET sent_at = \(bind: now.microseconds), attempts = attempts + 1, claimed_until = NULL, claim_token = NULL,
                      next_attempt_at = NULL WHERE id = \(bind: id) AND sent_at IS NULL
                    """
                ).run()
                return .sent
            case .transient(let error), .permanent(let error):
                guard let row = try await sql.raw(
                    "SELECT attempts FROM outbox WHERE id = \(bind: id) AND claim_token = \(bind: claim.claimToken) AND sent_at IS NULL\(unsafeRaw: self.dialect.forUpdate)"
                ).first() else { return .queued }
                let attempts = try row.decode(column: "attempts", as: Int.self) + 1
                var givesUp = policy.givesUp(afterAttempts: attempts)
                if case .permanent = outcome { givesUp = true }
                try await sql.raw(
                    """
                    UPDATE outbox SET attempts = \(bind: attempts), last_error = \(bind: DeliveryFailure.sanitize(error)), claimed_until = NULL,
                      claim_token = NULL, failed_at = \(bind: givesUp ? now.microseconds : nil),
                      next_attempt_at = \(bind: givesUp ? nil : now.addingTimeInterval(policy.delay(afterAttempts: attempts)).microseconds)
                    WHERE id = \(bind: id)
                    """
                ).run()
                return givesUp ? .failed : .queued
            }
        }
    }

    public func releaseOutbox(_ claims: [ClaimedOutboxMessage]) async throws {
        guard !claims.isEmpty else { return }
        try await database.write { sql in
            for claim in claims {
                try await sql.raw(
                    """
                    UPDATE outbox SET claimed_until = NULL, claim_token = NULL WHERE id = \(bind: claim.message.id)
                      AND claim_token = \(bind: claim.claimToken)
                    """
                ).run()
            }
        }
    }

    public func outboxEntries(state: OutboxState?, now: Date, after cursor: String?, limit: Int) async throws -> Page<OutboxEntry> {
        let limit = max(1, min(limit, 200))
        let nowValue = now.microseconds
        return try await database.read { sql in
            var statement = SQLQueryString(
                """
                SELECT id, created_at, channel, recipient, language, kind, attempts, next_attempt_at, claimed_until, last_error, sent_at, failed_at
                FROM outbox WHERE 1 = 1
                """
            )
            switch state {
            case nil: break
            case .sent: statement.appendLiteral(" AND sent_at IS NOT NULL")
            case .failed: statement.appendLiteral(" AND sent_at IS NULL AND failed_at IS NOT NULL")
            case .sending:
                statement.appendLiteral(" AND sent_at IS NULL AND failed_at IS NULL AND claimed_until >= ")
                statement.appendInterpolation(bind: nowValue)
            case .queued:
                statement.appendLiteral(" AND sent_at IS NULL AND failed_at IS NULL AND (claimed_until IS NULL OR claimed_until < ")
                statement.appendInterpolation(bind: nowValue)
                statement.appendLiteral(")")
            }
            if let cursor, let row = try await sql.raw("SELECT created_at FROM outbox WHERE id = \(bind: cursor)").first() {
                let createdAt = try row.decode(column: "created_at", as: Int64.self)
                statement.appendLiteral(" AND (created_at < ")
                statement.appendInterpolation(bind: createdAt)
                statement.appendLiteral(" OR (created_at = ")
                statement.appendInterpolation(bind: createdAt)
                statement.appendLiteral(" AND id < ")
                statement.appendInterpolation(bind: cursor)
                statement.appendLiteral("))")
            }
            statement.appendLiteral(" ORDER BY created_at DESC, id DESC LIMIT ")
            statement.appendInterpolation(bind: limit + 1)
            let rows = try await sql.raw(statement).all()
            func time(_ row: any SQLRow, _ column: String) throws -> Date? {
                try row.decodeNil(column: column) ? nil : Date(microseconds: try row.decode(column: column, as: Int64.self))
            }
            var items: [OutboxEntry] = []
            for row in rows.prefix(limit) {
                let sentAt = try time(row, "sent_at")
                let failedAt = try time(row, "failed_at")
                let claimedUntil = try time(row, "claimed_until")
                let state: OutboxState =
                    if sentAt != nil { .sent } else if failedAt != nil { .failed } else if let claimedUntil, claimedUntil >= now { .sending } else { .queued }
                items.append(
                    OutboxEntry(
                        id: try row.decode(column: "id", as: String.self), createdAt: Date(microseconds: try row.decode(column: "created_at", as: Int64.self)),
                        channel: try row.decode(column: "channel", as: String.self), recipient: try row.decode(column: "recipient", as: String.self),
                        language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
                        kind: try row.decode(column: "kind", as: String.self), state: state, attempts: try row.decode(column: "attempts", as: Int.self),
                        nextAttemptAt: state == .queued ? try time(row, "next_attempt_at") : nil,
                        lastError: try row.decodeNil(column: "last_error") ? nil : try row.decode(column: "last_error", as: String.self),
                        sentAt: sentAt, failedAt: failedAt
                    )
                )
            }
            return Page(items: items, nextCursor: rows.count > limit ? items.last?.id : nil)
        }
    }
}
