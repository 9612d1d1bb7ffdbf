import Foundation

/// The rules that move a ticket through its life, kept out of the store and the HTTP layer so they can be tested alone.
public struct TicketLifecycle: Sendable {
    /// How long after being solved a customer reply reopens the ticket instead of being refused.
    public var reopenWindow: TimeInterval

    public init(reopenWindow: TimeInterval = 7 * 24 * 3600) {
        self.reopenWindow = reopenWindow
    }

    /// Applies an agent's status change, stamping solved/closed times. Throws when the move is not allowed.
    public func changeStatus(of ticket: inout Ticket, to next: TicketStatus, now: Date) throws(DeskError) {
        guard ticket.status != next else { return }
        guard ticket.status.canTransition(to: next) else {
            throw DeskError.invalidTransition(from: ticket.status, to: next)
        }
        if ticket.status == .solved, next == .open { ticket.reopenCount += 1 }
        ticket.status = next
        switch next {
        case .solved: ticket.solvedAt = now
        case .closed: ticket.closedAt = now
        case .new, .open, .pending, .onHold: ticket.solvedAt = nil
        }
    }

    /// What a new message does to the ticket it is added to.
    ///
    /// - An agent's first public reply stamps the first response time and moves a `new` ticket to `open`.
    /// - A customer reply on a pending or on-hold ticket puts it back to `open`; on a solved ticket within the reopen
    ///   window it reopens it (counted); after the window, or on a closed ticket, it is refused so the channel can start
    ///   a follow-up ticket instead.
    public func apply(_ message: MessageDraftKind, to ticket: inout Ticket, now: Date) throws(DeskError) {
        guard ticket.mergedInto == nil else { throw DeskError.ticketMerged(into: ticket.mergedInto!) }
        switch message {
        case .internalNote:
            return
        case .agentReply:
            guard ticket.status != .closed else { throw DeskError.ticketClosed }
            if ticket.firstResponseAt == nil { ticket.firstResponseAt = now }
            if ticket.status == .new { ticket.status = .open }
        case .customerReply:
            switch ticket.status {
            case .closed:
                throw DeskError.ticketClosed
            case .solved:
                guard let solvedAt = ticket.solvedAt, now.timeIntervalSince(solvedAt) <= reopenWindow else {
                    throw DeskError.ticketClosed
                }
                ticket.status = .open
                ticket.solvedAt = nil
                ticket.reopenCount += 1
            case .pending, .onHold:
                ticket.status = .open
            case .new, .open:
                break
            }
        case .system:
            return
        }
    }
}

/// Who wrote a message and whether customers see it; what the lifecycle needs to know.
public enum MessageDraftKind: Sendable, Equatable {
    case agentReply
    case internalNote
    case customerReply
    case system
}
