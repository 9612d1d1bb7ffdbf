/// Where a batched write puts its rows: field by field, in the order of a ``RowTable``'s columns, every row writing
/// every column.
///
/// Two forms: ``JSONRows`` (one JSON array, read by SQLite's `jsonb_each`) and ``PostgresColumnArrays`` (one binary
/// array per column, read by PostgreSQL's `unnest`). The code that lays out a ticket, a message or a history entry is
/// written once, generic over the form.
protocol RowWriter: Sendable {
    init(table: RowTable)
    var count: Int { get }
    mutating func startRow()
    mutating func endRow()
    mutating func text(_ key: StaticString, _ value: String?)
    mutating func integer(_ key: StaticString, _ value: Int64?)
}

extension RowWriter {
    var isEmpty: Bool { count == 0 }
}
