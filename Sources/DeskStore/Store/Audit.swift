import DeskCore
import Foundation
import SQLKit

/// An API token as the store knows it: never the secret, only what people need to manage it.
public struct TokenRecord: Sendable, Equatable {
    public var id: String
    public var agentID: AgentID
    public var name: String
    public var scopes: Set<TokenScope>
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: String, agentID: AgentID, name: String, scopes: Set<TokenScope>, createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.agentID = agentID
        self.name = name
        self.scopes = scopes
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

/// The agent and token behind a bearer token.
public struct AuthenticatedToken: Sendable, Equatable {
    public var agent: Agent
    public var token: TokenRecord
}

/// API tokens and the audit log.
public protocol AuditStore: Sendable {
    func issueToken(_ record: TokenRecord, tokenHash: String, by actor: Actor) async throws -> TokenRecord
    func tokens(of agentID: AgentID?) async throws -> [TokenRecord]
    /// Revokes a token; with `owner` set, only that agent's token (others answer 404, not 403).
    func revokeToken(_ id: String, owner: AgentID?, by actor: Actor, now: Date) async throws -> TokenRecord
    /// Records that a token was used, at most once a minute per token so reads stay reads.
    func touchToken(_ id: String, now: Date) async throws
    func authenticate(tokenHash: String) async throws -> AuthenticatedToken?
    func auditEntries(after: Int64?, action: String?, limit: Int) async throws -> [AuditEntry]
    func auditHead() async throws -> String
}

extension SQLDeskStore: AuditStore {
    static let tokenColumns = "id, agent_id, name, scopes, created_at, last_used_at, revoked_at"

    static func tokenRecord(_ row: any SQLRow, prefix: String = "") throws -> TokenRecord {
        guard let agent = AgentID(try row.decode(column: prefix + "agent_id", as: String.self)) else {
            throw StoreError.corruptRow(table: "api_tokens", column: "agent_id")
        }
        func time(_ column: String) throws -> Date? {
            try row.decodeNil(column: prefix + column) ? nil : Date(microseconds: try row.decode(column: prefix + column, as: Int64.self))
        }
        return TokenRecord(
            id: try row.decode(column: prefix + "id", as: String.self), agentID: agent, name: try row.decode(column: prefix + "name", as: String.self),
            scopes: Set(try row.decode(column: prefix + "scopes", as: String.self).split(separator: " ").compactMap { TokenScope(rawValue: String($0)) }),
            createdAt: try time("created_at") ?? Date(microseconds: 0), lastUsedAt: try time("last_used_at"), revokedAt: try time("revoked_at")
        )
    }

    public func issueToken(_ record: TokenRecord, tokenHash: String, by actor: Actor) async throws -> TokenRecord {
        try await database.write { sql in
            guard try await sql.raw("SELECT id FROM agents WHERE id = \(bind: record.agentID.description) AND active = 1").first() != nil else {
                throw DeskError.invalidField("agentId", reason: .unknownReference)
            }
            try await sql.raw(
                """
                INSERT INTO api_tokens (id, token_hash, agent_id, name, scopes, created_at) VALUES (\(bind: record.id), \(bind: tokenHash),
                  \(bind: record.agentID.description), \(bind: record.name), \(bind: record.scopes.map(\.rawValue).sorted().joined(separator: " ")),
                  \(bind: record.createdAt.microseconds))
                """
            ).run()
            try await self.audit(
                "token.created", actor: actor, target: "token:\(record.id)",
                details: ["agent": record.agentID.description, "name": record.name, "scopes": record.scopes.map(\.rawValue).sorted().joined(separator: " ")],
                at: record.createdAt, on: sql
            )
            return record
        }
    }

    public func tokens(of agentID: AgentID?) async throws -> [TokenRecord] {
        try await database.read { sql in
            var statement = SQLQueryString("SELECT \(unsafeRaw: Self.tokenColumns) FROM api_tokens")
            if let agentID { statement.appendLiteral(" WHERE agent_id = "); statement.appendInterpolation(bind: agentID.description) }
            statement.appendLiteral(" ORDER BY created_at DESC, id LIMIT 1000")
            return try await sql.raw(statement).all().map { try Self.tokenRecord($0) }
        }
    }

    public func revokeToken(_ id: String, owner: AgentID?, by actor: Actor, now: Date) async throws -> TokenRecord {
        let forUpdate = dialect.forUpdate
        return try await database.write { sql in
            guard let row = try await sql.raw("SELECT \(unsafeRaw: Self.tokenColumns) FROM api_tokens WHERE id = \(bind: id)\(unsafeRaw: forUpdate)").first() else {
                throw DeskError.notFound(entity: "token")
            }
            var record = try Self.tokenRecord(row)
            if let owner, record.agentID != owner { throw DeskError.notFound(entity: "token") }
            guard record.revokedAt == nil else { return record }
            record.revokedAt = now
            try await sql.raw("UPDATE api_tokens SET revoked_at = \(bind: now.microseconds) WHERE id = \(bind: id)").run()
            try await self.announceAccessChange(on: sql)
            try await self.audit("token.revoked", actor: actor, target: "token:\(id)", details: ["agent": record.agentID.description], at: now, on: sql)
            return record
        }
    }

    public func touchToken(_ id: String, now: Date) async throws {
        let cutoff = now.addingTimeInterval(-60).microseconds
        try await database.write { sql in
            try await sql.raw(
                """
                UPDATE api_tokens SET last_used_at = \(bind: now.microseconds)
                WHERE id = \(bind: id) AND (last_used_at IS NULL OR last_used_at < \(bind: cutoff))
                """
            ).run()
        }
    }

    public func authenticate(tokenHash: String) async throws -> AuthenticatedToken? {
        let agentColumns = Rows.agentColumns.split(separator: ",").map { "a." + $0.trimmingWhitespace() }.joined(separator: ", ")
        let tokenColumns = Self.tokenColumns.split(separator: ",").map { "t.\($0.trimmingWhitespace()) AS t_\($0.trimmingWhitespace())" }.joined(separator: ", ")
        return try await database.read { sql in
            guard let row = try await sql.raw(
                """
                SELECT \(unsafeRaw: agentColumns), \(unsafeRaw: tokenColumns) FROM api_tokens t JOIN agents a ON a.id = t.agent_id
                WHERE t.token_hash = \(bind: tokenHash) AND t.revoked_at IS NULL AND a.active = 1
                """
            ).first() else { return nil }
            return AuthenticatedToken(agent: try Rows.agent(row), token: try Self.tokenRecord(row, prefix: "t_"))
        }
    }

    public func auditEntries(after: Int64?, action: String?, limit: Int) async throws -> [AuditEntry] {
        try await database.read { sql in
            var statement = SQLQueryString(
                "SELECT id, at, actor_kind, actor_id, action, target, details, previous_hash, hash FROM audit_log WHERE id > \(bind: after ?? 0)"
            )
            if let action { statement.appendLiteral(" AND action = "); statement.appendInterpolation(bind: action) }
            statement.appendLiteral(" ORDER BY id LIMIT ")
            statement.appendInterpolation(bind: max(1, min(limit, 10_000)))
            return try await sql.raw(statement).all().map { row in
                guard let kind = AuthorKind(rawValue: try row.decode(column: "actor_kind", as: String.self)) else {
                    throw StoreError.corruptRow(table: "audit_log", column: "actor_kind")
                }
                let details = try JSONDecoder().decode([String: String].self, from: Data(try row.decode(column: "details", as: String.self).utf8))
                return AuditEntry(
                    id: try row.decode(column: "id", as: Int64.self), at: Date(microseconds: try row.decode(column: "at", as: Int64.self)),
                    actor: Actor(kind: kind, id: try row.decodeNil(column: "actor_id") ? nil : FastUUID.parse(try row.decode(column: "actor_id", as: String.self))),
                    action: try row.decode(column: "action", as: String.self), target: try row.decode(column: "target", as: String.self),
                    details: details, previousHash: try row.decode(column: "previous_hash", as: String.self),
                    hash: try row.decode(column: "hash", as: String.self)
                )
            }
        }
    }

    public func auditHead() async throws -> String {
        try await database.read { sql in
            try await sql.raw("SELECT hash FROM audit_head WHERE id = 1").first()?.decode(column: "hash", as: String.self) ?? AuditChain.genesis
        }
    }

    /// Appends an audit entry inside the current transaction. The head row is locked first, so appends from every
    /// node form one chain.
    func audit(_ action: String, actor: Actor, target: String, details: [String: String], at: Date, on sql: any SQLDatabase) async throws {
        let at = Date(microseconds: at.microseconds)  // the stored precision, so verification recomputes the same hash
        let previous = try await sql.raw("SELECT hash FROM audit_head WHERE id = 1\(unsafeRaw: dialect.forUpdate)").first()?
            .decode(column: "hash", as: String.self) ?? AuditChain.genesis
        let hash = AuditChain.hash(previous: previous, at: at, actor: actor, action: action, target: target, details: details)
        let encodedDetails = String(decoding: try Self.historyEncoder.encode(details), as: UTF8.self)
        try await sql.raw(
            """
            INSERT INTO audit_log (at, actor_kind, actor_id, action, target, details, previous_hash, hash) VALUES (\(bind: at.microseconds),
              \(bind: actor.kind.rawValue), \(bind: actor.id.map(FastUUID.format)), \(bind: action), \(bind: target), \(bind: encodedDetails),
              \(bind: previous), \(bind: hash))
            """
        ).run()
        try await sql.raw("UPDATE audit_head SET hash = \(bind: hash) WHERE id = 1").run()
    }
}
