import Foundation

/// Who a new ticket is for: a known customer, or contact details to find or create one with.
public enum RequesterReference: Sendable, Equatable {
    case existing(CustomerID)
    case contact(CustomerContact)
}

/// Contact details given when a ticket is opened for someone not yet known.
public struct CustomerContact: Sendable, Equatable {
    public var name: String?
    public var email: EmailAddress?
    public var phone: PhoneNumber?
    public var telegramID: String?
    public var wechatID: String?
    public var walletAccountID: String?
    public var language: Language?

    public init(
        name: String? = nil, email: EmailAddress? = nil, phone: PhoneNumber? = nil, telegramID: String? = nil, wechatID: String? = nil,
        walletAccountID: String? = nil, language: Language? = nil
    ) {
        self.name = name
        self.email = email
        self.phone = phone
        self.telegramID = telegramID
        self.wechatID = wechatID
        self.walletAccountID = walletAccountID
        self.language = language
    }
}

/// A new message before it is stored.
public struct MessageDraft: Sendable, Equatable {
    public var body: MessageBody
    public var visibility: MessageVisibility
    public var author: Actor
    public var attachmentIDs: [AttachmentID]

    public init(body: MessageBody, visibility: MessageVisibility, author: Actor, attachmentIDs: [AttachmentID] = []) {
        self.body = body
        self.visibility = visibility
        self.author = author
        self.attachmentIDs = attachmentIDs
    }

    public var kind: MessageDraftKind {
        switch (author.kind, visibility) {
        case (.system, _): .system
        case (_, .internal): .internalNote
        case (.agent, .public): .agentReply
        case (.customer, .public): .customerReply
        }
    }
}

/// Everything needed to open a ticket, validated.
public struct TicketDraft: Sendable, Equatable {
    public var subject: String
    public var category: TicketCategory
    public var priority: TicketPriority
    public var channel: Channel
    public var requester: RequesterReference
    public var assigneeID: AgentID?
    public var teamID: TeamID?
    public var tags: [String]
    public var crypto: CryptoDetails
    /// The customer's (or the agent's, for tickets opened on someone's behalf) first message.
    public var firstMessage: MessageDraft
    /// The closed ticket this one continues, when it was opened by a customer writing to it again.
    public var followUpOf: TicketNumber?

    public static let maxSubjectLength = 250

    public init(
        subject: String, category: TicketCategory = .general, priority: TicketPriority? = nil, channel: Channel, requester: RequesterReference,
        assigneeID: AgentID? = nil, teamID: TeamID? = nil, tags: [String] = [], crypto: CryptoDetails = .init(), firstMessage: MessageDraft
    ) throws(DeskError) {
        let subject = String(subject.trimmingWhitespace())
        guard !subject.isEmpty else { throw DeskError.invalidField("subject", reason: .required) }
        guard subject.count <= Self.maxSubjectLength else { throw DeskError.invalidField("subject", reason: .tooLong) }
        self.subject = subject
        self.category = category
        self.priority = priority ?? category.defaultPriority
        self.channel = channel
        self.requester = requester
        self.assigneeID = assigneeID
        self.teamID = teamID
        self.tags = try Tags.normalise(tags)
        self.crypto = try CryptoDetails.validated(crypto)
        self.firstMessage = firstMessage
    }

    /// The ticket as it is first stored; the store fills in the number.
    public func ticket(number: TicketNumber, requesterID: CustomerID, now: Date) -> Ticket {
        var ticket = Ticket(
            number: number, subject: subject, status: .new, priority: priority, category: category, channel: channel,
            requesterID: requesterID, assigneeID: assigneeID, teamID: teamID, tags: tags, crypto: crypto, followUpOf: followUpOf,
            createdAt: now, updatedAt: now
        )
        // A ticket an agent opens with a public message (a logged phone call, an outbound reply) already has a response.
        if firstMessage.kind == .agentReply {
            ticket.firstResponseAt = now
            ticket.status = .open
        }
        return ticket
    }
}

extension TicketDraft {
    /// The tag every follow-up ticket carries, so agents can find and report on them.
    public static let followUpTag = "follow-up"

    /// A new ticket continuing `previous` with the customer's `message`: a customer wrote to a closed ticket, or to a
    /// solved one after the reopen window. It keeps the subject, category, priority, channel, requester, team, tags and
    /// crypto details, and points back with ``followUpOf``; the assignee is left for routing to decide again.
    public static func followUp(to previous: Ticket, message: MessageDraft) throws(DeskError) -> TicketDraft {
        let tags = previous.tags.contains(followUpTag) ? previous.tags : previous.tags + [followUpTag]
        var draft = try TicketDraft(
            subject: previous.subject, category: previous.category, priority: previous.priority, channel: previous.channel,
            requester: .existing(previous.requesterID), teamID: previous.teamID, tags: Array(tags.suffix(Tags.maxCount)),
            crypto: previous.crypto, firstMessage: message
        )
        draft.followUpOf = previous.number
        return draft
    }
}

extension CryptoDetails {
    static let maxFieldLength = 200

    /// Trims every field, turns empty strings into nil and refuses over-long values or amounts that are not numbers.
    public static func validated(_ details: CryptoDetails) throws(DeskError) -> CryptoDetails {
        func clean(_ value: String?, _ field: String) throws(DeskError) -> String? {
            guard let value else { return nil }
            let trimmed = String(value.trimmingWhitespace())
            if trimmed.isEmpty { return nil }
            guard trimmed.count <= maxFieldLength else { throw DeskError.invalidField(field, reason: .tooLong) }
            return trimmed
        }
        var result = CryptoDetails()
        result.chain = try clean(details.chain, "crypto.chain")?.lowercased()
        result.asset = try clean(details.asset, "crypto.asset")?.uppercased()
        result.amount = try clean(details.amount, "crypto.amount")
        if let amount = result.amount {
            let parts = amount.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
                throw DeskError.invalidField("crypto.amount", reason: .invalidValue)
            }
        }
        result.txId = try clean(details.txId, "crypto.txId")
        result.walletAddress = try clean(details.walletAddress, "crypto.walletAddress")
        result.appVersion = try clean(details.appVersion, "crypto.appVersion")
        result.device = try clean(details.device, "crypto.device")
        result.os = try clean(details.os, "crypto.os")
        return result
    }
}

/// Filters for listing tickets. Results come newest first.
public struct TicketQuery: Sendable, Equatable {
    public var statuses: [TicketStatus] = []
    public var priorities: [TicketPriority] = []
    public var category: TicketCategory?
    public var channel: Channel?
    public var requesterID: CustomerID?
    /// `.some(nil)` means unassigned.
    public var assigneeID: AgentID??
    public var teamID: TeamID?
    public var tag: String?
    public var txID: String?
    /// Only tickets with a number below this (the cursor).
    public var before: TicketNumber?
    public var limit: Int = 50

    public init() {}

    public static let maxLimit = 200
}

/// One page of a list and the cursor to the next page.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
