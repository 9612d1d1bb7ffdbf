/// Where a ticket is in its life.
///
/// ```
/// new ──► open ──► pending ──► solved ──► closed
///  │       ▲ │        │          │ ▲
///  │       │ └► on_hold          │ │
///  └───────┴──── (any open state) ┘ └ reopen on customer reply within the window
/// ```
public enum TicketStatus: String, Codable, Sendable, CaseIterable {
    /// Nobody on the team has touched it yet.
    case new
    /// An agent is working on it.
    case open
    /// Waiting for the customer to answer.
    case pending
    /// Waiting for someone else (the wallet's backend team, a partner exchange, a chain to confirm).
    case onHold = "on_hold"
    /// The agent believes the problem is solved; the customer can still reopen it by replying.
    case solved
    /// Final. Replies no longer reopen it.
    case closed

    /// Statuses in which the ticket counts as unresolved work for the team.
    public var isActive: Bool {
        switch self {
        case .new, .open, .pending, .onHold: true
        case .solved, .closed: false
        }
    }

    /// Whether an agent may move a ticket from this status to `next` by hand.
    ///
    /// Closed is final; a solved ticket may be reopened or closed; nothing goes back to `new`.
    public func canTransition(to next: TicketStatus) -> Bool {
        if next == self { return true }
        switch (self, next) {
        case (.closed, _): return false
        case (_, .new): return false
        case (.solved, .open), (.solved, .closed): return true
        case (.solved, _): return false
        case (_, .closed): return false  // only via solved, so every closed ticket passed through a resolution
        default: return true
        }
    }
}

/// How urgent a ticket is. Stolen funds and account freezes are `urgent`.
public enum TicketPriority: String, Codable, Sendable, CaseIterable, Comparable {
    case low, normal, high, urgent

    private var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .high: 2
        case .urgent: 3
        }
    }

    public static func < (lhs: TicketPriority, rhs: TicketPriority) -> Bool { lhs.rank < rhs.rank }
}

/// Where a conversation started.
public enum Channel: String, Codable, Sendable, CaseIterable {
    case api, web, email, chat, phone, forum, telegram, wechat, weibo, x
}
