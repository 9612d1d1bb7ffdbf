import NIOCore
import PostgresNIO

/// Rows for a multi-row INSERT on PostgreSQL, one array parameter per column in PostgreSQL's binary array format, read
/// back into rows by `unnest` (see ``RowTable/postgresArrayInsert(firstParameter:)``).
///
/// Measured in a creation storm (BENCHMARKS.md, session 9): as JSON, PostgreSQL spent about a fifth of its time per
/// ticket parsing the array and reading fields out of it (`jsonb_in`, `->>`, casts). A binary array element is a length
/// and the bytes, copied as they are, and the server writes it without escaping anything.
struct PostgresColumnArrays: RowWriter {
    let table: RowTable
    private var columns: [ByteBuffer]
    private var hasNull: [Bool]
    private var field = 0
    private(set) var count = 0

    init(table: RowTable) {
        self.table = table
        let allocator = ByteBufferAllocator()
        columns = table.columns.map { _ in allocator.buffer(capacity: 512) }
        hasNull = Array(repeating: false, count: table.columns.count)
    }

    mutating func startRow() {
        count += 1
        field = 0
    }

    mutating func endRow() {
        assert(field == columns.count, "a row of \(table.name) left columns out")
    }

    mutating func text(_ key: StaticString, _ value: String?) {
        assert(table.columns[field].name == "\(key)" && table.columns[field].type == .text, "\(key) is not column \(field) of \(table.name)")
        if let value {
            columns[field].writeInteger(Int32(value.utf8.count))
            columns[field].writeString(value)
        } else {
            columns[field].writeInteger(Int32(-1))
            hasNull[field] = true
        }
        field += 1
    }

    mutating func integer(_ key: StaticString, _ value: Int64?) {
        assert(table.columns[field].name == "\(key)" && table.columns[field].type == .integer, "\(key) is not column \(field) of \(table.name)")
        if let value {
            columns[field].writeInteger(Int32(8))
            columns[field].writeInteger(value)
        } else {
            columns[field].writeInteger(Int32(-1))
            hasNull[field] = true
        }
        field += 1
    }

    /// The arrays to bind, one per column in the table's order.
    var parameters: [Column] {
        table.columns.indices.map { index in
            Column(type: table.columns[index].type, count: count, hasNull: hasNull[index], elements: columns[index])
        }
    }

    /// One column's values as a `text[]` or `bigint[]` parameter.
    struct Column: PostgresDynamicTypeEncodable {
        let type: RowTable.ColumnType
        let count: Int
        let hasNull: Bool
        /// The elements as the array format lays them out: each a length (-1 for null) and its bytes.
        let elements: ByteBuffer

        var elementType: PostgresDataType { type == .text ? .text : .int8 }
        var psqlType: PostgresDataType { type == .text ? .textArray : .int8Array }
        var psqlFormat: PostgresFormat { .binary }

        /// PostgreSQL's binary array: dimensions, a has-nulls flag, the element type, then per dimension its length and
        /// lower bound (1), then the elements. An empty array has no dimensions.
        func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
            buffer.writeInteger(Int32(count == 0 ? 0 : 1))
            buffer.writeInteger(Int32(hasNull ? 1 : 0))
            buffer.writeInteger(elementType.rawValue)
            guard count > 0 else { return }
            buffer.writeInteger(Int32(count))
            buffer.writeInteger(Int32(1))
            buffer.writeImmutableBuffer(elements)
        }
    }
}
