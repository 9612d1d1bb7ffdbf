import DeskCore
import Foundation
import SQLKit

/// Rebuilding the search indexes from the rows they index (`walletdesk reindex`): after an upgrade that changed how
/// text is segmented, for tickets written before the index existed, or to repair an index.
public protocol SearchIndexStore: Sendable {
    /// Writes every ticket's search rows again (its own row and one per message), `batchSize` tickets per transaction,
    /// oldest ticket first; `progress` hears the totals after each batch.
    ///
    /// PostgreSQL: safe beside running servers: each batch locks its tickets (as a reply or merge does) and replaces
    /// their rows, giving message rows back their ids so newest-first order is kept. SQLite: empties the index first and
    /// must run with no server on the file (the caller holds the sole-writer lock); search misses what is not yet
    /// rewritten until it ends, and a rebuild cut short is finished by running it again.
    func rebuildTicketSearchIndex(batchSize: Int, progress: @Sendable (SearchIndexRebuild) -> Void) async throws -> SearchIndexRebuild
    /// Writes every article translation's index entry again, `batchSize` per transaction; returns how many.
    func rebuildArticleSearchIndex(batchSize: Int) async throws -> Int
    /// Whether the search indexes hold the tokens of this build's segmenter (``TextSegmenter/indexVersion``). A store
    /// with no ticket yet is current by definition, and is recorded as such.
    func searchIndexVersion() async throws -> SearchIndexVersion
    /// Records that both indexes were rebuilt by this build's segmenter (after ``rebuildTicketSearchIndex`` and
    /// ``rebuildArticleSearchIndex`` both finished).
    func recordSearchIndexRebuilt() async throws
}

/// The segmenter version the search indexes were written with, against this build's.
public enum SearchIndexVersion: Sendable, Equatable {
    case current
    /// Written by an older segmenter (1: before the version was recorded): search may miss words of older tickets and
    /// articles until `walletdesk reindex` rebuilds them.
    case stale(written: Int)

    static let setting = "search_index_version"
}

/// What a ticket-index rebuild wrote.
public struct SearchIndexRebuild: Sendable, Equatable {
    public var tickets = 0
    public var messages = 0
    public var transactions = 0

    public init(tickets: Int = 0, messages: Int = 0, transactions: Int = 0) {
        self.tickets = tickets
        self.messages = messages
        self.transactions = transactions
    }
}

extension SQLDeskStore: SearchIndexStore {
    public func searchIndexVersion() async throws -> SearchIndexVersion {
        let current = TextSegmenter.indexVersion
        if let stored = try await setting(SearchIndexVersion.setting) {
            let written = Int(stored) ?? 1
            return written == current ? .current : .stale(written: written)
        }
        // Not recorded: a new store (nothing indexed but the starter articles, written by this build), or one from
        // before versions were recorded.
        var query = TicketQuery()
        query.limit = 1
        guard try await tickets(matching: query).items.isEmpty else { return .stale(written: 1) }
        try await recordSearchIndexRebuilt()
        return .current
    }

    public func recordSearchIndexRebuilt() async throws {
        try await setSetting(SearchIndexVersion.setting, String(TextSegmenter.indexVersion))
    }

    public func rebuildTicketSearchIndex(batchSize: Int, progress: @Sendable (SearchIndexRebuild) -> Void) async throws -> SearchIndexRebuild {
        let batchSize = max(1, min(batchSize, 5_000))
        if let wipe = dialect.searchIndexDeleteAll("ticket_search") {
            try await database.write { sql in try await sql.raw(wipe).run() }
        }
        var total = SearchIndexRebuild()
        var after: Int64 = 0
        while true {
            let start = after
            let batch = try await database.write { sql in try await self.rebuildTicketRows(after: start, limit: batchSize, on: sql) }
            guard let last = batch.last else { break }
            after = last
            total.tickets += batch.tickets
            total.messages += batch.messages
            total.transactions += 1
            progress(total)
        }
        return total
    }

    /// One batch: the next `limit` tickets after `after`, locked, their rows replaced. Returns the counts and the last
    /// ticket number (nil when no ticket was left).
    private func rebuildTicketRows(after: Int64, limit: Int, on sql: any SQLDatabase) async throws -> (tickets: Int, messages: Int, last: Int64?) {
        // Locked in number order, like every other writer of ticket rows, so a reply or merge waits for the batch (and the
        // batch for it) instead of one overwriting the other's rows.
        let tickets = try await sql.raw(
            """
            SELECT \(unsafeRaw: Rows.ticketColumns) FROM tickets WHERE number > \(bind: after) ORDER BY number
            LIMIT \(bind: limit)\(unsafeRaw: dialect.forUpdate)
            """
        ).all().map(Rows.ticket)
        guard let last = tickets.last?.number.rawValue else { return (0, 0, nil) }
        let numbers = tickets.map(\.number.rawValue)
        let identifiers = try await requesterIdentifiers(tickets.map(\.requesterID), on: sql)
        let messages = try await sql.raw(
            "SELECT ticket_number, body_text FROM messages WHERE ticket_number IN (\(binds: numbers)) ORDER BY ticket_number, created_at, id"
        ).all()
        // The ids the tickets' message rows had, oldest first, given back in the same order (PostgreSQL; SQLite's
        // index was emptied and new rows take the next rowid).
        var reusable: [Int64: ArraySlice<Int64>] = [:]
        if dialect.ticketIndexRowsByTicket {
            var ids: [Int64: [Int64]] = [:]
            for row in try await sql.raw(dialect.ticketIndexMessageRowIDs(tickets: numbers)).all() {
                ids[try row.decode(column: "ticket_number", as: Int64.self), default: []].append(try row.decode(column: "id", as: Int64.self))
            }
            reusable = ids.mapValues { ArraySlice($0) }
            try await sql.raw(dialect.ticketIndexDelete(tickets: numbers)).run()
        }
        var rows = JSONRows()
        for ticket in tickets {
            let number = ticket.number.rawValue
            Self.appendSearchRow(id: -number, ticket: number, tokens: Self.ticketTokens(ticket, requester: identifiers[ticket.requesterID.description] ?? []), to: &rows)
            if rows.count >= 500 { try await flush(&rows, on: sql) }
        }
        for row in messages {
            let number = try row.decode(column: "ticket_number", as: Int64.self)
            let id = reusable[number]?.popFirst()
            Self.appendSearchRow(id: id, ticket: number, text: Self.messageIndexText(try row.decode(column: "body_text", as: String.self)), to: &rows)
            if rows.count >= 500 { try await flush(&rows, on: sql) }
        }
        try await flush(&rows, on: sql)
        return (tickets.count, messages.count, last)
    }

    private func flush(_ rows: inout JSONRows, on sql: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        try await sql.raw(dialect.ticketIndexInsert(rows)).run()
        rows = JSONRows()
    }

    public func rebuildArticleSearchIndex(batchSize: Int) async throws -> Int {
        let batchSize = max(1, min(batchSize, 5_000))
        if let wipe = dialect.searchIndexDeleteAll("kb_search") {
            try await database.write { sql in try await sql.raw(wipe).run() }
        }
        var count = 0
        var after: Int64 = 0
        while true {
            let start = after
            let (written, last): (Int, Int64?) = try await database.write { sql in
                let rows = try await sql.raw(
                    "SELECT id, title, body_text FROM kb_translations WHERE id > \(bind: start) ORDER BY id LIMIT \(bind: batchSize)"
                ).all()
                for row in rows {
                    try await self.indexTranslation(
                        id: try row.decode(column: "id", as: Int64.self), title: try row.decode(column: "title", as: String.self),
                        text: try row.decode(column: "body_text", as: String.self), on: sql
                    )
                }
                return (rows.count, try rows.last?.decode(column: "id", as: Int64.self))
            }
            count += written
            guard let last else { break }
            after = last
        }
        return count
    }
}
