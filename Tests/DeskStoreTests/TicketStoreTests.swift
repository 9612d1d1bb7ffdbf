import DeskCore
@testable import DeskStore
import Foundation
import Testing

/// The store suite: every test runs unchanged on SQLite and on PostgreSQL, each on a fresh database.
@Suite("Ticket store")
struct TicketStoreTests {
    @Test("creating a ticket stores it, its first message, its requester and its history", arguments: TestDatabases.kinds)
    func create(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let crypto = CryptoDetails(chain: "TRON", asset: "usdt", amount: "120.50", txId: String(repeating: "ab", count: 32))
            let (ticket, message) = try await store.createTicket(
                try Fixtures.draft(tags: ["USDT", "trc20"], crypto: crypto), actor: .system, now: Fixtures.start
            )
            #expect(ticket.number == TicketNumber(10001))
            #expect(ticket.status == .new)
            #expect(ticket.priority == .high)
            #expect(ticket.tags == ["trc20", "usdt"])
            #expect(ticket.crypto.chain == "tron")
            #expect(ticket.crypto.asset == "USDT")
            #expect(message.authorKind == .customer)
            #expect(message.authorID == ticket.requesterID.rawValue)

            let loaded = try await store.ticket(ticket.number)
            #expect(loaded == ticket)
            let requester = try await store.customer(ticket.requesterID)
            #expect(requester.email?.rawValue == "li.wei@example.com")
            #expect(requester.language == .zhCN)
            let messages = try await store.messages(of: ticket.number, includeInternal: true)
            #expect(messages.map(\.bodyText) == ["我的 USDT 提现一直没有到账"])
            let history = try await store.history(of: ticket.number, after: nil, limit: 100)
            #expect(history.map(\.kind) == [.created, .messageAdded])
            #expect(history[0].changes.contains(FieldChange(field: "crypto.txId", before: nil, after: crypto.txId)))

            // The same email finds the same customer; numbers keep counting.
            let (second, _) = try await store.createTicket(try Fixtures.draft(subject: "Second"), actor: .system, now: Fixtures.start)
            #expect(second.number == TicketNumber(10002))
            #expect(second.requesterID == ticket.requesterID)
        }
    }

    @Test("unknown tickets, customers and references are refused, not crashed on", arguments: TestDatabases.kinds)
    func unknowns(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            await #expect(throws: DeskError.notFound(entity: "ticket")) { try await store.ticket(TicketNumber(99999)) }
            await #expect(throws: DeskError.notFound(entity: "customer")) { try await store.customer(CustomerID()) }
            var draft = try Fixtures.draft()
            draft.assigneeID = AgentID()
            await #expect(throws: DeskError.invalidField("assigneeId", reason: .unknownReference)) {
                try await store.createTicket(draft, actor: .system, now: Fixtures.start)
            }
            draft.assigneeID = nil
            draft.requester = .existing(CustomerID())
            await #expect(throws: DeskError.invalidField("requester.id", reason: .unknownReference)) {
                try await store.createTicket(draft, actor: .system, now: Fixtures.start)
            }
            // Nothing half-written: the failed creates left no ticket behind.
            let page = try await store.tickets(matching: TicketQuery())
            #expect(page.items.isEmpty)
        }
    }

    @Test("updates check the version, record before and after, and bump the version", arguments: TestDatabases.kinds)
    func update(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let agent = try await store.createAgent(Fixtures.agent(), by: .system)
            let (ticket, _) = try await store.createTicket(try Fixtures.draft(), actor: .system, now: Fixtures.start)
            let later = Fixtures.start.addingTimeInterval(60)
            let updated = try await store.updateTicket(ticket.number, expectedVersion: 1, actor: .agent(agent.id), now: later) {
                $0.assigneeID = agent.id
                $0.priority = .urgent
            }
            #expect(updated.version == 2)
            #expect(updated.assigneeID == agent.id)
            #expect(updated.updatedAt == later)

            await #expect(throws: DeskError.versionConflict(current: 2)) {
                try await store.updateTicket(ticket.number, expectedVersion: 1, actor: .agent(agent.id), now: later) { $0.priority = .low }
            }
            let history = try await store.history(of: ticket.number, after: nil, limit: 100)
            let last = try #require(history.last)
            #expect(last.kind == .assigned)
            #expect(last.actor == .agent(agent.id))
            #expect(last.changes.contains(FieldChange(field: "priority", before: "high", after: "urgent")))
            #expect(last.changes.contains(FieldChange(field: "assigneeId", before: nil, after: agent.id.description)))

            // A change that changes nothing writes nothing.
            let same = try await store.updateTicket(ticket.number, expectedVersion: nil, actor: .system, now: later) { $0.priority = .urgent }
            #expect(same.version == 2)
        }
    }

    @Test("concurrent updates with the same version: exactly one wins", arguments: TestDatabases.kinds)
    func concurrentUpdates(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let (ticket, _) = try await store.createTicket(try Fixtures.draft(), actor: .system, now: Fixtures.start)
            let results = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await store.updateTicket(ticket.number, expectedVersion: 1, actor: .system, now: Fixtures.start) {
                                $0.subject = "Edited by \(index)"
                            }
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await store.ticket(ticket.number).version == 2)
        }
    }

    @Test("messages move the lifecycle: first response, pending, reopen within the window", arguments: TestDatabases.kinds)
    func lifecycle(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind, reopenWindow: 3600) { store in
            let agent = try await store.createAgent(Fixtures.agent(), by: .system)
            let (ticket, _) = try await store.createTicket(try Fixtures.draft(), actor: .system, now: Fixtures.start)
            let customer = Actor.customer(ticket.requesterID)
            let t1 = Fixtures.start.addingTimeInterval(120)
            let (_, replied) = try await store.addMessage(try Fixtures.reply("请提供交易哈希", by: .agent(agent.id)), to: ticket.number, setStatus: .pending, now: t1)
            #expect(replied.status == .pending)
            #expect(replied.firstResponseAt == t1)

            let (_, answered) = try await store.addMessage(try Fixtures.reply("哈希是 …", by: customer), to: ticket.number, setStatus: nil, now: t1.addingTimeInterval(60))
            #expect(answered.status == .open)

            let (_, noted) = try await store.addMessage(try Fixtures.reply("checked the chain", by: .agent(agent.id), visibility: .internal), to: ticket.number, setStatus: .solved, now: t1.addingTimeInterval(120))
            #expect(noted.status == .solved)
            #expect(try await store.messages(of: ticket.number, includeInternal: false).count == 3)
            #expect(try await store.messages(of: ticket.number, includeInternal: true).count == 4)

            let (_, reopened) = try await store.addMessage(try Fixtures.reply("还是没到", by: customer), to: ticket.number, setStatus: nil, now: t1.addingTimeInterval(600))
            #expect(reopened.status == .open)
            #expect(reopened.reopenCount == 1)
            #expect(try await store.history(of: ticket.number, after: nil, limit: 100).contains { $0.kind == .reopened })

            _ = try await store.updateTicket(ticket.number, expectedVersion: nil, actor: .agent(agent.id), now: t1.addingTimeInterval(700)) {
                try TicketLifecycle(reopenWindow: 3600).changeStatus(of: &$0, to: .solved, now: t1.addingTimeInterval(700))
            }
            // Past the window a customer reply is refused (the channel opens a follow-up instead).
            await #expect(throws: DeskError.ticketClosed) {
                try await store.addMessage(try Fixtures.reply("again", by: customer), to: ticket.number, setStatus: nil, now: t1.addingTimeInterval(700 + 7200))
            }
            // … and the follow-up it opens keeps the story together and points back.
            let solved = try await store.ticket(ticket.number)
            let (followUp, first) = try await store.createTicket(
                try TicketDraft.followUp(to: solved, message: try Fixtures.reply("again", by: customer)), actor: .system,
                now: t1.addingTimeInterval(700 + 7200)
            )
            #expect(followUp.followUpOf == ticket.number)
            #expect(followUp.number != ticket.number)
            #expect(followUp.subject == solved.subject && followUp.requesterID == solved.requesterID && followUp.crypto == solved.crypto)
            #expect(followUp.tags.contains(TicketDraft.followUpTag))
            #expect(first.bodyText == "again")
            let reread = try await store.ticket(followUp.number)
            #expect(reread == followUp)
            let created = try await store.history(of: followUp.number, after: nil, limit: 10).first
            #expect(created?.changes.contains(FieldChange(field: "followUpOf", before: nil, after: ticket.number.description)) == true)
        }
    }

    @Test("list filters and cursor pagination", arguments: TestDatabases.kinds)
    func listing(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let agent = try await store.createAgent(Fixtures.agent(), by: .system)
            for index in 0..<7 {
                let category: TicketCategory = index % 2 == 0 ? .withdrawalFailed : .stolenFunds
                let (ticket, _) = try await store.createTicket(
                    try Fixtures.draft(subject: "Case \(index)", category: category, email: "c\(index)@example.com", tags: index < 3 ? ["vip"] : []),
                    actor: .system, now: Fixtures.start
                )
                if index == 6 {
                    _ = try await store.updateTicket(ticket.number, expectedVersion: nil, actor: .system, now: Fixtures.start) { $0.assigneeID = agent.id }
                }
            }
            var query = TicketQuery()
            query.limit = 3
            var seen: [TicketNumber] = []
            var pages = 0
            while pages < 10 {
                let page = try await store.tickets(matching: query)
                seen += page.items.map(\.number)
                pages += 1
                guard let cursor = page.nextCursor else { break }
                query.before = TicketNumber(parsing: cursor)
            }
            #expect(pages == 3)
            #expect(seen == (10001...10007).reversed().map { TicketNumber(Int64($0)) })

            var urgent = TicketQuery()
            urgent.priorities = [.urgent]
            #expect(try await store.tickets(matching: urgent).items.count == 3)
            var tagged = TicketQuery()
            tagged.tag = "vip"
            #expect(try await store.tickets(matching: tagged).items.map(\.number.rawValue) == [10003, 10002, 10001])
            var mine = TicketQuery()
            mine.assigneeID = .some(agent.id)
            #expect(try await store.tickets(matching: mine).items.map(\.number.rawValue) == [10007])
            var unassigned = TicketQuery()
            unassigned.assigneeID = .some(nil)
            #expect(try await store.tickets(matching: unassigned).items.count == 6)
        }
    }

    @Test("the conversation stamp changes with every change a conversation shows, and only then", arguments: TestDatabases.kinds)
    func conversationStamp(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            // SQLite (opened as a server opens it) counts changes in memory; PostgreSQL reads the ticket's history.
            if kind == .postgres { #expect(try await store.conversationStamp(of: TicketNumber(99999)) == nil) }
            let agent = try await store.createAgent(Fixtures.agent(), by: .system)
            let (ticket, _) = try await store.createTicket(try Fixtures.draft(subject: "First"), actor: .system, now: Fixtures.start)
            let created = try #require(try await store.conversationStamp(of: ticket.number))
            #expect(try await store.conversationStamp(of: ticket.number) == created)

            // Another ticket's changes leave this one's stamp alone.
            let (other, _) = try await store.createTicket(try Fixtures.draft(subject: "Other", email: "o@example.com"), actor: .system, now: Fixtures.start)
            #expect(try await store.conversationStamp(of: ticket.number) == created)

            _ = try await store.addMessage(try Fixtures.reply("note", by: .agent(agent.id), visibility: .internal), to: ticket.number, setStatus: nil, now: Fixtures.start)
            let noted = try #require(try await store.conversationStamp(of: ticket.number))
            #expect(noted != created)
            _ = try await store.updateTicket(ticket.number, expectedVersion: nil, actor: .agent(agent.id), now: Fixtures.start) { $0.priority = .urgent }
            let updated = try #require(try await store.conversationStamp(of: ticket.number))
            #expect(updated != noted)

            let otherBefore = try await store.conversationStamp(of: other.number)
            _ = try await store.merge(other.number, into: ticket.number, actor: .agent(agent.id), now: Fixtures.start)
            #expect(try await store.conversationStamp(of: ticket.number) != updated)
            #expect(try await store.conversationStamp(of: other.number) != otherBefore)

            // A change that fails (a stale version) leaves no stamp stuck in "changing".
            await #expect(throws: DeskError.self) {
                try await store.updateTicket(ticket.number, expectedVersion: 1, actor: .agent(agent.id), now: Fixtures.start) { $0.priority = .low }
            }
            #expect(try await store.conversationStamp(of: ticket.number) != nil)
        }
    }

    @Test("stamps read together (in rounds on PostgreSQL) are each ticket's own, and a read after a change sees it", arguments: TestDatabases.kinds)
    func stampsReadTogether(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            var numbers: [TicketNumber] = []
            for index in 0..<4 {
                let (ticket, _) = try await store.createTicket(try Fixtures.draft(subject: "S\(index)", email: "s\(index)@example.com"), actor: .system, now: Fixtures.start)
                for _ in 0..<index { _ = try await store.addMessage(try Fixtures.reply("more", by: .system), to: ticket.number, setStatus: nil, now: Fixtures.start) }
                numbers.append(ticket.number)
            }
            let unknown = TicketNumber(987_654)
            let asked = (0..<200).map { index in index % 5 == 4 ? unknown : numbers[index % 4] }
            let stamps = try await withThrowingTaskGroup(of: (TicketNumber, ConversationStamp?).self) { group in
                for number in asked { group.addTask { (number, try await store.conversationStamp(of: number)) } }
                return try await group.reduce(into: [(TicketNumber, ConversationStamp?)]()) { $0.append($1) }
            }
            for number in numbers {
                let alone = try await store.conversationStamp(of: number)
                #expect(alone != nil)
                #expect(stamps.filter { $0.0 == number }.allSatisfy { $0.1 == alone })
            }
            if kind == .postgres { #expect(stamps.filter { $0.0 == unknown }.allSatisfy { $0.1 == nil }) }
            #expect(Set(numbers.map { number in stamps.first { $0.0 == number }!.1 }).count == 4)
            // Reads racing a change: once the change has returned, every read started afterwards sees it.
            let first = numbers[0]
            let before = try await store.conversationStamp(of: first)
            let readers = Task {
                try await withThrowingTaskGroup(of: ConversationStamp?.self) { group in
                    for _ in 0..<50 { group.addTask { try await store.conversationStamp(of: first) } }
                    return try await group.reduce(into: 0) { count, _ in count += 1 }
                }
            }
            _ = try await store.addMessage(try Fixtures.reply("change", by: .system), to: first, setStatus: nil, now: Fixtures.start)
            #expect(try await store.conversationStamp(of: first) != before)
            #expect(try await readers.value == 50)
        }
    }

    @Test("a second server cannot open a SQLite file a server is using; the lock goes with the first")
    func soleWriterLock() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wd-lock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("walletdesk.sqlite").path
        let first = try await SQLiteDeskDatabase.open(path: path, soleWriter: true, logger: TestDatabases.logger)
        #expect(first.isSoleWriter)
        await #expect(throws: SQLiteOpenError.self) {
            _ = try await SQLiteDeskDatabase.open(path: path, soleWriter: true, logger: TestDatabases.logger)
        }
        // One-off commands (maintenance, audit verify) open the file without the lock.
        let command = try await SQLiteDeskDatabase.open(path: path, logger: TestDatabases.logger)
        #expect(!command.isSoleWriter)
        try await command.shutdown()
        try await first.shutdown()
        let second = try await SQLiteDeskDatabase.open(path: path, soleWriter: true, logger: TestDatabases.logger)
        try await second.shutdown()
    }

    @Test("merging closes the source, moves its conversation and tells both customers", arguments: TestDatabases.kinds)
    func merge(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let agent = try await store.createAgent(Fixtures.agent(), by: .system)
            let (source, _) = try await store.createTicket(try Fixtures.draft(subject: "First", tags: ["a"]), actor: .system, now: Fixtures.start)
            let (target, _) = try await store.createTicket(
                try Fixtures.draft(subject: "Second", category: .general, email: "other@example.com", tags: ["b"], language: .en), actor: .system, now: Fixtures.start
            )
            let result = try await store.merge(source.number, into: target.number, actor: .agent(agent.id), now: Fixtures.start.addingTimeInterval(5))
            #expect(result.source.status == .closed)
            #expect(result.source.mergedInto == target.number)
            #expect(result.target.tags == ["a", "b"])
            #expect(result.target.priority == .high)

            let moved = try await store.messages(of: target.number, includeInternal: true)
            #expect(moved.count == 3)
            #expect(moved.contains { $0.mergedFrom == source.number })
            #expect(moved.contains { $0.authorKind == .system && $0.bodyText.contains("WD-10001") })
            let left = try await store.messages(of: source.number, includeInternal: true)
            #expect(left.count == 1)
            #expect(left[0].bodyText.contains("已与 WD-10002 合并"))

            #expect(try await store.history(of: source.number, after: nil, limit: 50).contains { $0.kind == .mergedInto })
            #expect(try await store.history(of: target.number, after: nil, limit: 50).contains { $0.kind == .mergedFrom })

            await #expect(throws: DeskError.invalidMerge) {
                try await store.merge(source.number, into: target.number, actor: .agent(agent.id), now: Fixtures.start)
            }
            await #expect(throws: DeskError.ticketMerged(into: target.number)) {
                try await store.addMessage(try Fixtures.reply("hi", by: .agent(agent.id)), to: source.number, setStatus: nil, now: Fixtures.start)
            }
        }
    }

    @Test("attachments are stored in the database and linked to one message only", arguments: TestDatabases.kinds)
    func attachments(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100)
            let attachment = Attachment(filename: "screenshot.png", contentType: ContentSniffer.contentType(of: png), size: png.count, sha256: "00", createdAt: Fixtures.start)
            _ = try await store.saveAttachment(attachment, content: png, uploadedBy: .system)
            let (ticket, message) = try await store.createTicket(try Fixtures.draft(attachments: [attachment.id]), actor: .system, now: Fixtures.start)
            #expect(message.attachments.map(\.id) == [attachment.id])
            let loaded = try await store.attachment(attachment.id)
            #expect(loaded.content == png)
            #expect(loaded.ticket == ticket.number)
            #expect(loaded.attachment.contentType == "image/png")
            #expect(try await store.messages(of: ticket.number, includeInternal: true)[0].attachments.count == 1)

            // A reply with two files and one without: the conversation read joins them back correctly.
            var pair: [AttachmentID] = []
            for name in ["a.pdf", "b.pdf"] {
                let file = Attachment(filename: name, contentType: "application/pdf", size: 5, sha256: "00", createdAt: Fixtures.start)
                _ = try await store.saveAttachment(file, content: Array("%PDF-".utf8), uploadedBy: .system)
                pair.append(file.id)
            }
            _ = try await store.addMessage(
                MessageDraft(body: try MessageBody(text: "two files", html: nil), visibility: .public, author: .system, attachmentIDs: pair),
                to: ticket.number, setStatus: nil, now: Fixtures.start.addingTimeInterval(1)
            )
            _ = try await store.addMessage(try Fixtures.reply("no files", by: .system), to: ticket.number, setStatus: nil, now: Fixtures.start.addingTimeInterval(2))
            let conversation = try await store.messages(of: ticket.number, includeInternal: true)
            #expect(conversation.map(\.attachments.count) == [1, 2, 0])
            #expect(Set(conversation[1].attachments.map(\.filename)) == ["a.pdf", "b.pdf"])

            // Whose unclaimed uploads are whose: a customer may attach only their own, and only once.
            let customer = UUID()
            let own = Attachment(filename: "mine.png", contentType: "image/png", size: png.count, sha256: "00", createdAt: Fixtures.start)
            _ = try await store.saveAttachment(own, content: png, uploadedBy: Actor(kind: .customer, id: customer))
            #expect(try await store.unclaimedAttachments([own.id, attachment.id, pair[0], AttachmentID()], uploadedBy: customer) == [own.id])
            #expect(try await store.unclaimedAttachments([own.id], uploadedBy: UUID()).isEmpty)
            #expect(try await store.unclaimedAttachments([], uploadedBy: customer).isEmpty)
            _ = try await store.addMessage(
                MessageDraft(body: try MessageBody(text: "mine", html: nil), visibility: .public, author: Actor(kind: .customer, id: customer), attachmentIDs: [own.id]),
                to: ticket.number, setStatus: nil, now: Fixtures.start.addingTimeInterval(3)
            )
            #expect(try await store.unclaimedAttachments([own.id], uploadedBy: customer).isEmpty)

            // Housekeeping drops uploads nobody claimed once they are old enough, and never a claimed one.
            let orphan = Attachment(filename: "never-sent.txt", contentType: "text/plain", size: 2, sha256: "00", createdAt: Fixtures.start)
            _ = try await store.saveAttachment(orphan, content: Array("hi".utf8), uploadedBy: .system)
            #expect(try await store.purgeUnlinkedAttachments(uploadedBefore: Fixtures.start) == 0)
            #expect(try await store.purgeUnlinkedAttachments(uploadedBefore: Fixtures.start.addingTimeInterval(1)) == 1)
            await #expect(throws: DeskError.notFound(entity: "attachment")) { try await store.attachment(orphan.id) }
            #expect(try await store.attachment(attachment.id).content == png)

            // Used once: a second message cannot claim it.
            await #expect(throws: DeskError.invalidField("attachmentIds", reason: .unknownReference)) {
                try await store.addMessage(
                    MessageDraft(body: try MessageBody(text: "again", html: nil), visibility: .public, author: .system, attachmentIDs: [attachment.id]),
                    to: ticket.number, setStatus: nil, now: Fixtures.start
                )
            }
        }
    }

    @Test("the history refuses edits and deletions at the database level", arguments: TestDatabases.kinds)
    func appendOnlyHistory(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            _ = try await store.createTicket(try Fixtures.draft(), actor: .system, now: Fixtures.start)
            await #expect(throws: (any Error).self) {
                try await store.database.write { sql in try await sql.raw("UPDATE ticket_events SET kind = 'x'").run() }
            }
            await #expect(throws: (any Error).self) {
                try await store.database.write { sql in try await sql.raw("DELETE FROM ticket_events").run() }
            }
            #expect(try await store.history(of: TicketNumber(10001), after: nil, limit: 10).count == 2)
        }
    }

    @Test("concurrent creations are grouped: unique numbers, shared new customers, a bad request fails alone", arguments: TestDatabases.kinds)
    func concurrentCreations(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let results = await withTaskGroup(of: Result<Ticket, DeskError>?.self) { group in
                for index in 0..<60 {
                    group.addTask {
                        do {
                            var draft = try Fixtures.draft(subject: "Case \(index)", email: "c\(index % 7)@example.com", tags: ["t\(index % 3)"])
                            if index == 13 { draft.assigneeID = AgentID() }
                            return .success(try await store.createTicket(draft, actor: .system, now: Fixtures.start).ticket)
                        } catch let error as DeskError {
                            return .failure(error)
                        } catch {
                            return nil
                        }
                    }
                }
                return await group.reduce(into: [Result<Ticket, DeskError>?]()) { $0.append($1) }
            }
            let tickets = results.compactMap { try? $0?.get() }
            #expect(tickets.count == 59)
            #expect(Set(tickets.map(\.number)).count == 59)
            #expect(Set(tickets.map(\.requesterID)).count == 7)
            #expect(results.contains { $0.map { if case .failure(.invalidField("assigneeId", .unknownReference)) = $0 { true } else { false } } ?? false })
            for ticket in tickets.prefix(5) {
                let loaded = try await store.ticket(ticket.number)
                let messages = try await store.messages(of: ticket.number, includeInternal: true)
                let history = try await store.history(of: ticket.number, after: nil, limit: 10)
                #expect(loaded == ticket)
                #expect(messages.count == 1)
                #expect(history.map(\.kind) == [.created, .messageAdded])
            }
            var tagged = TicketQuery()
            tagged.tag = "t0"
            tagged.limit = 200
            #expect(try await store.tickets(matching: tagged).items.count == 20)
        }
    }

    @Test("grouped creations keep every field as written: quotes, escapes, line breaks, emoji, Chinese, empty and absent values", arguments: TestDatabases.kinds)
    func groupedCreationsKeepFields(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let texts = [
                #"引号 "quoted" 与反斜杠 \ 和 \n 字面"#, "第一行\n第二行\r\n\t缩进", "emoji 🪙💸 and 𠀋 (four bytes)", "", "{\"json\": [1, 2]}'; DROP TABLE tickets; --",
            ]
            let drafts = try (0..<40).map { index in
                let text = texts[index % texts.count]
                let crypto = index % 2 == 0
                    ? CryptoDetails(
                        chain: "tron", asset: "USDT", amount: "0.000001\(index)", txId: String(repeating: "ab", count: 32), walletAddress: "T\(text.prefix(3))",
                        appVersion: "7.2.\(index)", device: "iPhone 15 \"Pro\"", os: "iOS 18\\1"
                    )
                    : CryptoDetails()
                return try Fixtures.draft(
                    subject: "主题 \(index) \(text.prefix(20))", email: "f\(index % 9)@example.com", text: "正文 \(index): \(text)",
                    tags: index % 3 == 0 ? [] : ["标签\(index % 3)", "vip"], crypto: crypto
                )
            }
            let created = try await withThrowingTaskGroup(of: (Int, Ticket, Message).self) { group in
                for (index, draft) in drafts.enumerated() {
                    group.addTask {
                        let (ticket, message) = try await store.createTicket(draft, actor: .system, now: Fixtures.start)
                        return (index, ticket, message)
                    }
                }
                return try await group.reduce(into: [(Int, Ticket, Message)]()) { $0.append($1) }
            }
            #expect(created.count == drafts.count)
            // Written in batches, none of which failed over to ticket-by-ticket writes.
            #expect(store.batchedTickets.load(ordering: .relaxed) > 0)
            #expect(store.batchFallbacks.load(ordering: .relaxed) == 0)
            for (index, ticket, message) in created {
                let draft = drafts[index]
                let loaded = try await store.ticket(ticket.number)
                #expect(loaded == ticket)
                #expect(loaded.subject == draft.subject)
                #expect(loaded.crypto == draft.crypto)
                #expect(loaded.tags == draft.tags.sorted())
                let messages = try await store.messages(of: ticket.number, includeInternal: true)
                #expect(messages.map(\.bodyText) == [draft.firstMessage.body.text])
                #expect(messages.first?.id == message.id)
                #expect(try await store.history(of: ticket.number, after: nil, limit: 10).map(\.kind) == [.created, .messageAdded])
            }
            // The search rows went in too: a word of the subject and message finds its tickets.
            let expression = try #require(TextSegmenter().query("emoji", mode: .allTerms))
            let found = try await store.searchTickets(TicketSearch(expression: expression, limit: 100)).items.map(\.number)
            #expect(Set(found) == Set(created.filter { $0.1.subject.contains("emoji") }.map(\.1.number)))
        }
    }

    @Test("in waves of concurrent creations every caller gets its own ticket, numbered without gaps", arguments: TestDatabases.kinds)
    func creationWaves(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            var numbers: [Int64] = []
            // Sixty callers at once, four times: leaders, callers waiting in the queue and drains all take part.
            for wave in 0..<4 {
                let created = try await withThrowingTaskGroup(of: (String, Ticket).self) { group in
                    for index in 0..<60 {
                        group.addTask {
                            let subject = "wave \(wave) caller \(index)"
                            let draft = try Fixtures.draft(subject: subject)
                            return (subject, try await store.createTicket(draft, actor: .system, now: Fixtures.start).ticket)
                        }
                    }
                    return try await group.reduce(into: [(String, Ticket)]()) { $0.append($1) }
                }
                #expect(created.count == 60)
                for (subject, ticket) in created { #expect(ticket.subject == subject) }
                numbers += created.map(\.1.number.rawValue)
            }
            #expect(numbers.sorted() == Array(10001...10240))
        }
    }

    @Test("grouped creations match requesters by email, then phone, wallet, Telegram or WeChat id, and share new ones", arguments: TestDatabases.kinds)
    func groupedRequesterMatching(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let phone = try #require(PhoneNumber(rawValue: "+86 138 0013 8000"))
            let known = try await store.createTicket(
                try TicketDraft(
                    subject: "first", channel: .web, requester: .contact(CustomerContact(email: EmailAddress(rawValue: "known@example.com"), phone: phone, telegramID: "known_tg")),
                    firstMessage: MessageDraft(body: try MessageBody(text: "hi", html: nil), visibility: .public, author: .system)
                ),
                actor: .system, now: Fixtures.start
            ).ticket.requesterID
            let newPhone = try #require(PhoneNumber(rawValue: "+86 139 0000 0000"))
            let contacts: [CustomerContact] = [
                CustomerContact(email: EmailAddress(rawValue: "other@example.com"), phone: phone),  // phone of a known customer
                CustomerContact(telegramID: "known_tg"),  // Telegram id of a known customer
                CustomerContact(email: EmailAddress(rawValue: "new@example.com"), phone: newPhone),  // new
                CustomerContact(phone: newPhone),  // the same new person, by phone
                CustomerContact(wechatID: "wx_new"), CustomerContact(wechatID: "wx_new"),  // one new person, twice
            ]
            // Several rounds, so that some land in one batch and the matching is exercised both ways.
            for round in 0..<3 {
                let requesters = try await withThrowingTaskGroup(of: (Int, CustomerID).self) { group in
                    for (index, contact) in contacts.enumerated() {
                        group.addTask {
                            let draft = try TicketDraft(
                                subject: "round \(round) \(index)", channel: .web, requester: .contact(contact),
                                firstMessage: MessageDraft(body: try MessageBody(text: "t", html: nil), visibility: .public, author: .system)
                            )
                            return (index, try await store.createTicket(draft, actor: .system, now: Fixtures.start).ticket.requesterID)
                        }
                    }
                    return try await group.reduce(into: [Int: CustomerID]()) { $0[$1.0] = $1.1 }
                }
                #expect(requesters[0] == known && requesters[1] == known)
                #expect(requesters[2] == requesters[3] && requesters[2] != known)
                #expect(requesters[4] == requesters[5] && requesters[4] != requesters[2])
            }
            // The rounds went through the batch statement itself, not its ticket-by-ticket fallback.
            #expect(store.batchedTickets.load(ordering: .relaxed) > 0)
            #expect(store.batchFallbacks.load(ordering: .relaxed) == 0)
            let all = try await store.customers(email: nil, phone: nil, walletAccountID: nil, after: nil, limit: 50)
            #expect(all.items.count == 3)
        }
    }
}
