import DeskCore
import Foundation
import SQLKit

extension SQLDeskStore: TicketStore {
    public func createTicket(_ draft: TicketDraft, actor: Actor, now: Date) async throws -> (ticket: Ticket, message: Message) {
        try await createTicketBatched(draft, actor: actor, now: now)
    }

    /// Creates one ticket in its own transaction (the fallback when a batch fails).
    func createTicketAlone(_ draft: TicketDraft, actor: Actor, now: Date) async throws -> (ticket: Ticket, message: Message) {
        do {
            return try await insertTicket(draft, actor: actor, now: now)
        } catch where SQLDeskStore.isUniqueViolation(error) {
            // Two requests for the same new customer at once (two PostgreSQL nodes, or two connections): the loser's
            // transaction rolled back; the second attempt finds the customer the winner created.
            return try await insertTicket(draft, actor: actor, now: now)
        }
    }

    func insertTicket(_ draft: TicketDraft, actor: Actor, now: Date) async throws -> (ticket: Ticket, message: Message) {
        let dialect = self.dialect
        return try await writeWithEvents { sql in
            let requesterID = try await self.resolveRequester(draft.requester, now: now, on: sql)
            try await self.checkReferences(assignee: draft.assigneeID, team: draft.teamID, on: sql)
            // The number as a batch takes it (SQLite: the largest plus one, under the single writer; PostgreSQL: the
            // sequence), and the row written by the batch's own row builder, so the ticket's columns are listed once.
            guard let number = try await dialect.reserveTicketNumbers(1, on: sql).first else {
                throw StoreError.corruptRow(table: "tickets", column: "number")
            }
            let ticket = draft.ticket(number: number, requesterID: requesterID, now: now)
            var row = JSONRows()
            Self.append(ticket, to: &row)
            try await sql.raw(dialect.insertRows(into: .tickets, row)).run()
            try await self.writeTags(ticket.tags, for: ticket.number, replacing: false, on: sql)
            var firstMessage = draft.firstMessage
            // A customer's first message is credited to the requester the store just found or created.
            if firstMessage.author.kind == .customer, firstMessage.author.id == nil { firstMessage.author = .customer(requesterID) }
            let message = try await self.insertMessage(firstMessage, ticket: ticket.number, now: now, on: sql)
            try await self.indexNewTickets([(ticket, message)], on: sql)
            let changes = Self.creationChanges(ticket)
            try await self.record(
                [
                    NewTicketEvent(kind: .created, actor: actor, changes: changes),
                    NewTicketEvent(kind: .messageAdded, actor: firstMessage.author, messageID: message.id),
                ],
                ticket: ticket.number, at: now, on: sql
            )
            return (ticket, message)
        }
    }

    public func ticket(_ number: TicketNumber) async throws -> Ticket {
        try await database.read { sql in
            guard let ticket = try await self.loadTicket(number, lock: false, on: sql) else { throw DeskError.notFound(entity: "ticket") }
            return ticket
        }
    }

    public func tickets(matching query: TicketQuery) async throws -> Page<Ticket> {
        let limit = max(1, min(query.limit, TicketQuery.maxLimit))
        return try await database.read { sql in
            var statement = SQLQueryString("SELECT \(unsafeRaw: Rows.ticketColumns) FROM tickets WHERE 1 = 1")
            if !query.statuses.isEmpty { statement.appendInterpolation(unsafeRaw: " AND status IN (") ; statement.appendInterpolation(binds: query.statuses.map(\.rawValue)); statement.appendLiteral(")") }
            if !query.priorities.isEmpty { statement.appendLiteral(" AND priority IN ("); statement.appendInterpolation(binds: query.priorities.map(\.rawValue)); statement.appendLiteral(")") }
            if let category = query.category { statement.appendLiteral(" AND category = "); statement.appendInterpolation(bind: category.rawValue) }
            if let channel = query.channel { statement.appendLiteral(" AND channel = "); statement.appendInterpolation(bind: channel.rawValue) }
            if let requester = query.requesterID { statement.appendLiteral(" AND requester_id = "); statement.appendInterpolation(bind: requester.description) }
            if let assignee = query.assigneeID {
                if let assignee {
                    statement.appendLiteral(" AND assignee_id = ")
                    statement.appendInterpolation(bind: assignee.description)
                } else {
                    statement.appendLiteral(" AND assignee_id IS NULL")
                }
            }
            if let team = query.teamID { statement.appendLiteral(" AND team_id = "); statement.appendInterpolation(bind: team.description) }
            if let tag = query.tag {
                statement.appendLiteral(" AND number IN (SELECT ticket_number FROM ticket_tags WHERE tag = ")
                statement.appendInterpolation(bind: tag)
                statement.appendLiteral(")")
            }
            if let txID = query.txID { statement.appendLiteral(" AND tx_id = "); statement.appendInterpolation(bind: txID) }
            if let before = query.before { statement.appendLiteral(" AND number < "); statement.appendInterpolation(bind: before.rawValue) }
            statement.appendLiteral(" ORDER BY number DESC LIMIT ")
            statement.appendInterpolation(bind: limit + 1)
            let rows = try await sql.raw(statement).all()
            var tickets = try rows.map(Rows.ticket)
            var next: String?
            if tickets.count > limit {
                tickets.removeLast()
                next = tickets.last.map { String($0.number.rawValue) }
            }
            return Page(items: tickets, nextCursor: next)
        }
    }

    public func updateTicket(
        _ number: TicketNumber, expectedVersion: Int?, actor: Actor, now: Date, change: @escaping @Sendable (inout Ticket) throws -> Void
    ) async throws -> Ticket {
        try await writeWithEvents { sql in
            guard let before = try await self.loadTicket(number, lock: true, on: sql) else { throw DeskError.notFound(entity: "ticket") }
            if let expectedVersion, expectedVersion != before.version { throw DeskError.versionConflict(current: before.version) }
            var after = before
            try change(&after)
            after.number = before.number
            after.version = before.version
            let changes = before.changes(to: after)
            guard !changes.isEmpty else { return before }
            if after.assigneeID != before.assigneeID || after.teamID != before.teamID {
                try await self.checkReferences(assignee: after.assigneeID, team: after.teamID, on: sql)
            }
            after.version += 1
            after.updatedAt = now
            try await self.storeTicketFields(after, on: sql)
            if after.tags != before.tags { try await self.writeTags(after.tags, for: number, replacing: true, on: sql) }
            if after.subject != before.subject || after.crypto != before.crypto || after.requesterID != before.requesterID {
                try await self.reindexTicket(after, on: sql)
            }
            try await self.record([NewTicketEvent(kind: Self.eventKind(before: before, after: after), actor: actor, changes: changes)], ticket: number, at: now, on: sql)
            return after
        }
    }

    public func addMessage(
        _ draft: MessageDraft, to number: TicketNumber, setStatus: TicketStatus?, now: Date
    ) async throws -> (message: Message, ticket: Ticket) {
        let lifecycle = self.lifecycle
        return try await writeWithEvents { sql in
            guard let before = try await self.loadTicket(number, lock: true, on: sql) else { throw DeskError.notFound(entity: "ticket") }
            var after = before
            try lifecycle.apply(draft.kind, to: &after, now: now)
            if let setStatus { try lifecycle.changeStatus(of: &after, to: setStatus, now: now) }
            let message = try await self.insertMessage(draft, ticket: number, now: now, on: sql)
            try await self.indexMessages([message], on: sql)
            after.version += 1
            after.updatedAt = now
            try await self.storeTicketFields(after, on: sql)
            var events = [NewTicketEvent(kind: .messageAdded, actor: draft.author, changes: [], messageID: message.id)]
            let changes = before.changes(to: after)
            if !changes.isEmpty {
                events.append(NewTicketEvent(kind: Self.eventKind(before: before, after: after), actor: draft.author, changes: changes))
            }
            try await self.record(events, ticket: number, at: now, on: sql)
            return (message, after)
        }
    }

    public func messages(of number: TicketNumber, includeInternal: Bool) async throws -> [Message] {
        try await database.read { sql in
            // One statement for the whole conversation with its attachments: every query is a round trip to the driver's
            // thread (SQLite) or the server (PostgreSQL), and this read is the agent console's most frequent one.
            var statement = SQLQueryString(
                """
                SELECT m.id, m.ticket_number, m.visibility, m.author_kind, m.author_id, m.body_text, m.body_html, m.merged_from, m.created_at,
                  a.id AS a_id, a.filename AS a_filename, a.content_type AS a_content_type, a.size AS a_size, a.sha256 AS a_sha256,
                  a.created_at AS a_created_at
                FROM messages m LEFT JOIN attachments a ON a.message_id = m.id
                WHERE m.ticket_number = \(bind: number.rawValue)
                """
            )
            if !includeInternal { statement.appendLiteral(" AND m.visibility = 'public'") }
            statement.appendLiteral(" ORDER BY m.created_at, m.id, a.created_at")
            let rows = try await sql.raw(statement).all()
            var messages: [Message] = []
            for row in rows {
                if try !row.decodeNil(column: "a_id") {
                    let attachment = try Rows.attachment(row, prefix: "a_")
                    let messageID = try row.decode(column: "id", as: String.self)
                    if let last = messages.last, last.id.description == messageID {
                        messages[messages.count - 1].attachments.append(attachment)
                        continue
                    }
                    var message = try Rows.message(row)
                    message.attachments = [attachment]
                    messages.append(message)
                } else {
                    messages.append(try Rows.message(row))
                }
            }
            // Every ticket has at least its first message, so an empty answer means no such ticket, or only internal
            // notes hidden from this reader.
            if messages.isEmpty, try await sql.raw("SELECT number FROM tickets WHERE number = \(bind: number.rawValue)").first() == nil {
                throw DeskError.notFound(entity: "ticket")
            }
            return messages
        }
    }

    public func merge(_ source: TicketNumber, into target: TicketNumber, actor: Actor, now: Date) async throws -> (source: Ticket, target: Ticket) {
        guard source != target else { throw DeskError.invalidMerge }
        return try await writeWithEvents { sql in
            // Lock in number order so two opposite merges cannot deadlock.
            var locked: [TicketNumber: Ticket] = [:]
            for number in [source, target].sorted() {
                guard let ticket = try await self.loadTicket(number, lock: true, on: sql) else { throw DeskError.notFound(entity: "ticket") }
                locked[number] = ticket
            }
            guard var from = locked[source], var into = locked[target] else { throw DeskError.notFound(entity: "ticket") }
            guard from.status != .closed, into.status != .closed, from.mergedInto == nil, into.mergedInto == nil else {
                throw DeskError.invalidMerge
            }
            // The moved messages' search rows follow them; the source's own row (number, subject, requester) stays: the
            // source remains a ticket of its own, closed and pointing at the target, and a search for it finds it.
            try await self.moveMessageRows(from: source, to: target, on: sql)
            try await sql.raw(
                """
                UPDATE messages SET merged_from = COALESCE(merged_from, \(bind: source.rawValue)), ticket_number = \(bind: target.rawValue)
                WHERE ticket_number = \(bind: source.rawValue)
                """
            ).run()
            try await sql.raw("UPDATE attachments SET ticket_number = \(bind: target.rawValue) WHERE ticket_number = \(bind: source.rawValue)").run()

            let fromBefore = from
            let intoBefore = into
            from.status = .closed
            from.closedAt = now
            from.mergedInto = target
            from.version += 1
            from.updatedAt = now
            into.tags = Array(Set(into.tags).union(from.tags)).sorted().prefix(Tags.maxCount).map { $0 }
            if from.priority > into.priority { into.priority = from.priority }
            into.version += 1
            into.updatedAt = now
            try await self.storeTicketFields(from, on: sql)
            try await self.storeTicketFields(into, on: sql)
            if into.tags != intoBefore.tags { try await self.writeTags(into.tags, for: target, replacing: true, on: sql) }

            // Tell the customers, each in their own language, on both tickets.
            let fromLanguage = try await self.language(of: from.requesterID, on: sql)
            let intoLanguage = try await self.language(of: into.requesterID, on: sql)
            let toldSource = Localizer.shared.format("system.merged-into", fromLanguage, source.description, target.description)
            let toldTarget = Localizer.shared.format("system.merged-from", intoLanguage, source.description)
            let sourceNote = try await self.insertMessage(
                MessageDraft(body: try MessageBody(text: toldSource, html: nil), visibility: .public, author: .system), ticket: source, now: now, on: sql
            )
            let targetNote = try await self.insertMessage(
                MessageDraft(body: try MessageBody(text: toldTarget, html: nil), visibility: .public, author: .system), ticket: target, now: now, on: sql
            )
            // Indexed like every other message, so a rebuild of the index finds the same rows the live path wrote.
            try await self.indexMessages([sourceNote, targetNote], on: sql)
            try await self.record(
                [
                    NewTicketEvent(kind: .mergedInto, actor: actor, changes: fromBefore.changes(to: from)),
                    NewTicketEvent(kind: .messageAdded, actor: .system, messageID: sourceNote.id),
                ],
                ticket: source, at: now, on: sql
            )
            var targetChanges = intoBefore.changes(to: into)
            targetChanges.append(FieldChange(field: "mergedFrom", before: nil, after: source.description))
            try await self.record(
                [
                    NewTicketEvent(kind: .mergedFrom, actor: actor, changes: targetChanges),
                    NewTicketEvent(kind: .messageAdded, actor: .system, messageID: targetNote.id),
                ],
                ticket: target, at: now, on: sql
            )
            return (from, into)
        }
    }

    public func history(of number: TicketNumber, after: Int64?, limit: Int) async throws -> [TicketEvent] {
        try await database.read { sql in
            guard try await sql.raw("SELECT number FROM tickets WHERE number = \(bind: number.rawValue)").first() != nil else {
                throw DeskError.notFound(entity: "ticket")
            }
            return try await sql.raw(
                """
                SELECT \(unsafeRaw: Rows.eventColumns) FROM ticket_events WHERE ticket_number = \(bind: number.rawValue) AND id > \(bind: after ?? 0)
                ORDER BY id LIMIT \(bind: max(1, min(limit, 1000)))
                """
            ).all().map(Rows.event)
        }
    }

    public func events(after id: Int64, limit: Int) async throws -> [TicketEvent] {
        try await database.read { sql in
            try await sql.raw(
                "SELECT \(unsafeRaw: Rows.eventColumns) FROM ticket_events WHERE id > \(bind: id) ORDER BY id LIMIT \(bind: max(1, min(limit, 1000)))"
            ).all().map(Rows.event)
        }
    }

    public func events(ids: [Int64]) async throws -> [TicketEvent] {
        guard !ids.isEmpty else { return [] }
        return try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Rows.eventColumns) FROM ticket_events WHERE id IN (\(binds: ids)) ORDER BY id").all().map(Rows.event)
        }
    }

    public func latestEventID() async throws -> Int64 {
        try await database.read { sql in
            try await sql.raw("SELECT COALESCE(MAX(id), 0) AS id FROM ticket_events").first()?.decode(column: "id", as: Int64.self) ?? 0
        }
    }

    // MARK: - Pieces used inside transactions

    /// The history entry of a new ticket: every field it started with.
    static func creationChanges(_ ticket: Ticket) -> [FieldChange] {
        var changes = [
            FieldChange(field: "subject", before: nil, after: ticket.subject),
            FieldChange(field: "status", before: nil, after: ticket.status.rawValue),
            FieldChange(field: "priority", before: nil, after: ticket.priority.rawValue),
            FieldChange(field: "category", before: nil, after: ticket.category.rawValue),
            FieldChange(field: "channel", before: nil, after: ticket.channel.rawValue),
            FieldChange(field: "requesterId", before: nil, after: ticket.requesterID.description),
        ]
        if let assignee = ticket.assigneeID { changes.append(FieldChange(field: "assigneeId", before: nil, after: assignee.description)) }
        if let team = ticket.teamID { changes.append(FieldChange(field: "teamId", before: nil, after: team.description)) }
        if !ticket.tags.isEmpty { changes.append(FieldChange(field: "tags", before: nil, after: ticket.tags.joined(separator: ","))) }
        if let previous = ticket.followUpOf { changes.append(FieldChange(field: "followUpOf", before: nil, after: previous.description)) }
        for field in ticket.crypto.fields where field.value != nil {
            changes.append(FieldChange(field: field.name, before: nil, after: field.value))
        }
        return changes
    }

    static func eventKind(before: Ticket, after: Ticket) -> TicketEventKind {
        if before.status == .solved && after.status == .open { return .reopened }
        if before.status != after.status { return .statusChanged }
        if before.assigneeID != after.assigneeID { return .assigned }
        return .updated
    }

    func loadTicket(_ number: TicketNumber, lock: Bool, on sql: any SQLDatabase) async throws -> Ticket? {
        let suffix = lock ? dialect.forUpdate : ""
        return try await sql.raw(
            "SELECT \(unsafeRaw: Rows.ticketColumns) FROM tickets WHERE number = \(bind: number.rawValue)\(unsafeRaw: suffix)"
        ).first().map(Rows.ticket)
    }

    func storeTicketFields(_ ticket: Ticket, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            UPDATE tickets SET subject = \(bind: ticket.subject), status = \(bind: ticket.status.rawValue), priority = \(bind: ticket.priority.rawValue),
              category = \(bind: ticket.category.rawValue), assignee_id = \(bind: ticket.assigneeID?.description),
              team_id = \(bind: ticket.teamID?.description), tags = \(bind: ticket.tags.joined(separator: ",")),
              chain = \(bind: ticket.crypto.chain), asset = \(bind: ticket.crypto.asset), amount = \(bind: ticket.crypto.amount),
              tx_id = \(bind: ticket.crypto.txId), wallet_address = \(bind: ticket.crypto.walletAddress),
              app_version = \(bind: ticket.crypto.appVersion), device = \(bind: ticket.crypto.device), os = \(bind: ticket.crypto.os),
              reopen_count = \(bind: ticket.reopenCount), merged_into = \(bind: ticket.mergedInto?.rawValue),
              updated_at = \(bind: ticket.updatedAt.microseconds), first_response_at = \(bind: ticket.firstResponseAt?.microseconds),
              solved_at = \(bind: ticket.solvedAt?.microseconds), closed_at = \(bind: ticket.closedAt?.microseconds), version = \(bind: ticket.version)
            WHERE number = \(bind: ticket.number.rawValue)
            """
        ).run()
    }

    func writeTags(_ tags: [String], for number: TicketNumber, replacing: Bool, on sql: any SQLDatabase) async throws {
        if replacing { try await sql.raw("DELETE FROM ticket_tags WHERE ticket_number = \(bind: number.rawValue)").run() }
        for tag in tags {
            try await sql.raw("INSERT INTO ticket_tags (ticket_number, tag) VALUES (\(bind: number.rawValue), \(bind: tag))").run()
        }
    }

    func insertMessage(_ draft: MessageDraft, ticket: TicketNumber, now: Date, on sql: any SQLDatabase) async throws -> Message {
        var message = Message(
            ticket: ticket, visibility: draft.visibility, authorKind: draft.author.kind, authorID: draft.author.id,
            bodyText: draft.body.text, bodyHTML: draft.body.html, createdAt: now
        )
        try await sql.raw(
            """
            INSERT INTO messages (\(unsafeRaw: Rows.messageColumns)) VALUES (\(bind: message.id.description), \(bind: ticket.rawValue),
              \(bind: message.visibility.rawValue), \(bind: message.authorKind.rawValue), \(bind: message.authorID.map(FastUUID.format)),
              \(bind: message.bodyText), \(bind: message.bodyHTML), NULL, \(bind: now.microseconds))
            """
        ).run()
        if !draft.attachmentIDs.isEmpty {
            message.attachments = try await linkAttachments(draft.attachmentIDs, to: message.id, ticket: ticket, on: sql)
        }
        return message
    }

    /// Claims uploaded attachments for a message; each upload belongs to one message only.
    func linkAttachments(_ attachmentIDs: [AttachmentID], to messageID: MessageID, ticket: TicketNumber, on sql: any SQLDatabase) async throws -> [Attachment] {
        let ids = Array(Set(attachmentIDs.map(\.description)))
        let rows = try await sql.raw(
            """
            UPDATE attachments SET ticket_number = \(bind: ticket.rawValue), message_id = \(bind: messageID.description)
            WHERE id IN (\(binds: ids)) AND message_id IS NULL AND (ticket_number IS NULL OR ticket_number = \(bind: ticket.rawValue))
            RETURNING \(unsafeRaw: Rows.attachmentColumns)
            """
        ).all()
        guard rows.count == ids.count else { throw DeskError.invalidField("attachmentIds", reason: .unknownReference) }
        return try rows.map { try Rows.attachment($0) }.sorted { $0.createdAt < $1.createdAt }
    }

    func language(of customer: CustomerID, on sql: any SQLDatabase) async throws -> Language {
        let row = try await sql.raw("SELECT language FROM customers WHERE id = \(bind: customer.description)").first()
        return try row.flatMap { Language(rawValue: try $0.decode(column: "language", as: String.self)) } ?? .zhCN
    }

    func checkReferences(assignee: AgentID?, team: TeamID?, on sql: any SQLDatabase) async throws {
        if let assignee, try await sql.raw("SELECT id FROM agents WHERE id = \(bind: assignee.description)").first() == nil {
            throw DeskError.invalidField("assigneeId", reason: .unknownReference)
        }
        if let team, try await sql.raw("SELECT id FROM teams WHERE id = \(bind: team.description)").first() == nil {
            throw DeskError.invalidField("teamId", reason: .unknownReference)
        }
    }

    /// Finds the customer a ticket is for, creating one from contact details when nobody matches.
    func resolveRequester(_ reference: RequesterReference, now: Date, on sql: any SQLDatabase) async throws -> CustomerID {
        switch reference {
        case .existing(let id):
            guard try await sql.raw("SELECT id FROM customers WHERE id = \(bind: id.description)").first() != nil else {
                throw DeskError.invalidField("requester.id", reason: .unknownReference)
            }
            return id
        case .contact(let contact):
            let lookups: [(String, String?)] = [
                ("email", contact.email?.rawValue), ("phone", contact.phone?.rawValue), ("wallet_account_id", contact.walletAccountID),
                ("telegram_id", contact.telegramID), ("wechat_id", contact.wechatID),
            ]
            guard lookups.contains(where: { $0.1 != nil }) else { throw DeskError.invalidField("requester", reason: .required) }
            for (column, value) in lookups {
                guard let value else { continue }
                if let row = try await sql.raw("SELECT id FROM customers WHERE \(unsafeRaw: column) = \(bind: value)").first(),
                    let id = CustomerID(try row.decode(column: "id", as: String.self))
                {
                    return id
                }
            }
            let customer = Customer(
                name: contact.name, email: contact.email, phone: contact.phone, telegramID: contact.telegramID, wechatID: contact.wechatID,
                walletAccountID: contact.walletAccountID, language: contact.language ?? .zhCN, createdAt: now, updatedAt: now
            )
            try await insertCustomer(customer, on: sql)
            return customer.id
        }
    }
}
