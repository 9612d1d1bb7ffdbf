import DeskCore
import Foundation
import Logging

/// Everything the server is told at start, read once into one typed value.
///
/// Precedence: command-line flags, then `WALLETDESK_*` environment variables, then the JSON file named by `--config`
/// (or `WALLETDESK_CONFIG`), then defaults. See README.md for the list.
public struct ServerConfiguration: Sendable, Equatable {
    public var hostname = "127.0.0.1"
    public var port = 8080
    public var dataDirectory = "walletdesk-data"
    /// `postgres://…` for PostgreSQL; nil means SQLite in the data directory.
    public var databaseURL: String?
    public var logLevel: Logger.Level = .info
    /// Days after "solved" during which a customer reply reopens a ticket.
    public var reopenWindowDays: Double = 7
    public var maxJSONBodyBytes = 1 << 20
    public var maxAttachmentBytes = 25 * 1024 * 1024
    /// `PRAGMA synchronous=FULL` for SQLite (survives power loss, slower); NORMAL survives process crashes.
    public var sqliteSynchronousFull = false
    /// Load the starter knowledge base on first start when the knowledge base is empty.
    public var starterKnowledgeBase = true
    /// bcrypt work factor for agent passwords (4–31). Each step doubles the time; tests use the minimum.
    public var bcryptCost = 12
    /// Minutes without a request after which a signed-in session ends.
    public var sessionIdleMinutes = 30
    /// Hours after signing in after which a session ends whatever happens.
    public var sessionAbsoluteHours = 12
    /// The same two limits for customer sessions (shorter idle use on shared phones, a day at most).
    public var customerSessionIdleMinutes = 30
    public var customerSessionAbsoluteHours = 24
    /// The key that seals TOTP secrets at rest (32 bytes, hex or base64), or a file holding it; neither means
    /// `<dataDirectory>/secret.key`, made on the first start. See ``secretSealer(logger:)``.
    public var secretKey: String?
    public var secretKeyFile: String?
    /// Mark session cookies `Secure` even when requests do not say they came over TLS (set this behind a TLS proxy).
    public var secureCookies = false
    /// Failed sign-ins (passwords or codes) on one account before it is locked for a while.
    public var signInLockAfter = 10
    /// How long such a lock lasts.
    public var signInLockMinutes = 15
    /// The wallet backend's public key (PEM, Ed25519 or P-256) for wallet-app single sign-on; nil turns it off.
    public var walletSSOPublicKey: String?
    /// The `aud` wallet-app tokens must name.
    public var walletSSOAudience = "walletdesk"
    /// The `iss` wallet-app tokens must name, if set.
    public var walletSSOIssuer: String?
    /// Outgoing mail (SMTP server, sender, retries); see ServerConfiguration+Mail.swift.
    public var mail = MailConfiguration()
    /// Reverse proxies whose `X-Forwarded-For` names the client (default: loopback, a proxy on the same host).
    public var trustedProxies = TrustedProxies.loopback
    /// Block-explorer link templates per chain, for the links shown beside a ticket's tx id and address. The file's
    /// `explorers` object replaces the chains it names: `{"tron": {"tx": "https://…/{value}", "address": "…"}}`.
    public var explorers = ExplorerLinks.default
    /// Public checks (verify a channel, a message code, a call code) one client address may make a minute on one node;
    /// 0 turns the limit off.
    public var publicChecksPerMinute = 60

    public init() {}

    /// The account settings handlers use; throws when the wallet-app key cannot be read.
    public func accountSettings() throws -> AccountSettings {
        var sso: WalletSSOVerifier?
        if let pem = walletSSOPublicKey {
            do {
                sso = try WalletSSOVerifier(publicKeyPEM: pem, audience: walletSSOAudience, issuer: walletSSOIssuer)
            } catch {
                throw ConfigurationError.invalid("wallet SSO public key", "not an Ed25519 or P-256 PEM public key")
            }
        }
        return AccountSettings(
            bcryptCost: bcryptCost,
            sessions: SessionPolicy(idle: TimeInterval(sessionIdleMinutes * 60), absolute: TimeInterval(sessionAbsoluteHours * 3600)),
            customerSessions: SessionPolicy(idle: TimeInterval(customerSessionIdleMinutes * 60), absolute: TimeInterval(customerSessionAbsoluteHours * 3600)),
            secureCookies: secureCookies,
            throttle: {
                var throttle = ThrottlePolicy()
                throttle.accountLockAfter = signInLockAfter
                throttle.lockDuration = TimeInterval(signInLockMinutes * 60)
                return throttle
            }(),
            walletSSO: sso,
            trustedProxies: trustedProxies
        )
    }

    /// The database URL in effect: the configured one, or the SQLite file in the data directory.
    public var effectiveDatabaseURL: String {
        databaseURL ?? URL(fileURLWithPath: dataDirectory).appendingPathComponent("walletdesk.sqlite").path
    }

    /// Values from flags; nil means "not given".
    public struct Overrides: Sendable {
        public var hostname: String?
        public var port: Int?
        public var dataDirectory: String?
        public var databaseURL: String?
        public var logLevel: String?
        public var configFile: String?
        public var starterKnowledgeBase: Bool?
        public var secretKeyFile: String?
        public var mail = MailConfiguration.Overrides()

        public init(
            hostname: String? = nil, port: Int? = nil, dataDirectory: String? = nil, databaseURL: String? = nil, logLevel: String? = nil,
            configFile: String? = nil, starterKnowledgeBase: Bool? = nil, secretKeyFile: String? = nil
        ) {
            self.secretKeyFile = secretKeyFile
            self.starterKnowledgeBase = starterKnowledgeBase
            self.hostname = hostname
            self.port = port
            self.dataDirectory = dataDirectory
            self.databaseURL = databaseURL
            self.logLevel = logLevel
            self.configFile = configFile
        }
    }

    /// Reads the configuration: flags over environment over file over defaults.
    public static func load(flags: Overrides, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        if let path = flags.configFile ?? environment["WALLETDESK_CONFIG"] {
            try configuration.apply(file: path)
        }
        try configuration.apply(environment: environment)
        try configuration.apply(flags: flags)
        return configuration
    }

    mutating func apply(file path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let file = try JSONDecoder().decode(File.self, from: data)
        if let value = file.hostname { hostname = value }
        if let value = file.port { port = value }
        if let value = file.dataDirectory { dataDirectory = value }
        if let value = file.databaseURL { databaseURL = value }
        if let value = file.logLevel { logLevel = try Self.level(value) }
        if let value = file.reopenWindowDays { reopenWindowDays = value }
        if let value = file.maxJSONBodyBytes { maxJSONBodyBytes = value }
        if let value = file.maxAttachmentBytes { maxAttachmentBytes = value }
        if let value = file.sqliteSynchronousFull { sqliteSynchronousFull = value }
        if let value = file.starterKnowledgeBase { starterKnowledgeBase = value }
        if let value = file.bcryptCost { bcryptCost = try Self.cost(value) }
        if let value = file.sessionIdleMinutes { sessionIdleMinutes = try Self.positive(value, "sessionIdleMinutes") }
        if let value = file.sessionAbsoluteHours { sessionAbsoluteHours = try Self.positive(value, "sessionAbsoluteHours") }
        if let value = file.secureCookies { secureCookies = value }
        if let value = file.customerSessionIdleMinutes { customerSessionIdleMinutes = try Self.positive(value, "customerSessionIdleMinutes") }
        if let value = file.customerSessionAbsoluteHours { customerSessionAbsoluteHours = try Self.positive(value, "customerSessionAbsoluteHours") }
        if let value = file.secretKeyFile { secretKeyFile = value }
        if let value = file.signInLockAfter { signInLockAfter = try Self.positive(value, "signInLockAfter") }
        if let value = file.signInLockMinutes { signInLockMinutes = try Self.positive(value, "signInLockMinutes") }
        if let value = file.walletSSOPublicKey { walletSSOPublicKey = try Self.pem(value) }
        if let value = file.walletSSOAudience { walletSSOAudience = value }
        if let value = file.walletSSOIssuer { walletSSOIssuer = value }
        if let value = file.trustedProxies { trustedProxies = try Self.proxies(value, "trustedProxies") }
        if let value = file.publicChecksPerMinute { publicChecksPerMinute = try Self.nonNegative(value, "publicChecksPerMinute") }
        for (name, templates) in (file.explorers ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let chain = Chain(rawValue: name) else {
                throw ConfigurationError.invalid("explorers", "\(name) is not a chain (\(Chain.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            do {
                try explorers.set(chain, ExplorerLinks.Templates(tx: templates.tx, address: templates.address))
            } catch .invalidTemplate(let template) {
                throw ConfigurationError.invalid("explorers.\(name)", "\(template) is not an http(s) URL with {value} after the host")
            }
        }
        try mail.apply(file: path)
    }

    mutating func apply(environment: [String: String]) throws {
        if let value = environment["WALLETDESK_HOSTNAME"] { hostname = value }
        if let value = environment["WALLETDESK_PORT"] { port = try Self.int(value, "WALLETDESK_PORT") }
        if let value = environment["WALLETDESK_DATA_DIR"] { dataDirectory = value }
        if let value = environment["WALLETDESK_DATABASE_URL"], !value.isEmpty { databaseURL = value }
        if let value = environment["WALLETDESK_LOG_LEVEL"] { logLevel = try Self.level(value) }
        if let value = environment["WALLETDESK_REOPEN_WINDOW_DAYS"] {
            guard let days = Double(value), days >= 0 else { throw ConfigurationError.invalid("WALLETDESK_REOPEN_WINDOW_DAYS", value) }
            reopenWindowDays = days
        }
        if let value = environment["WALLETDESK_MAX_ATTACHMENT_BYTES"] { maxAttachmentBytes = try Self.int(value, "WALLETDESK_MAX_ATTACHMENT_BYTES") }
        if let value = environment["WALLETDESK_SQLITE_SYNC"] { sqliteSynchronousFull = value.lowercased() == "full" }
        if let value = environment["WALLETDESK_STARTER_KB"] {
            switch value.lowercased() {
            case "1", "true", "yes", "on": starterKnowledgeBase = true
            case "0", "false", "no", "off": starterKnowledgeBase = false
            default: throw ConfigurationError.invalid("WALLETDESK_STARTER_KB", value)
            }
        }
        if let value = environment["WALLETDESK_BCRYPT_COST"] { bcryptCost = try Self.cost(try Self.int(value, "WALLETDESK_BCRYPT_COST")) }
        if let value = environment["WALLETDESK_SESSION_IDLE_MINUTES"] {
            sessionIdleMinutes = try Self.positive(try Self.int(value, "WALLETDESK_SESSION_IDLE_MINUTES"), "WALLETDESK_SESSION_IDLE_MINUTES")
        }
        if let value = environment["WALLETDESK_SESSION_ABSOLUTE_HOURS"] {
            sessionAbsoluteHours = try Self.positive(try Self.int(value, "WALLETDESK_SESSION_ABSOLUTE_HOURS"), "WALLETDESK_SESSION_ABSOLUTE_HOURS")
        }
        for (name, minutes) in [("WALLETDESK_CUSTOMER_SESSION_IDLE_MINUTES", true), ("WALLETDESK_CUSTOMER_SESSION_ABSOLUTE_HOURS", false)] {
            guard let value = environment[name] else { continue }
            let number = try Self.positive(try Self.int(value, name), name)
            if minutes { customerSessionIdleMinutes = number } else { customerSessionAbsoluteHours = number }
        }
        if let value = environment["WALLETDESK_SECRET_KEY"], !value.isEmpty { secretKey = value }
        if let value = environment["WALLETDESK_SECRET_KEY_FILE"], !value.isEmpty { secretKeyFile = value }
        if let value = environment["WALLETDESK_SIGNIN_LOCK_AFTER"] {
            signInLockAfter = try Self.positive(try Self.int(value, "WALLETDESK_SIGNIN_LOCK_AFTER"), "WALLETDESK_SIGNIN_LOCK_AFTER")
        }
        if let value = environment["WALLETDESK_SIGNIN_LOCK_MINUTES"] {
            signInLockMinutes = try Self.positive(try Self.int(value, "WALLETDESK_SIGNIN_LOCK_MINUTES"), "WALLETDESK_SIGNIN_LOCK_MINUTES")
        }
        if let value = environment["WALLETDESK_WALLET_SSO_PUBLIC_KEY"], !value.isEmpty { walletSSOPublicKey = try Self.pem(value) }
        if let value = environment["WALLETDESK_WALLET_SSO_AUDIENCE"], !value.isEmpty { walletSSOAudience = value }
        if let value = environment["WALLETDESK_WALLET_SSO_ISSUER"], !value.isEmpty { walletSSOIssuer = value }
        if let value = environment["WALLETDESK_PUBLIC_CHECKS_PER_MINUTE"] {
            publicChecksPerMinute = try Self.nonNegative(try Self.int(value, "WALLETDESK_PUBLIC_CHECKS_PER_MINUTE"), "WALLETDESK_PUBLIC_CHECKS_PER_MINUTE")
        }
        if let value = environment["WALLETDESK_TRUSTED_PROXIES"] {
            trustedProxies = try Self.proxies(value.split(separator: ",").map(String.init), "WALLETDESK_TRUSTED_PROXIES")
        }
        if let value = environment["WALLETDESK_SECURE_COOKIES"] { secureCookies = ["1", "true", "yes"].contains(value.lowercased()) }
        try mail.apply(environment: environment)
    }

    mutating func apply(flags: Overrides) throws {
        if let value = flags.hostname { hostname = value }
        if let value = flags.port { port = value }
        if let value = flags.dataDirectory { dataDirectory = value }
        if let value = flags.databaseURL { databaseURL = value }
        if let value = flags.logLevel { logLevel = try Self.level(value) }
        if let value = flags.starterKnowledgeBase { starterKnowledgeBase = value }
        if let value = flags.secretKeyFile { secretKeyFile = value }
        try mail.apply(flags: flags.mail)
    }

    static func int(_ text: String, _ name: String) throws -> Int {
        guard let value = Int(text), value >= 0 else { throw ConfigurationError.invalid(name, text) }
        return value
    }

    /// A PEM given inline, or the path of a file holding it.
    static func pem(_ value: String) throws -> String {
        if value.hasPrefix("-----BEGIN") { return value }
        guard let text = try? String(contentsOfFile: value, encoding: .utf8) else { throw ConfigurationError.invalid("wallet SSO public key file", value) }
        return text
    }

    static func cost(_ value: Int) throws -> Int {
        guard (4...31).contains(value) else { throw ConfigurationError.invalid("bcrypt cost", String(value)) }
        return value
    }

    /// Addresses or ranges (`10.0.0.0/8`, `::1`); an empty list trusts no proxy.
    static func proxies(_ entries: [String], _ name: String) throws -> TrustedProxies {
        switch TrustedProxies.parse(entries) {
        case .success(let proxies): return proxies
        case .failure(let invalid): throw ConfigurationError.invalid(name, "\(invalid.text) is not an IP address or range such as 10.0.0.0/8")
        }
    }

    static func nonNegative(_ value: Int, _ name: String) throws -> Int {
        guard value >= 0 else { throw ConfigurationError.invalid(name, "\(value) (0 or more)") }
        return value
    }

    static func positive(_ value: Int, _ name: String) throws -> Int {
        guard value > 0 else { throw ConfigurationError.invalid(name, String(value)) }
        return value
    }

    static func level(_ text: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else { throw ConfigurationError.invalid("log level", text) }
        return level
    }

    struct File: Decodable {
        var hostname: String?
        var port: Int?
        var dataDirectory: String?
        var databaseURL: String?
        var logLevel: String?
        var reopenWindowDays: Double?
        var maxJSONBodyBytes: Int?
        var maxAttachmentBytes: Int?
        var sqliteSynchronousFull: Bool?
        var starterKnowledgeBase: Bool?
        var bcryptCost: Int?
        var sessionIdleMinutes: Int?
        var sessionAbsoluteHours: Int?
        var secureCookies: Bool?
        var customerSessionIdleMinutes: Int?
        var customerSessionAbsoluteHours: Int?
        var secretKeyFile: String?
        var signInLockAfter: Int?
        var signInLockMinutes: Int?
        var walletSSOPublicKey: String?
        var walletSSOAudience: String?
        var walletSSOIssuer: String?
        var trustedProxies: [String]?
        var publicChecksPerMinute: Int?
        var explorers: [String: ExplorerTemplates]?
    }

    struct ExplorerTemplates: Decodable {
        var tx: String
        var address: String
    }
}

public enum ConfigurationError: Error, CustomStringConvertible {
    case invalid(String, String)

    public var description: String {
        switch self {
        case .invalid(let name, let value): "invalid value for \(name): \(value)"
        }
    }
}
