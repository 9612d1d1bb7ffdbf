/// One step of the schema, written out for each engine.
///
/// Migrations are numbered, applied in order inside one transaction each, and never edited once released; a change
/// to the schema is a new migration. Each engine's SQL sits side by side so their differences are easy to see.
public struct Migration: Sendable {
    public var version: Int
    public var name: String
    public var sqlite: [String]
    public var postgres: [String]

    func statements(for kind: DatabaseKind) -> [String] {
        kind == .sqlite ? sqlite : postgres
    }
}

/// Every migration, oldest first.
public enum Migrations {
    public static let all: [Migration] = [
        m0001Initial,
        m0002Audit,
        m0003KnowledgeBase,
        m0004Safety,
        m0005Accounts,
        m0006FollowUps,
        m0007MailDelivery,
        m0008SendLimits,
        m0009TicketSearchByTicket,
        m0010CustomerMessengerIDs,
        m0011TicketSearchPendingList,
    ]

    public static var latestVersion: Int { all.last?.version ?? 0 }
}
