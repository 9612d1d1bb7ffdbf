import DeskCore
import DeskStore
import Foundation

/// What handlers need from the outside world, passed in so tests can control it (the clock above all).
public struct Dependencies: Sendable {
    public var store: any Store
    public var lifecycle: TicketLifecycle
    public var now: @Sendable () -> Date
    public var limits: Limits
    /// Passwords and sessions.
    public var accounts: AccountSettings
    /// Block-explorer links beside tx ids and addresses.
    public var explorers: ExplorerLinks
    /// This node's cache of recently seen tokens; cleared here when a token is revoked or an agent changes.
    let tokenCache = TokenCache()
    /// This node's snapshot of the official-channel registry for the public verify endpoints.
    let channelCache = ChannelRegistryCache()
    /// The workspace's message-signing key and fingerprint salt, loaded once.
    let safetyKeys = SafetyKeys()
    /// Encoded conversations served recently, checked against the ticket's history on every read.
    let conversations = ConversationCache()
    /// The server-rendered pages' templates, loaded once.
    let pages: WebPages
    /// How often one address may use the public checks (verify, message and call codes) on this node.
    let publicChecks: PublicCheckLimiter

    public init(
        store: any Store, lifecycle: TicketLifecycle, limits: Limits, accounts: AccountSettings = AccountSettings(),
        explorers: ExplorerLinks = .default, publicChecksPerMinute: Int = 60, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.publicChecks = PublicCheckLimiter(perMinute: publicChecksPerMinute)
        self.explorers = explorers
        self.accounts = accounts
        self.lifecycle = lifecycle
        self.limits = limits
        self.now = now
        do {
            self.pages = try WebPages.load()
        } catch {
            preconditionFailure("the page templates shipped with WalletDesk could not be loaded: \(error)")
        }
    }
}

/// Size limits for request bodies.
public struct Limits: Sendable {
    /// Largest JSON body.
    public var jsonBodyBytes: Int
    /// Largest attachment.
    public var attachmentBytes: Int

    public init(jsonBodyBytes: Int = 1 << 20, attachmentBytes: Int = Attachment.defaultMaxSize) {
        self.jsonBodyBytes = jsonBodyBytes
        self.attachmentBytes = attachmentBytes
    }
}

/// How agents and customers sign in: the bcrypt cost, how long sessions live, the key sealing TOTP secrets.
public struct AccountSettings: Sendable {
    public var bcryptCost: Int
    /// Agent sessions.
    public var sessions: SessionPolicy
    /// Customer sessions (default: 30 minutes idle, 24 hours at most).
    public var customerSessions: SessionPolicy
    /// Seals TOTP secrets before they are stored; the server's key, never in the database. Tests get a process-lifetime key.
    public var secretSealer: SecretSealer = .ephemeral()
    /// Always mark the session cookie `Secure` (otherwise only when the request came over TLS, as its proxy says).
    public var secureCookies: Bool
    /// How long a set-password code works.
    public var setupCodeLifetime: TimeInterval
    /// Delays and locks after failed sign-ins.
    public var throttle: ThrottlePolicy
    /// Wallet-app single sign-on, when a public key is configured.
    var walletSSO: WalletSSOVerifier?
    /// Password hashes waiting or running at most before sign-in answers 503 (see ``PasswordHasher``). Tests, which run
    /// many servers in one process sharing one hashing pool, raise it.
    public var hashingQueueLimit = PasswordHasher.defaultMaxWaiting
    /// Reverse proxies whose `X-Forwarded-For` names the client (``ClientAddressMiddleware``).
    public var trustedProxies = TrustedProxies.loopback

    public init(
        bcryptCost: Int = 12, sessions: SessionPolicy = SessionPolicy(), secureCookies: Bool = false, setupCodeLifetime: TimeInterval = 72 * 3600,
        throttle: ThrottlePolicy = ThrottlePolicy(), customerSessions: SessionPolicy = SessionPolicy(idle: 30 * 60, absolute: 24 * 3600)
    ) {
        self.customerSessions = customerSessions
        self.throttle = throttle
        self.walletSSO = nil
        self.bcryptCost = bcryptCost
        self.sessions = sessions
        self.secureCookies = secureCookies
        self.setupCodeLifetime = setupCodeLifetime
    }

    init(
        bcryptCost: Int, sessions: SessionPolicy, customerSessions: SessionPolicy, secureCookies: Bool, throttle: ThrottlePolicy,
        walletSSO: WalletSSOVerifier?, trustedProxies: TrustedProxies
    ) {
        self.init(bcryptCost: bcryptCost, sessions: sessions, secureCookies: secureCookies, throttle: throttle, customerSessions: customerSessions)
        self.walletSSO = walletSSO
        self.trustedProxies = trustedProxies
    }

    /// Turns wallet-app single sign-on on with a PEM public key (Ed25519 or P-256).
    public mutating func enableWalletSSO(publicKeyPEM: String, audience: String = "walletdesk", issuer: String? = nil) throws {
        walletSSO = try WalletSSOVerifier(publicKeyPEM: publicKeyPEM, audience: audience, issuer: issuer)
    }

    var passwords: PasswordHasher { PasswordHasher(cost: UInt8(bcryptCost), maxWaiting: hashingQueueLimit) }
}
