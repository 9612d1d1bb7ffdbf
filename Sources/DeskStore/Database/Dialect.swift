import DeskCore
import SQLKit

/// Every place where SQLite and PostgreSQL need different SQL, in one visible list.
///
/// Queries use SQLKit's `\(bind:)` interpolation so placeholders (`?` vs `$1`) are already taken care of; what is left
/// is listed here. Times are stored as integer microseconds since 1970 and ids as text in both, so types agree.
public struct Dialect: Sendable {
    public var kind: DatabaseKind

    /// Reserves `count` new ticket numbers inside the current write transaction (a batch, or one ticket alone).
    ///
    /// PostgreSQL uses a sequence (safe with many writers on many nodes). SQLite has one writer connection, so the next
    /// numbers after the largest are race-free there; tickets are never deleted, so numbers are never reused.
    func reserveTicketNumbers(_ count: Int, on sql: any SQLDatabase) async throws -> [TicketNumber] {
        switch kind {
        case .postgres:
            // Sequence values are unique across nodes; they need not be consecutive.
            if let transaction = sql as? PostgresTransactionDatabase {
                return try await transaction.reserveTicketNumbers(count).map { TicketNumber($0) }
            }
            let rows = try await sql.raw("SELECT nextval('ticket_number_seq') AS n FROM generate_series(1, \(bind: count))").all()
            return try rows.map { TicketNumber(try $0.decode(column: "n", as: Int64.self)) }
        case .sqlite:
            let row = try await sql.raw("SELECT COALESCE(MAX(number), 10000) AS n FROM tickets").first()
            let last = try row?.decode(column: "n", as: Int64.self) ?? 10000
            return (1...Int64(count)).map { TicketNumber(last + $0) }
        }
    }

    /// Appended to a SELECT inside a write transaction to lock the rows it reads. SQLite's single writer already
    /// serialises every write transaction.
    public var forUpdate: String {
        switch kind {
        case .postgres: " FOR UPDATE"
        case .sqlite: ""
        }
    }

    /// Serialises write transactions that read-then-write rows under `key` (rows that may not exist yet, so FOR UPDATE
    /// has nothing to lock): a transaction-scoped advisory lock on PostgreSQL; SQLite's single writer already does it.
    func lock(key: String, on sql: any SQLDatabase) async throws {
        guard kind == .postgres else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(8, hashtext(\(bind: key)))").run()
    }

    /// Whether events must be announced to other nodes with NOTIFY inside the writing transaction.
    public var announcesEventsWithNotify: Bool { kind == .postgres }
}
