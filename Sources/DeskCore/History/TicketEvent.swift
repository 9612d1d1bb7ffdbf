import Foundation

/// Who caused a change.
public struct Actor: Codable, Sendable, Equatable {
    public var kind: AuthorKind
    public var id: UUID?

    public init(kind: AuthorKind, id: UUID?) {
        self.kind = kind
        self.id = id
    }

    public static let system = Actor(kind: .system, id: nil)
    public static func agent(_ id: AgentID) -> Actor { Actor(kind: .agent, id: id.rawValue) }
    public static func customer(_ id: CustomerID) -> Actor { Actor(kind: .customer, id: id.rawValue) }
}

/// What happened to a ticket.
public enum TicketEventKind: String, Codable, Sendable, CaseIterable {
    case created = "ticket.created"
    case updated = "ticket.updated"
    case statusChanged = "ticket.status_changed"
    case assigned = "ticket.assigned"
    case messageAdded = "message.added"
    case reopened = "ticket.reopened"
    case mergedInto = "ticket.merged_into"
    case mergedFrom = "ticket.merged_from"
}

/// One field's value before and after a change, as text (what people read in the history).
public struct FieldChange: Codable, Sendable, Equatable {
    public var field: String
    public var before: String?
    public var after: String?

    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }

    // `before` and `after` are always present (null when empty) so every client sees one shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(before, forKey: .before)
        try container.encode(after, forKey: .after)
    }
}

/// An entry in a ticket's append-only history. Entries are never changed or removed.
public struct TicketEvent: Codable, Sendable, Equatable {
    /// Position in the global event feed; strictly increasing in commit order per node, unique across nodes.
    public var id: Int64
    public var ticket: TicketNumber
    public var kind: TicketEventKind
    public var actor: Actor
    public var changes: [FieldChange]
    /// The message this event is about, for `message.added`.
    public var messageID: MessageID?
    public var at: Date

    public init(
        id: Int64, ticket: TicketNumber, kind: TicketEventKind, actor: Actor, changes: [FieldChange], messageID: MessageID? = nil, at: Date
    ) {
        self.id = id
        self.ticket = ticket
        self.kind = kind
        self.actor = actor
        self.changes = changes
        self.messageID = messageID
        self.at = at
    }
}

/// An event before the store has given it its id.
public struct NewTicketEvent: Sendable, Equatable {
    public var kind: TicketEventKind
    public var actor: Actor
    public var changes: [FieldChange]
    public var messageID: MessageID?

    public init(kind: TicketEventKind, actor: Actor, changes: [FieldChange] = [], messageID: MessageID? = nil) {
        self.kind = kind
        self.actor = actor
        self.changes = changes
        self.messageID = messageID
    }
}

extension Ticket {
    /// The field-by-field difference to `other`, in the words the history shows.
    public func changes(to other: Ticket) -> [FieldChange] {
        var result: [FieldChange] = []
        func compare(_ field: String, _ before: String?, _ after: String?) {
            if before != after { result.append(FieldChange(field: field, before: before, after: after)) }
        }
        compare("subject", subject, other.subject)
        compare("status", status.rawValue, other.status.rawValue)
        compare("priority", priority.rawValue, other.priority.rawValue)
        compare("category", category.rawValue, other.category.rawValue)
        compare("assigneeId", assigneeID?.description, other.assigneeID?.description)
        compare("teamId", teamID?.description, other.teamID?.description)
        compare("tags", tags.joined(separator: ","), other.tags.joined(separator: ","))
        for (before, after) in zip(crypto.fields, other.crypto.fields) {
            compare(before.name, before.value, after.value)
        }
        compare("mergedInto", mergedInto?.description, other.mergedInto?.description)
        return result
    }
}
