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

    public init(database: any DeskDatabase, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// Applies every pending migration and returns the versions applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        let kind = database.kind
        return try await database.write { sql in
            if kind == .postgres {
                try await sql.raw("SELECT pg_advisory_xact_lock(7246013)").run()
            }
            try await sql.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            ).run()
            let current = try await Self.currentVersion(sql)
            guard current <= Migrations.latestVersion else {
                throw DatabaseError.unsupportedSchemaVersion(found: current, known: Migrations.latestVersion)
            }
            var applied: [Int] = []
            for migration in Migrations.all where migration.version > current {
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
