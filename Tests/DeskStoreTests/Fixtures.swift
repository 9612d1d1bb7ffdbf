import DeskCore
import DeskStore
import Foundation

/// Small builders so each test says only what matters to it.
enum Fixtures {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    static func draft(
        subject: String = "提现失败 Withdrawal failed", category: TicketCategory = .withdrawalFailed, email: String = "li.wei@example.com",
        text: String = "我的 USDT 提现一直没有到账", tags: [String] = [], crypto: CryptoDetails = .init(), channel: Channel = .web,
        author: Actor = Actor(kind: .customer, id: nil), language: Language = .zhCN, attachments: [AttachmentID] = []
    ) throws -> TicketDraft {
        try TicketDraft(
            subject: subject, category: category, channel: channel,
            requester: .contact(CustomerContact(email: EmailAddress(rawValue: email), language: language)), tags: tags, crypto: crypto,
            firstMessage: MessageDraft(body: try MessageBody(text: text, html: nil), visibility: .public, author: author, attachmentIDs: attachments)
        )
    }

    static func agent(_ name: String = "Ada", email: String = "ada@example.com", role: AgentRole = .agent) -> Agent {
        Agent(name: name, email: EmailAddress(rawValue: email)!, role: role, tier: .l1, createdAt: start, updatedAt: start)
    }

    static func reply(_ text: String, by actor: Actor, visibility: MessageVisibility = .public) throws -> MessageDraft {
        MessageDraft(body: try MessageBody(text: text, html: nil), visibility: visibility, author: actor)
    }
}
