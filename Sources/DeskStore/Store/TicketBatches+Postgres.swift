import PostgresNIO
import SQLKit

/// A batch of new tickets on PostgreSQL: the statements of its transaction on the batch connection (see
/// ``PostgresDeskDatabase/writeTicketBatch(_:)``). The SQLite writer keeps its own statements prepared.

/// The rows of a whole batch (``Dialect/postgresTicketBatchSQL``): one array parameter per column of each table.
struct TicketBatchStatement: PostgresPreparedStatement {
    static let sql = Dialect.postgresTicketBatchSQL
    static let bindingDataTypes: [PostgresDataType] = TicketBatchRows<PostgresColumnArrays>.tables.flatMap { table in
        table.columns.map { $0.type == .text ? .textArray : .int8Array }
    }
    typealias Row = Int32

    let rows: TicketBatchRows<PostgresColumnArrays>

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: Self.bindingDataTypes.count)
        for table in rows.inOrder {
            for column in table.parameters { bindings.append(column, context: .default) }
        }
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
    /// A batch's customer lookups and its `count` ticket numbers in one statement (a UNION ALL): one round trip, which
    /// the whole batch waits for, instead of two or more. Rows with a null `kind` carry a `number`; the others are
    /// customers (``SQLDeskStore/identifierColumns``) found by the identifier `kind` = `value`.
    ///
    /// The numbers' arm also sets, for this transaction only, that the batch statement which follows runs its plan made
    /// once per connection: left to choose, PostgreSQL planned it afresh every time (a plan for its own values looked no
    /// dearer). Not prepared itself: a plan kept from when the table was small would read it whole. Each identifier is
    /// looked up by its own index probe (LATERAL, kept apart by OFFSET 0): with `IN (…)` PostgreSQL's cost model
    /// preferred reading a table of 5,000 customers whole to 30 probes, 3 ms a batch.
    func lookUpCustomersReservingNumbers(_ lookups: [(column: String, values: [String])], count: Int) async throws -> [any SQLRow] {
        var query: SQLQueryString = """
            SELECT NULL AS id, NULL AS name, NULL AS email, NULL AS phone, NULL AS wallet_account_id, NULL AS telegram_id, NULL AS wechat_id,
              NULL AS kind, NULL AS value, nextval('ticket_number_seq') AS number FROM generate_series(1, \(bind: count))
            WHERE set_config('plan_cache_mode', 'force_generic_plan', true) IS NOT NULL
            """
        for (column, values) in lookups {
            query += """
                 UNION ALL SELECT c.*, '\(unsafeRaw: column)', c.\(unsafeRaw: column), NULL FROM unnest(ARRAY[\(binds: values)]::text[]) AS wanted(value)
                CROSS JOIN LATERAL (SELECT \(unsafeRaw: SQLDeskStore.identifierColumns) FROM customers WHERE \(unsafeRaw: column) = wanted.value OFFSET 0) AS c
                """
        }
        return try await raw(query).all()
    }

    func reserveTicketNumbers(_ count: Int) async throws -> [Int64] {
        var numbers: [Int64] = []
        numbers.reserveCapacity(count)
        for try await number in try await connection.execute(TicketNumbersStatement(count: Int64(count)), logger: logger) {
            numbers.append(number)
        }
        return numbers
    }

    func insertTicketBatch(_ rows: TicketBatchRows<PostgresColumnArrays>) async throws {
        for try await _ in try await connection.execute(TicketBatchStatement(rows: rows), logger: logger) {}
    }
}
