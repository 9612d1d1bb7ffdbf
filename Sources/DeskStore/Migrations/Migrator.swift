import Foundation
import Logging
import SQLKit

/// Brings a database's schema up to ``Migrations/latestVersion``.
///
/// Safe to run from several nodes at once on PostgreSQL: a transaction-scoped advisory lock lets one node migrate while
/// the others wait and then find nothing left to do.
public struct Migrator: Sendable {
    let database: any DeskDatabase
    let logger: Logger
    let migrations: [Migration]

    public init(database: any DeskDatabase, logger: Logger) {
        self.init(database: database, logger: logger, migrations: Migrations.all)
    }

    init(database: any DeskDatabase, logger: Logger, migrations: [Migration]) {
        self.database = database
        self.logger = logger
        self.migrations = migrations
    }

    /// Applies every migration the database has not had yet, oldest first, and returns the versions applied.
    ///
    /// "Not had yet" is decided per version, not by the highest one applied: a database that got a later migration first
    /// (two branches landing in the other order) still gets the earlier one. A database holding a version this build
    /// does not know is newer than the build, and is refused untouched.
    @discardableResult
    public func migrate() async throws -> [Int] {
        let kind = database.kind
        let migrations = self.migrations
        let logger = self.logger
        return try await database.write { sql in
            if kind == .postgres {
                try await sql.raw("SELECT pg_advisory_xact_lock(7246013)").run()
            }
            try await sql.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            ).run()
            let done = Set(try await sql.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) })
            let known = Set(migrations.map(\.version))
            if let unknown = done.subtracting(known).max() {
                throw DatabaseError.unsupportedSchemaVersion(found: unknown, known: migrations.last?.version ?? 0)
            }
            let newest = done.max() ?? 0
            var applied: [Int] = []
            for migration in migrations where !done.contains(migration.version) {
                if migration.version < newest {
                    logger.warning("applying a migration older than the newest one applied", metadata: ["version": "\(migration.version)", "newest": "\(newest)"])
                }
                for statement in migration.statements(for: kind) {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
                try await sql.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Date().microseconds))"
                ).run()
                applied.append(migration.version)
            }
            return applied
        }
    }

    /// The schema version the database is at (0 when empty).
    public func currentVersion() async throws -> Int {
        try await database.read { sql in
            do {
                return try await Self.currentVersion(sql)
            } catch {
                return 0
            }
        }
    }

    static func currentVersion(_ sql: any SQLDatabase) async throws -> Int {
        let row = try await sql.raw("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").first()
        return try row?.decode(column: "v", as: Int.self) ?? 0
    }
}
