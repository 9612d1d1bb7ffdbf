import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// `/api/v1/tokens`: API tokens for integrations, shown once, stored hashed, revocable; `/api/v1/audit`: the audit log.
struct TokensController {
    let dependencies: Dependencies

    func addRoutes(to routes: GuardedRoutes) {
        routes.post("tokens", .manageOwnTokens, use: issue)
        routes.get("tokens", .manageOwnTokens, use: list)
        routes.delete("tokens/:token", .manageOwnTokens, use: revoke)
        routes.get("audit", .readAudit, use: audit)
    }

    @Sendable func issue(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: TokenInput.self, limit: 16 * 1024)
        let owner = input.agentId ?? context.agent.id
        // Tokens for someone else are an admin matter; asking without the right looks like asking for nobody (404).
        if owner != context.agent.id, !context.may(.manageAllTokens) { throw DeskError.invalidField("agentId", reason: .unknownReference) }
        // A token never carries more than the token that made it.
        if !context.scopes.contains(.admin), !input.scopes.isSubset(of: context.scopes) {
            throw DeskError.invalidField("scopes", reason: .invalidValue)
        }
        let secret = Secrets.newToken()
        let record = try await dependencies.store.issueToken(
            TokenRecord(id: FastUUID.format(FastUUID.random()), agentID: owner, name: try validName(input.name), scopes: input.scopes, createdAt: dependencies.now()),
            tokenHash: Secrets.sha256Hex(secret), by: context.actor
        )
        return try .json(IssuedToken(token: secret, record: TokenResource(record)), status: .created)
    }

    @Sendable func list(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let all = request.uri.queryParameters.get("all") == "true"
        if all { try context.require(.manageAllTokens) }
        let tokens = try await dependencies.store.tokens(of: all ? nil : context.agent.id)
        return try .json(PageResource(items: tokens.map(TokenResource.init), nextCursor: nil))
    }

    @Sendable func revoke(_ request: Request, context: AgentRequestContext) async throws -> Response {
        guard let id = context.parameters.get("token"), FastUUID.parse(id) != nil else { throw DeskError.notFound(entity: "token") }
        let owner = context.may(.manageAllTokens) ? nil : context.agent.id
        let record = try await dependencies.store.revokeToken(id, owner: owner, by: context.actor, now: dependencies.now())
        dependencies.tokenCache.clear()
        return try .json(TokenResource(record))
    }

    @Sendable func audit(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let after = try request.query("cursor") { Cursor.decode($0).flatMap { Int64($0) } }
        let limit = try request.query("limit") { Int($0).flatMap { (1...500).contains($0) ? $0 : nil } } ?? 100
        let action = try request.query("action") { $0.count <= 64 ? $0 : nil }
        let entries = try await dependencies.store.auditEntries(after: after, action: action, limit: limit)
        let next = entries.count == limit ? entries.last.map { String($0.id) } : nil
        return try .json(PageResource(items: entries.map(AuditResource.init), nextCursor: Cursor.encode(next)))
    }
}

struct TokenInput: JSONBody {
    var name: String
    var scopes: Set<TokenScope>
    var agentId: AgentID?

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["name", "scopes", "agentId"])
        name = try json.required("name", json.string)
        scopes = Set(try json.required("scopes") { key throws(DeskError) in try json.values(key, as: TokenScope.self) })
        agentId = try json.id("agentId")
        guard !scopes.isEmpty else { throw DeskError.invalidField(json.field("scopes"), reason: .required) }
    }
}

struct TokenResource: Codable, Sendable {
    var id: String
    var agentId: String
    var name: String
    var scopes: [String]
    var createdAt: Date
    var lastUsedAt: Date?
    var revokedAt: Date?

    init(_ record: TokenRecord) {
        id = record.id
        agentId = record.agentID.description
        name = record.name
        scopes = record.scopes.map(\.rawValue).sorted()
        createdAt = record.createdAt
        lastUsedAt = record.lastUsedAt
        revokedAt = record.revokedAt
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(agentId, forKey: .agentId)
        try c.encode(name, forKey: .name)
        try c.encode(scopes, forKey: .scopes)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(lastUsedAt, forKey: .lastUsedAt)
        try c.encode(revokedAt, forKey: .revokedAt)
    }
}

struct IssuedToken: Codable, Sendable {
    /// Shown once; only its hash is stored.
    var token: String
    var record: TokenResource
}

struct AuditResource: Codable, Sendable {
    var id: Int64
    var at: Date
    var actorKind: AuthorKind
    var actorId: String?
    var action: String
    var target: String
    var details: [String: String]
    var previousHash: String
    var hash: String

    init(_ entry: AuditEntry) {
        id = entry.id
        at = entry.at
        actorKind = entry.actor.kind
        actorId = entry.actor.id.map(FastUUID.format)
        action = entry.action
        target = entry.target
        details = entry.details
        previousHash = entry.previousHash
        hash = entry.hash
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(at, forKey: .at)
        try c.encode(actorKind, forKey: .actorKind)
        try c.encode(actorId, forKey: .actorId)
        try c.encode(action, forKey: .action)
        try c.encode(target, forKey: .target)
        try c.encode(details, forKey: .details)
        try c.encode(previousHash, forKey: .previousHash)
        try c.encode(hash, forKey: .hash)
    }
}
