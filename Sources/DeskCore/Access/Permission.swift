/// Something an agent or integration may be allowed to do. Routes name the one they need; ``PermissionMatrix`` decides.
public enum Permission: String, Sendable, CaseIterable, Codable {
    case readTickets = "tickets.read"
    case writeTickets = "tickets.write"
    case mergeTickets = "tickets.merge"
    case readCustomers = "customers.read"
    case writeCustomers = "customers.write"
    case readDirectory = "directory.read"
    case manageAgents = "agents.manage"
    case manageTeams = "teams.manage"
    case manageOwnTokens = "tokens.own"
    case manageAllTokens = "tokens.all"
    case readAudit = "audit.read"
    case readChannels = "channels.read"
    case manageChannels = "channels.manage"
    case readKnowledgeBase = "kb.read"
    case writeKnowledgeBase = "kb.write"
    case manageKnowledgeBase = "kb.manage"
    /// One's own account: sessions, password, second factor, sign-in history.
    case ownAccount = "account.own"
    /// Customers' email, phone, wallet account and chat ids in clear; without it they are masked.
    case seeCustomerPII = "customers.pii"
    /// The outbox of outgoing mail: states, attempts, errors, masked recipients (never bodies).
    case readOutbox = "outbox.read"
}

/// What a token may be used for, whatever its agent's role allows. A token never grants more than its agent's role.
public enum TokenScope: String, Sendable, CaseIterable, Codable {
    case ticketsRead = "tickets:read"
    case ticketsWrite = "tickets:write"
    case customersRead = "customers:read"
    case customersWrite = "customers:write"
    /// Everything the agent's role allows.
    case admin

    /// The permissions this scope lets through.
    public var permissions: Set<Permission> {
        switch self {
        case .ticketsRead: [.readTickets, .readDirectory, .manageOwnTokens, .readKnowledgeBase]
        case .ticketsWrite: [.readTickets, .writeTickets, .mergeTickets, .readDirectory, .manageOwnTokens, .readKnowledgeBase]
        case .customersRead: [.readCustomers, .seeCustomerPII, .readDirectory]
        case .customersWrite: [.readCustomers, .writeCustomers, .seeCustomerPII, .readDirectory]
        case .admin: Set(Permission.allCases)
        }
    }
}

/// The permission matrix: the one place that says which role may do what (docs/PERMISSIONS.md shows it as a table,
/// and a test keeps the two equal).
public enum PermissionMatrix {
    public static func allows(_ role: AgentRole, _ permission: Permission) -> Bool {
        switch permission {
        case .readTickets, .writeTickets, .readCustomers, .writeCustomers, .readDirectory, .manageOwnTokens, .readKnowledgeBase, .ownAccount:
            return true
        case .mergeTickets, .writeKnowledgeBase, .seeCustomerPII:
            return role != .agent
        case .manageTeams:
            return role == .supervisor || role == .admin
        case .manageAgents, .manageAllTokens, .manageKnowledgeBase:
            return role == .admin
        case .readAudit, .readChannels:
            return role == .security || role == .admin
        case .manageChannels, .readOutbox:
            return role == .admin
        }
    }

    /// Whether a request by an agent of `role` holding a token with `scopes` may do `permission`.
    public static func allows(_ role: AgentRole, scopes: Set<TokenScope>, _ permission: Permission) -> Bool {
        allows(role, permission) && scopes.contains { $0.permissions.contains(permission) }
    }
}
