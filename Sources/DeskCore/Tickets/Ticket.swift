import Foundation

/// The crypto facts of a case that agents need: which chain, which asset, how much, which transaction.
///
/// Everything is optional because customers rarely know all of it at first; agents fill gaps as the case goes on.
public struct CryptoDetails: Codable, Sendable, Equatable {
    public var chain: String?
    public var asset: String?
    /// The amount as the customer wrote it, kept as a decimal string so no precision is lost.
    public var amount: String?
    public var txId: String?
    public var walletAddress: String?
    public var appVersion: String?
    public var device: String?
    public var os: String?

    public init(
        chain: String? = nil, asset: String? = nil, amount: String? = nil, txId: String? = nil, walletAddress: String? = nil,
        appVersion: String? = nil, device: String? = nil, os: String? = nil
    ) {
        self.chain = chain
        self.asset = asset
        self.amount = amount
        self.txId = txId
        self.walletAddress = walletAddress
        self.appVersion = appVersion
        self.device = device
        self.os = os
    }

    /// The fields by name, for history entries and validation messages.
    public var fields: [(name: String, value: String?)] {
        [
            ("crypto.chain", chain), ("crypto.asset", asset), ("crypto.amount", amount), ("crypto.txId", txId),
            ("crypto.walletAddress", walletAddress), ("crypto.appVersion", appVersion), ("crypto.device", device), ("crypto.os", os),
        ]
    }

    public var isEmpty: Bool { fields.allSatisfy { $0.value == nil } }
}

/// A support case: one customer's problem, the conversation about it and its state.
public struct Ticket: Codable, Sendable, Equatable {
    public var number: TicketNumber
    public var subject: String
    public var status: TicketStatus
    public var priority: TicketPriority
    public var category: TicketCategory
    public var channel: Channel
    public var requesterID: CustomerID
    public var assigneeID: AgentID?
    public var teamID: TeamID?
    public var tags: [String]
    public var crypto: CryptoDetails
    public var reopenCount: Int
    /// Set when this ticket was merged into another; the other one carries the conversation on.
    public var mergedInto: TicketNumber?
    /// The earlier ticket this one continues: a customer wrote again after that one was closed.
    public var followUpOf: TicketNumber?
    public var createdAt: Date
    public var updatedAt: Date
    public var firstResponseAt: Date?
    public var solvedAt: Date?
    public var closedAt: Date?
    /// Increases with every change; clients send it back (If-Match) so two agents cannot overwrite each other.
    public var version: Int

    public init(
        number: TicketNumber, subject: String, status: TicketStatus, priority: TicketPriority, category: TicketCategory,
        channel: Channel, requesterID: CustomerID, assigneeID: AgentID? = nil, teamID: TeamID? = nil, tags: [String] = [],
        crypto: CryptoDetails = .init(), reopenCount: Int = 0, mergedInto: TicketNumber? = nil, followUpOf: TicketNumber? = nil, createdAt: Date, updatedAt: Date,
        firstResponseAt: Date? = nil, solvedAt: Date? = nil, closedAt: Date? = nil, version: Int = 1
    ) {
        self.number = number
        self.subject = subject
        self.status = status
        self.priority = priority
        self.category = category
        self.channel = channel
        self.requesterID = requesterID
        self.assigneeID = assigneeID
        self.teamID = teamID
        self.tags = tags
        self.crypto = crypto
        self.reopenCount = reopenCount
        self.mergedInto = mergedInto
        self.followUpOf = followUpOf
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.firstResponseAt = firstResponseAt
        self.solvedAt = solvedAt
        self.closedAt = closedAt
        self.version = version
    }
}

/// Rules for tags: lower-case, no spaces, short, unique, sorted. Chinese tags are kept as written.
public enum Tags {
    public static let maxCount = 20
    public static let maxLength = 50

    /// Normalises a tag list or names the first bad tag.
    public static func normalise(_ tags: [String]) throws(DeskError) -> [String] {
        var result = Set<String>()
        for raw in tags {
            let tag = raw.trimmingWhitespace().lowercased()
            guard !tag.isEmpty, tag.count <= maxLength, !tag.contains(where: { $0.isWhitespace || $0 == "," }) else {
                throw DeskError.invalidField("tags", reason: .invalidTag)
            }
            result.insert(tag)
        }
        guard result.count <= maxCount else { throw DeskError.invalidField("tags", reason: .tooMany) }
        return result.sorted()
    }
}
