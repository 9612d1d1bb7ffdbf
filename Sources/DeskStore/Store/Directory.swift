import DeskCore
import Foundation
import SQLKit

extension SQLDeskStore: DirectoryStore {
    // MARK: Customers

    public func createCustomer(_ customer: Customer) async throws -> Customer {
        try await mapDuplicates {
            try await self.database.write { sql in
                try await self.insertCustomer(customer, on: sql)
                return customer
            }
        }
    }

    func insertCustomer(_ customer: Customer, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO customers (\(unsafeRaw: Rows.customerColumns)) VALUES (\(bind: customer.id.description), \(bind: customer.name),
              \(bind: customer.email?.rawValue), \(bind: customer.phone?.rawValue), \(bind: customer.telegramID), \(bind: customer.wechatID),
              \(bind: customer.walletAccountID), \(bind: customer.language.rawValue), \(bind: customer.createdAt.microseconds),
              \(bind: customer.updatedAt.microseconds), \(bind: customer.version))
            """
        ).run()
    }

    public func customer(_ id: CustomerID) async throws -> Customer {
        try await database.read { sql in
            guard let row = try await sql.raw("SELECT \(unsafeRaw: Rows.customerColumns) FROM customers WHERE id = \(bind: id.description)").first() else {
                throw DeskError.notFound(entity: "customer")
            }
            return try Rows.customer(row)
        }
    }

    public func customers(
        email: EmailAddress?, phone: PhoneNumber?, walletAccountID: String?, after cursor: String?, limit: Int
    ) async throws -> Page<Customer> {
        let limit = max(1, min(limit, 200))
        return try await database.read { sql in
            var statement = SQLQueryString("SELECT \(unsafeRaw: Rows.customerColumns) FROM customers WHERE 1 = 1")
            if let email { statement.appendLiteral(" AND email = "); statement.appendInterpolation(bind: email.rawValue) }
            if let phone { statement.appendLiteral(" AND phone = "); statement.appendInterpolation(bind: phone.rawValue) }
            if let walletAccountID { statement.appendLiteral(" AND wallet_account_id = "); statement.appendInterpolation(bind: walletAccountID) }
            // Cursor: "<created_at>:<id>" of the last customer on the previous page (newest first).
            if let cursor {
                guard let colon = cursor.firstIndex(of: ":"), let created = Int64(cursor[..<colon]) else {
                    throw DeskError.invalidField("cursor", reason: .invalidValue)
                }
                let id = String(cursor[cursor.index(after: colon)...])
                statement.appendLiteral(" AND (created_at < ")
                statement.appendInterpolation(bind: created)
                statement.appendLiteral(" OR (created_at = ")
                statement.appendInterpolation(bind: created)
                statement.appendLiteral(" AND id < ")
                statement.appendInterpolation(bind: id)
                statement.appendLiteral("))")
            }
            statement.appendLiteral(" ORDER BY created_at DESC, id DESC LIMIT ")
            statement.appendInterpolation(bind: limit + 1)
            var customers = try await sql.raw(statement).all().map(Rows.customer)
            var next: String?
            if customers.count > limit {
                customers.removeLast()
                next = customers.last.map { "\($0.createdAt.microseconds):\($0.id)" }
            }
            return Page(items: customers, nextCursor: next)
        }
    }

    public func updateCustomer(
        _ id: CustomerID, expectedVersion: Int?, now: Date, change: @escaping @Sendable (inout Customer) throws -> Void
    ) async throws -> Customer {
        let forUpdate = dialect.forUpdate
        return try await mapDuplicates {
            try await self.database.write { sql in
                guard let row = try await sql.raw(
                    "SELECT \(unsafeRaw: Rows.customerColumns) FROM customers WHERE id = \(bind: id.description)\(unsafeRaw: forUpdate)"
                ).first() else { throw DeskError.notFound(entity: "customer") }
                let before = try Rows.customer(row)
                if let expectedVersion, expectedVersion != before.version { throw DeskError.versionConflict(current: before.version) }
                var after = before
                try change(&after)
                after.id = before.id
                guard after != before else { return before }
                after.version = before.version + 1
                after.updatedAt = now
                try await sql.raw(
                    """
                    UPDATE customers SET name = \(bind: after.name), email = \(bind: after.email?.rawValue), phone = \(bind: after.phone?.rawValue),
                      telegram_id = \(bind: after.telegramID), wechat_id = \(bind: after.wechatID), wallet_account_id = \(bind: after.walletAccountID),
                      language = \(bind: after.language.rawValue), updated_at = \(bind: now.microseconds), version = \(bind: after.version)
                    WHERE id = \(bind: id.description)
                    """
                ).run()
                let identifiers = { (customer: Customer) in
                    [customer.name, customer.email?.rawValue, customer.phone?.rawValue, customer.walletAccountID, customer.telegramID, customer.wechatID]
                }
                if identifiers(after) != identifiers(before) { try await self.reindexTickets(of: after, on: sql) }
                return after
            }
        }
    }

    // MARK: Agents

    public func createAgent(_ agent: Agent, by actor: Actor) async throws -> Agent {
        try await mapDuplicates {
            try await self.database.write { sql in
                try await self.checkReferences(assignee: nil, team: agent.teamID, on: sql)
                try await self.insertAgent(agent, on: sql)
                try await self.audit(
                    "agent.created", actor: actor, target: "agent:\(agent.id)",
                    details: ["email": agent.email.rawValue, "role": agent.role.rawValue, "tier": agent.tier.rawValue], at: agent.createdAt, on: sql
                )
                return agent
            }
        }
    }

    func insertAgent(_ agent: Agent, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO agents (\(unsafeRaw: Rows.agentColumns)) VALUES (\(bind: agent.id.description), \(bind: agent.name),
              \(bind: agent.email.rawValue), \(bind: agent.role.rawValue), \(bind: agent.tier.rawValue), \(bind: agent.teamID?.description),
              \(bind: agent.active ? 1 : 0), \(bind: agent.createdAt.microseconds), \(bind: agent.updatedAt.microseconds), \(bind: agent.version))
            """
        ).run()
    }

    public func agent(_ id: AgentID) async throws -> Agent {
        try await database.read { sql in
            guard let row = try await sql.raw("SELECT \(unsafeRaw: Rows.agentColumns) FROM agents WHERE id = \(bind: id.description)").first() else {
                throw DeskError.notFound(entity: "agent")
            }
            return try Rows.agent(row)
        }
    }

    public func agents() async throws -> [Agent] {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Rows.agentColumns) FROM agents ORDER BY name, id LIMIT 5000").all().map(Rows.agent)
        }
    }

    public func updateAgent(
        _ id: AgentID, expectedVersion: Int?, by actor: Actor, now: Date, change: @escaping @Sendable (inout Agent) throws -> Void
    ) async throws -> Agent {
        let forUpdate = dialect.forUpdate
        return try await mapDuplicates {
            try await self.database.write { sql in
                guard let row = try await sql.raw(
                    "SELECT \(unsafeRaw: Rows.agentColumns) FROM agents WHERE id = \(bind: id.description)\(unsafeRaw: forUpdate)"
                ).first() else { throw DeskError.notFound(entity: "agent") }
                let before = try Rows.agent(row)
                if let expectedVersion, expectedVersion != before.version { throw DeskError.versionConflict(current: before.version) }
                var after = before
                try change(&after)
                after.id = before.id
                guard after != before else { return before }
                if after.teamID != before.teamID { try await self.checkReferences(assignee: nil, team: after.teamID, on: sql) }
                after.version = before.version + 1
                after.updatedAt = now
                try await sql.raw(
                    """
                    UPDATE agents SET name = \(bind: after.name), email = \(bind: after.email.rawValue), role = \(bind: after.role.rawValue),
                      tier = \(bind: after.tier.rawValue), team_id = \(bind: after.teamID?.description), active = \(bind: after.active ? 1 : 0),
                      updated_at = \(bind: now.microseconds), version = \(bind: after.version)
                    WHERE id = \(bind: id.description)
                    """
                ).run()
                try await self.announceAccessChange(on: sql)
                var details: [String: String] = [:]
                if before.role != after.role { details["role"] = "\(before.role.rawValue)→\(after.role.rawValue)" }
                if before.tier != after.tier { details["tier"] = "\(before.tier.rawValue)→\(after.tier.rawValue)" }
                if before.active != after.active { details["active"] = "\(before.active)→\(after.active)" }
                if before.email != after.email { details["email"] = "\(before.email.rawValue)→\(after.email.rawValue)" }
                if !details.isEmpty {
                    try await self.audit("agent.updated", actor: actor, target: "agent:\(id)", details: details, at: now, on: sql)
                }
                return after
            }
        }
    }

    // MARK: Teams

    public func createTeam(_ team: Team, by actor: Actor) async throws -> Team {
        try await mapDuplicates {
            try await self.database.write { sql in
                try await sql.raw(
                    """
                    INSERT INTO teams (\(unsafeRaw: Rows.teamColumns)) VALUES (\(bind: team.id.description), \(bind: team.name), \(bind: team.description),
                      \(bind: team.createdAt.microseconds), \(bind: team.updatedAt.microseconds), \(bind: team.version))
                    """
                ).run()
                try await self.audit("team.created", actor: actor, target: "team:\(team.id)", details: ["name": team.name], at: team.createdAt, on: sql)
                return team
            }
        }
    }

    public func team(_ id: TeamID) async throws -> Team {
        try await database.read { sql in
            guard let row = try await sql.raw("SELECT \(unsafeRaw: Rows.teamColumns) FROM teams WHERE id = \(bind: id.description)").first() else {
                throw DeskError.notFound(entity: "team")
            }
            return try Rows.team(row)
        }
    }

    public func teams() async throws -> [Team] {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Rows.teamColumns) FROM teams ORDER BY name, id LIMIT 1000").all().map(Rows.team)
        }
    }

    public func updateTeam(
        _ id: TeamID, expectedVersion: Int?, by actor: Actor, now: Date, change: @escaping @Sendable (inout Team) throws -> Void
    ) async throws -> Team {
        let forUpdate = dialect.forUpdate
        return try await mapDuplicates {
            try await self.database.write { sql in
                guard let row = try await sql.raw(
                    "SELECT \(unsafeRaw: Rows.teamColumns) FROM teams WHERE id = \(bind: id.description)\(unsafeRaw: forUpdate)"
                ).first() else { throw DeskError.notFound(entity: "team") }
                let before = try Rows.team(row)
                if let expectedVersion, expectedVersion != before.version { throw DeskError.versionConflict(current: before.version) }
                var after = before
                try change(&after)
                after.id = before.id
                guard after != before else { return before }
                after.version = before.version + 1
                after.updatedAt = now
                try await sql.raw(
                    """
                    UPDATE teams SET name = \(bind: after.name), description = \(bind: after.description), updated_at = \(bind: now.microseconds),
                      version = \(bind: after.version) WHERE id = \(bind: id.description)
                    """
                ).run()
                if before.name != after.name {
                    try await self.audit("team.renamed", actor: actor, target: "team:\(id)", details: ["name": "\(before.name)→\(after.name)"], at: now, on: sql)
                }
                return after
            }
        }
    }

    /// Turns unique-constraint violations into a 409 naming the field.
    func mapDuplicates<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DeskError {
            throw error
        } catch {
            guard Self.isUniqueViolation(error) else { throw error }
            let text = String(reflecting: error)
            for (needle, field) in [("email", "email"), ("phone", "phone"), ("wallet", "walletAccountId"), ("name", "name")] where text.contains(needle) {
                throw DeskError.duplicate(field: field)
            }
            throw DeskError.duplicate(field: "id")
        }
    }
}
