import DeskCore
import Foundation
import SQLKit

/// Turns rows into domain values. Column lists live next to the decoders so they cannot drift apart.
enum Rows {
    static let ticketColumns = """
        number, subject, status, priority, category, channel, requester_id, assignee_id, team_id, tags, chain, asset, amount, tx_id,
        wallet_address, app_version, device, os, reopen_count, merged_into, follow_up_of, created_at, updated_at, first_response_at, solved_at,
        closed_at, version
        """

    static func ticket(_ row: any SQLRow) throws -> Ticket {
        func text(_ column: String) throws -> String? { try row.decodeNil(column: column) ? nil : row.decode(column: column, as: String.self) }
        func time(_ column: String) throws -> Date? {
            try row.decodeNil(column: column) ? nil : Date(microseconds: row.decode(column: column, as: Int64.self))
        }
        func required<T>(_ value: T?, _ column: String) throws -> T {
            guard let value else { throw StoreError.corruptRow(table: "tickets", column: column) }
            return value
        }
        let tags = try row.decode(column: "tags", as: String.self)
        return Ticket(
            number: TicketNumber(try row.decode(column: "number", as: Int64.self)),
            subject: try row.decode(column: "subject", as: String.self),
            status: try required(TicketStatus(rawValue: row.decode(column: "status", as: String.self)), "status"),
            priority: try required(TicketPriority(rawValue: row.decode(column: "priority", as: String.self)), "priority"),
            category: try required(TicketCategory(rawValue: row.decode(column: "category", as: String.self)), "category"),
            channel: try required(Channel(rawValue: row.decode(column: "channel", as: String.self)), "channel"),
            requesterID: try required(CustomerID(row.decode(column: "requester_id", as: String.self)), "requester_id"),
            assigneeID: try text("assignee_id").flatMap { AgentID($0) },
            teamID: try text("team_id").flatMap { TeamID($0) },
            tags: tags.isEmpty ? [] : tags.split(separator: ",").map(String.init),
            crypto: CryptoDetails(
                chain: try text("chain"), asset: try text("asset"), amount: try text("amount"), txId: try text("tx_id"),
                walletAddress: try text("wallet_address"), appVersion: try text("app_version"), device: try text("device"), os: try text("os")
            ),
            reopenCount: try row.decode(column: "reopen_count", as: Int.self),
            mergedInto: try row.decodeNil(column: "merged_into") ? nil : TicketNumber(row.decode(column: "merged_into", as: Int64.self)),
            followUpOf: try row.decodeNil(column: "follow_up_of") ? nil : TicketNumber(row.decode(column: "follow_up_of", as: Int64.self)),
            createdAt: try required(time("created_at"), "created_at"),
            updatedAt: try required(time("updated_at"), "updated_at"),
            firstResponseAt: try time("first_response_at"),
            solvedAt: try time("solved_at"),
            closedAt: try time("closed_at"),
            version: try row.decode(column: "version", as: Int.self)
        )
    }

    static let messageColumns = "id, ticket_number, visibility, author_kind, author_id, body_text, body_html, merged_from, created_at"

    static func message(_ row: any SQLRow) throws -> Message {
        guard let id = MessageID(try row.decode(column: "id", as: String.self)),
            let visibility = MessageVisibility(rawValue: try row.decode(column: "visibility", as: String.self)),
            let authorKind = AuthorKind(rawValue: try row.decode(column: "author_kind", as: String.self))
        else { throw StoreError.corruptRow(table: "messages", column: "id/visibility/author_kind") }
        return Message(
            id: id,
            ticket: TicketNumber(try row.decode(column: "ticket_number", as: Int64.self)),
            visibility: visibility,
            authorKind: authorKind,
            authorID: try row.decodeNil(column: "author_id") ? nil : FastUUID.parse(row.decode(column: "author_id", as: String.self)),
            bodyText: try row.decode(column: "body_text", as: String.self),
            bodyHTML: try row.decode(column: "body_html", as: String.self),
            mergedFrom: try row.decodeNil(column: "merged_from") ? nil : TicketNumber(row.decode(column: "merged_from", as: Int64.self)),
            createdAt: Date(microseconds: try row.decode(column: "created_at", as: Int64.self))
        )
    }

    static let attachmentColumns = "id, filename, content_type, size, sha256, created_at"

    /// An attachment from its columns, optionally aliased with `prefix` (as in a join with messages).
    static func attachment(_ row: any SQLRow, prefix: String = "") throws -> Attachment {
        guard let id = AttachmentID(try row.decode(column: prefix + "id", as: String.self)) else {
            throw StoreError.corruptRow(table: "attachments", column: "id")
        }
        return Attachment(
            id: id,
            filename: try row.decode(column: prefix + "filename", as: String.self),
            contentType: try row.decode(column: prefix + "content_type", as: String.self),
            size: try row.decode(column: prefix + "size", as: Int.self),
            sha256: try row.decode(column: prefix + "sha256", as: String.self),
            createdAt: Date(microseconds: try row.decode(column: prefix + "created_at", as: Int64.self))
        )
    }

    static let eventColumns = "id, ticket_number, kind, actor_kind, actor_id, changes, message_id, at"

    static func event(_ row: any SQLRow) throws -> TicketEvent {
        guard let kind = TicketEventKind(rawValue: try row.decode(column: "kind", as: String.self)),
            let actorKind = AuthorKind(rawValue: try row.decode(column: "actor_kind", as: String.self))
        else { throw StoreError.corruptRow(table: "ticket_events", column: "kind") }
        let changes = try JSONDecoder().decode([FieldChange].self, from: Data(try row.decode(column: "changes", as: String.self).utf8))
        return TicketEvent(
            id: try row.decode(column: "id", as: Int64.self),
            ticket: TicketNumber(try row.decode(column: "ticket_number", as: Int64.self)),
            kind: kind,
            actor: Actor(kind: actorKind, id: try row.decodeNil(column: "actor_id") ? nil : FastUUID.parse(row.decode(column: "actor_id", as: String.self))),
            changes: changes,
            messageID: try row.decodeNil(column: "message_id") ? nil : MessageID(row.decode(column: "message_id", as: String.self)),
            at: Date(microseconds: try row.decode(column: "at", as: Int64.self))
        )
    }

    static let customerColumns = "id, name, email, phone, telegram_id, wechat_id, wallet_account_id, language, created_at, updated_at, version"

    static func customer(_ row: any SQLRow) throws -> Customer {
        func text(_ column: String) throws -> String? { try row.decodeNil(column: column) ? nil : row.decode(column: column, as: String.self) }
        guard let id = CustomerID(try row.decode(column: "id", as: String.self)),
            let language = Language(rawValue: try row.decode(column: "language", as: String.self))
        else { throw StoreError.corruptRow(table: "customers", column: "id/language") }
        return Customer(
            id: id, name: try text("name"), email: try text("email").flatMap(EmailAddress.init(rawValue:)),
            phone: try text("phone").flatMap(PhoneNumber.init(rawValue:)), telegramID: try text("telegram_id"),
            wechatID: try text("wechat_id"), walletAccountID: try text("wallet_account_id"), language: language,
            createdAt: Date(microseconds: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(microseconds: try row.decode(column: "updated_at", as: Int64.self)),
            version: try row.decode(column: "version", as: Int.self)
        )
    }

    static let agentColumns = "id, name, email, role, tier, team_id, active, created_at, updated_at, version"

    static func agent(_ row: any SQLRow) throws -> Agent {
        guard let id = AgentID(try row.decode(column: "id", as: String.self)),
            let email = EmailAddress(rawValue: try row.decode(column: "email", as: String.self)),
            let role = AgentRole(rawValue: try row.decode(column: "role", as: String.self)),
            let tier = AgentTier(rawValue: try row.decode(column: "tier", as: String.self))
        else { throw StoreError.corruptRow(table: "agents", column: "id/email/role/tier") }
        return Agent(
            id: id, name: try row.decode(column: "name", as: String.self), email: email, role: role, tier: tier,
            teamID: try row.decodeNil(column: "team_id") ? nil : TeamID(row.decode(column: "team_id", as: String.self)),
            active: try row.decode(column: "active", as: Int.self) != 0,
            createdAt: Date(microseconds: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(microseconds: try row.decode(column: "updated_at", as: Int64.self)),
            version: try row.decode(column: "version", as: Int.self)
        )
    }

    static let teamColumns = "id, name, description, created_at, updated_at, version"

    static func team(_ row: any SQLRow) throws -> Team {
        guard let id = TeamID(try row.decode(column: "id", as: String.self)) else { throw StoreError.corruptRow(table: "teams", column: "id") }
        return Team(
            id: id, name: try row.decode(column: "name", as: String.self),
            description: try row.decodeNil(column: "description") ? nil : row.decode(column: "description", as: String.self),
            createdAt: Date(microseconds: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(microseconds: try row.decode(column: "updated_at", as: Int64.self)),
            version: try row.decode(column: "version", as: Int.self)
        )
    }
}

/// Errors that mean the database holds something this build cannot read.
public enum StoreError: Error, CustomStringConvertible {
    case corruptRow(table: String, column: String)

    public var description: String {
        switch self {
        case .corruptRow(let table, let column): "unreadable value in \(table).\(column)"
        }
    }
}
