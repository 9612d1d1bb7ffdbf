import DeskCore
import Foundation
import SQLKit

/// Crypto-safety data: the official-channel registry (and later phrases, codes and findings).
public protocol SafetyStore: Sendable {
    /// Every registry entry, official and never-used, ordered by kind and value.
    func channels() async throws -> [OfficialChannel]
    /// Only the official ones: what the help center lists.
    func officialChannels() async throws -> [OfficialChannel]
    func channel(_ id: ChannelID) async throws -> OfficialChannel
    /// Adds an entry; ``DeskError/duplicate(field:)`` (`value`) when the kind already has that value. Audited.
    func addChannel(_ channel: OfficialChannel, by actor: Actor) async throws -> OfficialChannel
    func updateChannel(
        _ id: ChannelID, expectedVersion: Int?, by actor: Actor, now: Date, change: @escaping @Sendable (inout OfficialChannel) throws -> Void
    ) async throws -> OfficialChannel
    func removeChannel(_ id: ChannelID, by actor: Actor, now: Date) async throws

    /// A setting created once: the stored value, or `make()` stored and returned if there was none. Nodes starting
    /// together agree on one value (the first insert wins).
    func settingCreatedOnce(_ key: String, make: @Sendable () -> String) async throws -> String

    /// The customer's anti-phishing phrase, if they set one.
    func antiPhishingPhrase(of customer: CustomerID) async throws -> AntiPhishingPhrase?
    /// Sets (or with nil removes) the phrase; 404 for an unknown customer.
    func setAntiPhishingPhrase(_ phrase: AntiPhishingPhrase?, for customer: CustomerID, now: Date) async throws

    /// Records the verification code of a public agent message (idempotent).
    func recordMessageCode(_ code: String, message: MessageID, ticket: TicketNumber, agent: AgentID, at: Date) async throws
    /// The message a verification code belongs to.
    func messageCode(_ code: String) async throws -> MessageCodeRecord?

    /// Stores a new pair of call codes for a ticket; earlier unused pairs of the ticket stop working.
    func createCallCodes(_ record: CallCodeRecord) async throws
    /// Checks an agent code for a ticket: counts the attempt, and on success uses the pair up.
    func checkCallCode(ticket: TicketNumber, agentCodeHash: String, now: Date, maxAttempts: Int) async throws -> CallCodeCheck
    /// The customer's half of the ticket's newest call-code pair, while it has not expired and was not burnt by wrong
    /// guesses (it stays after the customer confirmed the agent's code: that is when they read theirs out).
    func customerCallCode(ticket: TicketNumber, now: Date, maxAttempts: Int) async throws -> CustomerCallCode?

    /// Records what the scanner found (never the secret) and returns, per fingerprint, how many times it was seen before.
    func recordSecretFindings(_ findings: [SecretFindingRecord]) async throws -> [String: Int]
}

/// The message behind a verification code.
public struct MessageCodeRecord: Sendable, Equatable {
    public var message: MessageID
    public var ticket: TicketNumber
    public var agent: AgentID
    public var at: Date
}

/// The customer's half of a live call-code pair, still sealed.
public struct CustomerCallCode: Sendable, Equatable {
    public var sealedCode: String
    public var agent: AgentID
    public var expiresAt: Date
}

/// A pair of one-time phone codes: the agent reads `agentCode` out (the customer checks it), the customer reads
/// `customerCode` out (read from `GET /api/v1/customer/tickets/{ticket}/call-code`; the agent compares it).
public struct CallCodeRecord: Sendable, Equatable {
    public var id: String
    public var ticket: TicketNumber
    public var agent: AgentID
    public var agentCodeHash: String
    /// The customer's code as the server sealed it (never in the clear; the store does not know the key).
    public var sealedCustomerCode: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(id: String, ticket: TicketNumber, agent: AgentID, agentCodeHash: String, sealedCustomerCode: String, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.ticket = ticket
        self.agent = agent
        self.agentCodeHash = agentCodeHash
        self.sealedCustomerCode = sealedCustomerCode
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// The outcome of checking a call code.
public enum CallCodeCheck: Sendable, Equatable {
    /// The code is right: the caller is this agent.
    case genuine(agent: AgentID)
    /// Wrong code; `remaining` more attempts before the pair is burnt.
    case wrong(remaining: Int)
    /// No live pair for the ticket (none made, expired, used, or burnt by too many attempts).
    case none
}

/// One finding of the secret scanner as stored: where and what, and a salted fingerprint.
public struct SecretFindingRecord: Sendable, Equatable {
    public var ticket: TicketNumber
    public var kind: SecretKind
    public var position: Int
    public var fingerprint: String
    public var at: Date

    public init(ticket: TicketNumber, kind: SecretKind, position: Int, fingerprint: String, at: Date) {
        self.ticket = ticket
        self.kind = kind
        self.position = position
        self.fingerprint = fingerprint
        self.at = at
    }
}

extension SQLDeskStore: SafetyStore {
    static let channelColumns = "id, kind, value, channel_use, label, hours, created_at, updated_at, version"

    static func channel(_ row: any SQLRow) throws -> OfficialChannel {
        guard let id = ChannelID(try row.decode(column: "id", as: String.self)) else { throw StoreError.corruptRow(table: "official_channels", column: "id") }
        guard let kind = ChannelKind(rawValue: try row.decode(column: "kind", as: String.self)) else {
            throw StoreError.corruptRow(table: "official_channels", column: "kind")
        }
        guard let use = ChannelUse(rawValue: try row.decode(column: "channel_use", as: String.self)) else {
            throw StoreError.corruptRow(table: "official_channels", column: "channel_use")
        }
        return OfficialChannel(
            id: id, kind: kind, value: try row.decode(column: "value", as: String.self), use: use, label: try row.decode(column: "label", as: String.self),
            hours: try row.decodeNil(column: "hours") ? nil : try row.decode(column: "hours", as: String.self),
            createdAt: Date(microseconds: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(microseconds: try row.decode(column: "updated_at", as: Int64.self)), version: try row.decode(column: "version", as: Int.self)
        )
    }

    public func channels() async throws -> [OfficialChannel] {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.channelColumns) FROM official_channels ORDER BY kind, value, id").all().map(Self.channel)
        }
    }

    public func officialChannels() async throws -> [OfficialChannel] {
        try await channels().filter { $0.use == .official }
    }

    public func channel(_ id: ChannelID) async throws -> OfficialChannel {
        try await database.read { sql in
            guard let row = try await sql.raw("SELECT \(unsafeRaw: Self.channelColumns) FROM official_channels WHERE id = \(bind: id.description)").first()
            else { throw DeskError.notFound(entity: "channel") }
            return try Self.channel(row)
        }
    }

    public func addChannel(_ channel: OfficialChannel, by actor: Actor) async throws -> OfficialChannel {
        try await channelDuplicates {
            try await self.database.write { sql in
                try await sql.raw(
                    """
                    INSERT INTO official_channels (id, kind, value, channel_use, label, hours, created_at, updated_at, version) VALUES (\(bind: channel.id.description),
                      \(bind: channel.kind.rawValue), \(bind: channel.value), \(bind: channel.use.rawValue), \(bind: channel.label), \(bind: channel.hours),
                      \(bind: channel.createdAt.microseconds), \(bind: channel.updatedAt.microseconds), \(bind: channel.version))
                    """
                ).run()
                try await self.audit("channel.added", actor: actor, target: "channel:\(channel.id)", details: Self.auditDetails(channel), at: channel.createdAt, on: sql)
                return channel
            }
        }
    }

    public func updateChannel(
        _ id: ChannelID, expectedVersion: Int?, by actor: Actor, now: Date, change: @escaping @Sendable (inout OfficialChannel) throws -> Void
    ) async throws -> OfficialChannel {
        let forUpdate = dialect.forUpdate
        return try await channelDuplicates {
            try await self.database.write { sql in
                guard let row = try await sql.raw(
                    "SELECT \(unsafeRaw: Self.channelColumns) FROM official_channels WHERE id = \(bind: id.description)\(unsafeRaw: forUpdate)"
                ).first() else { throw DeskError.notFound(entity: "channel") }
                let before = try Self.channel(row)
                if let expectedVersion, expectedVersion != before.version { throw DeskError.versionConflict(current: before.version) }
                var after = before
                try change(&after)
                after.id = before.id
                after.createdAt = before.createdAt
                guard after != before else { return before }
                after.version = before.version + 1
                after.updatedAt = now
                try await sql.raw(
                    """
                    UPDATE official_channels SET kind = \(bind: after.kind.rawValue), value = \(bind: after.value), channel_use = \(bind: after.use.rawValue),
                      label = \(bind: after.label), hours = \(bind: after.hours), updated_at = \(bind: now.microseconds), version = \(bind: after.version)
                      WHERE id = \(bind: id.description)
                    """
                ).run()
                try await self.audit("channel.updated", actor: actor, target: "channel:\(id)", details: Self.auditDetails(after), at: now, on: sql)
                return after
            }
        }
    }

    public func removeChannel(_ id: ChannelID, by actor: Actor, now: Date) async throws {
        try await database.write { sql in
            guard let row = try await sql.raw("SELECT \(unsafeRaw: Self.channelColumns) FROM official_channels WHERE id = \(bind: id.description)").first()
            else { throw DeskError.notFound(entity: "channel") }
            let channel = try Self.channel(row)
            try await sql.raw("DELETE FROM official_channels WHERE id = \(bind: id.description)").run()
            try await self.audit("channel.removed", actor: actor, target: "channel:\(id)", details: Self.auditDetails(channel), at: now, on: sql)
        }
    }

    static func auditDetails(_ channel: OfficialChannel) -> [String: String] {
        ["kind": channel.kind.rawValue, "value": channel.value, "use": channel.use.rawValue, "label": channel.label]
    }

    func channelDuplicates<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DeskError {
            throw error
        } catch {
            guard Self.isUniqueViolation(error) else { throw error }
            throw DeskError.duplicate(field: "value")
        }
    }

    // MARK: - Settings made once

    public func settingCreatedOnce(_ key: String, make: @Sendable () -> String) async throws -> String {
        if let existing = try await setting(key) { return existing }
        let candidate = make()
        return try await database.write { sql in
            try await sql.raw("INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: candidate)) ON CONFLICT (key) DO NOTHING").run()
            guard let stored = try await sql.raw("SELECT value FROM settings WHERE key = \(bind: key)").first()?.decode(column: "value", as: String.self)
            else { throw StoreError.corruptRow(table: "settings", column: "value") }
            return stored
        }
    }

    // MARK: - Anti-phishing phrases

    public func antiPhishingPhrase(of customer: CustomerID) async throws -> AntiPhishingPhrase? {
        try await database.read { sql in
            try await sql.raw("SELECT phrase FROM customer_phrases WHERE customer_id = \(bind: customer.description)").first()
                .map { AntiPhishingPhrase(stored: try $0.decode(column: "phrase", as: String.self)) }
        }
    }

    public func setAntiPhishingPhrase(_ phrase: AntiPhishingPhrase?, for customer: CustomerID, now: Date) async throws {
        try await database.write { sql in
            guard try await sql.raw("SELECT id FROM customers WHERE id = \(bind: customer.description)").first() != nil else {
                throw DeskError.notFound(entity: "customer")
            }
            if let phrase {
                try await sql.raw(
                    """
                    INSERT INTO customer_phrases (customer_id, phrase, updated_at) VALUES (\(bind: customer.description), \(bind: phrase.value),
                      \(bind: now.microseconds)) ON CONFLICT (customer_id) DO UPDATE SET phrase = excluded.phrase, updated_at = excluded.updated_at
                    """
                ).run()
            } else {
                try await sql.raw("DELETE FROM customer_phrases WHERE customer_id = \(bind: customer.description)").run()
            }
        }
    }

    // MARK: - Message verification codes

    public func recordMessageCode(_ code: String, message: MessageID, ticket: TicketNumber, agent: AgentID, at: Date) async throws {
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO message_codes (code, message_id, ticket_number, agent_id, created_at) VALUES (\(bind: code), \(bind: message.description),
                  \(bind: ticket.rawValue), \(bind: agent.description), \(bind: at.microseconds)) ON CONFLICT (code) DO NOTHING
                """
            ).run()
        }
    }

    public func messageCode(_ code: String) async throws -> MessageCodeRecord? {
        try await database.read { sql in
            guard let row = try await sql.raw(
                "SELECT message_id, ticket_number, agent_id, created_at FROM message_codes WHERE code = \(bind: code)"
            ).first() else { return nil }
            guard let message = MessageID(try row.decode(column: "message_id", as: String.self)),
                let agent = AgentID(try row.decode(column: "agent_id", as: String.self))
            else { throw StoreError.corruptRow(table: "message_codes", column: "message_id") }
            return MessageCodeRecord(
                message: message, ticket: TicketNumber(try row.decode(column: "ticket_number", as: Int64.self)), agent: agent,
                at: Date(microseconds: try row.decode(column: "created_at", as: Int64.self))
            )
        }
    }

    // MARK: - Call codes

    public func createCallCodes(_ record: CallCodeRecord) async throws {
        try await database.write { sql in
            guard try await sql.raw("SELECT number FROM tickets WHERE number = \(bind: record.ticket.rawValue)").first() != nil else {
                throw DeskError.notFound(entity: "ticket")
            }
            // One live pair per ticket: a new call makes the previous codes worthless.
            try await sql.raw(
                "UPDATE call_codes SET used_at = \(bind: record.createdAt.microseconds) WHERE ticket_number = \(bind: record.ticket.rawValue) AND used_at IS NULL"
            ).run()
            try await sql.raw(
                """
                INSERT INTO call_codes (id, ticket_number, agent_id, agent_code_hash, customer_code, created_at, expires_at, attempts)
                  VALUES (\(bind: record.id), \(bind: record.ticket.rawValue), \(bind: record.agent.description), \(bind: record.agentCodeHash),
                  \(bind: record.sealedCustomerCode), \(bind: record.createdAt.microseconds), \(bind: record.expiresAt.microseconds), 0)
                """
            ).run()
        }
    }

    public func checkCallCode(ticket: TicketNumber, agentCodeHash: String, now: Date, maxAttempts: Int) async throws -> CallCodeCheck {
        let forUpdate = dialect.forUpdate
        return try await database.write { sql in
            guard let row = try await sql.raw(
                """
                SELECT id, agent_id, agent_code_hash, attempts FROM call_codes WHERE ticket_number = \(bind: ticket.rawValue) AND used_at IS NULL
                  AND expires_at > \(bind: now.microseconds) ORDER BY created_at DESC LIMIT 1\(unsafeRaw: forUpdate)
                """
            ).first() else { return .none }
            let id = try row.decode(column: "id", as: String.self)
            let attempts = try row.decode(column: "attempts", as: Int.self) + 1
            if try row.decode(column: "agent_code_hash", as: String.self) == agentCodeHash,
                let agent = AgentID(try row.decode(column: "agent_id", as: String.self))
            {
                try await sql.raw("UPDATE call_codes SET attempts = \(bind: attempts), used_at = \(bind: now.microseconds) WHERE id = \(bind: id)").run()
                return .genuine(agent: agent)
            }
            // Too many wrong guesses burn the pair: the agent has to make a new one.
            let usedAt: Int64? = attempts >= maxAttempts ? now.microseconds : nil
            try await sql.raw("UPDATE call_codes SET attempts = \(bind: attempts), used_at = \(bind: usedAt) WHERE id = \(bind: id)").run()
            return .wrong(remaining: max(0, maxAttempts - attempts))
        }
    }

    public func customerCallCode(ticket: TicketNumber, now: Date, maxAttempts: Int) async throws -> CustomerCallCode? {
        try await database.read { sql in
            guard let row = try await sql.raw(
                """
                SELECT agent_id, customer_code, expires_at, attempts FROM call_codes WHERE ticket_number = \(bind: ticket.rawValue)
                  ORDER BY created_at DESC LIMIT 1
                """
            ).first() else { return nil }
            let expiresAt = Date(microseconds: try row.decode(column: "expires_at", as: Int64.self))
            guard expiresAt > now, try row.decode(column: "attempts", as: Int.self) < maxAttempts,
                let agent = AgentID(try row.decode(column: "agent_id", as: String.self))
            else { return nil }
            return CustomerCallCode(sealedCode: try row.decode(column: "customer_code", as: String.self), agent: agent, expiresAt: expiresAt)
        }
    }

    // MARK: - Secret findings

    public func recordSecretFindings(_ findings: [SecretFindingRecord]) async throws -> [String: Int] {
        guard !findings.isEmpty else { return [:] }
        return try await database.write { sql in
            var seen: [String: Int] = [:]
            for fingerprint in Set(findings.map(\.fingerprint)) {
                seen[fingerprint] = try await sql.raw("SELECT COUNT(*) AS n FROM secret_findings WHERE fingerprint = \(bind: fingerprint)").first()?
                    .decode(column: "n", as: Int.self) ?? 0
            }
            for finding in findings {
                try await sql.raw(
                    """
                    INSERT INTO secret_findings (ticket_number, kind, position, fingerprint, at) VALUES (\(bind: finding.ticket.rawValue),
                      \(bind: finding.kind.rawValue), \(bind: finding.position), \(bind: finding.fingerprint), \(bind: finding.at.microseconds))
                    """
                ).run()
            }
            return seen
        }
    }
}
