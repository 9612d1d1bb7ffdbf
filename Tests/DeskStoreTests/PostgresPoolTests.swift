import DeskCore
@testable import DeskStore
import Foundation
import PostgresNIO
import SQLKit
import Testing

/// The connection pool WalletDesk keeps for PostgreSQL (``PostgresConnectionPool``).
@Suite("PostgreSQL connection pool")
struct PostgresPoolTests {
    static var postgres: [DatabaseKind] { TestDatabases.kinds.filter { $0 == .postgres } }

    @Test("more callers than connections all get one in turn; the pool never opens more than its maximum", arguments: postgres)
    func waitsInTurn(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let database = try #require(store.database as? PostgresDeskDatabase)
            let pool = PostgresConnectionPool(configuration: database.pool.configuration, maximum: 2, logger: TestDatabases.logger)
            let answers = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            #expect(pool.openConnections <= 2)
                            let rows = try await connection.sql(queryLogLevel: nil).raw("SELECT \(literal: index) AS n, pg_sleep(0.005)").all()
                            return try rows[0].decode(column: "n", as: Int.self)
                        }
                    }
                }
                return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
            }
            #expect(answers == Set(0..<24))
            #expect(pool.openConnections <= 2)

            await pool.close()
            await #expect(throws: PostgresPoolError.self) { try await pool.withConnection { _ in } }
        }
    }

    @Test("a connection the server closed is dropped and replaced, not handed out again", arguments: postgres)
    func replacesClosedConnections(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let database = try #require(store.database as? PostgresDeskDatabase)
            let pool = PostgresConnectionPool(configuration: database.pool.configuration, maximum: 1, logger: TestDatabases.logger)
            let first = try await pool.withConnection { connection in
                try await connection.sql(queryLogLevel: nil).raw("SELECT pg_backend_pid() AS pid").all()[0].decode(column: "pid", as: Int.self)
            }
            // The server ends that session (an administrator, a restart, a failover).
            _ = try await database.read { sql in try await sql.raw("SELECT pg_terminate_backend(\(literal: first))").all() }
            var answered: Int?
            for _ in 0..<3 where answered == nil {  // the first use may fail on the dead socket; it is then dropped
                answered = try? await pool.withConnection { connection in
                    try await connection.sql(queryLogLevel: nil).raw("SELECT pg_backend_pid() AS pid").all()[0].decode(column: "pid", as: Int.self)
                }
            }
            let second = try #require(answered)
            #expect(second != first)
            #expect(pool.openConnections == 1)
            await pool.close()
        }
    }

    @Test("reads and writes after the server ended every idle connection succeed at the first try", arguments: postgres)
    func survivesEndedSessions(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let database = try #require(store.database as? PostgresDeskDatabase)
            // Warm the pool with a few connections, then end them all from another session (a restart or failover).
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { try await database.read { sql in try await sql.raw("SELECT pg_sleep(0.02)").run() } } }
                try await group.waitForAll()
            }
            let name = try await database.read { sql in try await sql.raw("SELECT current_database() AS d").all()[0].decode(column: "d", as: String.self) }
            let admin = try await PostgresConnection.connect(configuration: database.pool.configuration, id: 99, logger: TestDatabases.logger)
            _ = try await admin.sql(queryLogLevel: nil).raw(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(bind: name) AND pid <> pg_backend_pid()"
            ).all()
            try await admin.close()
            // No pause: the first statements may meet sockets whose end this side has not seen yet (the retry's case).

            let agent = try await store.createAgent(Fixtures.agent("After Restart", email: "after@example.com"), by: .system)
            #expect(try await store.agent(agent.id).name == "After Restart")
        }
    }

    @Test("connections idle past the timeout are not handed out again, and the sweep closes them", arguments: postgres)
    func closesIdleConnections(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let database = try #require(store.database as? PostgresDeskDatabase)
            let pool = PostgresConnectionPool(
                configuration: database.pool.configuration, maximum: 2, idleTimeout: .milliseconds(300), logger: TestDatabases.logger
            )
            @Sendable func backend(_ connection: PostgresConnection) async throws -> Int {
                try await connection.sql(queryLogLevel: nil).raw("SELECT pg_backend_pid() AS pid").all()[0].decode(column: "pid", as: Int.self)
            }
            // Used again at once: the same session.
            let first = try await pool.withConnection(backend)
            #expect(try await pool.withConnection(backend) == first)
            // Idle past the timeout: a lease closes it and connects anew, so the pool still holds one connection.
            try await Task.sleep(for: .milliseconds(450))
            let second = try await pool.withConnection(backend)
            #expect(second != first)
            #expect(pool.openConnections == 1)
            // The sweep closes what sat idle too long, and PostgreSQL sees the session end.
            await pool.closeIdle()
            #expect(pool.openConnections == 1)  // not yet past the timeout
            try await Task.sleep(for: .milliseconds(450))
            await pool.closeIdle()
            #expect(pool.openConnections == 0)
            var ended = false
            for _ in 0..<50 where !ended {  // the server notices the closed socket within moments
                let alive = try await database.read { sql in
                    try await sql.raw("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE pid IN (\(literal: first), \(literal: second))").all()[0]
                        .decode(column: "n", as: Int.self)
                }
                ended = alive == 0
                if !ended { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(ended)
            // And the pool goes on.
            #expect(try await pool.withConnection(backend) > 0)
            await pool.close()
        }
    }
}
