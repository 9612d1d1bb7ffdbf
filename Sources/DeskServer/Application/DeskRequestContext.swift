import DeskCore
import DeskStore
import Hummingbird
import NIOCore

/// The context of every request: who is asking (if anyone yet) and in which language to answer.
public struct DeskRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The agent behind a valid bearer token or session cookie; set by ``TokenAuthenticator`` or ``SessionAuthenticator``.
    public var authentication: AgentAuthentication?
    /// The customer behind a valid customer session cookie; set by ``CustomerAuthenticator`` on customer routes.
    public var customer: (customer: Customer, session: CustomerSession)?
    /// The peer of the connection (the proxy, when there is one).
    public let remoteAddress: SocketAddress?
    /// The event loop of the request's connection.
    public let connectionLoop: any EventLoop

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.connectionLoop = source.channel.eventLoop
    }

    /// The client's address behind trusted proxies, set by ``ClientAddressMiddleware``.
    public var clientAddress: String?

    /// The caller's address as text for sign-in records and per-address limits: the client's address when a trusted
    /// proxy named it, else the connection's peer; "unknown" when the connection has none (tests).
    var clientIP: String {
        clientAddress ?? remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Who an agent request is from and how they proved it.
public struct AgentAuthentication: Sendable {
    public enum Credential: Sendable {
        case token(TokenRecord)
        case session(AgentSession)
    }

    public var agent: Agent
    public var credential: Credential

    /// What the credential lets through: a token its scopes; a session everything the agent's role allows.
    public var scopes: Set<TokenScope> {
        switch credential {
        case .token(let token): token.scopes
        case .session: [.admin]
        }
    }
}

/// The context of routes only agents and integrations may use: the caller is known, so handlers never check again.
public struct AgentRequestContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let agent: Agent
    public let credential: AgentAuthentication.Credential
    public let scopes: Set<TokenScope>
    public let remoteAddress: SocketAddress?

    public init(context: DeskRequestContext) throws {
        guard let authentication = context.authentication else { throw DeskError.unauthorized }
        self.coreContext = context.coreContext
        self.agent = authentication.agent
        self.credential = authentication.credential
        self.scopes = authentication.scopes
        self.remoteAddress = context.remoteAddress
    }

    public var actor: Actor { .agent(agent.id) }

    /// The session behind this request, when it came with the session cookie rather than a token.
    public var session: AgentSession? {
        if case .session(let session) = credential { return session }
        return nil
    }

    /// Whether this caller may do `permission`: the agent's role and the token's scopes must both allow it.
    public func may(_ permission: Permission) -> Bool {
        PermissionMatrix.allows(agent.role, scopes: scopes, permission)
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
