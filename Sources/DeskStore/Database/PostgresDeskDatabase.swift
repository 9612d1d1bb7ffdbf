import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit
import ServiceLifecycle
import Synchronization

/// The scale-out store: PostgreSQL through PostgresNIO's connection pool; many WalletDesk nodes may share one database.
///
/// The pool runs as a service (``run()``) in the application's service group, so it starts and stops with the server.
public final class PostgresDeskDatabase: DeskDatabase, Service {
    public let kind = DatabaseKind.postgres
    public let dialect = Dialect(kind: .postgres)
    /// Several nodes share one PostgreSQL database.
    public let isSoleWriter = false

    let client: PostgresClient
    private let logger: Logger
    private let maximumConnections: Int
    private let inUse = Atomic<Int>(0)
    private let waiting = Atomic<Int>(0)

    /// Creates the client for `url` (`postgres://user:password@host:port/database?sslmode=disable&pool=20`). Nothing
    /// connects until ``run()`` is running.
    public init(url: String, logger: Logger) throws {
        let configuration = try Self.configuration(from: url)
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.maximumConnections = configuration.options.maximumConnections
    }

    /// Parses a libpq-style URL into a client configuration.
    static func configuration(from url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw DatabaseError.invalidURL(url)
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let tls: PostgresClient.Configuration.TLS
        switch query["sslmode"] ?? "disable" {
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default: tls = .disable
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database, tls: tls
        )
        configuration.options.maximumConnections = Int(query["pool"] ?? "") ?? 24
        configuration.options.minimumConnections = min(4, configuration.options.maximumConnections)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    public func run() async throws {
        await client.run()
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        waiting.add(1, ordering: .relaxed)
        return try await client.withConnection { connection in
            self.waiting.subtract(1, ordering: .relaxed)
            self.inUse.add(1, ordering: .relaxed)
            defer { self.inUse.subtract(1, ordering: .relaxed) }
            return try await body(connection.sql(queryLogLevel: nil))
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        waiting.add(1, ordering: .relaxed)
        return try await client.withConnection { connection in
            self.waiting.subtract(1, ordering: .relaxed)
            self.inUse.add(1, ordering: .relaxed)
            defer { self.inUse.subtract(1, ordering: .relaxed) }
            let sql = connection.sql(queryLogLevel: nil)
            try await sql.raw("BEGIN").run()
            do {
                let result = try await body(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                do {
                    try await sql.raw("ROLLBACK").run()
                } catch {
                    self.logger.error("rollback failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                throw error
            }
        }
    }

    /// Holds one connection for LISTEN; `onNotify` runs for every notification on `channel` until the task is cancelled.
    /// Calls `onNotify` with each notification's payload, and once with nil when listening starts (to catch up on
    /// whatever happened before LISTEN took effect).
    func listen(channel: String, onNotify: @escaping @Sendable (String?) async -> Void) async throws {
        try await client.withConnection { connection in
            try await connection.listen(on: channel) { notifications in
                await onNotify(nil)
                for try await notification in notifications {
                    await onNotify(notification.payload)
                }
            }
        }
    }

    public func ping() async throws {
        try await read { sql in try await sql.raw("SELECT 1").run() }
    }

    public func poolStatistics() -> PoolStatistics {
        PoolStatistics(connections: maximumConnections, inUse: inUse.load(ordering: .relaxed), waiting: max(0, waiting.load(ordering: .relaxed)))
    }

    public func shutdown() async throws {}
}
