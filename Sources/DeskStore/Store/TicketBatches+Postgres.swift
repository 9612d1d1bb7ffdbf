import PostgresNIO

/// A batch of new tickets on PostgreSQL: its statements, prepared once per connection (see
/// ``PostgresTransactionDatabase``). The SQLite writer keeps its own statements cached by SQLiteNIO.

/// The rows of a whole batch (``Dialect/postgresTicketBatchSQL``).
struct TicketBatchStatement: PostgresPreparedStatement {
    static let sql = Dialect.postgresTicketBatchSQL
    static let bindingDataTypes = [PostgresDataType](repeating: .text, count: 6)
    typealias Row = Int32

    let rows: TicketBatchRows

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 6)
        for array in [rows.customers, rows.tickets, rows.tags, rows.messages, rows.search, rows.events] { bindings.append(array.text) }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Int32 {
        try row.decode(Int32.self)
    }
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

    func insertTicketBatch(_ rows: TicketBatchRows) async throws {
        for try await _ in try await connection.execute(TicketBatchStatement(rows: rows), logger: logger) {}
    }
}
