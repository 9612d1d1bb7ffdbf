import DeskCore
import Foundation
import SQLKit

/// A signed-in browser session. The store keeps only the SHA-256 of the session id the cookie carries.
public struct AgentSession: Sendable, Equatable {
    public var idHash: String
    public var agentID: AgentID
    public var state: SessionState
    public var createdAt: Date
    public var lastSeenAt: Date
    public var endedAt: Date?
    public var ip: String
    public var userAgent: String

    public init(
        idHash: String, agentID: AgentID, state: SessionState, createdAt: Date, lastSeenAt: Date, endedAt: Date? = nil, ip: String,
        userAgent: String
    ) {
        self.idHash = idHash
        self.agentID = agentID
        self.state = state
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.endedAt = endedAt
        self.ip = ip
        self.userAgent = userAgent
    }
}

/// What signing in needs to know about an agent: the agent, their password hash and second factor.
public struct AgentCredentials: Sendable, Equatable {
    public var agent: Agent
    public var passwordHash: String?
    /// The TOTP secret once enrolment was confirmed.
    public var totpSecret: String?
    /// A TOTP secret handed out for enrolment but not confirmed yet.
    public var pendingTOTPSecret: String?
}

/// Agent passwords, set-password codes and sessions.
public protocol AccountStore: Sendable {
    /// The active agent with this email (compared without case), or nil.
    func credentials(email: EmailAddress) async throws -> AgentCredentials?
    func credentials(agentID: AgentID) async throws -> AgentCredentials
    /// Sets an agent's password and ends all their sessions (a new password signs out every device).
    func setPassword(_ agentID: AgentID, hash: String, by actor: Actor, now: Date) async throws
    /// Stores a one-time set-password code for an agent; earlier unused codes of the agent stop working.
    func createPasswordSetupCode(for agentID: AgentID, codeHash: String, expiresAt: Date, by actor: Actor, now: Date) async throws
    /// Whether a set-password code is unused and unexpired (checked before spending bcrypt time on the password).
    func passwordSetupCodeIsValid(codeHash: String, now: Date) async throws -> Bool
    /// Uses a set-password code: sets the password and marks the code used in one transaction.
    func completePasswordSetup(codeHash: String, passwordHash: String, now: Date) async throws -> Agent
    /// Stores a new session and records the sign-in (history, known devices and a new-device alert in `language` when the
    /// session is fully signed in; only the audit entry while it waits for a second factor).
    func startSession(_ session: AgentSession, language: Language) async throws
    func session(idHash: String) async throws -> (agent: Agent, session: AgentSession)?
    /// Records that a session was used, at most once a minute so reads stay reads.
    func touchSession(idHash: String, now: Date) async throws
    func endSession(idHash: String, now: Date) async throws
    /// Ends every session of an agent ("sign out everywhere"); returns how many were open.
    func endSessions(of agentID: AgentID, by actor: Actor, now: Date) async throws -> Int
    /// Records in the audit log that `actor` saw a customer's personal data in clear, and why.
    func recordPIIReveal(of customerID: CustomerID, by actor: Actor, reason: String, now: Date) async throws
}

extension SQLDeskStore: AccountStore {
    static let sessionColumns = "id_hash, agent_id, state, created_at, last_seen_at, ended_at, ip, user_agent"

    static func agentSession(_ row: any SQLRow, prefix: String = "") throws -> AgentSession {
        guard let agent = AgentID(try row.decode(column: prefix + "agent_id", as: String.self)),
            let state = SessionState(rawValue: try row.decode(column: prefix + "state", as: String.self))
        else { throw StoreError.corruptRow(table: "agent_sessions", column: "agent_id/state") }
        return AgentSession(
            idHash: try row.decode(column: prefix + "id_hash", as: String.self), agentID: agent, state: state,
            createdAt: Date(microseconds: try row.decode(column: prefix + "created_at", as: Int64.self)),
            lastSeenAt: Date(microseconds: try row.decode(column: prefix + "last_seen_at", as: Int64.self)),
            endedAt: try row.decodeNil(column: prefix + "ended_at") ? nil : Date(microseconds: try row.decode(column: prefix + "ended_at", as: Int64.self)),
            ip: try row.decode(column: prefix + "ip", as: String.self), userAgent: try row.decode(column: prefix + "user_agent", as: String.self)
        )
    }

    static func credentials(_ row: any SQLRow) throws -> AgentCredentials {
        func text(_ column: String) throws -> String? { try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: String.self) }
        return AgentCredentials(
            agent: try Rows.agent(row), passwordHash: try text("password_hash"), totpSecret: try text("totp_secret"),
            pendingTOTPSecret: try text("totp_pending_secret")
        )
    }

    static var credentialQuery: String {
        let agentColumns = Rows.agentColumns.split(separator: ",").map { "a." + $0.trimmingWhitespace() }.joined(separator: ", ")
        return "SELECT \(agentColumns), c.password_hash, c.totp_secret, c.totp_pending_secret FROM agents a LEFT JOIN agent_credentials c ON c.agent_id = a.id"
    }

    public func credentials(email: EmailAddress) async throws -> AgentCredentials? {
        try await database.read { sql in
            try await sql.raw("\(unsafeRaw: Self.credentialQuery) WHERE LOWER(a.email) = \(bind: email.rawValue.lowercased()) AND a.active = 1")
                .first().map(Self.credentials)
        }
    }

    public func credentials(agentID: AgentID) async throws -> AgentCredentials {
        try await database.read { sql in
            guard let row = try await sql.raw("\(unsafeRaw: Self.credentialQuery) WHERE a.id = \(bind: agentID.description)").first() else {
                throw DeskError.notFound(entity: "agent")
            }
            return try Self.credentials(row)
        }
    }

    public func setPassword(_ agentID: AgentID, hash: String, by actor: Actor, now: Date) async throws {
        try await database.write { sql in
            guard try await sql.raw("SELECT id FROM agents WHERE id = \(bind: agentID.description)").first() != nil else {
                throw DeskError.notFound(entity: "agent")
            }
            try await self.storePassword(agentID, hash: hash, now: now, on: sql)
            try await self.audit("password.changed", actor: actor, target: "agent:\(agentID)", details: [:], at: now, on: sql)
        }
    }

    /// Upserts the password and ends the agent's sessions, inside the caller's transaction.
    func storePassword(_ agentID: AgentID, hash: String, now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO agent_credentials (agent_id, password_hash, password_changed_at) VALUES (\(bind: agentID.description), \(bind: hash),
              \(bind: now.microseconds))
            ON CONFLICT (agent_id) DO UPDATE SET password_hash = excluded.password_hash, password_changed_at = excluded.password_changed_at
            """
        ).run()
        try await sql.raw(
            "UPDATE agent_sessions SET ended_at = \(bind: now.microseconds) WHERE agent_id = \(bind: agentID.description) AND ended_at IS NULL"
        ).run()
    }

    public func createPasswordSetupCode(for agentID: AgentID, codeHash: String, expiresAt: Date, by actor: Actor, now: Date) async throws {
        try await database.write { sql in
            guard try await sql.raw("SELECT id FROM agents WHERE id = \(bind: agentID.description) AND active = 1").first() != nil else {
                throw DeskError.notFound(entity: "agent")
            }
            try await sql.raw(
                "UPDATE password_setup_codes SET used_at = \(bind: now.microseconds) WHERE agent_id = \(bind: agentID.description) AND used_at IS NULL"
            ).run()
            try await sql.raw(
                """
                INSERT INTO password_setup_codes (code_hash, agent_id, created_at, expires_at) VALUES (\(bind: codeHash), \(bind: agentID.description),
                  \(bind: now.microseconds), \(bind: expiresAt.microseconds))
                """
            ).run()
            try await self.audit(
                "password.setup-issued", actor: actor, target: "agent:\(agentID)", details: ["expiresAt": String(expiresAt.microseconds)], at: now,
                on: sql
            )
        }
    }

    public func passwordSetupCodeIsValid(codeHash: String, now: Date) async throws -> Bool {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT s.code_hash FROM password_setup_codes s JOIN agents a ON a.id = s.agent_id
                WHERE s.code_hash = \(bind: codeHash) AND s.used_at IS NULL AND s.expires_at > \(bind: now.microseconds) AND a.active = 1
                """
            ).first() != nil
        }
    }

    public func completePasswordSetup(codeHash: String, passwordHash: String, now: Date) async throws -> Agent {
        try await database.write { sql in
            // The code row is locked first so two uses of one code serialise and only the first wins.
            guard let row = try await sql.raw(
                """
                SELECT agent_id FROM password_setup_codes WHERE code_hash = \(bind: codeHash) AND used_at IS NULL
                  AND expires_at > \(bind: now.microseconds)\(unsafeRaw: self.dialect.forUpdate)
                """
            ).first(), let agentID = AgentID(try row.decode(column: "agent_id", as: String.self)) else { throw DeskError.invalidCode }
            guard let agentRow = try await sql.raw(
                "SELECT \(unsafeRaw: Rows.agentColumns) FROM agents WHERE id = \(bind: agentID.description) AND active = 1"
            ).first() else { throw DeskError.invalidCode }
            try await sql.raw("UPDATE password_setup_codes SET used_at = \(bind: now.microseconds) WHERE code_hash = \(bind: codeHash)").run()
            try await self.storePassword(agentID, hash: passwordHash, now: now, on: sql)
            try await self.audit("password.set", actor: .agent(agentID), target: "agent:\(agentID)", details: [:], at: now, on: sql)
            return try Rows.agent(agentRow)
        }
    }

    public func startSession(_ session: AgentSession, language: Language) async throws {
        try await database.write { sql in
            try await self.insertSession(session, on: sql)
            if session.state == .active { try await self.recordSuccessfulSignIn(session, method: "password", language: language, on: sql) }
            try await self.audit(
                session.state == .active ? "signin.succeeded" : "signin.second-factor-required", actor: .agent(session.agentID),
                target: "agent:\(session.agentID)", details: ["ip": session.ip, "userAgent": session.userAgent], at: session.createdAt, on: sql
            )
        }
    }

    func insertSession(_ session: AgentSession, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO agent_sessions (\(unsafeRaw: Self.sessionColumns)) VALUES (\(bind: session.idHash), \(bind: session.agentID.description),
              \(bind: session.state.rawValue), \(bind: session.createdAt.microseconds), \(bind: session.lastSeenAt.microseconds), NULL,
              \(bind: session.ip), \(bind: session.userAgent))
            """
        ).run()
    }

    public func session(idHash: String) async throws -> (agent: Agent, session: AgentSession)? {
        let agentColumns = Rows.agentColumns.split(separator: ",").map { "a." + $0.trimmingWhitespace() }.joined(separator: ", ")
        let sessionColumns = Self.sessionColumns.split(separator: ",").map { "s.\($0.trimmingWhitespace()) AS s_\($0.trimmingWhitespace())" }
            .joined(separator: ", ")
        return try await database.read { sql in
            guard let row = try await sql.raw(
                """
                SELECT \(unsafeRaw: agentColumns), \(unsafeRaw: sessionColumns) FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
                WHERE s.id_hash = \(bind: idHash) AND s.ended_at IS NULL AND a.active = 1
                """
            ).first() else { return nil }
            return (try Rows.agent(row), try Self.agentSession(row, prefix: "s_"))
        }
    }

    public func touchSession(idHash: String, now: Date) async throws {
        let cutoff = now.addingTimeInterval(-60).microseconds
        try await database.write { sql in
            try await sql.raw(
                "UPDATE agent_sessions SET last_seen_at = \(bind: now.microseconds) WHERE id_hash = \(bind: idHash) AND last_seen_at < \(bind: cutoff)"
            ).run()
        }
    }

    public func endSession(idHash: String, now: Date) async throws {
        try await database.write { sql in
            guard let row = try await sql.raw(
                "SELECT agent_id FROM agent_sessions WHERE id_hash = \(bind: idHash) AND ended_at IS NULL"
            ).first(), let agentID = AgentID(try row.decode(column: "agent_id", as: String.self)) else { return }
            try await sql.raw("UPDATE agent_sessions SET ended_at = \(bind: now.microseconds) WHERE id_hash = \(bind: idHash)").run()
            try await self.audit("signout", actor: .agent(agentID), target: "agent:\(agentID)", details: [:], at: now, on: sql)
        }
    }

    public func endSessions(of agentID: AgentID, by actor: Actor, now: Date) async throws -> Int {
        try await database.write { sql in
            let open = try await sql.raw(
                "SELECT id_hash FROM agent_sessions WHERE agent_id = \(bind: agentID.description) AND ended_at IS NULL"
            ).all().count
            try await sql.raw(
                "UPDATE agent_sessions SET ended_at = \(bind: now.microseconds) WHERE agent_id = \(bind: agentID.description) AND ended_at IS NULL"
            ).run()
            try await self.audit(
                "signout.everywhere", actor: actor, target: "agent:\(agentID)", details: ["sessions": String(open)], at: now, on: sql
            )
            return open
        }
    }

    public func recordPIIReveal(of customerID: CustomerID, by actor: Actor, reason: String, now: Date) async throws {
        try await database.write { sql in
            try await self.audit("customer.pii-revealed", actor: actor, target: "customer:\(customerID)", details: ["reason": reason], at: now, on: sql)
        }
    }
}
