import DeskChannels
import DeskCore
import Foundation

/// Outgoing mail: the SMTP server, how it is secured, the sender, and the retry policy.
///
/// The password lives only inside ``SMTPServer``, whose description masks it, so the configuration can be logged.
public struct MailConfiguration: Sendable, Equatable {
    /// `smtp[s]://user:pass@host:port`; nil: mail is not delivered and stays in the outbox.
    public var server: SMTPServer?
    /// `required` / `optional` / `off`; nil: required unless the host is this machine.
    public var startTLS: SMTPStartTLS?
    /// A PEM file of extra certificate authorities to trust (a private CA or a self-signed test server).
    public var caFile: String?
    /// The sender, `Name <address>` or an address.
    public var from: MailAddress?
    public var policy = DeliveryPolicy()

    public init() {}

    /// The server with STARTTLS and the CA file applied, and the sender, when delivery is configured.
    public func delivery() throws -> (server: SMTPServer, from: MailAddress)? {
        guard var server else { return nil }
        guard let from else { throw ConfigurationError.invalid("mail sender", "--mail-from (WALLETDESK_MAIL_FROM) is required with an SMTP server") }
        if !server.implicitTLS, let startTLS { server.startTLS = startTLS }
        server.caFile = caFile
        return (server, from)
    }

    /// Flags for mail; nil means "not given".
    public struct Overrides: Sendable {
        public var smtpURL: String?
        public var startTLS: String?
        public var caFile: String?
        public var from: String?

        public init(smtpURL: String? = nil, startTLS: String? = nil, caFile: String? = nil, from: String? = nil) {
            self.smtpURL = smtpURL
            self.startTLS = startTLS
            self.caFile = caFile
            self.from = from
        }
    }

    struct File: Decodable {
        var smtpURL: String?
        var smtpStartTLS: String?
        var smtpCAFile: String?
        var mailFrom: String?
        var mailRetryBaseSeconds: Int?
        var mailMaxAttempts: Int?
    }

    mutating func apply(file path: String) throws {
        let file = try JSONDecoder().decode(File.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
        try apply(smtpURL: file.smtpURL, startTLS: file.smtpStartTLS, caFile: file.smtpCAFile, from: file.mailFrom)
        if let value = file.mailRetryBaseSeconds { policy.baseDelay = TimeInterval(try ServerConfiguration.positive(value, "mailRetryBaseSeconds")) }
        if let value = file.mailMaxAttempts { policy.maxAttempts = try ServerConfiguration.positive(value, "mailMaxAttempts") }
    }

    mutating func apply(environment: [String: String]) throws {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        try apply(
            smtpURL: value("WALLETDESK_SMTP_URL"), startTLS: value("WALLETDESK_SMTP_STARTTLS"), caFile: value("WALLETDESK_SMTP_CA_FILE"),
            from: value("WALLETDESK_MAIL_FROM")
        )
        if let text = value("WALLETDESK_MAIL_RETRY_BASE_SECONDS") {
            policy.baseDelay = TimeInterval(try ServerConfiguration.positive(try ServerConfiguration.int(text, "WALLETDESK_MAIL_RETRY_BASE_SECONDS"), "WALLETDESK_MAIL_RETRY_BASE_SECONDS"))
        }
        if let text = value("WALLETDESK_MAIL_MAX_ATTEMPTS") {
            policy.maxAttempts = try ServerConfiguration.positive(try ServerConfiguration.int(text, "WALLETDESK_MAIL_MAX_ATTEMPTS"), "WALLETDESK_MAIL_MAX_ATTEMPTS")
        }
    }

    mutating func apply(flags: Overrides) throws {
        try apply(smtpURL: flags.smtpURL, startTLS: flags.startTLS, caFile: flags.caFile, from: flags.from)
    }

    private mutating func apply(smtpURL: String?, startTLS: String?, caFile: String?, from: String?) throws {
        if let smtpURL {
            do {
                server = try SMTPServer(url: smtpURL)
            } catch {
                // The URL may hold a password: name the problem, never the value.
                throw ConfigurationError.invalid("SMTP URL", error.reason)
            }
        }
        if let startTLS {
            guard let mode = SMTPStartTLS(rawValue: startTLS.lowercased()) else { throw ConfigurationError.invalid("SMTP STARTTLS", startTLS) }
            self.startTLS = mode
        }
        if let caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else { throw ConfigurationError.invalid("SMTP CA file", caFile) }
            self.caFile = caFile
        }
        if let from {
            do {
                self.from = try MailAddress(parsing: from)
            } catch {
                throw ConfigurationError.invalid("mail sender", from)
            }
        }
    }
}
