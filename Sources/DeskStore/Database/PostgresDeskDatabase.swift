import Foundation
import Logging
import PostgresKit
import NIOPosix
import NIOSSL
import PostgresNIO
import SQLKit
import ServiceLifecycle
import Synchronization

/// The scale-out store: PostgreSQL through PostgresNIO connections in a small pool of our own
/// (``PostgresConnectionPool``, which says why); many WalletDesk nodes may share one database.
///
/// The pool runs as a service (``run()``) in the application's service group, so it closes after the server drained.
public final class PostgresDeskDatabase: DeskDatabase, Service {
    public let kind = DatabaseKind.postgres
    public let dialect = Dialect(kind: .postgres)
    /// Several nodes share one PostgreSQL database.
    public let isSoleWriter = false

    let pool: PostgresConnectionPool
    /// Group commit's connection: one, on an event loop of its own, writing one batch of new tickets at a time (see
    /// ``writeTicketBatch(_:)``).
    let batchPool: PostgresConnectionPool
    private let logger: Logger
    private let inUse = Atomic<Int>(0)
    private let waiting = Atomic<Int>(0)

    /// Prepares connecting to `url` (`postgres://user:password@host:port/database?sslmode=disable&pool=20`). Connections
    /// open when first needed.
    public init(url: String, logger: Logger) throws {
        let (configuration, maximum) = try Self.configuration(from: url)
        self.pool = PostgresConnectionPool(configuration: configuration, maximum: maximum, logger: logger)
        self.batchPool = PostgresConnectionPool(configuration: configuration, maximum: 1, eventLoop: Self.batchExecutor.eventLoop, logger: logger)
        self.logger = logger
    }

    /// Parses a libpq-style URL into a connection configuration and the pool size.
    static func configuration(from url: String) throws -> (PostgresConnection.Configuration, maximum: Int) {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw DatabaseError.invalidURL(url)
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let tls: PostgresConnection.Configuration.TLS
        switch query["sslmode"] ?? "disable" {
        case "require", "verify-ca", "verify-full": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case "prefer": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        default: tls = .disable
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database, tls: tls
        )
        configuration.options.connectTimeout = .seconds(5)
        return (configuration, Int(query["pool"] ?? "") ?? 24)
    }

    /// Keeps the pool for the application's lifetime, closing connections idle past the pool's timeout every 15 s;
    /// returns (closing every connection) on graceful shutdown or when cancelled. The pool also works without it
    /// (one-off commands, tests).
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                await self.pool.closeIdle()
                await self.batchPool.closeIdle()
            }
        }
        await pool.close()
        await batchPool.close()
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await readOnConnection { try await body($0.sql(queryLogLevel: nil)) }
    }

    /// A read on a pooled connection itself (prepared statements). When the pooled connection turns out to have been
    /// ended while it sat idle (restart, failover, firewall), the other idle ones are closed too and the read, which is
    /// safe to repeat, runs again on a fresh connection.
    func readOnConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await withPooledConnection(body)
        } catch where Self.isDeadConnection(error) {
            await pool.discardIdle()
            return try await withPooledConnection(body)
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        var retried = false
        while true {
            do {
                return try await transaction(body)
            } catch WriteFailure.beginFailed(let error) {
                // Nothing was written when BEGIN itself met a dead connection: once more on a fresh one.
                guard !retried, Self.isDeadConnection(error) else { throw error }
                retried = true
                await pool.discardIdle()
            }
        }
    }

    private enum WriteFailure: Error {
        case beginFailed(any Error)
    }

    /// On the batch connection, from its own event loop. Measured in a creation storm (BENCHMARKS.md, session 7): a
    /// batch was eight round trips, and on the server's event loops the writing task resumed after each one only once
    /// the loop got through the HTTP work queued before it, half of every batch's time. A thread that does nothing else
    /// is woken at once.
    public func writeTicketBatch<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(Self.batchExecutor) {
            var retried = false
            while true {
                do {
                    return try await transaction(on: batchPool, body)
                } catch WriteFailure.beginFailed(let error) {
                    guard !retried, Self.isDeadConnection(error) else { throw error }
                    retried = true
                    await batchPool.discardIdle()
                }
            }
        }
    }

    /// The batch connection's event loop: one thread for every PostgreSQL store of the process (a server has one),
    /// kept for the process's lifetime like NIO's shared group.
    private static let batchLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    static let batchExecutor = EventLoopTaskExecutor(eventLoop: batchLoopGroup.next())

    private func transaction<T: Sendable>(
        on pool: PostgresConnectionPool? = nil, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await withPooledConnection(from: pool ?? self.pool) { connection in
            let sql = PostgresTransactionDatabase(connection: connection)
            do {
                try await sql.raw("BEGIN").run()
            } catch {
                throw WriteFailure.beginFailed(error)
            }
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

    private func withPooledConnection<T>(from pool: PostgresConnectionPool? = nil, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        waiting.add(1, ordering: .relaxed)
        var stillWaiting = true
        defer { if stillWaiting { waiting.subtract(1, ordering: .relaxed) } }  // no connection could be had
        return try await (pool ?? self.pool).withConnection { connection in
            stillWaiting = false
            self.waiting.subtract(1, ordering: .relaxed)
            self.inUse.add(1, ordering: .relaxed)
            defer { self.inUse.subtract(1, ordering: .relaxed) }
            return try await body(connection)
        }
    }

    /// The connection was gone (closed by the server, the network or this side) rather than the statement failing: also
    /// when the server's last word on it was "terminating connection" (SQLSTATE 57P01–57P03 after an administrator
    /// command, a crash or a restart) or a connection exception (class 08).
    static func isDeadConnection(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        if [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(error.code) { return true }
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return ["57P01", "57P02", "57P03"].contains(state) || state.hasPrefix("08")
    }

    /// Holds a connection of its own (outside the pool) for LISTEN; `onNotify` gets each notification's payload, and nil
    /// once when listening starts (to catch up on whatever happened before LISTEN took effect), until the task is cancelled.
    ///
    /// A connection that only listens sends nothing, so one whose peer vanished without a word (a firewall dropping idle
    /// connections, a failover, a cable) would look alive for hours while no notification arrives. Every `keepAlive` the
    /// connection runs `SELECT 1` (marked as the keep-alive in `pg_stat_activity`); no answer within `timeout` ends the
    /// call with ``ListenKeepAliveTimeout`` (the caller reconnects).
    func listen(
        channel: String, keepAlive: Duration = .seconds(30), timeout: Duration = .seconds(10),
        onNotify: @escaping @Sendable (String?) async -> Void
    ) async throws {
        let connection = try await PostgresConnection.connect(configuration: pool.configuration, id: 0, logger: logger)
        let logger = self.logger
        let timedOut = ListenKeepAliveTimeout.Flag()
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await connection.listen(on: channel) { notifications in
                        await onNotify(nil)
                        for try await notification in notifications {
                            await onNotify(notification.payload)
                        }
                    }
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: keepAlive)
                        try await withThrowingTaskGroup(of: Bool.self) { ping in
                            ping.addTask {
                                _ = try await connection.query("SELECT 1 /* walletdesk listen keep-alive */", logger: logger).collect()
                                return true
                            }
                            ping.addTask {
                                try await Task.sleep(for: timeout)
                                return false
                            }
                            let answered = try await ping.next() ?? false
                            ping.cancelAll()
                            guard answered else {
                                // Closing fails the query still waiting (and the LISTEN), so nothing waits on a peer
                                // that will never answer.
                                timedOut.value.store(true, ordering: .relaxed)
                                try? await connection.close()
                                throw ListenKeepAliveTimeout(after: timeout)
                            }
                        }
                    }
                }
                // Either ends only by an error (or cancellation): stop the other one too.
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch {
            try? await connection.close()
            // The LISTEN may fail first, on the connection the keep-alive closed: say why it was closed.
            if timedOut.value.load(ordering: .relaxed) { throw ListenKeepAliveTimeout(after: timeout) }
            throw error
        }
        try? await connection.close()
    }

    public var writeExecutor: (any TaskExecutor)? { Self.batchExecutor }

    public func ping() async throws {
        try await read { sql in try await sql.raw("SELECT 1").run() }
    }

    public func poolStatistics() -> PoolStatistics {
        PoolStatistics(connections: pool.openConnections + batchPool.openConnections, inUse: inUse.load(ordering: .relaxed), waiting: max(0, waiting.load(ordering: .relaxed)))
    }

    public func shutdown() async throws {
        await pool.close()
        await batchPool.close()
    }
}

/// The LISTEN connection did not answer its keep-alive query in time (see ``PostgresDeskDatabase/listen``).
struct ListenKeepAliveTimeout: Error, CustomStringConvertible {
    let after: Duration
    var description: String { "the LISTEN connection did not answer a keep-alive query within \(after)" }

    /// Set when the keep-alive gave up, shared by the tasks of one LISTEN.
    final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }
}
