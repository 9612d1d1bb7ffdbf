import DeskCore
import Foundation
import SQLKit

/// One sign-in attempt as it arrived.
public struct SignInAttempt: Sendable, Equatable {
    /// The agent the email belongs to; nil when no agent has it.
    public var agentID: AgentID?
    public var email: String
    public var ip: String
    public var userAgent: String
    /// The language of the request, used for messages to the agent about it.
    public var language: Language
    public var at: Date
    /// The counter the attempt counts against besides the address: the agent account by default, `customer:<email>` for
    /// customers' codes.
    public var accountKey: String

    public init(agentID: AgentID?, email: String, ip: String, userAgent: String, language: Language, at: Date) {
        self.accountKey = FailureCounter.account(email)
        self.agentID = agentID
        self.email = email
        self.ip = ip
        self.userAgent = userAgent
        self.language = language
        self.at = at
    }

    public var counterKeys: [String] { [accountKey, FailureCounter.address(ip)] }
}

/// An entry of the sign-in history.
public struct SignInRecord: Sendable, Equatable {
    public var id: Int64
    public var agentID: AgentID?
    public var at: Date
    public var ip: String
    public var userAgent: String
    public var success: Bool
    /// `password`, `totp`, `recovery-code` on success; `wrong-password`, `unknown-email`, `wrong-code`… on failure.
    public var reason: String
}

/// A message waiting in the outbox for a channel to deliver it.
public struct OutboxMessage: Sendable, Equatable {
    public var id: String
    public var createdAt: Date
    public var channel: String
    public var recipient: String
    public var language: Language
    public var kind: String
    public var subject: String
    public var body: String
}

/// Brute-force counters, sign-in history, known devices and the outbox they write to.
public protocol SignInSecurityStore: Sendable {
    func failureCounters(keys: [String]) async throws -> [FailureCounter]
    /// Records a failed attempt in one transaction: history, audit, the account and address counters; when a counter
    /// reaches its limit it is locked, the lock is audited, and a locked agent gets a message in the outbox.
    func recordFailedSignIn(_ attempt: SignInAttempt, reason: String, lockReason: String, policy: ThrottlePolicy) async throws -> [FailureCounter]
    func signIns(of agentID: AgentID, limit: Int) async throws -> [SignInRecord]
    /// Counters locked at `now` (accounts and addresses).
    func locks(now: Date) async throws -> [FailureCounter]
    /// Clears a counter and its lock; returns whether it was locked.
    func unlock(key: String, by actor: Actor, now: Date) async throws -> Bool
    func unsentOutbox(limit: Int) async throws -> [OutboxMessage]
}

extension SQLDeskStore: SignInSecurityStore {
    static func counter(_ row: any SQLRow) throws -> FailureCounter {
        FailureCounter(
            key: try row.decode(column: "key", as: String.self), failures: try row.decode(column: "failures", as: Int.self),
            lastFailureAt: Date(microseconds: try row.decode(column: "last_failure_at", as: Int64.self)),
            lockedUntil: try row.decodeNil(column: "locked_until") ? nil : Date(microseconds: try row.decode(column: "locked_until", as: Int64.self)),
            reason: try row.decodeNil(column: "reason") ? nil : try row.decode(column: "reason", as: String.self)
        )
    }

    public func failureCounters(keys: [String]) async throws -> [FailureCounter] {
        guard !keys.isEmpty else { return [] }
        return try await database.read { sql in
            var statement = SQLQueryString("SELECT key, failures, last_failure_at, locked_until, reason FROM sign_in_counters WHERE key IN (")
            for (index, key) in keys.enumerated() {
                if index > 0 { statement.appendLiteral(", ") }
                statement.appendInterpolation(bind: key)
            }
            statement.appendLiteral(")")
            return try await sql.raw(statement).all().map(Self.counter)
        }
    }

    public func recordFailedSignIn(_ attempt: SignInAttempt, reason: String, lockReason: String, policy: ThrottlePolicy) async throws -> [FailureCounter] {
        try await database.write { sql in
            var counters: [FailureCounter] = []
            for key in attempt.counterKeys {
                // The row exists before it is locked, so concurrent failures on other nodes wait for each other.
                try await sql.raw(
                    """
                    INSERT INTO sign_in_counters (key, failures, last_failure_at) VALUES (\(bind: key), 0, \(bind: attempt.at.microseconds))
                    ON CONFLICT (key) DO NOTHING
                    """
                ).run()
                let row = try await sql.raw(
                    "SELECT key, failures, last_failure_at, locked_until, reason FROM sign_in_counters WHERE key = \(bind: key)\(unsafeRaw: self.dialect.forUpdate)"
                ).first()
                let before = try row.map(Self.counter).flatMap { $0.failures == 0 ? nil : $0 }
                let after = policy.afterFailure(before, key: key, reason: lockReason, now: attempt.at)
                try await sql.raw(
                    """
                    UPDATE sign_in_counters SET failures = \(bind: after.failures), last_failure_at = \(bind: after.lastFailureAt.microseconds),
                      locked_until = \(bind: after.lockedUntil?.microseconds), reason = \(bind: after.reason) WHERE key = \(bind: key)
                    """
                ).run()
                counters.append(after)
                let newlyLocked = after.lockedUntil != nil && before?.lockedUntil.map { attempt.at >= $0 } ?? true
                if newlyLocked, let until = after.lockedUntil {
                    let isAccount = key == attempt.accountKey
                    try await self.audit(
                        isAccount ? "account.locked" : "address.locked", actor: .system,
                        target: isAccount ? (attempt.agentID.map { "agent:\($0)" } ?? key) : key,
                        details: ["reason": lockReason, "until": String(until.microseconds), "failures": String(after.failures)], at: attempt.at, on: sql
                    )
                    if isAccount, let agentID = attempt.agentID {
                        try await self.enqueue(
                            AccountNotice.locked(until: until, reason: lockReason), to: agentID, language: attempt.language, at: attempt.at, on: sql
                        )
                    }
                }
            }
            try await self.insertSignIn(attempt, success: false, reason: reason, on: sql)
            try await self.audit(
                reason == "wrong-code" ? "signin.second-factor-failed" : "signin.failed", actor: .system,
                target: attempt.agentID.map { "agent:\($0)" } ?? "email:\(attempt.email)",
                details: ["ip": attempt.ip, "userAgent": attempt.userAgent, "reason": reason], at: attempt.at, on: sql
            )
            return counters
        }
    }

    func insertSignIn(_ attempt: SignInAttempt, success: Bool, reason: String, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO sign_ins (agent_id, email, at, ip, user_agent, success, reason) VALUES (\(bind: attempt.agentID?.description),
              \(bind: attempt.email.lowercased()), \(bind: attempt.at.microseconds), \(bind: attempt.ip), \(bind: attempt.userAgent),
              \(bind: success ? 1 : 0), \(bind: reason))
            """
        ).run()
    }

    /// What a completed sign-in records, inside the caller's transaction: history, the account counter cleared, and an
    /// alert in the outbox when the device is new for an agent who has signed in before.
    func recordSuccessfulSignIn(_ session: AgentSession, method: String, language: Language, on sql: any SQLDatabase) async throws {
        guard let row = try await sql.raw("SELECT email FROM agents WHERE id = \(bind: session.agentID.description)").first() else { return }
        let email = try row.decode(column: "email", as: String.self)
        let attempt = SignInAttempt(agentID: session.agentID, email: email, ip: session.ip, userAgent: session.userAgent, language: language, at: session.createdAt)
        try await insertSignIn(attempt, success: true, reason: method, on: sql)
        try await sql.raw(
            """
            UPDATE sign_in_counters SET failures = 0, locked_until = NULL, reason = NULL
            WHERE key = \(bind: FailureCounter.account(email)) AND (locked_until IS NULL OR locked_until <= \(bind: session.createdAt.microseconds))
            """
        ).run()
        let fingerprint = DeviceFingerprint.make(userAgent: session.userAgent, ip: session.ip)
        let known = try await sql.raw(
            "SELECT fingerprint FROM agent_devices WHERE agent_id = \(bind: session.agentID.description)"
        ).all().map { try $0.decode(column: "fingerprint", as: String.self) }
        if known.contains(fingerprint) {
            try await sql.raw(
                """
                UPDATE agent_devices SET last_seen_at = \(bind: session.createdAt.microseconds)
                WHERE agent_id = \(bind: session.agentID.description) AND fingerprint = \(bind: fingerprint)
                """
            ).run()
            return
        }
        try await sql.raw(
            """
            INSERT INTO agent_devices (agent_id, fingerprint, first_seen_at, last_seen_at) VALUES (\(bind: session.agentID.description),
              \(bind: fingerprint), \(bind: session.createdAt.microseconds), \(bind: session.createdAt.microseconds))
            """
        ).run()
        // The very first sign-in is not news; every new device after it is.
        if !known.isEmpty {
            try await enqueue(
                AccountNotice.newDevice(at: session.createdAt, ip: session.ip, userAgent: session.userAgent), to: session.agentID, language: language,
                at: session.createdAt, on: sql
            )
            try await audit(
                "signin.new-device", actor: .agent(session.agentID), target: "agent:\(session.agentID)",
                details: ["ip": session.ip, "userAgent": session.userAgent], at: session.createdAt, on: sql
            )
        }
    }

    /// Puts a message to an agent into the outbox, inside the caller's transaction.
    func enqueue(_ notice: AccountNotice, to agentID: AgentID, language: Language, at: Date, on sql: any SQLDatabase) async throws {
        guard let row = try await sql.raw("SELECT email FROM agents WHERE id = \(bind: agentID.description)").first() else { return }
        let recipient = try row.decode(column: "email", as: String.self)
        let (subject, body) = notice.message(in: language)
        try await sql.raw(
            """
            INSERT INTO outbox (id, created_at, channel, recipient, language, kind, subject, body) VALUES (\(bind: FastUUID.format(FastUUID.random())),
              \(bind: at.microseconds), 'email', \(bind: recipient), \(bind: language.rawValue), \(bind: notice.kind), \(bind: subject), \(bind: body))
            """
        ).run()
    }

    public func signIns(of agentID: AgentID, limit: Int) async throws -> [SignInRecord] {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT id, agent_id, at, ip, user_agent, success, reason FROM sign_ins WHERE agent_id = \(bind: agentID.description)
                ORDER BY id DESC LIMIT \(bind: max(1, min(limit, 500)))
                """
            ).all().map { row in
                SignInRecord(
                    id: try row.decode(column: "id", as: Int64.self), agentID: agentID,
                    at: Date(microseconds: try row.decode(column: "at", as: Int64.self)), ip: try row.decode(column: "ip", as: String.self),
                    userAgent: try row.decode(column: "user_agent", as: String.self), success: try row.decode(column: "success", as: Int.self) != 0,
                    reason: try row.decode(column: "reason", as: String.self)
                )
            }
        }
    }

    public func locks(now: Date) async throws -> [FailureCounter] {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT key, failures, last_failure_at, locked_until, reason FROM sign_in_counters WHERE locked_until > \(bind: now.microseconds)
                ORDER BY locked_until DESC LIMIT 500
                """
            ).all().map(Self.counter)
        }
    }

    public func unlock(key: String, by actor: Actor, now: Date) async throws -> Bool {
        try await database.write { sql in
            let row = try await sql.raw(
                "SELECT key, failures, last_failure_at, locked_until, reason FROM sign_in_counters WHERE key = \(bind: key)\(unsafeRaw: self.dialect.forUpdate)"
            ).first()
            let wasLocked = try row.map(Self.counter)?.lockedUntil.map { now < $0 } ?? false
            try await sql.raw("UPDATE sign_in_counters SET failures = 0, locked_until = NULL, reason = NULL WHERE key = \(bind: key)").run()
            try await self.audit(
                key.hasPrefix("account:") ? "account.unlocked" : "address.unlocked", actor: actor, target: key,
                details: ["wasLocked": String(wasLocked)], at: now, on: sql
            )
            return wasLocked
        }
    }

    public func unsentOutbox(limit: Int) async throws -> [OutboxMessage] {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT id, created_at, channel, recipient, language, kind, subject, body FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL
                ORDER BY created_at, id LIMIT \(bind: max(1, min(limit, 1000)))
                """
            ).all().map { row in
                OutboxMessage(
                    id: try row.decode(column: "id", as: String.self), createdAt: Date(microseconds: try row.decode(column: "created_at", as: Int64.self)),
                    channel: try row.decode(column: "channel", as: String.self), recipient: try row.decode(column: "recipient", as: String.self),
                    language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en, kind: try row.decode(column: "kind", as: String.self),
                    subject: try row.decode(column: "subject", as: String.self), body: try row.decode(column: "body", as: String.self)
                )
            }
        }
    }
}
