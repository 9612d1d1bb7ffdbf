import DeskCore
import Foundation
import SQLKit

extension SQLDeskStore: AccessStore {
    public func hasAdmin() async throws -> Bool {
        try await database.read { sql in
            try await sql.raw("SELECT id FROM agents WHERE role = 'admin' AND active = 1 LIMIT 1").first() != nil
        }
    }

    public func setSetting(_ key: String, _ value: String) async throws {
        try await database.write { sql in
            try await sql.raw(
                "INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value)) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ).run()
        }
    }

    public func setting(_ key: String) async throws -> String? {
        try await database.read { sql in
            try await sql.raw("SELECT value FROM settings WHERE key = \(bind: key)").first()?.decode(column: "value", as: String.self)
        }
    }

    public func completeSetup(codeHash: String, admin: Agent, tokenHash: String, now: Date) async throws -> Agent {
        try await database.write { sql in
            // Take the setup row first so two simultaneous setups on PostgreSQL serialise on it.
            let stored = try await sql.raw("SELECT value FROM settings WHERE key = 'setup_code_sha256'\(unsafeRaw: self.dialect.forUpdate)").first()
            if try await sql.raw("SELECT id FROM agents WHERE role = 'admin' LIMIT 1").first() != nil { throw DeskError.setupAlreadyDone }
            guard let expected = try stored?.decode(column: "value", as: String.self), constantTimeEqual(expected, codeHash) else {
                throw DeskError.invalidSetupCode
            }
            try await self.insertAgent(admin, on: sql)
            try await self.insertToken(agentID: admin.id, name: "setup", tokenHash: tokenHash, scopes: ["admin"], now: now, on: sql)
            try await sql.raw("DELETE FROM settings WHERE key = 'setup_code_sha256'").run()
            try await self.audit(
                "setup.completed", actor: .agent(admin.id), target: "agent:\(admin.id)", details: ["email": admin.email.rawValue], at: now, on: sql
            )
            return admin
        }
    }

    func insertToken(agentID: AgentID, name: String, tokenHash: String, scopes: [String], now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO api_tokens (id, token_hash, agent_id, name, scopes, created_at) VALUES (\(bind: FastUUID.format(FastUUID.random())),
              \(bind: tokenHash), \(bind: agentID.description), \(bind: name), \(bind: scopes.joined(separator: " ")), \(bind: now.microseconds))
            """
        ).run()
    }
}

/// Compares two hex digests without stopping at the first difference.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for index in x.indices { difference |= x[index] ^ y[index] }
    return difference == 0
}
