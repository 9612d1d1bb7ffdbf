import PostgresNIO
import SQLKit

/// A batch of new tickets on PostgreSQL: its statements, prepared once per connection (see
/// ``PostgresTransactionDatabase``). The SQLite writer keeps its own statements cached by SQLiteNIO.

/// The rows of a whole batch (``Dialect/postgresTicketBatchSQL``).
struct TicketBatchStatement: PostgresPreparedStatement {
    static let sql = Dialect.postgresTicketBatchSQL
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .text, .text, .text]
    typealias Row = ()

    let rows: TicketBatchRows

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 5)
        for array in [rows.tickets, rows.tags, rows.messages, rows.search, rows.events] { bindings.append(array.text) }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws {}
}

/// `count` new ticket numbers from the sequence (unique across nodes, not necessarily consecutive).
struct TicketNumbersStatement: PostgresPreparedStatement {
    static let sql = "SELECT nextval('ticket_number_seq') FROM generate_series(1, $1)"
    static let bindingDataTypes: [PostgresDataType] = [.int8]
    typealias Row = Int64

    let count: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(count)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Int64 {
        try row.decode(Int64.self)
    }
}

extension PostgresTransactionDatabase {
    func reserveTicketNumbers(_ count: Int) async throws -> [Int64] {
        var numbers: [Int64] = []
        numbers.reserveCapacity(count)
        for try await number in try await connection.execute(TicketNumbersStatement(count: Int64(count)), logger: logger) {
            numbers.append(number)
        }
        return numbers
    }

    /// Left to choose, PostgreSQL planned the batch statement afresh on every execution (a plan for its own values
    /// looked no dearer than the generic one), which was most of what preparing it was to save. The generic plan is
    /// forced for this transaction only: the customer lookup and the foreign-key checks keep choosing by the tables'
    /// current sizes, which on a new database grow from nothing (a plan kept from an empty `customers` table scanned
    /// the whole table for every lookup until autovacuum analysed it).
    func insertTicketBatch(_ rows: TicketBatchRows) async throws {
        try await raw("SET LOCAL plan_cache_mode = force_generic_plan").run()
        _ = try await connection.execute(TicketBatchStatement(rows: rows), logger: logger)
    }
}
