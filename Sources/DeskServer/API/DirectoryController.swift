import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// `/api/v1/customers`, `/api/v1/agents`, `/api/v1/teams` and `/api/v1/me`.
struct DirectoryController {
    let dependencies: Dependencies

    func addRoutes(to routes: GuardedRoutes) {
        routes.get("me", .readDirectory, use: me)
        routes.post("customers", .writeCustomers, use: createCustomer)
        routes.get("customers", .readCustomers, use: listCustomers)
        routes.get("customers/:customer", .readCustomers, use: getCustomer)
        routes.patch("customers/:customer", .writeCustomers, use: updateCustomer)
        routes.post("customers/:customer/reveal", .readCustomers, use: revealCustomer)
        routes.get("agents", .readDirectory, use: listAgents)
        routes.get("agents/:agent", .readDirectory, use: getAgent)
        routes.get("teams", .readDirectory, use: listTeams)
        routes.get("teams/:team", .readDirectory, use: getTeam)
        routes.post("agents", .manageAgents, use: createAgent)
        routes.patch("agents/:agent", .manageAgents, use: updateAgent)
        routes.post("teams", .manageTeams, use: createTeam)
        routes.patch("teams/:team", .manageTeams, use: updateTeam)
    }

    @Sendable func me(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try .json(AgentResource(context.agent))
    }

    // MARK: Customers

    @Sendable func createCustomer(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: CustomerInput.self, limit: dependencies.limits.jsonBodyBytes)
        let now = dependencies.now()
        var customer = Customer(createdAt: now, updatedAt: now)
        try input.apply(to: &customer)
        // Names and account ids are free text: secrets in them are removed before anything is stored.
        customer = Self.withoutSecrets(customer, context: context)
        guard customer.hasContact else { throw DeskError.invalidField("email", reason: .required) }
        customer = try await dependencies.store.createCustomer(customer)
        return try .json(CustomerResource(customer).visible(to: context), status: .created, headers: [.location: "/api/v1/customers/\(customer.id)", .eTag: "\"\(customer.version)\""])
    }

    @Sendable func listCustomers(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let page = try await dependencies.store.customers(
            email: try request.query("email", EmailAddress.init(rawValue:)),
            phone: try request.query("phone", PhoneNumber.init(rawValue:)),
            walletAccountID: try request.query("walletAccountId") { $0 },
            after: try request.query("cursor", Cursor.decode),
            limit: try request.query("limit") { Int($0).flatMap { (1...200).contains($0) ? $0 : nil } } ?? 50
        )
        return try .json(PageResource(items: page.items.map { CustomerResource($0).visible(to: context) }, nextCursor: Cursor.encode(page.nextCursor)))
    }

    @Sendable func getCustomer(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let customer = try await dependencies.store.customer(try context.identifier("customer", entity: "customer", as: CustomerID.self))
        return try .json(CustomerResource(customer).visible(to: context), headers: [.eTag: "\"\(customer.version)\""])
    }

    /// The clear values, for an agent whose role sees them masked; always recorded in the audit log.
    @Sendable func revealCustomer(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.identifier("customer", entity: "customer", as: CustomerID.self)
        var request = request
        let input = try await request.decodeJSON(as: RevealInput.self, limit: 16 * 1024)
        let customer = try await dependencies.store.customer(id)
        let reason = SecretGuard().clean(input.reason, language: request.language).text
        try await dependencies.store.recordPIIReveal(of: id, by: context.actor, reason: reason, now: dependencies.now())
        return try .json(CustomerResource(customer), headers: [.cacheControl: "no-store"])
    }

    @Sendable func updateCustomer(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.identifier("customer", entity: "customer", as: CustomerID.self)
        var request = request
        let input = try await request.decodeJSON(as: CustomerInput.self, limit: dependencies.limits.jsonBodyBytes)
        let customer = try await dependencies.store.updateCustomer(id, expectedVersion: try request.expectedVersion(body: input.version), now: dependencies.now()) {
            try input.apply(to: &$0)
            $0 = Self.withoutSecrets($0, context: context)
            guard $0.hasContact else { throw DeskError.invalidField("email", reason: .required) }
        }
        return try .json(CustomerResource(customer).visible(to: context), headers: [.eTag: "\"\(customer.version)\""])
    }

    // MARK: Agents

    @Sendable func createAgent(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: AgentInput.self, limit: dependencies.limits.jsonBodyBytes)
        guard let rawName = input.name else { throw DeskError.invalidField("name", reason: .required) }
        guard let email = input.email else { throw DeskError.invalidField("email", reason: .required) }
        let now = dependencies.now()
        var teamID: TeamID?
        input.teamId.apply(to: &teamID)
        let role = input.role ?? .agent
        let agent = try await dependencies.store.createAgent(
            Agent(
                name: try validName(rawName), email: email, role: role, tier: input.tier ?? (role == .security ? .security : .l1), teamID: teamID,
                active: input.active ?? true, createdAt: now, updatedAt: now
            ),
            by: context.actor
        )
        return try .json(AgentResource(agent), status: .created, headers: [.location: "/api/v1/agents/\(agent.id)", .eTag: "\"\(agent.version)\""])
    }

    @Sendable func listAgents(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try .json(PageResource(items: try await dependencies.store.agents().map(AgentResource.init), nextCursor: nil))
    }

    @Sendable func getAgent(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let agent = try await dependencies.store.agent(try context.identifier("agent", entity: "agent", as: AgentID.self))
        return try .json(AgentResource(agent), headers: [.eTag: "\"\(agent.version)\""])
    }

    @Sendable func updateAgent(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.identifier("agent", entity: "agent", as: AgentID.self)
        var request = request
        let input = try await request.decodeJSON(as: AgentInput.self, limit: dependencies.limits.jsonBodyBytes)
        let selfID = context.agent.id
        let agent = try await dependencies.store.updateAgent(
            id, expectedVersion: try request.expectedVersion(body: input.version), by: context.actor, now: dependencies.now()
        ) { agent in
            if let name = input.name { agent.name = try validName(name) }
            if let email = input.email { agent.email = email }
            if let role = input.role { agent.role = role }
            if let tier = input.tier { agent.tier = tier }
            input.teamId.apply(to: &agent.teamID)
            if let active = input.active { agent.active = active }
            // An admin cannot lock themselves out by demoting or deactivating their own account.
            if agent.id == selfID, agent.role != .admin || !agent.active { throw DeskError.forbidden }
        }
        dependencies.tokenCache.clear()
        return try .json(AgentResource(agent), headers: [.eTag: "\"\(agent.version)\""])
    }

    // MARK: Teams

    @Sendable func createTeam(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: TeamInput.self, limit: dependencies.limits.jsonBodyBytes)
        guard let rawName = input.name else { throw DeskError.invalidField("name", reason: .required) }
        let now = dependencies.now()
        var description: String?
        input.description.apply(to: &description)
        let team = try await dependencies.store.createTeam(
            Team(name: try validName(rawName), description: description, createdAt: now, updatedAt: now), by: context.actor
        )
        return try .json(TeamResource(team), status: .created, headers: [.location: "/api/v1/teams/\(team.id)", .eTag: "\"\(team.version)\""])
    }

    @Sendable func listTeams(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try .json(PageResource(items: try await dependencies.store.teams().map(TeamResource.init), nextCursor: nil))
    }

    @Sendable func getTeam(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let team = try await dependencies.store.team(try context.identifier("team", entity: "team", as: TeamID.self))
        return try .json(TeamResource(team), headers: [.eTag: "\"\(team.version)\""])
    }

    @Sendable func updateTeam(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.identifier("team", entity: "team", as: TeamID.self)
        var request = request
        let input = try await request.decodeJSON(as: TeamInput.self, limit: dependencies.limits.jsonBodyBytes)
        let team = try await dependencies.store.updateTeam(
            id, expectedVersion: try request.expectedVersion(body: input.version), by: context.actor, now: dependencies.now()
        ) { team in
            if let name = input.name { team.name = try validName(name) }
            input.description.apply(to: &team.description)
        }
        return try .json(TeamResource(team), headers: [.eTag: "\"\(team.version)\""])
    }
}

extension DirectoryController {
    /// The customer with secrets removed from its free-text fields; only the kinds are logged.
    static func withoutSecrets(_ customer: Customer, context: AgentRequestContext) -> Customer {
        let (cleaned, findings) = SecretGuard().clean(customer, language: customer.language)
        if !findings.isEmpty {
            context.logger.warning(
                "secret removed from a customer record", metadata: ["kinds": "\(Set(findings.map(\.kind.rawValue)).sorted().joined(separator: ","))"]
            )
        }
        return cleaned
    }
}

struct RevealInput: JSONBody {
    /// Why the agent needs the clear values (kept in the audit log).
    var reason: String

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["reason"])
        let text = try json.required("reason", json.string).trimmingWhitespace()
        guard !text.isEmpty else { throw DeskError.invalidField(json.field("reason"), reason: .required) }
        guard text.count <= 500 else { throw DeskError.invalidField(json.field("reason"), reason: .tooLong) }
        reason = String(text)
    }
}
