import DeskCore
import Foundation
import Metrics
import SQLKit
import Synchronization

/// How group commit behaves under load, for operators: tickets per batch and how long the writer spends per batch
/// (the single writer's time per ticket is what bounds creation on SQLite). The handles are made per batch, not kept in
/// statics, so a batch written before the metrics backend was set up cannot leave them on the no-op backend for good.
public enum TicketBatchMetrics {
    public static let sizeLabel = "walletdesk_ticket_batch_size"
    public static let durationLabel = "walletdesk_ticket_batch_duration_seconds"
    /// Batches that failed as a whole and were written ticket by ticket (a bad reference, a race for a new customer).
    public static let fallbacksLabel = "walletdesk_ticket_batch_fallbacks_total"

    static func record(tickets: Int, since start: ContinuousClock.Instant) {
        Recorder(label: sizeLabel).record(tickets)
        let elapsed = (ContinuousClock.now - start).components
        Metrics.Timer(label: durationLabel).recordNanoseconds(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
    }
}

/// Groups ticket creations that arrive together into one transaction ("group commit").
///
/// Measured on 2 cores: one transaction per ticket costs about eight statement round trips through the database
/// driver, and on SQLite those are serialised behind the single writer, capping creation near 1,000/s. Batching the
/// tickets waiting at the same moment into one transaction of multi-row statements keeps the same guarantees (each
/// caller is answered only after the transaction holding its ticket committed) at a fraction of the cost.
///
/// A caller that finds nobody writing becomes the leader: it takes the tickets waiting at that moment (up to
/// ``batchLimit(inFlight:)``) together with its own, writes them as one batch, answers everyone in it and returns.
/// Tickets that arrived meanwhile are written at once by a short-lived drain task that goes on batch after batch until
/// the queue is empty: handing leadership to a waiting caller instead meant waiting until that caller's event loop got
/// round to resuming it, and nothing was written in between. A leader's own ticket never enters the queue, so no other writer can take it.
///
/// A lock, not an actor: as an actor every caller hopped onto it twice, and the writer's drain had to wait for an event
/// loop to run the actor between two batches, behind the HTTP work queued there. Nothing here waits while holding the
/// lock.
final class TicketCreationQueue: Sendable {
    struct Work: Sendable {
        let draft: TicketDraft
        let actor: Actor
        let now: Date
        /// Search tokens worked out by the caller before queueing, in parallel, so the single writer does not: those of
        /// the ticket's own fields (its number and the requester's identifiers are added by the writer) and of the
        /// first message, each deduplicated and joined by spaces.
        let fieldTokens: [String]
        let messageTokens: String
    }

    typealias Written = Result<(ticket: Ticket, message: Message), any Error>

    enum Outcome: Sendable {
        /// Write these waiting tickets together with your own, and answer them.
        case lead([Entry])
        case done(Written)
    }

    typealias Entry = (work: Work, continuation: CheckedContinuation<Outcome, Never>)

    private struct State {
        var pending: [Entry] = []
        var writing = false
        /// Creations submitted and not yet answered: those waiting and those being written.
        var inFlight = 0
    }

    static let maximumBatch = 256

    /// The most tickets one batch takes: a quarter of the creations in flight, at least 32.
    ///
    /// A batch that takes every waiting ticket makes a closed loop of clients move in step: all of them wait on the
    /// database while the HTTP threads sit idle, then all of them are answered and send their next request while the
    /// database sits idle. Taking part of them lets the others be answered and come back while a batch is written.
    /// Measured on PostgreSQL (BENCHMARKS.md, session 8): at 64 connections, batches of at most 32 made ~34 % more
    /// tickets per second than batches of up to 63; at 256 connections, 64 did best (32 and 256 made 15–19 % fewer). On
    /// SQLite batches average ~20 tickets at 64 connections, so the limit rarely bites.
    static func batchLimit(inFlight: Int) -> Int {
        min(maximumBatch, max(32, inFlight / 4))
    }

    /// One batch at a time, on both engines. Measured on PostgreSQL: two at once (one batch's commit overlapping the
    /// next one's statements) created no more tickets per second and tripled p99, as the batches contended for the
    /// same index pages and new customers.
    private let state = Mutex(State())

    /// Waits until the work is done by a writer, or until this caller is asked to lead (taking the waiting tickets).
    func submit(_ work: Work) async -> Outcome {
        await withCheckedContinuation { continuation in
            let batch = state.withLock { state -> [Entry]? in
                state.inFlight += 1
                guard !state.writing else {
                    state.pending.append((work, continuation))
                    return nil
                }
                state.writing = true
                return Self.take(from: &state, leaving: 1)
            }
            if let batch { continuation.resume(returning: .lead(batch)) }
        }
    }

    /// The next batch for a drain to write.
    func takeBatch() -> [Entry] {
        state.withLock { Self.take(from: &$0, leaving: 0) }
    }

    private static func take(from state: inout State, leaving room: Int) -> [Entry] {
        let count = min(state.pending.count, batchLimit(inFlight: state.inFlight) - room)
        let batch = Array(state.pending.prefix(count))
        state.pending.removeFirst(count)
        return batch
    }

    /// Ends a batch of `written` tickets (their callers are being answered): true when more tickets wait (the caller
    /// goes on writing them), false when the queue went idle.
    func finishBatch(written: Int) -> Bool {
        state.withLock { state in
            state.inFlight -= written
            if state.pending.isEmpty {
                state.writing = false
                return false
            }
            return true
        }
    }
}

extension SQLDeskStore {
    /// Creates a ticket through the group-commit queue.
    func createTicketBatched(_ draft: TicketDraft, actor: Actor, now: Date) async throws -> (ticket: Ticket, message: Message) {
        let fieldTokens = Self.fieldTokens(
            subject: draft.subject, txId: draft.crypto.txId, address: draft.crypto.walletAddress, asset: draft.crypto.asset
        )
        let messageTokens = Self.messageIndexText(draft.firstMessage.body.text)
        let work = TicketCreationQueue.Work(draft: draft, actor: actor, now: now, fieldTokens: fieldTokens, messageTokens: messageTokens)
        switch await creationQueue.submit(work) {
        case .done(let result):
            return try result.get()
        case .lead(let others):
            // Its own ticket last: the waiting ones arrived first, and numbers follow arrival.
            let results = await writeBatch(others.map(\.work) + [work])
            for (entry, result) in zip(others, results) { entry.continuation.resume(returning: .done(result)) }
            if creationQueue.finishBatch(written: others.count + 1) {
                // On SQLite the drain runs on the writer's thread: batch after batch without a thread hop in between.
                Task(executorPreference: database.writeExecutor) { await self.drainCreationQueue() }
            }
            return try results[others.count].get()
        }
    }

    /// Writes batch after batch until no ticket waits; every caller is answered from here.
    private func drainCreationQueue() async {
        var more = true
        while more {
            let batch = creationQueue.takeBatch()
            let results = await writeBatch(batch.map(\.work))
            for (entry, result) in zip(batch, results) { entry.continuation.resume(returning: .done(result)) }
            more = creationQueue.finishBatch(written: batch.count)
        }
    }

    /// Writes a batch in one transaction; if that fails, writes each ticket alone so one bad request fails alone.
    private func writeBatch(_ works: [TicketCreationQueue.Work]) async -> [TicketCreationQueue.Written] {
        let started = ContinuousClock.now
        defer {
            TicketBatchMetrics.record(tickets: works.count, since: started)
        }
        if works.count > 1 {
            do {
                let written = try await insertTickets(works)
                batchedTickets.add(works.count, ordering: .relaxed)
                return written.map { .success($0) }
            } catch {
                // Fall through: an unknown reference, a unique race or a lost connection; per-ticket writes tell which.
                Counter(label: TicketBatchMetrics.fallbacksLabel).increment()
                batchFallbacks.add(1, ordering: .relaxed)
                logger.debug("ticket batch written ticket by ticket", metadata: ["tickets": "\(works.count)", "error": "\(String(reflecting: error))"])
            }
        }
        var results: [TicketCreationQueue.Written] = []
        for work in works {
            do {
                results.append(.success(try await createTicketAlone(work.draft, actor: work.actor, now: work.now)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// Inserts several tickets in one transaction: a few lookups, then one statement for all rows (see
    /// ``Dialect/sqliteInsertTicketBatch(_:)`` and ``Dialect/postgresTicketBatchSQL``).
    private func insertTickets(_ works: [TicketCreationQueue.Work]) async throws -> [(ticket: Ticket, message: Message)] {
        let dialect = self.dialect
        return try await writeWithEvents(ticketBatch: true) { sql in
            var written: [(ticket: Ticket, message: Message)]
            if let postgres = sql as? PostgresTransactionDatabase {
                var rows = TicketBatchRows<PostgresColumnArrays>()
                written = try await self.layOutBatch(works, into: &rows, on: sql)
                self.localChanges?.begin(Set(written.map(\.ticket.number)))
                try await postgres.insertTicketBatch(rows)
            } else {
                var rows = TicketBatchRows<JSONRows>()
                written = try await self.layOutBatch(works, into: &rows, on: sql)
                self.localChanges?.begin(Set(written.map(\.ticket.number)))
                if !rows.customers.isEmpty { try await sql.raw(dialect.insertRows(into: .customers, rows.customers)).run() }
                try await sql.raw(Dialect.sqliteInsertTicketBatch(rows)).run()
            }
            for (index, work) in works.enumerated() where !work.draft.firstMessage.attachmentIDs.isEmpty {
                written[index].message.attachments = try await self.linkAttachments(
                    work.draft.firstMessage.attachmentIDs, to: written[index].message.id, ticket: written[index].ticket.number, on: sql
                )
            }
            return written
        }
    }

    /// A batch's lookups (requesters, assignees, teams, ticket numbers), then its tickets and first messages, and their
    /// rows for every table in `rows`.
    private func layOutBatch<Rows: RowWriter>(
        _ works: [TicketCreationQueue.Work], into rows: inout TicketBatchRows<Rows>, on sql: any SQLDatabase
    ) async throws -> [(ticket: Ticket, message: Message)] {
        let (requesters, identifiers, numbers) = try await resolveRequesters(
            works.map(\.draft.requester), now: works[0].now, newCustomers: &rows.customers, reservingNumbers: works.count, on: sql
        )
        let assignees = Set(works.compactMap(\.draft.assigneeID))
        let teams = Set(works.compactMap(\.draft.teamID))
        if !assignees.isEmpty {
            let found = try await sql.raw("SELECT id FROM agents WHERE id IN (\(binds: assignees.map(\.description)))").all()
            guard found.count == assignees.count else { throw DeskError.invalidField("assigneeId", reason: .unknownReference) }
        }
        if !teams.isEmpty {
            let found = try await sql.raw("SELECT id FROM teams WHERE id IN (\(binds: teams.map(\.description)))").all()
            guard found.count == teams.count else { throw DeskError.invalidField("teamId", reason: .unknownReference) }
        }
        var written: [(ticket: Ticket, message: Message)] = []
        written.reserveCapacity(works.count)
        for (index, work) in works.enumerated() {
            let ticket = work.draft.ticket(number: numbers[index], requesterID: requesters[index], now: work.now)
            var author = work.draft.firstMessage.author
            if author.kind == .customer, author.id == nil { author = .customer(requesters[index]) }
            let message = Message(
                ticket: ticket.number, visibility: work.draft.firstMessage.visibility, authorKind: author.kind, authorID: author.id,
                bodyText: work.draft.firstMessage.body.text, bodyHTML: work.draft.firstMessage.body.html, createdAt: work.now
            )
            Self.append(ticket, to: &rows.tickets)
            rows.messages.startRow()
            rows.messages.text("id", message.id.description)
            rows.messages.integer("ticket_number", ticket.number.rawValue)
            rows.messages.text("visibility", message.visibility.rawValue)
            rows.messages.text("author_kind", message.authorKind.rawValue)
            rows.messages.text("author_id", message.authorID.map(FastUUID.format))
            rows.messages.text("body_text", message.bodyText)
            rows.messages.text("body_html", message.bodyHTML)
            rows.messages.integer("created_at", work.now.microseconds)
            rows.messages.endRow()
            for tag in ticket.tags {
                rows.tags.startRow()
                rows.tags.integer("ticket_number", ticket.number.rawValue)
                rows.tags.text("tag", tag)
                rows.tags.endRow()
            }
            // Search rows: the ticket's own (its number, fields and requester's identifiers) and its first message.
            let own = Self.ownRowTokens(number: ticket.number, requester: identifiers[ticket.requesterID.description] ?? [], fields: work.fieldTokens)
            Self.appendSearchRow(id: -ticket.number.rawValue, ticket: ticket.number.rawValue, tokens: own, to: &rows.search)
            Self.appendSearchRow(id: nil, ticket: ticket.number.rawValue, text: work.messageTokens, to: &rows.search)
            let created = NewTicketEvent(kind: .created, actor: work.actor, changes: Self.creationChanges(ticket))
            Self.append(created, of: ticket.number, at: work.now, to: &rows.events)
            Self.append(NewTicketEvent(kind: .messageAdded, actor: author, messageID: message.id), of: ticket.number, at: work.now, to: &rows.events)
            written.append((ticket, message))
        }
        return written
    }

    /// A new ticket's row for ``RowTable/tickets`` (batches and the single-ticket path both write it from here).
    static func append<Rows: RowWriter>(_ ticket: Ticket, to rows: inout Rows) {
        rows.startRow()
        rows.integer("number", ticket.number.rawValue)
        rows.text("subject", ticket.subject)
        rows.text("status", ticket.status.rawValue)
        rows.text("priority", ticket.priority.rawValue)
        rows.text("category", ticket.category.rawValue)
        rows.text("channel", ticket.channel.rawValue)
        rows.text("requester_id", ticket.requesterID.description)
        rows.text("assignee_id", ticket.assigneeID?.description)
        rows.text("team_id", ticket.teamID?.description)
        rows.text("tags", ticket.tags.joined(separator: ","))
        rows.text("chain", ticket.crypto.chain)
        rows.text("asset", ticket.crypto.asset)
        rows.text("amount", ticket.crypto.amount)
        rows.text("tx_id", ticket.crypto.txId)
        rows.text("wallet_address", ticket.crypto.walletAddress)
        rows.text("app_version", ticket.crypto.appVersion)
        rows.text("device", ticket.crypto.device)
        rows.text("os", ticket.crypto.os)
        rows.integer("reopen_count", Int64(ticket.reopenCount))
        rows.integer("created_at", ticket.createdAt.microseconds)
        rows.integer("updated_at", ticket.updatedAt.microseconds)
        rows.integer("first_response_at", ticket.firstResponseAt?.microseconds)
        rows.integer("follow_up_of", ticket.followUpOf?.rawValue)
        rows.integer("version", Int64(ticket.version))
        rows.endRow()
    }

    /// Tokens without repeats, joined by spaces: an index row's text.
    ///
    /// Compared as UTF-8 bytes: the segmenter already normalised them, and hashing a `String` normalises it again for
    /// every Chinese token (that alone was ~3 % of a creation, on the single writer's path).
    static func distinct(_ tokens: [String]) -> String {
        var seen = Set<[UInt8]>()
        seen.reserveCapacity(tokens.count)
        var text: [UInt8] = []
        text.reserveCapacity(tokens.count * 8)
        for token in tokens where seen.insert(Array(token.utf8)).inserted {
            if !text.isEmpty { text.append(UInt8(ascii: " ")) }
            text.append(contentsOf: token.utf8)
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Finds the customers for several tickets with a few set-based queries (one per kind of identifier the batch
    /// holds), adds the new ones to `newCustomers` for the caller to insert, and reserves the batch's ticket numbers.
    ///
    /// A contact matches the customer with the same email, else phone, wallet account, Telegram id or WeChat id (the
    /// order ``resolveRequester(_:now:on:)`` uses). Two tickets in a batch from the same new person get one customer.
    /// Also returns each requester's identifiers for the search rows (as ``requesterIdentifiers(_:on:)`` would read them).
    /// On PostgreSQL the lookups and the numbers are one statement (see
    /// ``PostgresTransactionDatabase/lookUpCustomersReservingNumbers(_:count:)``).
    private func resolveRequesters(
        _ references: [RequesterReference], now: Date, newCustomers: inout some RowWriter, reservingNumbers count: Int, on sql: any SQLDatabase
    ) async throws -> (ids: [CustomerID], identifiers: [String: [String?]], numbers: [TicketNumber]) {
        var identifiers: [String: [String?]] = [:]
        func remember(_ row: any SQLRow) throws -> CustomerID? {
            func text(_ column: String) throws -> String? { try row.decodeNil(column: column) ? nil : row.decode(column: column, as: String.self) }
            let id = try row.decode(column: "id", as: String.self)
            identifiers[id] = [
                try text("name"), try text("email"), try text("phone"), try text("wallet_account_id"), try text("telegram_id"), try text("wechat_id"),
            ]
            return CustomerID(id)
        }
        let existing = Set(references.compactMap { reference -> String? in
            if case .existing(let id) = reference { return id.description }
            return nil
        })
        if !existing.isEmpty {
            let found = try await sql.raw("SELECT \(unsafeRaw: Self.identifierColumns) FROM customers WHERE id IN (\(binds: Array(existing)))").all()
            guard found.count == existing.count else { throw DeskError.invalidField("requester.id", reason: .unknownReference) }
            for row in found { _ = try remember(row) }
        }
        let contacts = references.compactMap { reference -> CustomerContact? in
            if case .contact(let contact) = reference { return contact }
            return nil
        }
        // Known customers by "column value", looked up one identifier column at a time.
        var known: [String: CustomerID] = [:]
        var numbers: [TicketNumber] = []
        let lookups = Self.contactColumns.map { column in (column.name, Array(Set(contacts.compactMap(column.value)))) }.filter { !$0.1.isEmpty }
        if let postgres = sql as? PostgresTransactionDatabase {
            for row in try await postgres.lookUpCustomersReservingNumbers(lookups, count: count) {
                if try row.decodeNil(column: "kind") {
                    numbers.append(TicketNumber(try row.decode(column: "number", as: Int64.self)))
                } else if let id = try remember(row) {
                    known["\(try row.decode(column: "kind", as: String.self)) \(try row.decode(column: "value", as: String.self))"] = id
                }
            }
            numbers.sort { $0.rawValue < $1.rawValue }
        } else {
            for (column, values) in lookups {
                let rows = try await sql.raw(
                    "SELECT \(unsafeRaw: Self.identifierColumns), \(unsafeRaw: column) AS value FROM customers WHERE \(unsafeRaw: column) IN (\(binds: values))"
                ).all()
                for row in rows {
                    if let id = try remember(row) { known["\(column) \(try row.decode(column: "value", as: String.self))"] = id }
                }
            }
            numbers = try await dialect.reserveTicketNumbers(count, on: sql)
        }
        var result: [CustomerID] = []
        for reference in references {
            switch reference {
            case .existing(let id):
                result.append(id)
            case .contact(let contact):
                let keys = Self.contactColumns.compactMap { column in column.value(contact).map { "\(column.name) \($0)" } }
                guard !keys.isEmpty else { throw DeskError.invalidField("requester", reason: .required) }
                if let id = keys.lazy.compactMap({ known[$0] }).first {
                    result.append(id)
                    continue
                }
                let customer = Customer(
                    name: contact.name, email: contact.email, phone: contact.phone, telegramID: contact.telegramID, wechatID: contact.wechatID,
                    walletAccountID: contact.walletAccountID, language: contact.language ?? .zhCN, createdAt: now, updatedAt: now
                )
                Self.append(customer, to: &newCustomers)
                identifiers[customer.id.description] = [
                    customer.name, customer.email?.rawValue, customer.phone?.rawValue, customer.walletAccountID, customer.telegramID, customer.wechatID,
                ]
                for key in keys { known[key] = customer.id }
                result.append(customer.id)
            }
        }
        return (result, identifiers, numbers)
    }

    /// The columns `remember` in ``resolveRequesters(_:now:on:)`` reads.
    static let identifierColumns = "id, name, email, phone, wallet_account_id, telegram_id, wechat_id"

    /// The identifiers a contact is matched by, in order.
    static let contactColumns: [(name: String, value: @Sendable (CustomerContact) -> String?)] = [
        ("email", { $0.email?.rawValue }), ("phone", { $0.phone?.rawValue }), ("wallet_account_id", { $0.walletAccountID }),
        ("telegram_id", { $0.telegramID }), ("wechat_id", { $0.wechatID }),
    ]

    /// A new customer's row for ``RowTable/customers``.
    private static func append<Rows: RowWriter>(_ customer: Customer, to rows: inout Rows) {
        rows.startRow()
        rows.text("id", customer.id.description)
        rows.text("name", customer.name)
        rows.text("email", customer.email?.rawValue)
        rows.text("phone", customer.phone?.rawValue)
        rows.text("telegram_id", customer.telegramID)
        rows.text("wechat_id", customer.wechatID)
        rows.text("wallet_account_id", customer.walletAccountID)
        rows.text("language", customer.language.rawValue)
        rows.integer("created_at", customer.createdAt.microseconds)
        rows.integer("updated_at", customer.updatedAt.microseconds)
        rows.integer("version", Int64(customer.version))
        rows.endRow()
    }
}
