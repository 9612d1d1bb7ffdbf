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
        if let stampRounds { return try await stampRounds.stamp(of: number) }
        return try await database.read { sql in
            let row = try await sql.raw(
                "SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS newest FROM ticket_events WHERE ticket_number = \(bind: number.rawValue)"
            ).first()
            guard let row, case let count = try row.decode(column: "n", as: Int64.self), count > 0 else { return nil }
            return .history(events: count, newestEvent: try row.decode(column: "newest", as: Int64.self))
        }
    }
}

/// Reads PostgreSQL stamps in rounds: requests that arrive while a round is in flight are answered together by the next
/// one, with one query for all their tickets.
///
/// The stamp query is the hottest on PostgreSQL (every conversation read, cached or not). One round trip per read cost
/// ~30 µs of PostgreSQL's CPU and ~40 µs of ours; with 64 readers a round answers dozens of reads. A read never takes
/// its stamp from a round that was sent before the read arrived, so it still sees every change committed before it
/// asked (on any node): it waits for at most the round in flight and its own.
final class StampRounds: Sendable {
    private struct State {
        var inFlight = false
        var waiting: [TicketNumber: [CheckedContinuation<ConversationStamp?, any Error>]] = [:]
    }

    private let state = Mutex(State())
    private let database: PostgresDeskDatabase
    private let logger: Logger

    init(database: PostgresDeskDatabase, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    func stamp(of number: TicketNumber) async throws -> ConversationStamp? {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { state in
                state.waiting[number, default: []].append(continuation)
                guard !state.inFlight else { return false }
                state.inFlight = true
                return true
            }
            if start { Task { await self.runRounds() } }
        }
    }

    /// Sends rounds until nobody waits.
    private func runRounds() async {
        while true {
            let round = state.withLock { state -> [TicketNumber: [CheckedContinuation<ConversationStamp?, any Error>]]? in
                guard !state.waiting.isEmpty else {
                    state.inFlight = false
                    return nil
                }
                defer { state.waiting = [:] }
                return state.waiting
            }
            guard let round else { return }
            do {
                let stamps = try await query(Array(round.keys))
                for (number, continuations) in round {
                    for continuation in continuations { continuation.resume(returning: stamps[number]) }
                }
            } catch {
                for continuation in round.values.joined() { continuation.resume(throwing: error) }
            }
        }
    }

    private func query(_ numbers: [TicketNumber]) async throws -> [TicketNumber: ConversationStamp] {
        let logger = self.logger
        return try await database.readOnConnection { connection in
            var stamps: [TicketNumber: ConversationStamp] = [:]
            let rows = try await connection.execute(ConversationStampStatement(tickets: numbers.map(\.rawValue)), logger: logger)
            for try await (ticket, count, newest) in rows where count > 0 {
                stamps[TicketNumber(ticket)] = .history(events: count, newestEvent: newest)
            }
            return stamps
        }
    }
}

/// The PostgreSQL stamp query for a round of tickets, prepared once per connection (no parsing or planning per read).
struct ConversationStampStatement: PostgresPreparedStatement {
    static let sql = """
        SELECT ticket_number, COUNT(*), COALESCE(MAX(id), 0) FROM ticket_events WHERE ticket_number = ANY($1) GROUP BY ticket_number
        """
    typealias Row = (Int64, Int64, Int64)

    var tickets: [Int64]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(tickets)
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
