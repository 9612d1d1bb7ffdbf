import Foundation

/// Whether customers see a message.
public enum MessageVisibility: String, Codable, Sendable {
    /// A reply the customer sees.
    case `public`
    /// A note only the team sees.
    case `internal`
}

/// Who wrote a message.
public enum AuthorKind: String, Codable, Sendable {
    case customer, agent, system
}

/// One entry in a ticket's conversation.
public struct Message: Codable, Sendable, Equatable {
    public var id: MessageID
    public var ticket: TicketNumber
    public var visibility: MessageVisibility
    public var authorKind: AuthorKind
    /// The customer or agent id; nil for system messages.
    public var authorID: UUID?
    public var bodyText: String
    /// Sanitised HTML, safe to put into a page as is.
    public var bodyHTML: String
    public var attachments: [Attachment]
    /// Set when the message came over from a ticket merged into this one.
    public var mergedFrom: TicketNumber?
    public var createdAt: Date

    public init(
        id: MessageID = .init(), ticket: TicketNumber, visibility: MessageVisibility, authorKind: AuthorKind, authorID: UUID?,
        bodyText: String, bodyHTML: String, attachments: [Attachment] = [], mergedFrom: TicketNumber? = nil, createdAt: Date
    ) {
        self.id = id
        self.ticket = ticket
        self.visibility = visibility
        self.authorKind = authorKind
        self.authorID = authorID
        self.bodyText = bodyText
        self.bodyHTML = bodyHTML
        self.attachments = attachments
        self.mergedFrom = mergedFrom
        self.createdAt = createdAt
    }
}

/// The body of a new message as a client sends it: plain text, HTML, or both.
public struct MessageBody: Sendable, Equatable {
    public var text: String { didSet { htmlEscapesText = false } }
    public var html: String { didSet { htmlEscapesText = false } }
    /// True while ``html`` is exactly ``text`` escaped, as built from plain text; changing either clears it. Lets the
    /// secret guard scan such a body once instead of twice (the HTML's text would be the same words again).
    public private(set) var htmlEscapesText = false

    public static let maxLength = 100_000

    /// Builds both forms: HTML is sanitised and its text derived from it; plain text is escaped into HTML.
    public init(text: String?, html: String?) throws(DeskError) {
        if let html, !html.trimmingWhitespace().isEmpty {
            guard html.unicodeScalars.count <= Self.maxLength * 4 else { throw DeskError.invalidField("html", reason: .tooLong) }
            let sanitised = HTMLSanitizer.sanitise(html)
            let derived = HTMLSanitizer.plainText(fromSanitised: sanitised)
            self.text = text.map { String($0.trimmingWhitespace()) }.flatMap { $0.isEmpty ? nil : $0 } ?? derived
            self.html = sanitised
        } else if let text, !text.trimmingWhitespace().isEmpty {
            self.text = String(text.trimmingWhitespace())
            self.html = HTMLSanitizer.html(fromPlainText: self.text)
            self.htmlEscapesText = true
        } else {
            throw DeskError.invalidField("text", reason: .required)
        }
        guard self.text.unicodeScalars.count <= Self.maxLength else { throw DeskError.invalidField("text", reason: .tooLong) }
    }

    /// Bodies are equal when they say the same thing in the same markup, however they were built.
    public static func == (left: MessageBody, right: MessageBody) -> Bool {
        left.text == right.text && left.html == right.html
    }
}

/// A file attached to a message, stored in the database so every node can serve it.
public struct Attachment: Codable, Sendable, Equatable {
    public var id: AttachmentID
    public var filename: String
    /// Sniffed from the bytes, not taken from the client.
    public var contentType: String
    public var size: Int
    /// Hex SHA-256 of the content, to spot the same screenshot sent twice.
    public var sha256: String
    public var createdAt: Date

    public init(id: AttachmentID = .init(), filename: String, contentType: String, size: Int, sha256: String, createdAt: Date) {
        self.id = id
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.createdAt = createdAt
    }

    /// The default largest attachment: 25 MB.
    public static let defaultMaxSize = 25 * 1024 * 1024

    /// A file name safe to show and to put into a Content-Disposition header: no paths, no control characters.
    public static func safeFilename(_ raw: String?) -> String {
        let base = (raw ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(base.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" }.map(Character.init))
        let trimmed = String(cleaned.trimmingWhitespace().prefix(200))
        return trimmed.isEmpty || trimmed == "." || trimmed == ".." ? "attachment" : trimmed
    }
}
