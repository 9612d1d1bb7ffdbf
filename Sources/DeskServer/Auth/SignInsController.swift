import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// Sign-in history (one's own, or any agent's for admins) and brute-force locks: seen and lifted by admins.
struct SignInsController {
    let dependencies: Dependencies

    func addRoutes(to routes: GuardedRoutes) {
        routes.get("me/sign-ins", .ownAccount, use: mine)
        routes.get("agents/:agent/sign-ins", .manageAgents, use: agentSignIns)
        routes.get("agents/:agent/sign-in-lock", .manageAgents, use: agentLock)
        routes.delete("agents/:agent/sign-in-lock", .manageAgents, use: unlockAgent)
        routes.get("sign-in-locks", .manageAgents, use: locks)
    }

    func limit(_ request: Request) throws -> Int {
        try request.query("limit") { Int($0).flatMap { (1...500).contains($0) ? $0 : nil } } ?? 50
    }

    @Sendable func mine(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let records = try await dependencies.store.signIns(of: context.agent.id, limit: try limit(request))
        return try .json(PageResource(items: records.map(SignInResource.init), nextCursor: nil))
    }

    @Sendable func agentSignIns(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let agent = try await dependencies.store.agent(try context.identifier("agent", entity: "agent", as: AgentID.self))
        let records = try await dependencies.store.signIns(of: agent.id, limit: try limit(request))
        return try .json(PageResource(items: records.map(SignInResource.init), nextCursor: nil))
    }

    @Sendable func agentLock(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let agent = try await dependencies.store.agent(try context.identifier("agent", entity: "agent", as: AgentID.self))
        let key = FailureCounter.account(agent.email.rawValue)
        let counter = try await dependencies.store.failureCounters(keys: [key]).first
        return try .json(LockResource(counter ?? FailureCounter(key: key, failures: 0, lastFailureAt: Date(timeIntervalSince1970: 0)), now: dependencies.now()))
    }

    @Sendable func unlockAgent(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let agent = try await dependencies.store.agent(try context.identifier("agent", entity: "agent", as: AgentID.self))
        let key = FailureCounter.account(agent.email.rawValue)
        _ = try await dependencies.store.unlock(key: key, by: context.actor, now: dependencies.now())
        return try .json(LockResource(FailureCounter(key: key, failures: 0, lastFailureAt: dependencies.now()), now: dependencies.now()))
    }

    @Sendable func locks(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let now = dependencies.now()
        return try .json(PageResource(items: try await dependencies.store.locks(now: now).map { LockResource($0, now: now) }, nextCursor: nil))
    }
}

struct SignInResource: Codable, Sendable {
    var id: Int64
    var at: Date
    var ip: String
    var userAgent: String
    var success: Bool
    var reason: String

    init(_ record: SignInRecord) {
        id = record.id
        at = record.at
        ip = record.ip
        userAgent = record.userAgent
        success = record.success
        reason = record.reason
    }
}

struct LockResource: Codable, Sendable {
    /// `account:<email>` or `ip:<address>`.
    var key: String
    var locked: Bool
    var lockedUntil: Date?
    var reason: String?
    var failures: Int

    init(_ counter: FailureCounter, now: Date) {
        key = counter.key
        locked = counter.lockedUntil.map { now < $0 } ?? false
        lockedUntil = locked ? counter.lockedUntil : nil
        reason = locked ? counter.reason : nil
        failures = counter.failures
    }
}
