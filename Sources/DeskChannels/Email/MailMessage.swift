import DeskCore
import Foundation

/// A mailbox: an ASCII address and an optional display name (`WalletDesk 客服 <support@example.com>`).
///
/// Addresses with CR, LF, angle brackets, spaces or non-ASCII characters are refused: they could smuggle headers or
/// SMTP commands, and WalletDesk does not speak SMTPUTF8.
public struct MailAddress: Sendable, Equatable, CustomStringConvertible {
    public var displayName: String?
    public var address: String

    public enum Invalid: Error, Equatable { case address(String) }

    public init(address: String, displayName: String? = nil) throws(Invalid) {
        guard Self.isValid(address) else { throw .address(address) }
        self.address = address
        self.displayName = displayName.map(MailHeader.singleLine).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Reads `Name <address>` or a bare address.
    public init(parsing text: String) throws(Invalid) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            try self.init(address: String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]), displayName: name)
        } else {
            try self.init(address: trimmed)
        }
    }

    /// The part after the `@` (for Message-IDs).
    public var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    public var description: String { address }

    static func isValid(_ address: String) -> Bool {
        guard address.count <= 254, let at = address.lastIndex(of: "@"), at != address.startIndex, address.index(after: at) != address.endIndex
        else { return false }
        return address.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && scalar.value > 32 && scalar.value < 127 && !"<>()[]\\,;:\"".unicodeScalars.contains(scalar)
        } && address.filter { $0 == "@" }.count == 1
    }
}

/// A plain-text email as RFC 5322 + MIME text: UTF-8 body in base64 (76-character lines), non-ASCII header text as
/// RFC 2047 encoded words, CRLF line ends everywhere.
///
/// Header injection is impossible by construction: free text (subject, display names) has CR and LF replaced by
/// spaces before it is encoded, addresses are validated, and the other headers are made here.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var body: String
    public var date: Date
    /// The left part of the Message-ID; the sender's domain is added. A stable value (the outbox row id) lets
    /// receivers drop a copy sent twice.
    public var messageIDLocalPart: String
    public var language: Language?

    public init(from: MailAddress, to: MailAddress, subject: String, body: String, date: Date, messageIDLocalPart: String, language: Language? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageIDLocalPart = messageIDLocalPart
        self.language = language
    }

    public var messageID: String {
        let local = messageIDLocalPart.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-._".unicodeScalars.contains($0)) }
        return "<\(String(String.UnicodeScalarView(local)))@\(from.domain)>"
    }

    /// The whole message, headers and body, as sent after DATA (before dot-stuffing).
    public func rendered() -> String {
        var headers = [
            "Date: \(MailHeader.date(date))",
            "From: \(MailHeader.mailbox(from))",
            "To: \(MailHeader.mailbox(to))",
            "Subject: \(MailHeader.encodedText(subject))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            // RFC 3834: an automatic message; well-behaved auto-responders do not answer it.
            "Auto-Submitted: auto-generated",
        ]
        if let language { headers.append("Content-Language: \(language.rawValue)") }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + MailBody.base64(body)
    }
}

/// Header text encoding (RFC 5322, RFC 2047).
public enum MailHeader {
    /// Free text on one line: CR, LF and other control characters become spaces.
    public static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : $0 }))
            .trimmingCharacters(in: .whitespaces)
    }

    /// Plain ASCII text as is; anything else as UTF-8 base64 encoded words of at most 75 characters, folded onto
    /// continuation lines.
    public static func encodedText(_ text: String) -> String {
        let line = singleLine(text)
        let plain = line.unicodeScalars.allSatisfy { $0.isASCII } && !line.contains("=?") && line.utf8.count <= 900
        return plain ? line : encodedWords(line).joined(separator: "\r\n ")
    }

    /// `=?UTF-8?B?…?=` words, each ≤ 75 characters (45 bytes of text), split between characters, never inside one.
    public static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
            chunk = []
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 { flush() }
            chunk += bytes
        }
        flush()
        return words.isEmpty ? ["=?UTF-8?B??="] : words
    }

    /// `Name <address>`: the name as an atom, a quoted string or encoded words, whichever it needs.
    public static func mailbox(_ mailbox: MailAddress) -> String {
        guard let name = mailbox.displayName, !name.isEmpty else { return mailbox.address }
        let atext = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "!#$%&'*+-/=?^_`{|}~ "))
        let phrase: String
        if name.unicodeScalars.allSatisfy({ $0.isASCII && atext.contains($0) }) && !name.contains("=?") {
            phrase = name
        } else if name.unicodeScalars.allSatisfy({ $0.isASCII }) && !name.contains("=?") {
            phrase = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        } else {
            phrase = encodedWords(name).joined(separator: " ")
        }
        return "\(phrase) <\(mailbox.address)>"
    }

    /// RFC 5322 date in UTC: `Sat, 21 Nov 2026 17:22:01 +0000`.
    public static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(days[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}

/// Body encoding.
public enum MailBody {
    /// Line ends made CRLF, then the UTF-8 bytes in base64, 76 characters a line, CRLF after each.
    public static func base64(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalized.utf8).base64EncodedString()
        var lines: [Substring] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(encoded[index..<end])
            index = end
        }
        return lines.map { $0 + "\r\n" }.joined()
    }
}
