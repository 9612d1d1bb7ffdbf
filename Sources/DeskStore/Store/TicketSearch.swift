import DeskCore
import Foundation
import SQLKit

extension SQLDeskStore: TicketSearchStore {
    public func searchTickets(_ search: TicketSearch) async throws -> Page<Ticket> {
        let limit = max(1, min(search.limit, TicketSearch.maxLimit))
        let statuses = Set(search.statuses)
        return try await database.read { sql in
            var tickets: [Ticket] = []
            var seen = Set<Int64>()
            var cursor = search.after
            var lastHit: Int64?
            // Read matches newest first in chunks until the page is full; a status filter may skip many, so the walk is
            // bounded and the cursor lets the caller continue where it stopped.
            let chunk = max(2 * limit, 50)
            var window: Int64? = self.dialect.ticketSearchUsesWindow ? 20_000 : nil
            for _ in 0..<10 {
                let rows = try await sql.raw(self.dialect.ticketSearch(search.expression, before: cursor, limit: chunk, window: window)).all()
                // A short answer inside a window only means the window was small: the next round looks at everything
                // older than what was read (PostgreSQL); a short answer without a window is the end.
                let exhausted = rows.count < chunk && window == nil
                if rows.count < chunk { window = nil }
                if rows.isEmpty {
                    if exhausted {
                        lastHit = nil
                        break
                    }
                    continue
                }
                var wanted: [(hit: Int64, number: Int64)] = []
                for row in rows {
                    let hit = try row.decode(column: "hit", as: Int64.self)
                    let number = try row.decode(column: "ticket_number", as: Int64.self)
                    if seen.insert(number).inserted { wanted.append((hit, number)) }
                }
                var loaded: [Int64: Ticket] = [:]
                if !wanted.isEmpty {
                    var statement = SQLQueryString("SELECT \(unsafeRaw: Rows.ticketColumns) FROM tickets WHERE number IN (\(binds: wanted.map(\.number)))")
                    if !statuses.isEmpty {
                        statement.appendLiteral(" AND status IN (")
                        statement.appendInterpolation(binds: statuses.map(\.rawValue))
                        statement.appendLiteral(")")
                    }
                    for ticket in try await sql.raw(statement).all().map(Rows.ticket) { loaded[ticket.number.rawValue] = ticket }
                }
                var full = false
                for (hit, number) in wanted {
                    guard let ticket = loaded[number] else { continue }
                    tickets.append(ticket)
                    lastHit = hit
                    if tickets.count == limit {
                        full = true
                        break
                    }
                }
                if full { break }
                let oldest = try rows.last!.decode(column: "hit", as: Int64.self)
                if exhausted {
                    lastHit = nil
                    break
                }
                cursor = oldest
                lastHit = oldest
            }
            return Page(items: tickets, nextCursor: lastHit.map(String.init))
        }
    }

    // MARK: - Index rows, written in the transaction that writes what they index

    /// The tokens of a ticket's own row: number, subject, tx id, address, asset, and the requester's identifiers.
    static func ticketTokens(_ ticket: Ticket, requester: [String?]) -> [String] {
        ownRowTokens(
            number: ticket.number, requester: requester,
            fields: fieldTokens(subject: ticket.subject, txId: ticket.crypto.txId, address: ticket.crypto.walletAddress, asset: ticket.crypto.asset)
        )
    }

    /// The tokens of the ticket fields in its own row (group commit works them out before the ticket has a number).
    static func fieldTokens(subject: String, txId: String?, address: String?, asset: String?) -> [String] {
        segmenter.indexTokens([subject, txId, address, asset].compactMap { $0 }.joined(separator: "\n"))
    }

    /// A ticket's own-row tokens: its number, the requester's identifiers, and ``fieldTokens(subject:txId:address:asset:)``.
    static func ownRowTokens(number: TicketNumber, requester: [String?], fields: [String]) -> [String] {
        segmenter.indexTokens(([String(number.rawValue)] + requester.compactMap { $0 }).joined(separator: "\n")) + fields
    }

    /// A message row's text: the message's tokens without repeats. New tickets, replies, merges and rebuilds all index
    /// messages through this.
    static func messageIndexText(_ bodyText: String) -> String {
        distinct(segmenter.indexTokens(bodyText))
    }

    /// The requester identifiers (name, email, phone, wallet account, Telegram, WeChat) of several customers.
    func requesterIdentifiers(_ ids: [CustomerID], on sql: any SQLDatabase) async throws -> [String: [String?]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.raw(
            """
            SELECT id, name, email, phone, wallet_account_id, telegram_id, wechat_id FROM customers
            WHERE id IN (\(binds: Array(Set(ids.map(\.description)))))
            """
        ).all()
        var result: [String: [String?]] = [:]
        for row in rows {
            func text(_ column: String) throws -> String? { try row.decodeNil(column: column) ? nil : row.decode(column: column, as: String.self) }
            result[try row.decode(column: "id", as: String.self)] = [
                try text("name"), try text("email"), try text("phone"), try text("wallet_account_id"), try text("telegram_id"), try text("wechat_id"),
            ]
        }
        return result
    }

    /// Indexes new tickets with their first messages (one statement).
    func indexNewTickets(_ pairs: [(ticket: Ticket, message: Message)], on sql: any SQLDatabase) async throws {
        guard !pairs.isEmpty else { return }
        let identifiers = try await requesterIdentifiers(pairs.map(\.ticket.requesterID), on: sql)
        var rows = JSONRows()
        for (ticket, message) in pairs {
            let number = ticket.number.rawValue
            Self.appendSearchRow(id: -number, ticket: number, tokens: Self.ticketTokens(ticket, requester: identifiers[ticket.requesterID.description] ?? []), to: &rows)
            Self.appendSearchRow(id: nil, ticket: number, text: Self.messageIndexText(message.bodyText), to: &rows)
        }
        try await sql.raw(dialect.ticketIndexInsert(rows)).run()
    }

    /// Indexes messages added to tickets (each under the ticket it was written to), in the order given.
    func indexMessages(_ messages: [Message], on sql: any SQLDatabase) async throws {
        guard !messages.isEmpty else { return }
        var rows = JSONRows()
        for message in messages {
            Self.appendSearchRow(id: nil, ticket: message.ticket.rawValue, text: Self.messageIndexText(message.bodyText), to: &rows)
        }
        try await sql.raw(dialect.ticketIndexInsert(rows)).run()
    }

    /// Hands the search rows of the messages a merge is moving from `source` to `target`, so their words find the ticket
    /// they now belong to. Call it before the messages move (it reads them under `source`).
    ///
    /// PostgreSQL changes the rows' ticket in place. SQLite's contentless FTS5 rows cannot be changed without their tokens
    /// and keep no index on the ticket: the moved messages are segmented again, their rows found through a probe of each
    /// message's longest tokens (every row holds all of its message's tokens, so the probe finds it; the ticket filter
    /// drops other tickets' rows), deleted, and written again naming `target` under the same rowids, oldest first, so the
    /// moved messages keep their place in newest-first results. Messages without tokens have rows nothing can match;
    /// they are left alone.
    func moveMessageRows(from source: TicketNumber, to target: TicketNumber, on sql: any SQLDatabase) async throws {
        if dialect.ticketIndexRowsByTicket {
            try await sql.raw(dialect.ticketIndexRetarget(from: source.rawValue, to: target.rawValue)).run()
            return
        }
        let texts = try await sql.raw(
            "SELECT body_text FROM messages WHERE ticket_number = \(bind: source.rawValue) ORDER BY created_at, id"
        ).all().map { Self.messageIndexText(try $0.decode(column: "body_text", as: String.self)) }.filter { !$0.isEmpty }
        guard !texts.isEmpty else { return }
        var found = Set<Int64>()
        var start = 0
        while start < texts.count {  // in chunks, so one probe stays a modest expression
            let chunk = texts[start..<min(texts.count, start + 50)]
            let probe = SearchExpression.any(chunk.map { text in
                let longest = text.split(separator: " ").sorted { $0.utf8.count > $1.utf8.count }.prefix(8)
                return .all(longest.map { .token(String($0)) })
            })
            for row in try await sql.raw(dialect.ticketIndexMessageRows(matching: probe, ticket: source.rawValue)).all() {
                found.insert(try row.decode(column: "id", as: Int64.self))
            }
            start += chunk.count
        }
        let ids = found.sorted()
        var deleted = 0
        while deleted < ids.count {
            let chunk = Array(ids[deleted..<min(ids.count, deleted + 500)])
            try await sql.raw(dialect.ticketIndexDelete(ids: chunk)).run()
            deleted += chunk.count
        }
        var written = 0
        while written < texts.count {
            var rows = JSONRows()
            for index in written..<min(texts.count, written + 500) {
                Self.appendSearchRow(id: index < ids.count ? ids[index] : nil, ticket: target.rawValue, text: texts[index], to: &rows)
            }
            try await sql.raw(dialect.ticketIndexInsert(rows)).run()
            written += rows.count
        }
    }

    /// One ticket-search row: `id` is `-number` for a ticket's own row, nil for a message row (the next id).
    static func appendSearchRow<Rows: RowWriter>(id: Int64?, ticket: Int64, tokens: [String], to rows: inout Rows) {
        appendSearchRow(id: id, ticket: ticket, text: distinct(tokens), to: &rows)
    }

    /// One ticket-search row from tokens already deduplicated and joined by spaces.
    static func appendSearchRow<Rows: RowWriter>(id: Int64?, ticket: Int64, text: String, to rows: inout Rows) {
        rows.startRow()
        rows.integer("id", id)
        rows.integer("ticket_number", ticket)
        rows.text("tokens", text)
        rows.endRow()
    }

    /// Rewrites the own rows of a customer's tickets after the customer's identifiers changed, so a search for the new
    /// email (phone, wallet account, …) finds their tickets and one for the old no longer does.
    func reindexTickets(of customer: Customer, on sql: any SQLDatabase) async throws {
        let tickets = try await sql.raw(
            // Locked in number order, like every writer of a ticket's index rows (a rebuild batch among them).
            """
            SELECT \(unsafeRaw: Rows.ticketColumns) FROM tickets WHERE requester_id = \(bind: customer.id.description)
            ORDER BY number\(unsafeRaw: dialect.forUpdate)
            """
        ).all().map(Rows.ticket)
        guard !tickets.isEmpty else { return }
        let requester = [
            customer.name, customer.email?.rawValue, customer.phone?.rawValue, customer.walletAccountID, customer.telegramID, customer.wechatID,
        ]
        var start = 0
        while start < tickets.count {  // in chunks, so a customer with thousands of tickets stays within bind limits
            let chunk = tickets[start..<min(tickets.count, start + 500)]
            var rows = JSONRows()
            for ticket in chunk {
                Self.appendSearchRow(id: -ticket.number.rawValue, ticket: ticket.number.rawValue, tokens: Self.ticketTokens(ticket, requester: requester), to: &rows)
            }
            try await sql.raw(dialect.ticketIndexDelete(ids: chunk.map { -$0.number.rawValue })).run()
            try await sql.raw(dialect.ticketIndexInsert(rows)).run()
            start += chunk.count
        }
    }

    /// Rewrites a ticket's own row after its subject or crypto details changed.
    func reindexTicket(_ ticket: Ticket, on sql: any SQLDatabase) async throws {
        let identifiers = try await requesterIdentifiers([ticket.requesterID], on: sql)
        let number = ticket.number.rawValue
        try await sql.raw(dialect.ticketIndexDelete(id: -number)).run()
        var rows = JSONRows()
        Self.appendSearchRow(id: -number, ticket: number, tokens: Self.ticketTokens(ticket, requester: identifiers[ticket.requesterID.description] ?? []), to: &rows)
        try await sql.raw(dialect.ticketIndexInsert(rows)).run()
    }
}
