import DeskCore
import Foundation
import SQLKit

/// TOTP enrolment, recovery codes, and turning a pending (password-only) session into a signed-in one.
public protocol SecondFactorStore: Sendable {
    func secondFactorPolicy() async throws -> SecondFactorPolicy
    func setSecondFactorPolicy(_ policy: SecondFactorPolicy, by actor: Actor, now: Date) async throws
    /// Remembers a new TOTP secret until the agent confirms it with a code; an enrolled secret stays in force meanwhile.
    func beginTOTPEnrolment(_ agentID: AgentID, secret: String) async throws
    /// Every agent's stored TOTP secrets (enrolled and pending) as stored; the start-up pass that seals plaintext ones reads it.
    func totpSecrets() async throws -> [(agentID: AgentID, active: String?, pending: String?)]
    /// Replaces one stored TOTP secret (the pending one when `pending`) only if it still equals `from`; true when replaced.
    func replaceTOTPSecret(_ agentID: AgentID, pending: Bool, from: String, to: String) async throws -> Bool
    /// Makes the pending secret the agent's TOTP secret and replaces their recovery codes, in one transaction.
    /// `step` is the TOTP time step the confirming code belonged to (it cannot be used again).
    func confirmTOTPEnrolment(_ agentID: AgentID, step: Int64, recoveryCodeHashes: [String], now: Date) async throws
    /// Records that a TOTP code of `step` was used; false when a code of that step or a later one was used already (replay).
    func useTOTPStep(_ agentID: AgentID, step: Int64) async throws -> Bool
    /// Uses a recovery code once; false when it is unknown or used.
    func useRecoveryCode(_ agentID: AgentID, codeHash: String, now: Date) async throws -> Bool
    /// Replaces the agent's recovery codes.
    func replaceRecoveryCodes(_ agentID: AgentID, codeHashes: [String], by actor: Actor, now: Date) async throws
    func unusedRecoveryCodes(_ agentID: AgentID) async throws -> Int
    /// Removes the agent's second factor and recovery codes (self-service or an admin reset); ends their sessions.
    func removeSecondFactor(_ agentID: AgentID, by actor: Actor, now: Date) async throws
    /// Counts a wrong second-factor code against a pending session (ending it at the limit); returns the failures so far.
    /// The account's brute-force counter and the audit entry are ``SignInSecurityStore/recordFailedSignIn`` matters.
    func recordSecondFactorFailure(idHash: String, now: Date) async throws -> Int
    /// Ends the pending session and starts a signed-in one under a new id (so a pending id seen by anyone is worthless).
    func completeSecondFactor(pendingIDHash: String, newIDHash: String, method: String, language: Language, now: Date) async throws -> AgentSession
}

extension SQLDeskStore: SecondFactorStore {
    public func secondFactorPolicy() async throws -> SecondFactorPolicy {
        SecondFactorPolicy(requiredForEveryone: try await setting(SecondFactorPolicy.settingKey) == "true")
    }

    public func setSecondFactorPolicy(_ policy: SecondFactorPolicy, by actor: Actor, now: Date) async throws {
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO settings (key, value) VALUES (\(bind: SecondFactorPolicy.settingKey), \(bind: policy.requiredForEveryone ? "true" : "false"))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """
            ).run()
            try await self.audit(
                "settings.2fa-policy", actor: actor, target: "settings", details: ["requiredForEveryone": String(policy.requiredForEveryone)], at: now,
                on: sql
            )
        }
    }

    public func beginTOTPEnrolment(_ agentID: AgentID, secret: String) async throws {
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO agent_credentials (agent_id, totp_pending_secret) VALUES (\(bind: agentID.description), \(bind: secret))
                ON CONFLICT (agent_id) DO UPDATE SET totp_pending_secret = excluded.totp_pending_secret
                """
            ).run()
        }
    }

    public func totpSecrets() async throws -> [(agentID: AgentID, active: String?, pending: String?)] {
        try await database.read { sql in
            try await sql.raw(
                "SELECT agent_id, totp_secret, totp_pending_secret FROM agent_credentials WHERE totp_secret IS NOT NULL OR totp_pending_secret IS NOT NULL"
            ).all().map { row in
                guard let agentID = AgentID(try row.decode(column: "agent_id", as: String.self)) else {
                    throw StoreError.corruptRow(table: "agent_credentials", column: "agent_id")
                }
                return (agentID, try row.decode(column: "totp_secret", as: String?.self), try row.decode(column: "totp_pending_secret", as: String?.self))
            }
        }
    }

    public func replaceTOTPSecret(_ agentID: AgentID, pending: Bool, from: String, to: String) async throws -> Bool {
        let column = pending ? "totp_pending_secret" : "totp_secret"
        return try await database.write { sql in
            let rows = try await sql.raw(
                """
                UPDATE agent_credentials SET \(unsafeRaw: column) = \(bind: to) WHERE agent_id = \(bind: agentID.description) AND \(unsafeRaw: column) = \(bind: from)
                RETURNING agent_id
                """
            ).all()
            return !rows.isEmpty
        }
    }

    public func confirmTOTPEnrolment(_ agentID: AgentID, step: Int64, recoveryCodeHashes: [String], now: Date) async throws {
        try await database.write { sql in
            guard let row = try await sql.raw(
                "SELECT totp_pending_secret FROM agent_credentials WHERE agent_id = \(bind: agentID.description)\(unsafeRaw: self.dialect.forUpdate)"
            ).first(), try !row.decodeNil(column: "totp_pending_secret") else { throw DeskError.invalidCode }
            try await sql.raw(
                """
                UPDATE agent_credentials SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled_at = \(bind: now.microseconds),
                  totp_last_step = \(bind: step) WHERE agent_id = \(bind: agentID.description)
                """
            ).run()
            try await self.storeRecoveryCodes(agentID, codeHashes: recoveryCodeHashes, on: sql)
            try await self.audit("2fa.enabled", actor: .agent(agentID), target: "agent:\(agentID)", details: ["method": "totp"], at: now, on: sql)
        }
    }

    public func useTOTPStep(_ agentID: AgentID, step: Int64) async throws -> Bool {
        try await database.write { sql in
            // One conditional UPDATE: two nodes checking the same code at once cannot both succeed.
            let rows = try await sql.raw(
                """
                UPDATE agent_credentials SET totp_last_step = \(bind: step)
                WHERE agent_id = \(bind: agentID.description) AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < \(bind: step))
                RETURNING agent_id
                """
            ).all()
            return !rows.isEmpty
        }
    }

    public func useRecoveryCode(_ agentID: AgentID, codeHash: String, now: Date) async throws -> Bool {
        try await database.write { sql in
            let rows = try await sql.raw(
                """
                UPDATE recovery_codes SET used_at = \(bind: now.microseconds)
                WHERE agent_id = \(bind: agentID.description) AND code_hash = \(bind: codeHash) AND used_at IS NULL RETURNING code_hash
                """
            ).all()
            guard !rows.isEmpty else { return false }
            try await self.audit("2fa.recovery-code-used", actor: .agent(agentID), target: "agent:\(agentID)", details: [:], at: now, on: sql)
            return true
        }
    }

    public func replaceRecoveryCodes(_ agentID: AgentID, codeHashes: [String], by actor: Actor, now: Date) async throws {
        try await database.write { sql in
            try await self.storeRecoveryCodes(agentID, codeHashes: codeHashes, on: sql)
            try await self.audit("2fa.recovery-codes-replaced", actor: actor, target: "agent:\(agentID)", details: [:], at: now, on: sql)
        }
    }

    public func unusedRecoveryCodes(_ agentID: AgentID) async throws -> Int {
        try await database.read { sql in
            try await sql.raw(
                "SELECT COUNT(*) AS n FROM recovery_codes WHERE agent_id = \(bind: agentID.description) AND used_at IS NULL"
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    func storeRecoveryCodes(_ agentID: AgentID, codeHashes: [String], on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM recovery_codes WHERE agent_id = \(bind: agentID.description)").run()
        guard !codeHashes.isEmpty else { return }
        var statement = SQLQueryString("INSERT INTO recovery_codes (agent_id, code_hash) VALUES ")
        for (index, hash) in codeHashes.enumerated() {
            if index > 0 { statement.appendLiteral(", ") }
            statement.appendInterpolation("(\(bind: agentID.description), \(bind: hash))" as SQLQueryString)
        }
        try await sql.raw(statement).run()
    }

    public func removeSecondFactor(_ agentID: AgentID, by actor: Actor, now: Date) async throws {
        try await database.write { sql in
            try await sql.raw(
                """
                UPDATE agent_credentials SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL
                WHERE agent_id = \(bind: agentID.description)
                """
            ).run()
            try await sql.raw("DELETE FROM recovery_codes WHERE agent_id = \(bind: agentID.description)").run()
            try await sql.raw(
                "UPDATE agent_sessions SET ended_at = \(bind: now.microseconds) WHERE agent_id = \(bind: agentID.description) AND ended_at IS NULL"
            ).run()
            try await self.audit("2fa.removed", actor: actor, target: "agent:\(agentID)", details: [:], at: now, on: sql)
        }
    }

    public func recordSecondFactorFailure(idHash: String, now: Date) async throws -> Int {
        try await database.write { sql in
            guard let row = try await sql.raw(
                """
                UPDATE agent_sessions SET second_factor_failures = second_factor_failures + 1
                WHERE id_hash = \(bind: idHash) AND ended_at IS NULL RETURNING agent_id, second_factor_failures
                """
            ).first() else { return Int.max }
            let failures = try row.decode(column: "second_factor_failures", as: Int.self)
            if failures >= SecondFactorRules.attemptsPerSignIn {
                try await sql.raw("UPDATE agent_sessions SET ended_at = \(bind: now.microseconds) WHERE id_hash = \(bind: idHash)").run()
            }
            return failures
        }
    }

    public func completeSecondFactor(pendingIDHash: String, newIDHash: String, method: String, language: Language, now: Date) async throws -> AgentSession {
        try await database.write { sql in
            guard let row = try await sql.raw(
                """
                SELECT \(unsafeRaw: Self.sessionColumns) FROM agent_sessions WHERE id_hash = \(bind: pendingIDHash) AND ended_at IS NULL
                  AND state = \(bind: SessionState.pendingSecondFactor.rawValue)\(unsafeRaw: self.dialect.forUpdate)
                """
            ).first() else { throw DeskError.unauthorized }
            let pending = try Self.agentSession(row)
            try await sql.raw("UPDATE agent_sessions SET ended_at = \(bind: now.microseconds) WHERE id_hash = \(bind: pendingIDHash)").run()
            let session = AgentSession(
                idHash: newIDHash, agentID: pending.agentID, state: .active, createdAt: now, lastSeenAt: now, ip: pending.ip, userAgent: pending.userAgent
            )
            try await self.insertSession(session, on: sql)
            try await self.recordSuccessfulSignIn(session, method: method, language: language, on: sql)
            try await self.audit(
                "signin.succeeded", actor: .agent(session.agentID), target: "agent:\(session.agentID)",
                details: ["ip": session.ip, "userAgent": session.userAgent, "secondFactor": method], at: now, on: sql
            )
            return session
        }
    }
}
