import DeskCore

/// The JSON bodies the API accepts. Each refuses unknown keys and names the field at fault.

struct CryptoInput: JSONBody {
    var chain: Patch<String> = .unchanged
    var asset: Patch<String> = .unchanged
    var amount: Patch<String> = .unchanged
    var txId: Patch<String> = .unchanged
    var walletAddress: Patch<String> = .unchanged
    var appVersion: Patch<String> = .unchanged
    var device: Patch<String> = .unchanged
    var os: Patch<String> = .unchanged

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["chain", "asset", "amount", "txId", "walletAddress", "appVersion", "device", "os"])
        chain = try json.patch("chain", json.string)
        asset = try json.patch("asset", json.string)
        amount = try json.patch("amount", json.string)
        txId = try json.patch("txId", json.string)
        walletAddress = try json.patch("walletAddress", json.string)
        appVersion = try json.patch("appVersion", json.string)
        device = try json.patch("device", json.string)
        os = try json.patch("os", json.string)
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

struct RequesterInput: JSONBody {
    var id: CustomerID?
    var name: String?
    var email: EmailAddress?
    var phone: PhoneNumber?
    var telegramId: String?
    var wechatId: String?
    var walletAccountId: String?
    var language: Language?

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["id", "name", "email", "phone", "telegramId", "wechatId", "walletAccountId", "language"])
        id = try json.id("id")
        name = try json.string("name")
        email = try json.value("email")
        phone = try json.value("phone")
        telegramId = try json.string("telegramId")
        wechatId = try json.string("wechatId")
        walletAccountId = try json.string("walletAccountId")
        language = try json.value("language")
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

struct MessageInput: JSONBody {
    var text: String?
    var html: String?
    var visibility: MessageVisibility
    var author: AuthorKind
    var attachmentIds: [AttachmentID]
    /// The status to leave the ticket in after an agent's reply ("reply and set pending").
    var status: TicketStatus?

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["text", "html", "visibility", "author", "attachmentIds", "status"])
        text = try json.string("text")
        html = try json.string("html")
        visibility = try json.value("visibility") ?? .public
        author = try json.value("author") ?? .agent
        attachmentIds = try json.ids("attachmentIds") ?? []
        status = try json.value("status")
        guard author != .system else { throw DeskError.invalidField(json.field("author"), reason: .invalidValue) }
        guard attachmentIds.count <= 20 else { throw DeskError.invalidField(json.field("attachmentIds"), reason: .tooMany) }
    }

    /// A customer's reply from a form (the support pages): public, their own words only.
    init(customerText text: String, attachmentIds: [AttachmentID] = []) {
        self.text = text
        html = nil
        visibility = .public
        author = .customer
        self.attachmentIds = attachmentIds
        status = nil
    }

    /// An agent's reply or note from a form (the agent console).
    init(agentText text: String, visibility: MessageVisibility, status: TicketStatus?, attachmentIds: [AttachmentID] = []) {
        self.text = text
        html = nil
        self.visibility = visibility
        author = .agent
        self.attachmentIds = attachmentIds
        self.status = status
    }
}

struct CreateTicketInput: JSONBody {
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

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["subject", "category", "priority", "channel", "requester", "assigneeId", "teamId", "tags", "crypto", "message"])
        subject = try json.required("subject", json.string)
        category = try json.value("category") ?? .general
        priority = try json.value("priority")
        channel = try json.value("channel") ?? .api
        requester = try json.required("requester") { key throws(DeskError) in try json.body(key, as: RequesterInput.self) }
        assigneeId = try json.id("assigneeId")
        teamId = try json.id("teamId")
        tags = try json.strings("tags") ?? []
        crypto = try json.body("crypto")
        message = try json.required("message") { key throws(DeskError) in try json.body(key, as: MessageInput.self) }
    }
}

struct UpdateTicketInput: JSONBody {
    var subject: String?
    var status: TicketStatus?
    var priority: TicketPriority?
    var category: TicketCategory?
    var assigneeId: Patch<AgentID> = .unchanged
    var teamId: Patch<TeamID> = .unchanged
    var tags: [String]?
    var crypto: CryptoInput?
    var version: Int?

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["subject", "status", "priority", "category", "assigneeId", "teamId", "tags", "crypto", "version"])
        subject = try json.string("subject")
        status = try json.value("status")
        priority = try json.value("priority")
        category = try json.value("category")
        assigneeId = try json.patch("assigneeId") { key throws(DeskError) in try json.id(key, as: AgentID.self) }
        teamId = try json.patch("teamId") { key throws(DeskError) in try json.id(key, as: TeamID.self) }
        tags = try json.strings("tags")
        crypto = try json.body("crypto")
        version = try json.int("version")
    }
}

struct MergeInput: JSONBody {
    var into: TicketNumber

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["into"])
        into = try json.required("into", json.ticketNumber)
    }
}

struct CustomerInput: JSONBody {
    var name: Patch<String> = .unchanged
    var email: Patch<EmailAddress> = .unchanged
    var phone: Patch<PhoneNumber> = .unchanged
    var telegramId: Patch<String> = .unchanged
    var wechatId: Patch<String> = .unchanged
    var walletAccountId: Patch<String> = .unchanged
    var language: Language?
    var version: Int?

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["name", "email", "phone", "telegramId", "wechatId", "walletAccountId", "language", "version"])
        name = try json.patch("name", json.string)
        email = try json.patch("email") { key throws(DeskError) in try json.value(key, as: EmailAddress.self) }
        phone = try json.patch("phone") { key throws(DeskError) in try json.value(key, as: PhoneNumber.self) }
        telegramId = try json.patch("telegramId", json.string)
        wechatId = try json.patch("wechatId", json.string)
        walletAccountId = try json.patch("walletAccountId", json.string)
        language = try json.value("language")
        version = try json.int("version")
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

struct AgentInput: JSONBody {
    var name: String?
    var email: EmailAddress?
    var role: AgentRole?
    var tier: AgentTier?
    var teamId: Patch<TeamID> = .unchanged
    var active: Bool?
    var version: Int?

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["name", "email", "role", "tier", "teamId", "active", "version"])
        name = try json.string("name")
        email = try json.value("email")
        role = try json.value("role")
        tier = try json.value("tier")
        teamId = try json.patch("teamId") { key throws(DeskError) in try json.id(key, as: TeamID.self) }
        active = try json.bool("active")
        version = try json.int("version")
    }
}

struct TeamInput: JSONBody {
    var name: String?
    var description: Patch<String> = .unchanged
    var version: Int?

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["name", "description", "version"])
        name = try json.string("name")
        description = try json.patch("description", json.string)
        version = try json.int("version")
    }
}

struct SetupInput: JSONBody {
    var code: String
    var name: String
    var email: EmailAddress
    /// The first admin's password, so they can sign in on the pages as well as with the token.
    var password: String?

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["code", "name", "email", "password"])
        code = try json.required("code", json.string)
        name = try json.required("name", json.string)
        email = try json.required("email") { key throws(DeskError) in try json.value(key, as: EmailAddress.self) }
        password = try json.string("password")
    }
}

/// Validates a person's or team's display name.
func validName(_ raw: String, field: String = "name") throws(DeskError) -> String {
    let name = String(raw.trimmingWhitespace())
    guard !name.isEmpty else { throw DeskError.invalidField(field, reason: .required) }
    guard name.count <= 120 else { throw DeskError.invalidField(field, reason: .tooLong) }
    return name
}
