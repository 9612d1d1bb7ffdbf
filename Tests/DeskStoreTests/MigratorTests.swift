import DeskCore
@testable import DeskStore
import Foundation
import Testing

@Suite("Migrator")
struct MigratorTests {
    static func table(_ version: Int) -> Migration {
        let statement = "CREATE TABLE migrator_probe_\(version) (id INTEGER PRIMARY KEY)"
        return Migration(version: version, name: "probe \(version)", sqlite: [statement], postgres: [statement])
    }

    @Test("a migration that landed after a later one is still applied; a version this build does not know is refused", arguments: TestDatabases.kinds)
    func outOfOrder(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let logger = TestDatabases.logger
            let first = Migrator(database: store.database, logger: logger, migrations: Migrations.all + [Self.table(9001), Self.table(9003)])
            #expect(try await first.migrate() == [9001, 9003])

            // Another branch's 9002 lands later: it is applied although 9003 is already there, and nothing runs twice.
            let merged = Migrator(database: store.database, logger: logger, migrations: Migrations.all + [9001, 9002, 9003].map(Self.table))
            #expect(try await merged.migrate() == [9002])
            #expect(try await merged.migrate().isEmpty)
            _ = try await store.database.read { sql in try await sql.raw("SELECT COUNT(*) FROM migrator_probe_9002").all() }

            // An older build meets a database that has 9003: refused before anything changes.
            let older = Migrator(database: store.database, logger: logger, migrations: Migrations.all + [Self.table(9001)])
            await #expect(throws: DatabaseError.self) { try await older.migrate() }
        }
    }
}
