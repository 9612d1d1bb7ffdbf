import DeskCore
import DeskStore
import Foundation
import Testing

@Suite("Directory store")
struct DirectoryStoreTests {
    @Test("customers: create, find by identifier, update with versions, unique emails", arguments: TestDatabases.kinds)
    func customers(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let customer = try await store.createCustomer(
                Customer(name: "王芳", email: EmailAddress(rawValue: "wang@example.com"), phone: PhoneNumber(rawValue: "+86 138-0013-8000"),
                         walletAccountID: "acct-7", language: .zhTW, createdAt: Fixtures.start, updatedAt: Fixtures.start)
            )
            #expect(try await store.customer(customer.id) == customer)
            let byPhone = try await store.customers(email: nil, phone: PhoneNumber(rawValue: "+8613800138000"), walletAccountID: nil, after: nil, limit: 10)
            #expect(byPhone.items.map(\.id) == [customer.id])
            await #expect(throws: DeskError.duplicate(field: "email")) {
                try await store.createCustomer(Customer(email: EmailAddress(rawValue: "wang@example.com"), createdAt: Fixtures.start, updatedAt: Fixtures.start))
            }
            let updated = try await store.updateCustomer(customer.id, expectedVersion: 1, now: Fixtures.start) { $0.language = .en }
            #expect(updated.version == 2)
            await #expect(throws: DeskError.versionConflict(current: 2)) {
                try await store.updateCustomer(customer.id, expectedVersion: 1, now: Fixtures.start) { $0.name = "x" }
            }
        }
    }

    @Test("customer pages are stable and complete", arguments: TestDatabases.kinds)
    func customerPages(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            for index in 0..<5 {
                _ = try await store.createCustomer(
                    Customer(email: EmailAddress(rawValue: "p\(index)@example.com"), createdAt: Fixtures.start, updatedAt: Fixtures.start)
                )
            }
            var cursor: String?
            var all: [CustomerID] = []
            for _ in 0..<5 {
                let page = try await store.customers(email: nil, phone: nil, walletAccountID: nil, after: cursor, limit: 2)
                all += page.items.map(\.id)
                cursor = page.nextCursor
                if cursor == nil { break }
            }
            #expect(all.count == 5)
            #expect(Set(all).count == 5)
        }
    }

    @Test("agents and teams", arguments: TestDatabases.kinds)
    func agentsAndTeams(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let team = try await store.createTeam(Team(name: "安全团队 Security", createdAt: Fixtures.start, updatedAt: Fixtures.start), by: .system)
            var agent = Fixtures.agent("Bo", email: "bo@example.com", role: .security)
            agent.teamID = team.id
            agent = try await store.createAgent(agent, by: .system)
            #expect(try await store.agents().map(\.id) == [agent.id])
            #expect(try await store.teams().map(\.name) == ["安全团队 Security"])
            await #expect(throws: DeskError.duplicate(field: "email")) {
                try await store.createAgent(Fixtures.agent("Other", email: "bo@example.com"), by: .system)
            }
            await #expect(throws: DeskError.duplicate(field: "name")) {
                try await store.createTeam(Team(name: "安全团队 Security", createdAt: Fixtures.start, updatedAt: Fixtures.start), by: .system)
            }
            let renamed = try await store.updateTeam(team.id, expectedVersion: 1, by: .system, now: Fixtures.start) { $0.name = "Security" }
            #expect(renamed.version == 2)
            let moved = try await store.updateAgent(agent.id, expectedVersion: 1, by: .system, now: Fixtures.start) { $0.teamID = nil; $0.active = false }
            #expect(moved.teamID == nil && !moved.active)
        }
    }

    @Test("first-admin setup works once, with the right code only", arguments: TestDatabases.kinds)
    func setup(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            #expect(try await !store.hasAdmin())
            try await store.setSetting("setup_code_sha256", "aaaa")
            let admin = Fixtures.agent("Root", email: "root@example.com", role: .admin)
            await #expect(throws: DeskError.invalidSetupCode) {
                try await store.completeSetup(codeHash: "bbbb", admin: admin, tokenHash: "t1", now: Fixtures.start)
            }
            _ = try await store.completeSetup(codeHash: "aaaa", admin: admin, tokenHash: "t1", now: Fixtures.start)
            #expect(try await store.hasAdmin())
            #expect(try await store.authenticate(tokenHash: "t1")?.agent.id == admin.id)
            #expect(try await store.authenticate(tokenHash: "nope") == nil)
            await #expect(throws: DeskError.setupAlreadyDone) {
                try await store.completeSetup(codeHash: "aaaa", admin: Fixtures.agent("Again", email: "again@example.com", role: .admin), tokenHash: "t2", now: Fixtures.start)
            }
            // A deactivated agent's token stops working.
            _ = try await store.updateAgent(admin.id, expectedVersion: nil, by: .system, now: Fixtures.start) { $0.active = false }
            #expect(try await store.authenticate(tokenHash: "t1") == nil)
        }
    }

    @Test("migrations are idempotent and recorded", arguments: TestDatabases.kinds)
    func migrations(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let migrator = Migrator(database: store.database, logger: TestDatabases.logger)
            let applied = try await migrator.migrate()
            #expect(applied.isEmpty)
            let version = try await migrator.currentVersion()
            #expect(version == Migrations.latestVersion)
        }
    }

    @Test("customers are found through an index by every identifier a ticket's requester can bring", arguments: TestDatabases.kinds)
    func identifierLookupsUseIndexes(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            for column in ["email", "phone", "wallet_account_id", "telegram_id", "wechat_id"] {
                let plan = try await store.database.write { sql -> String in
                    let query = "SELECT id FROM customers WHERE \(column) IN ('a', 'b')"
                    switch kind {
                    case .sqlite:
                        return try await sql.raw("EXPLAIN QUERY PLAN \(unsafeRaw: query)").all()
                            .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
                    case .postgres:
                        // An empty table is cheapest to read whole; the question is whether an index can answer at all.
                        try await sql.raw("SET LOCAL enable_seqscan = off").run()
                        return try await sql.raw("EXPLAIN \(unsafeRaw: query)").all()
                            .map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
                    }
                }
                #expect(plan.contains("INDEX") || plan.contains("Index"), "\(column): \(plan)")
                #expect(!plan.contains("SCAN customers") && !plan.contains("Seq Scan"), "\(column): \(plan)")
            }
        }
    }
}
