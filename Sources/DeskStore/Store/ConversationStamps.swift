import DeskCore
import PostgresNIO
import SQLKit
import Synchronization

/// A value that differs whenever a ticket's conversation may have changed: what a cache of encoded conversations
/// compares before serving one (see `ConversationCache` in the server).
///
/// Two sources, never mixed within one store:
/// - **History** (PostgreSQL, several nodes): the number of the ticket's events and the newest event id, read from the
///   database. Every change to a ticket or its messages appends an event in the same transaction and history is
///   append-only, so the count grows with each committed change, also when transactions commit out of id order (which
///   the newest id alone would miss).
/// - **Local** (SQLite opened for serving, the only writer): kept in memory, moved on for a ticket whenever a transaction
///   that recorded events for it ends; no database round trip at all (see ``LocalTicketChanges``).
public struct ConversationStamp: Hashable, Sendable {
    enum Source: Hashable, Sendable { case history, local }
    let source: Source
    let first: Int64
    let second: Int64

    static func history(events: Int64, newestEvent: Int64) -> ConversationStamp {
        ConversationStamp(source: .history, first: events, second: newestEvent)
    }
}

extension SQLDeskStore {
    public func conversationStamp(of number: TicketNumber) async throws -> ConversationStamp? {
        if let localChanges, localChanges.isTrusted { return localChanges.stamp(of: number) }
        if let postgres = database as? PostgresDeskDatabase {
            // The hottest query on PostgreSQL (every conversation read): a prepared statement skips parsing and planning
            // on the server and SQLKit's statement building here, about half the cost of the read (BENCHMARKS.md).
            let logger = self.logger
            return try await postgres.readOnConnection { connection in
                var stamp: ConversationStamp?
                let rows = try await connection.execute(ConversationStampStatement(ticket: number.rawValue), logger: logger)
                for try await (count, newest) in rows where count > 0 {
                    stamp = .history(events: count, newestEvent: newest)
                }
                return stamp
            }
        }
        return try await database.read { sql in
            let row = try await sql.raw(
                "SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS newest FROM ticket_events WHERE ticket_number = \(bind: number.rawValue)"
            ).first()
            guard let row, case let count = try row.decode(column: "n", as: Int64.self), count > 0 else { return nil }
            return .history(events: count, newestEvent: try row.decode(column: "newest", as: Int64.self))
        }
    }
}

/// The PostgreSQL stamp query, prepared once per connection.
struct ConversationStampStatement: PostgresPreparedStatement {
    static let sql = "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM ticket_events WHERE ticket_number = $1"
    typealias Row = (Int64, Int64)

    var ticket: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(ticket)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}

/// The tickets one write transaction recorded events for; set as a task-local by `writeWithEvents`.
final class TicketWriteScope: Sendable {
    @TaskLocal static var current: TicketWriteScope?
    let tickets = Mutex<Set<TicketNumber>>([])
}

/// Change counters of a store that is its database's only writer.
///
/// A ticket counts as *changing* from the moment a transaction records an event for it until that transaction has
/// committed or rolled back; meanwhile it has no stamp, so nothing is served from or stored in a cache. When the
/// transaction ends the ticket takes the next value of one store-wide counter. A reader takes the stamp before reading,
/// so what it stores under that stamp is at least as new as the stamp, and any later change moves the ticket past it.
///
/// Tickets not changed since the last ``prune`` share the stamp `floor`. Pruning (when many tickets were changed) forgets
/// the per-ticket values and raises the floor above every value handed out, so every stamp changes once: cached entries
/// are dropped, never served stale.
///
/// Events recorded outside a ``TicketWriteScope`` cannot be followed to their commit; the first one turns the local
/// counters off for good and stamps come from the database from then on.
final class LocalTicketChanges: Sendable {
    private struct State {
        var changing: [TicketNumber: Int] = [:]
        var changed: [TicketNumber: Int64] = [:]
        var next: Int64 = 1
        var floor: Int64 = 0
        var trusted = true
    }

    /// How many changed tickets are remembered before ``prune``.
    static let remembered = 50_000
    private let state = Mutex(State())

    var isTrusted: Bool { state.withLock { $0.trusted } }

    /// Called inside the transaction, before its events are written.
    func begin(_ tickets: Set<TicketNumber>) {
        guard let scope = TicketWriteScope.current else {
            state.withLock { $0.trusted = false }
            return
        }
        let new = scope.tickets.withLock { seen in
            let new = tickets.subtracting(seen)
            seen.formUnion(new)
            return new
        }
        guard !new.isEmpty else { return }
        state.withLock { state in
            for ticket in new { state.changing[ticket, default: 0] += 1 }
        }
    }

    /// Called when the scope's transaction has committed or rolled back.
    func finish(_ scope: TicketWriteScope) {
        let tickets = scope.tickets.withLock { $0 }
        guard !tickets.isEmpty else { return }
        state.withLock { state in
            for ticket in tickets {
                let left = (state.changing[ticket] ?? 1) - 1
                state.changing[ticket] = left > 0 ? left : nil
                state.changed[ticket] = state.next
                state.next += 1
            }
            if state.changed.count > Self.remembered { Self.prune(&state) }
        }
    }

    /// The ticket's stamp, or nil while a transaction is changing it or when counting was turned off.
    func stamp(of ticket: TicketNumber) -> ConversationStamp? {
        state.withLock { state in
            guard state.trusted, state.changing[ticket] == nil else { return nil }
            return ConversationStamp(source: .local, first: 0, second: state.changed[ticket] ?? state.floor)
        }
    }

    private static func prune(_ state: inout State) {
        state.floor = state.next
        state.next += 1
        state.changed.removeAll()
    }
}
