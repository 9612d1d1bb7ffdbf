import DeskCore
import DeskStore
import Hummingbird

/// The context of every request: who is asking (if anyone yet) and in which language to answer.
public struct DeskRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The agent and token behind a valid bearer token; set by ``TokenAuthenticator``.
    public var authentication: AuthenticatedToken?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }
}

/// The context of routes only agents and integrations may use: the caller is known, so handlers never check again.
public struct AgentRequestContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let agent: Agent
    public let token: TokenRecord

    public init(context: DeskRequestContext) throws {
        guard let authentication = context.authentication else { throw DeskError.unauthorized }
        self.coreContext = context.coreContext
        self.agent = authentication.agent
        self.token = authentication.token
    }

    public var actor: Actor { .agent(agent.id) }

    /// Whether this caller may do `permission`: the agent's role and the token's scopes must both allow it.
    public func may(_ permission: Permission) -> Bool {
        PermissionMatrix.allows(agent.role, scopes: token.scopes, permission)
    }

    /// Throws 403 unless this caller may do `permission`.
    public func require(_ permission: Permission) throws {
        guard may(permission) else { throw DeskError.forbidden }
    }
}

extension Request {
    /// The language to answer in, from `Accept-Language`; Simplified Chinese when nothing matches.
    var language: Language {
        Language.negotiate(headers[.acceptLanguage])
    }
}
