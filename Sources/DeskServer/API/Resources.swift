import DeskCore
import Foundation

/// The JSON shapes the API returns. Kept separate from domain types so the wire format changes only on purpose.
struct TicketResource: Codable, Sendable {
    var id: String
    var number: Int64
    var subject: String
    var status: TicketStatus
    var priority: TicketPriority
    var category: TicketCategory
    var channel: Channel
    var requesterId: String
    var assigneeId: String?
    var teamId: String?
    var tags: [String]
    var crypto: CryptoResource
    var reopenCount: Int
    var mergedInto: String?
    var followUpOf: String?
    var createdAt: Date
    var updatedAt: Date
    var firstResponseAt: Date?
    var solvedAt: Date?
    var closedAt: Date?
    var version: Int

    init(_ ticket: Ticket, explorers: ExplorerLinks) {
        id = ticket.number.description
        number = ticket.number.rawValue
        subject = ticket.subject
        status = ticket.status
        priority = ticket.priority
        category = ticket.category
        channel = ticket.channel
        requesterId = ticket.requesterID.description
        assigneeId = ticket.assigneeID?.description
        teamId = ticket.teamID?.description
        tags = ticket.tags
        crypto = CryptoResource(ticket.crypto, explorers: explorers)
        reopenCount = ticket.reopenCount
        mergedInto = ticket.mergedInto?.description
        followUpOf = ticket.followUpOf?.description
        createdAt = ticket.createdAt
        updatedAt = ticket.updatedAt
        firstResponseAt = ticket.firstResponseAt
        solvedAt = ticket.solvedAt
        closedAt = ticket.closedAt
        version = ticket.version
    }

    // Always send every key (null when empty) so clients and the OpenAPI document agree on one shape.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(number, forKey: .number)
        try c.encode(subject, forKey: .subject)
        try c.encode(status, forKey: .status)
        try c.encode(priority, forKey: .priority)
        try c.encode(category, forKey: .category)
        try c.encode(channel, forKey: .channel)
        try c.encode(requesterId, forKey: .requesterId)
        try c.encode(assigneeId, forKey: .assigneeId)
        try c.encode(teamId, forKey: .teamId)
        try c.encode(tags, forKey: .tags)
        try c.encode(crypto, forKey: .crypto)
        try c.encode(reopenCount, forKey: .reopenCount)
        try c.encode(mergedInto, forKey: .mergedInto)
        try c.encode(followUpOf, forKey: .followUpOf)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(firstResponseAt, forKey: .firstResponseAt)
        try c.encode(solvedAt, forKey: .solvedAt)
        try c.encode(closedAt, forKey: .closedAt)
        try c.encode(version, forKey: .version)
    }
}

struct CryptoResource: Codable, Sendable {
    var chain: String?
    var asset: String?
    var amount: String?
    var txId: String?
    var walletAddress: String?
    var appVersion: String?
    var device: String?
    var os: String?
    /// Block-explorer pages of `txId` and `walletAddress`, when each is a valid identifier of a known chain.
    var links: ExplorerLinksResource

    init(_ details: CryptoDetails, explorers: ExplorerLinks) {
        chain = details.chain
        asset = details.asset
        amount = details.amount
        txId = details.txId
        walletAddress = details.walletAddress
        appVersion = details.appVersion
        device = details.device
        os = details.os
        let links = explorers.links(for: details)
        self.links = ExplorerLinksResource(tx: links.tx, address: links.address)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(chain, forKey: .chain)
        try c.encode(asset, forKey: .asset)
        try c.encode(amount, forKey: .amount)
        try c.encode(txId, forKey: .txId)
        try c.encode(walletAddress, forKey: .walletAddress)
        try c.encode(appVersion, forKey: .appVersion)
        try c.encode(device, forKey: .device)
        try c.encode(os, forKey: .os)
        try c.encode(links, forKey: .links)
    }
}

struct ExplorerLinksResource: Codable, Sendable {
    var tx: String?
    var address: String?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tx, forKey: .tx)
        try c.encode(address, forKey: .address)
    }
}

struct MessageResource: Codable, Sendable {
    var id: String
    var ticketId: String
    var visibility: MessageVisibility
    var authorKind: AuthorKind
    var authorId: String?
    var text: String
    var html: String
    var attachments: [AttachmentResource]
    var mergedFrom: String?
    var createdAt: Date
    /// The verification code of a public agent message (customers check it on /verify); null otherwise.
    var verification: String?

    init(_ message: Message, verification: String? = nil) {
        id = message.id.description
        ticketId = message.ticket.description
        visibility = message.visibility
        authorKind = message.authorKind
        authorId = message.authorID.map(FastUUID.format)
        text = message.bodyText
        html = message.bodyHTML
        attachments = message.attachments.map(AttachmentResource.init)
        mergedFrom = message.mergedFrom?.description
        createdAt = message.createdAt
        self.verification = verification
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(ticketId, forKey: .ticketId)
        try c.encode(visibility, forKey: .visibility)
        try c.encode(authorKind, forKey: .authorKind)
        try c.encode(authorId, forKey: .authorId)
        try c.encode(text, forKey: .text)
        try c.encode(html, forKey: .html)
        try c.encode(attachments, forKey: .attachments)
        try c.encode(mergedFrom, forKey: .mergedFrom)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(verification, forKey: .verification)
    }
}

struct AttachmentResource: Codable, Sendable {
    var id: String
    var filename: String
    var contentType: String
    var size: Int
    var sha256: String
    var url: String
    var createdAt: Date

    init(_ attachment: Attachment) {
        id = attachment.id.description
        filename = attachment.filename
        contentType = attachment.contentType
        size = attachment.size
        sha256 = attachment.sha256
        url = "/api/v1/attachments/\(attachment.id)"
        createdAt = attachment.createdAt
    }
}

struct EventResource: Codable, Sendable {
    struct ActorResource: Codable, Sendable {
        var kind: AuthorKind
        var id: String?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(id, forKey: .id)
        }
    }

    var id: Int64
    var ticketId: String
    var kind: TicketEventKind
    var actor: ActorResource
    var changes: [FieldChange]
    var messageId: String?
    var at: Date

    init(_ event: TicketEvent) {
        id = event.id
        ticketId = event.ticket.description
        kind = event.kind
        actor = ActorResource(kind: event.actor.kind, id: event.actor.id.map(FastUUID.format))
        changes = event.changes
        messageId = event.messageID?.description
        at = event.at
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(ticketId, forKey: .ticketId)
        try c.encode(kind, forKey: .kind)
        try c.encode(actor, forKey: .actor)
        try c.encode(changes, forKey: .changes)
        try c.encode(messageId, forKey: .messageId)
        try c.encode(at, forKey: .at)
    }
}

struct CustomerResource: Codable, Sendable {
    var id: String
    var name: String?
    var email: String?
    var phone: String?
    var telegramId: String?
    var wechatId: String?
    var walletAccountId: String?
    var language: Language
    var createdAt: Date
    var updatedAt: Date
    var version: Int
    /// True when email, phone, wallet account and chat ids are masked for this caller (see `POST …/reveal`).
    var piiMasked = false

    init(_ customer: Customer) {
        id = customer.id.description
        name = customer.name
        email = customer.email?.rawValue
        phone = customer.phone?.rawValue
        telegramId = customer.telegramID
        wechatId = customer.wechatID
        walletAccountId = customer.walletAccountID
        language = customer.language
        createdAt = customer.createdAt
        updatedAt = customer.updatedAt
        version = customer.version
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(email, forKey: .email)
        try c.encode(phone, forKey: .phone)
        try c.encode(telegramId, forKey: .telegramId)
        try c.encode(wechatId, forKey: .wechatId)
        try c.encode(walletAccountId, forKey: .walletAccountId)
        try c.encode(language, forKey: .language)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(version, forKey: .version)
        try c.encode(piiMasked, forKey: .piiMasked)
    }

    /// This resource as seen by `context`: personal data masked unless the caller's role needs it.
    func visible(to context: AgentRequestContext) -> CustomerResource {
        context.may(.seeCustomerPII) ? self : masked()
    }

    func masked() -> CustomerResource {
        var copy = self
        copy.email = email.map(PIIMask.email)
        copy.phone = phone.map(PIIMask.phone)
        copy.walletAccountId = walletAccountId.map(PIIMask.identifier)
        copy.telegramId = telegramId.map(PIIMask.identifier)
        copy.wechatId = wechatId.map(PIIMask.identifier)
        copy.piiMasked = true
        return copy
    }
}

struct AgentResource: Codable, Sendable {
    var id: String
    var name: String
    var email: String
    var role: AgentRole
    var tier: AgentTier
    var teamId: String?
    var active: Bool
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ agent: Agent) {
        id = agent.id.description
        name = agent.name
        email = agent.email.rawValue
        role = agent.role
        tier = agent.tier
        teamId = agent.teamID?.description
        active = agent.active
        createdAt = agent.createdAt
        updatedAt = agent.updatedAt
        version = agent.version
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(email, forKey: .email)
        try c.encode(role, forKey: .role)
        try c.encode(tier, forKey: .tier)
        try c.encode(teamId, forKey: .teamId)
        try c.encode(active, forKey: .active)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(version, forKey: .version)
    }
}

struct TeamResource: Codable, Sendable {
    var id: String
    var name: String
    var description: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ team: Team) {
        id = team.id.description
        name = team.name
        description = team.description
        createdAt = team.createdAt
        updatedAt = team.updatedAt
        version = team.version
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(version, forKey: .version)
    }
}

/// A page of any list.
struct PageResource<Item: Codable & Sendable>: Codable, Sendable {
    var items: [Item]
    var nextCursor: String?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor)
    }
}

struct TicketWithMessage: Codable, Sendable {
    var ticket: TicketResource
    var message: MessageResource
}

struct MergeResult: Codable, Sendable {
    var source: TicketResource
    var target: TicketResource
}
