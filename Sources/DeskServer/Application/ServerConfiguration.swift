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

    public init() {}

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

        public init(
            hostname: String? = nil, port: Int? = nil, dataDirectory: String? = nil, databaseURL: String? = nil, logLevel: String? = nil,
            configFile: String? = nil, starterKnowledgeBase: Bool? = nil
        ) {
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
    }

    mutating func apply(flags: Overrides) throws {
        if let value = flags.hostname { hostname = value }
        if let value = flags.port { port = value }
        if let value = flags.dataDirectory { dataDirectory = value }
        if let value = flags.databaseURL { databaseURL = value }
        if let value = flags.logLevel { logLevel = try Self.level(value) }
        if let value = flags.starterKnowledgeBase { starterKnowledgeBase = value }
    }

    static func int(_ text: String, _ name: String) throws -> Int {
        guard let value = Int(text), value >= 0 else { throw ConfigurationError.invalid(name, text) }
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
