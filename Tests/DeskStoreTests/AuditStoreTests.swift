import DeskCore
import DeskStore
import Foundation
import Testing

@Suite("Audit store")
struct AuditStoreTests {
    static func fullChain(_ store: SQLDeskStore) async throws -> [AuditEntry] {
        try await store.auditEntries(after: nil, action: nil, limit: 10_000)
    }

    @Test("security actions are chained; tokens are issued, used and revoked", arguments: TestDatabases.kinds)
    func chain(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let admin = try await store.createAgent(Fixtures.agent("Root", email: "root@example.com", role: .admin), by: .system)
            let agent = try await store.createAgent(Fixtures.agent(), by: .agent(admin.id))
            _ = try await store.updateAgent(agent.id, expectedVersion: nil, by: .agent(admin.id), now: Fixtures.start) { $0.role = .supervisor }
            let record = TokenRecord(id: FastUUID.format(UUID()), agentID: agent.id, name: "crm", scopes: [.ticketsRead], createdAt: Fixtures.start)
            _ = try await store.issueToken(record, tokenHash: "hash-1", by: .agent(admin.id))
            let authenticated = try #require(try await store.authenticate(tokenHash: "hash-1"))
            #expect(authenticated.agent.role == .supervisor)
            #expect(authenticated.token.scopes == [.ticketsRead])
            try await store.touchToken(record.id, now: Fixtures.start.addingTimeInterval(5))
            #expect(try await store.tokens(of: agent.id).first?.lastUsedAt == Fixtures.start.addingTimeInterval(5))

            await #expect(throws: DeskError.notFound(entity: "token")) {
                try await store.revokeToken(record.id, owner: admin.id, by: .agent(admin.id), now: Fixtures.start)
            }
            _ = try await store.revokeToken(record.id, owner: agent.id, by: .agent(agent.id), now: Fixtures.start)
            #expect(try await store.authenticate(tokenHash: "hash-1") == nil)

            let entries = try await Self.fullChain(store)
            #expect(entries.map(\.action) == ["agent.created", "agent.created", "agent.updated", "token.created", "token.revoked"])
            #expect(entries[2].details["role"] == "agent→supervisor")
            #expect(AuditChain.verify(entries, head: try await store.auditHead()) == nil)
        }
    }

    @Test("edits made behind the application's back are detected", arguments: TestDatabases.kinds)
    func tamperDetected(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            for index in 0..<4 {
                _ = try await store.createTeam(Team(name: "Team \(index)", createdAt: Fixtures.start, updatedAt: Fixtures.start), by: .system)
            }
            // The append-only triggers refuse ordinary edits…
            await #expect(throws: (any Error).self) {
                try await store.database.write { sql in try await sql.raw("UPDATE audit_log SET target = 'x' WHERE id = 2").run() }
            }
            // …so an attacker with database access switches them off first.
            try await store.database.write { sql in
                if kind == .sqlite {
                    try await sql.raw("DROP TRIGGER audit_log_no_update").run()
                    try await sql.raw("DROP TRIGGER audit_log_no_delete").run()
                } else {
                    try await sql.raw("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only").run()
                }
                try await sql.raw("UPDATE audit_log SET details = '{\"name\":\"Innocent\"}' WHERE id = 2").run()
            }
            #expect(AuditChain.verify(try await Self.fullChain(store), head: try await store.auditHead()) == .edited(id: 2))

            try await store.database.write { sql in try await sql.raw("DELETE FROM audit_log WHERE id = 2").run() }
            #expect(AuditChain.verify(try await Self.fullChain(store), head: try await store.auditHead()) == .broken(id: 3))

            try await store.database.write { sql in try await sql.raw("DELETE FROM audit_log WHERE id >= 2").run() }
            #expect(AuditChain.verify(try await Self.fullChain(store), head: try await store.auditHead()) == .truncated(lastID: 1))
        }
    }
}
