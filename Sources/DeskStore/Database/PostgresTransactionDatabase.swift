import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// What a PostgreSQL write transaction hands its body: the transaction's connection through SQLKit, like any
/// ``SQLDatabase``, and the connection itself for statements prepared once per connection.
///
/// The hot write, a batch of new tickets, runs its few statements prepared (see `TicketBatches+Postgres.swift`): sent
/// unprepared, PostgreSQL parsed, analysed and planned each of them for every batch, about a fifth of its time per
/// ticket in a creation storm.
struct PostgresTransactionDatabase: SQLDatabase {
    let connection: PostgresConnection
    private let base: any SQLDatabase

    init(connection: PostgresConnection) {
        self.connection = connection
        self.base = connection.sql(queryLogLevel: nil)
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await base.execute(sql: query, onRow)
    }
}
