import DeskCore
import Hummingbird

/// The context of every request: who is asking (if anyone yet) and in which language to answer.
public struct DeskRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The agent a valid bearer token belongs to; set by ``TokenAuthenticator``.
    public var agent: Agent?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }
}

/// The context of routes only agents may use: the agent is known, so handlers never check again.
public struct AgentRequestContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let agent: Agent

    public init(context: DeskRequestContext) throws {
        guard let agent = context.agent else { throw DeskError.unauthorized }
        self.coreContext = context.coreContext
        self.agent = agent
    }

    public var actor: Actor { .agent(agent.id) }
}

/// The context of admin-only routes.
public struct AdminRequestContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let agent: Agent

    public init(context: DeskRequestContext) throws {
        guard let agent = context.agent else { throw DeskError.unauthorized }
        guard agent.role == .admin else { throw DeskError.forbidden }
        self.coreContext = context.coreContext
        self.agent = agent
    }

    public var actor: Actor { .agent(agent.id) }
}

extension Request {
    /// The language to answer in, from `Accept-Language`; Simplified Chinese when nothing matches.
    var language: Language {
        Language.negotiate(headers[.acceptLanguage])
    }
}
