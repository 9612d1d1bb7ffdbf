/// A customer's personal anti-phishing phrase: a few words only the customer and WalletDesk know, shown in every
/// genuine message support sends them. A message that claims to be from support but lacks the phrase is not ours.
///
/// The phrase is stored (it must be written into outgoing messages, so it cannot be hashed) but never logged, never
/// put into the stored conversation, and shown to agents only masked.
public struct AntiPhishingPhrase: Sendable, Equatable {
    public let value: String

    public static let minLength = 4
    public static let maxLength = 64

    /// Validates a phrase: 4–64 characters on one line, and not something the secret scanner recognises (a customer
    /// must not turn a password or recovery words into the phrase that every message shows).
    public init(_ text: String, scanner: SecretScanner = SecretScanner()) throws(DeskError) {
        let trimmed = String(text.trimmingWhitespace())
        guard !trimmed.isEmpty else { throw DeskError.invalidField("phrase", reason: .required) }
        guard trimmed.count >= Self.minLength, !trimmed.contains(where: \.isNewline) else {
            throw DeskError.invalidField("phrase", reason: .invalidValue)
        }
        guard trimmed.count <= Self.maxLength else { throw DeskError.invalidField("phrase", reason: .tooLong) }
        guard scanner.findings(in: trimmed).isEmpty else { throw DeskError.invalidField("phrase", reason: .invalidValue) }
        value = trimmed
    }

    /// A phrase read back from the store (validated when it was set).
    public init(stored: String) {
        value = stored
    }

    /// What agents see: the first and last character and a fixed run of dots, so neither the phrase nor its length shows.
    public var masked: String {
        let characters = Array(value)
        guard characters.count >= 6 else { return "••••••" }
        return "\(characters[0])••••••\(characters[characters.count - 1])"
    }
}

/// The outbound step every channel that sends a message to a customer (email, chat, Telegram, WeChat …) runs just
/// before sending: it adds the customer's anti-phishing phrase and the message's verification code to the body.
///
/// The stored conversation keeps the undecorated body, so the phrase never lands in the message table, search index
/// or agent views; only what leaves for the customer carries it.
public enum OutboundDecoration {
    /// The body as the customer receives it: a first line with the phrase (when the customer set one), the original
    /// body, and a last line with the verification code (for agent messages).
    public static func decorate(
        _ body: MessageBody, phrase: AntiPhishingPhrase?, verificationCode: String?, language: Language
    ) -> MessageBody {
        var header: String?
        var footer: String?
        if let phrase { header = Localizer.shared.format("outbound.phrase-line", language, phrase.value) }
        if let verificationCode { footer = Localizer.shared.format("outbound.verification-line", language, verificationCode) }
        guard header != nil || footer != nil else { return body }
        var decorated = body
        decorated.text = [header, body.text, footer].compactMap { $0 }.joined(separator: "\n\n")
        var html = body.html
        if let header { html = "<p class=\"anti-phishing\">\(HTMLSanitizer.escape(header))</p>" + html }
        if let footer { html += "<p class=\"message-verification\">\(HTMLSanitizer.escape(footer))</p>" }
        decorated.html = html
        return decorated
    }
}
