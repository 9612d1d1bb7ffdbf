import DeskCore
import DeskStore
import Foundation
import Logging
import PostgresNIO
import Testing

/// Gives each store test a fresh database of either kind.
///
/// SQLite: a new file in a temporary folder. PostgreSQL (when `WALLETDESK_TEST_PG_URL` names a server): a database
/// copied from a migrated template (`CREATE DATABASE … TEMPLATE …`), which is much faster than migrating each time.
/// When `WALLETDESK_REQUIRE_PG=1` (set by scripts/test) a missing PostgreSQL fails the run instead of skipping it.
enum TestDatabases {
    static let environment = ProcessInfo.processInfo.environment
    static let postgresURL = environment["WALLETDESK_TEST_PG_URL"]
    static let logger: Logger = {
        var logger = Logger(label: "store-tests")
        logger.logLevel = .warning
        return logger
    }()

    /// The engines this run covers.
    static var kinds: [DatabaseKind] {
        if postgresURL != nil || environment["WALLETDESK_REQUIRE_PG"] == "1" { return [.sqlite, .postgres] }
        return [.sqlite]
    }

    /// Runs `body` with a store on a fresh, migrated database of `kind`, then throws the database away.
    static func withStore<T: Sendable>(
        _ kind: DatabaseKind, reopenWindow: TimeInterval = 7 * 86_400, _ body: @Sendable (SQLDeskStore) async throws -> T
    ) async throws -> T {
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wd-store-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let database = try await SQLiteDeskDatabase.open(path: folder.appendingPathComponent("test.sqlite").path, soleWriter: true, logger: logger)
            let store = SQLDeskStore(database: database, lifecycle: TicketLifecycle(reopenWindow: reopenWindow), logger: logger)
            do {
                try await Migrator(database: database, logger: logger).migrate()
                let result = try await body(store)
                try await database.shutdown()
                return result
            } catch {
                try? await database.shutdown()
                throw error
            }
        case .postgres:
            let url = try await PostgresTemplates.shared.freshDatabaseURL()
            defer { Task { try? await PostgresTemplates.shared.drop(url) } }
            return try await withPostgresStore(url: url, reopenWindow: reopenWindow, body)
        }
    }

    /// A store on an existing PostgreSQL database (used for the "two nodes" tests too).
    static func withPostgresStore<T: Sendable>(
        url: String, reopenWindow: TimeInterval = 7 * 86_400, _ body: @Sendable (SQLDeskStore) async throws -> T
    ) async throws -> T {
        let database = try PostgresDeskDatabase(url: url, logger: logger)
        let store = SQLDeskStore(database: database, lifecycle: TicketLifecycle(reopenWindow: reopenWindow), logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await database.run() }
            defer { group.cancelAll() }
            return try await body(store)
        }
    }
}

/// Creates the migrated template once per test process, then copies it for each test.
actor PostgresTemplates {
    static let shared = PostgresTemplates()

    private var template: Task<String, any Error>?
    private var counter = 0
    private let run = "\(ProcessInfo.processInfo.processIdentifier)_\(Int.random(in: 1000...9999))"

    func adminURL() throws -> String {
        guard let url = TestDatabases.postgresURL else {
            Issue.record("WALLETDESK_REQUIRE_PG=1 but WALLETDESK_TEST_PG_URL is not set; scripts/test starts PostgreSQL and sets it")
            throw CancellationError()
        }
        return url
    }

    func url(for database: String) throws -> String {
        var components = URLComponents(string: try adminURL())!
        components.path = "/" + database
        return components.string!
    }

    func freshDatabaseURL() async throws -> String {
        let template = try await ensureTemplate()
        counter += 1
        let name = "wd_test_\(run)_\(counter)"
        // Copying needs the template to have no sessions; a closing pool may still hold one for a moment.
        var attempt = 0
        while true {
            do {
                try await admin("CREATE DATABASE \(name) TEMPLATE \(template)")
                break
            } catch where attempt < 20 && String(reflecting: error).contains("being accessed by other users") {
                attempt += 1
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        return try url(for: name)
    }

    func drop(_ url: String) async throws {
        guard let name = URLComponents(string: url)?.path.dropFirst() else { return }
        try await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// One template per process, even when many tests ask at once (the actor is re-entrant across awaits).
    private func ensureTemplate() async throws -> String {
        if let template { return try await template.value }
        let task = Task { try await self.makeTemplate() }
        template = task
        return try await task.value
    }

    private func makeTemplate() async throws -> String {
        let name = "wd_template_\(run)"
        try await admin("CREATE DATABASE \(name)")
        let database = try PostgresDeskDatabase(url: try url(for: name), logger: TestDatabases.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await database.run() }
            try await Migrator(database: database, logger: TestDatabases.logger).migrate()
            group.cancelAll()
        }
        return name
    }

    /// Runs one statement outside any transaction on the admin database.
    private func admin(_ statement: String) async throws {
        let components = URLComponents(string: try adminURL())!
        let configuration = PostgresConnection.Configuration(
            host: components.host ?? "127.0.0.1", port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: String(components.path.dropFirst()).isEmpty ? "postgres" : String(components.path.dropFirst()),
            tls: .disable
        )
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: TestDatabases.logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabases.logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
