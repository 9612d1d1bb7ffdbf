import DeskCore
import Foundation
import Testing

@Suite("Ticket lifecycle")
struct TicketLifecycleTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func ticket(_ status: TicketStatus) -> Ticket {
        Ticket(number: TicketNumber(10042), subject: "s", status: status, priority: .normal, category: .general, channel: .web,
               requesterID: CustomerID(), createdAt: now, updatedAt: now)
    }

    @Test("allowed and refused manual moves")
    func transitions() {
        #expect(TicketStatus.new.canTransition(to: .open))
        #expect(TicketStatus.open.canTransition(to: .onHold))
        #expect(TicketStatus.pending.canTransition(to: .solved))
        #expect(TicketStatus.solved.canTransition(to: .closed))
        #expect(TicketStatus.solved.canTransition(to: .open))
        #expect(!TicketStatus.open.canTransition(to: .closed))
        #expect(!TicketStatus.closed.canTransition(to: .open))
        #expect(!TicketStatus.open.canTransition(to: .new))
        #expect(!TicketStatus.solved.canTransition(to: .pending))
    }

    @Test("solving and reopening stamp times and count reopens")
    func solveAndReopen() throws {
        let lifecycle = TicketLifecycle()
        var t = ticket(.open)
        try lifecycle.changeStatus(of: &t, to: .solved, now: now)
        #expect(t.solvedAt == now)
        try lifecycle.changeStatus(of: &t, to: .open, now: now)
        #expect(t.reopenCount == 1 && t.solvedAt == nil)
        #expect(throws: DeskError.invalidTransition(from: .open, to: .closed)) { try lifecycle.changeStatus(of: &t, to: .closed, now: now) }
    }

    @Test("agent replies set the first response once and open new tickets")
    func agentReply() throws {
        let lifecycle = TicketLifecycle()
        var t = ticket(.new)
        try lifecycle.apply(.agentReply, to: &t, now: now)
        #expect(t.status == .open && t.firstResponseAt == now)
        try lifecycle.apply(.agentReply, to: &t, now: now.addingTimeInterval(10))
        #expect(t.firstResponseAt == now)
        var note = ticket(.new)
        try lifecycle.apply(.internalNote, to: &note, now: now)
        #expect(note.status == .new && note.firstResponseAt == nil)
    }

    @Test("customer replies wake pending tickets and reopen solved ones only within the window")
    func customerReply() throws {
        let lifecycle = TicketLifecycle(reopenWindow: 3600)
        var pending = ticket(.pending)
        try lifecycle.apply(.customerReply, to: &pending, now: now)
        #expect(pending.status == .open)

        var solved = ticket(.solved)
        solved.solvedAt = now
        try lifecycle.apply(.customerReply, to: &solved, now: now.addingTimeInterval(3599))
        #expect(solved.status == .open && solved.reopenCount == 1)

        var late = ticket(.solved)
        late.solvedAt = now
        #expect(throws: DeskError.ticketClosed) { try lifecycle.apply(.customerReply, to: &late, now: now.addingTimeInterval(3601)) }
        var closed = ticket(.closed)
        #expect(throws: DeskError.ticketClosed) { try lifecycle.apply(.customerReply, to: &closed, now: now) }
    }

    @Test("categories set default priorities; stolen funds are urgent")
    func priorities() throws {
        let message = MessageDraft(body: try MessageBody(text: "help", html: nil), visibility: .public, author: .system)
        let draft = try TicketDraft(subject: "被盗", category: .stolenFunds, channel: .chat, requester: .existing(CustomerID()), firstMessage: message)
        #expect(draft.priority == .urgent)
        let chosen = try TicketDraft(subject: "fees", category: .fees, priority: .high, channel: .chat, requester: .existing(CustomerID()), firstMessage: message)
        #expect(chosen.priority == .high)
    }

    @Test("drafts refuse empty or long subjects, bad tags and non-numeric amounts")
    func validation() throws {
        let message = MessageDraft(body: try MessageBody(text: "help", html: nil), visibility: .public, author: .system)
        #expect(throws: DeskError.invalidField("subject", reason: .required)) {
            try TicketDraft(subject: "  ", channel: .web, requester: .existing(CustomerID()), firstMessage: message)
        }
        #expect(throws: DeskError.invalidField("subject", reason: .tooLong)) {
            try TicketDraft(subject: String(repeating: "提", count: 251), channel: .web, requester: .existing(CustomerID()), firstMessage: message)
        }
        #expect(throws: DeskError.invalidField("tags", reason: .invalidTag)) {
            try TicketDraft(subject: "s", channel: .web, requester: .existing(CustomerID()), tags: ["two words"], firstMessage: message)
        }
        #expect(throws: DeskError.invalidField("crypto.amount", reason: .invalidValue)) {
            try TicketDraft(subject: "s", channel: .web, requester: .existing(CustomerID()), crypto: CryptoDetails(amount: "1,000"), firstMessage: message)
        }
        #expect(try Tags.normalise(["VIP", "vip", "提现"]) == ["vip", "提现"])
    }
}

@Suite("Ticket numbers")
struct TicketNumberTests {
    @Test("parse every way people write them", arguments: ["WD-10042", "wd-10042", "#10042", "10042", " WD-10042 "])
    func parse(text: String) {
        #expect(TicketNumber(parsing: text) == TicketNumber(10042))
    }

    @Test("refuse what is not a number", arguments: ["", "WD-", "WD-abc", "-5", "0", "1e5", "99999999999999999999"])
    func refuse(text: String) {
        #expect(TicketNumber(parsing: text) == nil)
    }

    @Test func format() {
        #expect(TicketNumber(10042).description == "WD-10042")
    }
}
