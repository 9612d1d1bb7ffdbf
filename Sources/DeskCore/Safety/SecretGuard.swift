/// Applies the secret scanner to whatever a customer or agent sends, before anything is stored.
///
/// Every door (API, later chat, email, forum, social) calls this with the text it received; what comes out is the
/// only form that may be stored, logged, indexed or echoed. When a secret was found the ticket is raised to urgent,
/// tagged for the security team, and the customer is warned in their language.
public struct SecretGuard: Sendable {
    public static let tag = "secret-exposed"

    let scanner: SecretScanner

    public init(scanner: SecretScanner = SecretScanner()) {
        self.scanner = scanner
    }

    /// The text with secrets replaced by markers, and what was found.
    public func clean(_ text: String, language: Language) -> (text: String, findings: [SecretFinding]) {
        let result = scanner.scan(text, language: language.redactionLanguage)
        return (result.findings.isEmpty ? text : result.redacted, result.findings)
    }

    /// A cleaned message body. When HTML held a secret the HTML is rebuilt from the cleaned text: losing formatting is
    /// better than keeping a secret inside markup.
    public func clean(_ body: MessageBody, language: Language) -> (body: MessageBody, findings: [SecretFinding]) {
        let (text, textFindings) = clean(body.text, language: language)
        // HTML built by escaping the text holds no other words; anything else is scanned for what its markup shows.
        let htmlFindings = body.htmlEscapesText ? [] : scanner.findings(in: HTMLSanitizer.plainText(fromSanitised: body.html))
        guard !textFindings.isEmpty || !htmlFindings.isEmpty else { return (body, []) }
        var cleaned = body
        cleaned.text = text
        cleaned.html = HTMLSanitizer.html(fromPlainText: text)
        return (cleaned, textFindings.isEmpty ? htmlFindings : textFindings)
    }

    /// Cleans every free-text part of a new ticket; flags and raises the ticket when anything was found.
    public func clean(_ draft: TicketDraft, language: Language) -> (draft: TicketDraft, findings: [SecretFinding]) {
        var draft = draft
        var findings: [SecretFinding] = []
        let subject = clean(draft.subject, language: language)
        draft.subject = subject.text
        findings += subject.findings
        let body = clean(draft.firstMessage.body, language: language)
        draft.firstMessage.body = body.body
        findings += body.findings
        let crypto = clean(draft.crypto, language: language)
        draft.crypto = crypto.crypto
        findings += crypto.findings
        if case .contact(let contact) = draft.requester {
            let cleaned = clean(contact, language: language)
            draft.requester = .contact(cleaned.contact)
            findings += cleaned.findings
        }
        if !findings.isEmpty { Self.flag(&draft.priority, &draft.tags) }
        return (draft, findings)
    }

    /// The free-text crypto fields: a field holding a secret is emptied (it was not what the field is for).
    public func clean(_ details: CryptoDetails, language: Language) -> (crypto: CryptoDetails, findings: [SecretFinding]) {
        var crypto = details
        var findings: [SecretFinding] = []
        for keyPath in [\CryptoDetails.txId, \.walletAddress, \.amount, \.asset, \.chain, \.appVersion, \.device, \.os] {
            guard let value = crypto[keyPath: keyPath] else { continue }
            // The transaction-id field is where a tx id belongs: a bare 64-hex (or 0x-prefixed) value there is a
            // transaction hash, not a key (the scanner's documented rule for hex "found where a tx id belongs").
            if keyPath == \CryptoDetails.txId, Self.looksLikeTransactionID(value) { continue }
            let cleaned = clean(value, language: language)
            if !cleaned.findings.isEmpty {
                crypto[keyPath: keyPath] = nil
                findings += cleaned.findings
            }
        }
        return (crypto, findings)
    }

    /// A person's free-text fields: the name keeps its redacted form; an account id holding a secret is dropped.
    public func clean(_ contact: CustomerContact, language: Language) -> (contact: CustomerContact, findings: [SecretFinding]) {
        var contact = contact
        var findings: [SecretFinding] = []
        if let name = contact.name {
            let cleaned = clean(name, language: language)
            contact.name = cleaned.text
            findings += cleaned.findings
        }
        for keyPath in [\CustomerContact.telegramID, \.wechatID, \.walletAccountID] {
            guard let value = contact[keyPath: keyPath] else { continue }
            let cleaned = clean(value, language: language)
            if !cleaned.findings.isEmpty {
                contact[keyPath: keyPath] = nil
                findings += cleaned.findings
            }
        }
        return (contact, findings)
    }

    /// The same for a stored customer record (customer API create and change).
    public func clean(_ customer: Customer, language: Language) -> (customer: Customer, findings: [SecretFinding]) {
        let contact = CustomerContact(
            name: customer.name, telegramID: customer.telegramID, wechatID: customer.wechatID, walletAccountID: customer.walletAccountID
        )
        let cleaned = clean(contact, language: language)
        var customer = customer
        customer.name = cleaned.contact.name
        customer.telegramID = cleaned.contact.telegramID
        customer.wechatID = cleaned.contact.wechatID
        customer.walletAccountID = cleaned.contact.walletAccountID
        return (customer, cleaned.findings)
    }

    static func looksLikeTransactionID(_ value: String) -> Bool {
        var hex = Substring(value.trimmingWhitespace())
        if hex.hasPrefix("0x") || hex.hasPrefix("0X") { hex = hex.dropFirst(2) }
        return hex.count == 64 && hex.allSatisfy(\.isHexDigit)
    }

    /// Raises to urgent and adds the security tag.
    public static func flag(_ priority: inout TicketPriority, _ tags: inout [String]) {
        priority = .urgent
        if !tags.contains(tag) { tags = (tags + [tag]).sorted() }
    }

    /// What the customer is told at once, in their language.
    /// The internal note left when an agent's own message held a secret; {0} names what was removed.
    public static func agentWarning(for findings: [SecretFinding], language: Language) -> String {
        Localizer.shared.format("safety.secret-agent-warning", language, names(of: findings, language: language))
    }

    static func names(of findings: [SecretFinding], language: Language) -> String {
        let kinds = Array(Set(findings.map(\.kind))).sorted { $0.rawValue < $1.rawValue }
        return kinds.map { RedactionMarker.secretName($0, language.redactionLanguage) }.joined(separator: language == .en ? ", " : "、")
    }

    public static func warning(for findings: [SecretFinding], language: Language) -> String {
        Localizer.shared.format("safety.secret-warning", language, names(of: findings, language: language))
    }
}

extension Language {
    /// The marker language for this UI language.
    public var redactionLanguage: RedactionLanguage {
        switch self {
        case .zhCN: .zhCN
        case .zhTW: .zhTW
        case .en: .en
        }
    }
}
