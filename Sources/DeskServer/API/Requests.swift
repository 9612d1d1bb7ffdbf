import DeskCore
import Foundation

/// The JSON bodies the API accepts. Each refuses unknown keys and names the field at fault.

struct CryptoInput: Decodable, Sendable {
    var chain: Patch<String> = .unchanged
    var asset: Patch<String> = .unchanged
    var amount: Patch<String> = .unchanged
    var txId: Patch<String> = .unchanged
    var walletAddress: Patch<String> = .unchanged
    var appVersion: Patch<String> = .unchanged
    var device: Patch<String> = .unchanged
    var os: Patch<String> = .unchanged

    enum CodingKeys: String, CodingKey, CaseIterable { case chain, asset, amount, txId, walletAddress, appVersion, device, os }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        chain = try c.decodePatch(String.self, forKey: .chain)
        asset = try c.decodePatch(String.self, forKey: .asset)
        amount = try c.decodePatch(String.self, forKey: .amount)
        txId = try c.decodePatch(String.self, forKey: .txId)
        walletAddress = try c.decodePatch(String.self, forKey: .walletAddress)
        appVersion = try c.decodePatch(String.self, forKey: .appVersion)
        device = try c.decodePatch(String.self, forKey: .device)
        os = try c.decodePatch(String.self, forKey: .os)
    }

    func apply(to details: inout CryptoDetails) {
        chain.apply(to: &details.chain)
        asset.apply(to: &details.asset)
        amount.apply(to: &details.amount)
        txId.apply(to: &details.txId)
        walletAddress.apply(to: &details.walletAddress)
        appVersion.apply(to: &details.appVersion)
        device.apply(to: &details.device)
        os.apply(to: &details.os)
    }
}

struct RequesterInput: Decodable, Sendable {
    var id: CustomerID?
    var name: String?
    var email: EmailAddress?
    var phone: PhoneNumber?
    var telegramId: String?
    var wechatId: String?
    var walletAccountId: String?
    var language: Language?

    enum CodingKeys: String, CodingKey, CaseIterable { case id, name, email, phone, telegramId, wechatId, walletAccountId, language }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(CustomerID.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        email = try c.decodeIfPresent(EmailAddress.self, forKey: .email)
        phone = try c.decodeIfPresent(PhoneNumber.self, forKey: .phone)
        telegramId = try c.decodeIfPresent(String.self, forKey: .telegramId)
        wechatId = try c.decodeIfPresent(String.self, forKey: .wechatId)
        walletAccountId = try c.decodeIfPresent(String.self, forKey: .walletAccountId)
        language = try c.decodeIfPresent(Language.self, forKey: .language)
    }

    var reference: RequesterReference {
        if let id { return .existing(id) }
        return .contact(
            CustomerContact(
                name: name, email: email, phone: phone, telegramID: telegramId, wechatID: wechatId, walletAccountID: walletAccountId, language: language
            )
        )
    }
}

struct MessageInput: Decodable, Sendable {
    var text: String?
    var html: String?
    var visibility: MessageVisibility
    var author: AuthorKind
    var attachmentIds: [AttachmentID]
    /// The status to leave the ticket in after an agent's reply ("reply and set pending").
    var status: TicketStatus?

    enum CodingKeys: String, CodingKey, CaseIterable { case text, html, visibility, author, attachmentIds, status }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        html = try c.decodeIfPresent(String.self, forKey: .html)
        visibility = try c.decodeIfPresent(MessageVisibility.self, forKey: .visibility) ?? .public
        author = try c.decodeIfPresent(AuthorKind.self, forKey: .author) ?? .agent
        attachmentIds = try c.decodeIfPresent([AttachmentID].self, forKey: .attachmentIds) ?? []
        status = try c.decodeIfPresent(TicketStatus.self, forKey: .status)
        guard author != .system else { throw DeskError.invalidField("author", reason: .invalidValue) }
        guard attachmentIds.count <= 20 else { throw DeskError.invalidField("attachmentIds", reason: .tooMany) }
    }
}

struct CreateTicketInput: Decodable, Sendable {
    var subject: String
    var category: TicketCategory
    var priority: TicketPriority?
    var channel: Channel
    var requester: RequesterInput
    var assigneeId: AgentID?
    var teamId: TeamID?
    var tags: [String]
    var crypto: CryptoInput?
    var message: MessageInput

    enum CodingKeys: String, CodingKey, CaseIterable {
        case subject, category, priority, channel, requester, assigneeId, teamId, tags, crypto, message
    }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        subject = try c.decode(String.self, forKey: .subject)
        category = try c.decodeIfPresent(TicketCategory.self, forKey: .category) ?? .general
        priority = try c.decodeIfPresent(TicketPriority.self, forKey: .priority)
        channel = try c.decodeIfPresent(Channel.self, forKey: .channel) ?? .api
        requester = try c.decode(RequesterInput.self, forKey: .requester)
        assigneeId = try c.decodeIfPresent(AgentID.self, forKey: .assigneeId)
        teamId = try c.decodeIfPresent(TeamID.self, forKey: .teamId)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        crypto = try c.decodeIfPresent(CryptoInput.self, forKey: .crypto)
        message = try c.decode(MessageInput.self, forKey: .message)
    }
}

struct UpdateTicketInput: Decodable, Sendable {
    var subject: String?
    var status: TicketStatus?
    var priority: TicketPriority?
    var category: TicketCategory?
    var assigneeId: Patch<AgentID> = .unchanged
    var teamId: Patch<TeamID> = .unchanged
    var tags: [String]?
    var crypto: CryptoInput?
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case subject, status, priority, category, assigneeId, teamId, tags, crypto, version }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        status = try c.decodeIfPresent(TicketStatus.self, forKey: .status)
        priority = try c.decodeIfPresent(TicketPriority.self, forKey: .priority)
        category = try c.decodeIfPresent(TicketCategory.self, forKey: .category)
        assigneeId = try c.decodePatch(AgentID.self, forKey: .assigneeId)
        teamId = try c.decodePatch(TeamID.self, forKey: .teamId)
        tags = try c.decodeIfPresent([String].self, forKey: .tags)
        crypto = try c.decodeIfPresent(CryptoInput.self, forKey: .crypto)
        version = try c.decodeIfPresent(Int.self, forKey: .version)
    }
}

struct MergeInput: Decodable, Sendable {
    var into: TicketNumber

    enum CodingKeys: String, CodingKey, CaseIterable { case into }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(["into"])
        into = try decoder.container(keyedBy: CodingKeys.self).decode(TicketNumber.self, forKey: .into)
    }
}

struct CustomerInput: Decodable, Sendable {
    var name: Patch<String> = .unchanged
    var email: Patch<EmailAddress> = .unchanged
    var phone: Patch<PhoneNumber> = .unchanged
    var telegramId: Patch<String> = .unchanged
    var wechatId: Patch<String> = .unchanged
    var walletAccountId: Patch<String> = .unchanged
    var language: Language?
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, email, phone, telegramId, wechatId, walletAccountId, language, version }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodePatch(String.self, forKey: .name)
        email = try c.decodePatch(EmailAddress.self, forKey: .email)
        phone = try c.decodePatch(PhoneNumber.self, forKey: .phone)
        telegramId = try c.decodePatch(String.self, forKey: .telegramId)
        wechatId = try c.decodePatch(String.self, forKey: .wechatId)
        walletAccountId = try c.decodePatch(String.self, forKey: .walletAccountId)
        language = try c.decodeIfPresent(Language.self, forKey: .language)
        version = try c.decodeIfPresent(Int.self, forKey: .version)
    }

    func apply(to customer: inout Customer) throws(DeskError) {
        func cleaned(_ patch: Patch<String>, _ field: String) throws(DeskError) -> Patch<String> {
            guard case .set(let value?) = patch else { return patch }
            let trimmed = String(value.trimmingWhitespace())
            guard trimmed.count <= 200 else { throw DeskError.invalidField(field, reason: .tooLong) }
            return .set(trimmed.isEmpty ? nil : trimmed)
        }
        try cleaned(name, "name").apply(to: &customer.name)
        email.apply(to: &customer.email)
        phone.apply(to: &customer.phone)
        try cleaned(telegramId, "telegramId").apply(to: &customer.telegramID)
        try cleaned(wechatId, "wechatId").apply(to: &customer.wechatID)
        try cleaned(walletAccountId, "walletAccountId").apply(to: &customer.walletAccountID)
        if let language { customer.language = language }
    }
}

struct AgentInput: Decodable, Sendable {
    var name: String?
    var email: EmailAddress?
    var role: AgentRole?
    var tier: AgentTier?
    var teamId: Patch<TeamID> = .unchanged
    var active: Bool?
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, email, role, tier, teamId, active, version }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        email = try c.decodeIfPresent(EmailAddress.self, forKey: .email)
        role = try c.decodeIfPresent(AgentRole.self, forKey: .role)
        tier = try c.decodeIfPresent(AgentTier.self, forKey: .tier)
        teamId = try c.decodePatch(TeamID.self, forKey: .teamId)
        active = try c.decodeIfPresent(Bool.self, forKey: .active)
        version = try c.decodeIfPresent(Int.self, forKey: .version)
    }
}

struct TeamInput: Decodable, Sendable {
    var name: String?
    var description: Patch<String> = .unchanged
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, description, version }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        description = try c.decodePatch(String.self, forKey: .description)
        version = try c.decodeIfPresent(Int.self, forKey: .version)
    }
}

struct SetupInput: Decodable, Sendable {
    var code: String
    var name: String
    var email: EmailAddress
    /// The first admin's password, so they can sign in on the pages as well as with the token.
    var password: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case code, name, email, password }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        email = try c.decode(EmailAddress.self, forKey: .email)
        password = try c.decodeIfPresent(String.self, forKey: .password)
    }
}

/// Validates a person's or team's display name.
func validName(_ raw: String, field: String = "name") throws(DeskError) -> String {
    let name = String(raw.trimmingWhitespace())
    guard !name.isEmpty else { throw DeskError.invalidField(field, reason: .required) }
    guard name.count <= 120 else { throw DeskError.invalidField(field, reason: .tooLong) }
    return name
}
