import Foundation

/// One reply of an SMTP server: a three-digit code and its text lines (several for `250-…` continuations).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    public var isPositive: Bool { (200..<400).contains(code) }
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    public var isPermanentFailure: Bool { code >= 500 }
    /// The text after the code, lines joined by spaces.
    public var text: String { lines.joined(separator: " ") }
    public var description: String { "\(code) \(text)" }
}

/// Gathers reply lines (`250-first`, `250-second`, `250 last`) into replies.
public struct SMTPReplyParser: Sendable {
    private var code: Int?
    private var lines: [String] = []

    public struct Malformed: Error, Equatable { public var line: String }

    public init() {}

    /// Feeds one line without its CRLF; returns the reply it completes, if any.
    public mutating func feed(_ line: String) throws(Malformed) -> SMTPReply? {
        let scalars = Array(line.utf8)
        guard scalars.count >= 3, scalars[0...2].allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(String(decoding: scalars[0...2], as: UTF8.self)),
            (200...599).contains(value)
        else { throw Malformed(line: String(line.prefix(80))) }
        let separator = scalars.count > 3 ? scalars[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else { throw Malformed(line: String(line.prefix(80))) }
        if let code, code != value { throw Malformed(line: String(line.prefix(80))) }
        code = value
        lines.append(scalars.count > 4 ? String(decoding: scalars[4...], as: UTF8.self) : "")
        guard separator == UInt8(ascii: " ") else { return nil }
        defer {
            self.code = nil
            lines = []
        }
        return SMTPReply(code: value, lines: lines)
    }

    /// Whether part of a multi-line reply has been read.
    public var isMidReply: Bool { code != nil }
}

/// The DATA payload: every line starting with `.` gets another one (RFC 5321 §4.5.2), line ends are CRLF, and the
/// terminating `.` line follows.
public enum SMTPData {
    public static func stuffed(_ message: String) -> String {
        let normalized = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines.map { ($0.hasPrefix(".") ? "." + $0 : String($0)) + "\r\n" }.joined() + ".\r\n"
    }
}

/// Why sending failed: permanent (the server refused with 5xx; retrying will not help) or transient (4xx, network,
/// timeouts, TLS; try later). Descriptions never hold the password or the message.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    case rejected(stage: String, reply: SMTPReply)
    case timeout(stage: String)
    case connection(String)
    case protocolViolation(String)
    /// The configuration cannot work (for example credentials over an unencrypted link to another host).
    case configuration(String)

    public var isPermanent: Bool {
        switch self {
        // Only a refusal of this recipient or this message: a refused greeting, STARTTLS or password says nothing about
        // the message and is fixed by an admin, after which the message should still go.
        case .rejected(let stage, let reply): reply.isPermanentFailure && Self.messageStages.contains(stage)
        default: false
        }
    }

    static let messageStages: Set<String> = ["MAIL FROM", "RCPT TO", "DATA", "message"]

    public var description: String {
        switch self {
        case .rejected(let stage, let reply): "\(stage) refused: \(reply.code) \(reply.text)"
        case .timeout(let stage): "timed out waiting for \(stage)"
        case .connection(let reason): "connection failed: \(reason)"
        case .protocolViolation(let reason): "protocol error: \(reason)"
        case .configuration(let reason): "configuration: \(reason)"
        }
    }
}

/// How the link to the mail server is encrypted.
public enum SMTPStartTLS: String, Sendable, CaseIterable {
    /// Refuse to send unless the server offers STARTTLS and the handshake succeeds.
    case required
    /// Use STARTTLS when offered.
    case optional
    /// Never (only sensible for a relay on this machine).
    case off
}

/// Where the mail server is and how to talk to it, from `smtp://user:pass@host:port` or `smtps://…` (TLS from the
/// first byte, port 465 by default; `smtp://` defaults to the submission port 587).
public struct SMTPServer: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var implicitTLS: Bool
    public var username: String?
    public var password: String?
    public var startTLS: SMTPStartTLS
    /// Extra certificate authorities to trust (a PEM file), for servers with a private CA.
    public var caFile: String?

    public struct Invalid: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "invalid SMTP URL: \(reason)" }
    }

    public init(url text: String, startTLS: SMTPStartTLS? = nil, caFile: String? = nil) throws(Invalid) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else { throw Invalid(reason: "not a URL") }
        guard scheme == "smtp" || scheme == "smtps" else { throw Invalid(reason: "the scheme must be smtp or smtps") }
        guard let host = components.host, !host.isEmpty else { throw Invalid(reason: "no host") }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        implicitTLS = scheme == "smtps"
        port = components.port ?? (implicitTLS ? 465 : 587)
        guard (1...65535).contains(port) else { throw Invalid(reason: "bad port") }
        username = components.user?.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
        password = components.password?.removingPercentEncoding
        if password != nil && username == nil { throw Invalid(reason: "a password without a user name") }
        guard components.path.isEmpty || components.path == "/", components.query == nil else { throw Invalid(reason: "unexpected path or query") }
        self.startTLS = implicitTLS ? .off : (startTLS ?? (Self.isLoopback(self.host) ? .optional : .required))
        self.caFile = caFile
    }

    /// True for `localhost` and loopback addresses, where an unencrypted link never leaves the machine.
    public static func isLoopback(_ host: String) -> Bool {
        let lower = host.lowercased()
        return lower == "localhost" || lower.hasPrefix("127.") || lower == "::1" || lower.hasSuffix(".localhost")
    }

    /// The URL with the password masked: what may be logged.
    public var description: String {
        let user = username.map { ($0.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? "?") + (password == nil ? "" : ":***") + "@" } ?? ""
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(implicitTLS ? "smtps" : "smtp")://\(user)\(shownHost):\(port)"
    }
}
