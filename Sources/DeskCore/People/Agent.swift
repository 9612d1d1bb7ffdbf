import Foundation

/// What an agent may do. The permission matrix (auth issue) is keyed on this.
public enum AgentRole: String, Codable, Sendable, CaseIterable {
    case agent, specialist, security, supervisor, admin
}

/// Support tiers: front line, specialists, and the security team that handles stolen funds and freezes.
public enum AgentTier: String, Codable, Sendable, CaseIterable {
    case l1 = "L1"
    case l2 = "L2"
    case security
}

/// A member of the support team.
public struct Agent: Codable, Sendable, Equatable {
    public var id: AgentID
    public var name: String
    public var email: EmailAddress
    public var role: AgentRole
    public var tier: AgentTier
    public var teamID: TeamID?
    public var active: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: AgentID = .init(), name: String, email: EmailAddress, role: AgentRole, tier: AgentTier, teamID: TeamID? = nil,
        active: Bool = true, createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.tier = tier
        self.teamID = teamID
        self.active = active
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// A group of agents that owns a queue (e.g. "Security", "Withdrawals", "大陆客服").
public struct Team: Codable, Sendable, Equatable {
    public var id: TeamID
    public var name: String
    public var description: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(id: TeamID = .init(), name: String, description: String? = nil, createdAt: Date, updatedAt: Date, version: Int = 1) {
        self.id = id
        self.name = name
        self.description = description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}
