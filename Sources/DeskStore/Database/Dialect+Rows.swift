import DeskCore
import SQLKit

/// A table written by multi-row INSERTs from ``JSONRows``: the JSON keys are the column names, and PostgreSQL needs
/// each column's type to cast the text it reads out of the JSON.
struct RowTable: Sendable {
    enum ColumnType: Sendable {
        case text
        case integer
    }

    let name: String
    let columns: [(name: String, type: ColumnType)]
    /// The pieces of the INSERT statements, worked out once per table rather than on every insert: the column list,
    /// and the values read out of one JSON row by SQLite (`value`, from `jsonb_each`) and PostgreSQL (`v`, cast).
    let columnList: String
    let sqliteValues: String
    let postgresValues: String
    /// PostgreSQL's INSERT of this table's rows up to the JSON array's text, which ``postgresInsertEnd`` follows.
    let postgresInsertStart: String

    /// What PostgreSQL's array INSERT (``postgresArrayInsert(firstParameter:)``) selects from each row, when not the
    /// columns as they are.
    let arrayInsertValues: String?

    init(name: String, columns: [(name: String, type: ColumnType)], arrayInsertValues: String? = nil) {
        self.name = name
        self.columns = columns
        self.arrayInsertValues = arrayInsertValues
        columnList = columns.map(\.name).joined(separator: ", ")
        sqliteValues = columns.map { "value->>'\($0.name)'" }.joined(separator: ", ")
        postgresValues = columns.map { column in
            column.type == .integer ? "CAST(v->>'\(column.name)' AS BIGINT)" : "v->>'\(column.name)'"
        }.joined(separator: ", ")
        postgresInsertStart = "INSERT INTO \(name) (\(columnList)) SELECT \(postgresValues) FROM jsonb_array_elements(CAST("
    }

    static let postgresInsertEnd = " AS jsonb)) WITH ORDINALITY AS r(v, n) ORDER BY n"

    /// PostgreSQL's INSERT of this table's rows from one array parameter per column (``PostgresColumnArrays``), the
    /// first being `$firstParameter`: `unnest` turns the arrays back into rows, in the order they were written.
    func postgresArrayInsert(firstParameter: Int) -> String {
        let arrays = columns.enumerated().map { index, column in
            "$\(firstParameter + index)::\(column.type == .text ? "text" : "bigint")[]"
        }
        return "INSERT INTO \(name) (\(columnList)) SELECT \(arrayInsertValues ?? columnList) FROM unnest(\(arrays.joined(separator: ", "))) "
            + "WITH ORDINALITY AS r(\(columnList), n) ORDER BY n"
    }

    static let tickets = RowTable(
        name: "tickets",
        columns: [
            ("number", .integer), ("subject", .text), ("status", .text), ("priority", .text), ("category", .text), ("channel", .text),
            ("requester_id", .text), ("assignee_id", .text), ("team_id", .text), ("tags", .text), ("chain", .text), ("asset", .text),
            ("amount", .text), ("tx_id", .text), ("wallet_address", .text), ("app_version", .text), ("device", .text), ("os", .text),
            ("reopen_count", .integer), ("created_at", .integer), ("updated_at", .integer), ("first_response_at", .integer),
            ("follow_up_of", .integer), ("version", .integer),
        ]
    )

    static let messages = RowTable(
        name: "messages",
        columns: [
            ("id", .text), ("ticket_number", .integer), ("visibility", .text), ("author_kind", .text), ("author_id", .text),
            ("body_text", .text), ("body_html", .text), ("created_at", .integer),
        ]
    )

    static let customers = RowTable(
        name: "customers",
        columns: [
            ("id", .text), ("name", .text), ("email", .text), ("phone", .text), ("telegram_id", .text), ("wechat_id", .text),
            ("wallet_account_id", .text), ("language", .text), ("created_at", .integer), ("updated_at", .integer), ("version", .integer),
        ]
    )

    /// Ticket-search rows of a batch: `id` is `-number` for a ticket's own row and null for a message row (the next id
    /// from the sequence on PostgreSQL, the next rowid on SQLite); `tokens` are the segmenter's tokens joined by spaces.
    static let ticketSearch = RowTable(
        name: "ticket_search", columns: [("id", .integer), ("ticket_number", .integer), ("tokens", .text)],
        arrayInsertValues: "COALESCE(id, nextval('ticket_search_seq')), ticket_number, CAST(tokens AS tsvector)"
    )

    static let ticketTags = RowTable(name: "ticket_tags", columns: [("ticket_number", .integer), ("tag", .text)])

    static let ticketEvents = RowTable(
        name: "ticket_events",
        columns: [
            ("ticket_number", .integer), ("kind", .text), ("actor_kind", .text), ("actor_id", .text), ("changes", .text),
            ("message_id", .text), ("at", .integer),
        ]
    )
}

extension Dialect {
    /// One INSERT of all `rows` into `table`, in the order they were written (history ids follow it).
    ///
    /// SQLite walks the array with `jsonb_each` and reads fields with `->>`; PostgreSQL with `jsonb_array_elements` and
    /// casts. Both parse the text once into their binary JSON, so reading a field does not parse its row again (with
    /// `json_each`/`json_array_elements` it did, once per field: ~8 % of a creation on each engine). The statement
    /// text depends only on the table, so neither engine parses more SQL as batches grow.
    func insertRows(into table: RowTable, _ rows: JSONRows) -> SQLQueryString {
        switch kind {
        case .sqlite:
            return """
                INSERT INTO \(unsafeRaw: table.name) (\(unsafeRaw: table.columnList)) SELECT \(unsafeRaw: table.sqliteValues)
                FROM jsonb_each(\(bind: rows.text)) ORDER BY key
                """
        case .postgres:
            return "\(unsafeRaw: table.postgresInsertStart)\(bind: rows.text)\(unsafeRaw: RowTable.postgresInsertEnd)"
        }
    }

    /// Ticket-search rows from ``JSONRows`` with keys `id` (`-number` for a ticket's own row, null for a message row:
    /// the next id), `ticket_number` and `tokens` (the segmenter's tokens joined by spaces).
    func ticketIndexInsert(_ rows: JSONRows) -> SQLQueryString {
        switch kind {
        case .sqlite:
            return """
                INSERT INTO ticket_search (rowid, ticket_number, tokens) SELECT value->>'id', value->>'ticket_number', value->>'tokens'
                FROM jsonb_each(\(bind: rows.text)) ORDER BY key
                """
        case .postgres:
            return "\(unsafeRaw: Self.postgresTicketIndexInsertStart)\(bind: rows.text)\(unsafeRaw: RowTable.postgresInsertEnd)"
        }
    }

    private static let postgresTicketIndexInsertStart = """
        INSERT INTO ticket_search (id, ticket_number, tokens)
        SELECT COALESCE(CAST(v->>'id' AS BIGINT), nextval('ticket_search_seq')), CAST(v->>'ticket_number' AS BIGINT),
          CAST(v->>'tokens' AS tsvector)
        FROM jsonb_array_elements(CAST(
        """

    /// One statement that writes a whole batch of new tickets on SQLite: their rows, tags, first messages, search rows
    /// and history.
    ///
    /// Every statement is a round trip the batch's single writer waits for (on SQLite a hop to SQLiteNIO's thread pool
    /// and back), so the five inserts go as one: an INSERT into the writer connection's temporary view `ticket_batch`,
    /// whose trigger runs them (``sqliteTicketBatchSetup``). PostgreSQL's is ``postgresTicketBatchSQL``.
    static func sqliteInsertTicketBatch(_ batch: TicketBatchRows<JSONRows>) -> SQLQueryString {
        """
        INSERT INTO temp.ticket_batch (tickets, tags, messages, search, events)
        VALUES (\(bind: batch.tickets.text), \(bind: batch.tags.text), \(bind: batch.messages.text), \(bind: batch.search.text),
          \(bind: batch.events.text))
        """
    }

    /// The same on PostgreSQL as one statement of data-modifying WITH clauses, which also inserts the batch's new
    /// customers and sends the NOTIFY (delivered when the transaction commits): fewer round trips, each of which the
    /// whole batch waits for. The rows of new customers, tickets, tags, messages, search rows and history come as one
    /// binary array per column (``PostgresColumnArrays``), $1…$55 in the tables' column order. Foreign keys are checked
    /// at the end of the statement, when every row is in. Prepared once per connection (``TicketBatchStatement``).
    static let postgresTicketBatchSQL: String = {
        var parameter = 1
        let inserts = TicketBatchRows<PostgresColumnArrays>.tables.map { table in
            defer { parameter += table.columns.count }
            return "new_\(table.name) AS (\(table.postgresArrayInsert(firstParameter: parameter)))"
        }
        return "WITH \(inserts.joined(separator: ", ")) SELECT 1 FROM pg_notify('walletdesk_events', '')"
    }()

    /// The writer connection's temporary view and trigger behind ``sqliteInsertTicketBatch(_:)`` (created when the
    /// connection opens; temporary objects belong to one connection and never touch the database file).
    static let sqliteTicketBatchSetup: [String] = {
        func insert(_ table: RowTable, from column: String) -> String {
            "INSERT INTO \(table.name) (\(table.columnList)) SELECT \(table.sqliteValues) FROM jsonb_each(NEW.\(column)) ORDER BY key;"
        }
        let search = """
            INSERT INTO ticket_search (rowid, ticket_number, tokens) SELECT value->>'id', value->>'ticket_number', value->>'tokens'
            FROM jsonb_each(NEW.search) ORDER BY key;
            """
        return [
            "CREATE TEMP VIEW IF NOT EXISTS ticket_batch (tickets, tags, messages, search, events) AS SELECT NULL, NULL, NULL, NULL, NULL",
            """
            CREATE TEMP TRIGGER IF NOT EXISTS ticket_batch_insert INSTEAD OF INSERT ON ticket_batch BEGIN
            \(insert(.tickets, from: "tickets"))
            \(insert(.ticketTags, from: "tags"))
            \(insert(.messages, from: "messages"))
            \(search)
            \(insert(.ticketEvents, from: "events"))
            END
            """,
        ]
    }()
}

/// The rows of one batch of new tickets, one ``RowWriter`` per table: JSON arrays on SQLite (see
/// ``Dialect/sqliteInsertTicketBatch(_:)``), column arrays on PostgreSQL (``Dialect/postgresTicketBatchSQL``).
struct TicketBatchRows<Rows: RowWriter> {
    /// New customers: inserted by PostgreSQL's batch statement; on SQLite before it.
    var customers = Rows(table: .customers)
    var tickets = Rows(table: .tickets)
    var tags = Rows(table: .ticketTags)
    var messages = Rows(table: .messages)
    var search = Rows(table: .ticketSearch)
    var events = Rows(table: .ticketEvents)

    /// The tables, in the order of ``inOrder`` (and of ``Dialect/postgresTicketBatchSQL``'s parameters).
    static var tables: [RowTable] { [.customers, .tickets, .ticketTags, .messages, .ticketSearch, .ticketEvents] }

    var inOrder: [Rows] { [customers, tickets, tags, messages, search, events] }
}
