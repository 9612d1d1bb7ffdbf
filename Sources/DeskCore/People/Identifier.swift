import Foundation

/// A typed UUID, so a customer id can never be passed where an agent id belongs.
public struct Identifier<Entity>: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: UUID
    public init(rawValue: UUID) { self.rawValue = rawValue }
    public init() { self.rawValue = UUID() }

    public init?(_ text: some StringProtocol) {
        guard let uuid = UUID(uuidString: String(text)) else { return nil }
        self.rawValue = uuid
    }

    /// Lower-case, as stored and as sent in JSON.
    public var description: String { rawValue.uuidString.lowercased() }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let value = Identifier(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a UUID")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public enum CustomerEntity: Sendable {}
public enum AgentEntity: Sendable {}
public enum TeamEntity: Sendable {}
public enum MessageEntity: Sendable {}
public enum AttachmentEntity: Sendable {}

public typealias CustomerID = Identifier<CustomerEntity>
public typealias AgentID = Identifier<AgentEntity>
public typealias TeamID = Identifier<TeamEntity>
public typealias MessageID = Identifier<MessageEntity>
public typealias AttachmentID = Identifier<AttachmentEntity>
