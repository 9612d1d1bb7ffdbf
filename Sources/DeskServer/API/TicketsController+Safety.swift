import Crypto
import DeskCore
import DeskStore
import Foundation
import Logging

extension TicketsController {
    /// The resource of a message with its verification code when it is a public agent message. With `recordCode` the
    /// code is stored so `GET /api/v1/verify/message` can find the message by it.
    func verifiedResource(_ message: Message, recordCode: Bool) async throws -> MessageResource {
        let key = try await dependencies.safetyKeys.messageKey(store: dependencies.store)
        let resource = Self.resource(message, key: key)
        if recordCode, let code = resource.verification, let agent = message.authorID.map(AgentID.init(rawValue:)) {
            try await dependencies.store.recordMessageCode(code, message: message.id, ticket: message.ticket, agent: agent, at: message.createdAt)
        }
        return resource
    }

    static func resource(_ message: Message, key: SymmetricKey) -> MessageResource {
        guard message.authorKind == .agent, message.visibility == .public, let author = message.authorID else { return MessageResource(message) }
        let code = AgentVerification.messageCode(message: message.id, agent: AgentID(rawValue: author), ticket: message.ticket, key: key)
        return MessageResource(message, verification: code)
    }
}

// MARK: - Scam moderation

extension TicketsController {
    /// Inspects a customer-authored message for fake-support patterns. Agent and system messages are never inspected.
    func scamFinding(in body: MessageBody, author: Actor) async throws -> ScamFinding? {
        guard author.kind == .customer else { return nil }
        let registry = try await dependencies.channelCache.entries(store: dependencies.store, now: dependencies.now())
        return ScamDetector(registry: registry).inspect(body.text)
    }

    /// Applies the decision to a message draft before it is stored: a held message becomes an internal note.
    static func apply(_ finding: ScamFinding?, to draft: inout MessageDraft) {
        if finding?.action == .hold { draft.visibility = .internal }
    }

    /// After the message is stored: tags the ticket (a history event) and leaves an internal note saying why.
    func recordScam(_ finding: ScamFinding, on number: TicketNumber, language: Language, logger: Logger) async throws -> Ticket {
        _ = try await dependencies.store.updateTicket(number, expectedVersion: nil, actor: .system, now: dependencies.now()) { ticket in
            if !ticket.tags.contains(ScamDetector.tag) { ticket.tags = (ticket.tags + [ScamDetector.tag]).sorted() }
        }
        let l = Localizer.shared
        let reasons = finding.signals.map { l.text("scam.\($0.rawValue)", language) }.joined(separator: language == .en ? "; " : "；")
        var text = l.format("scam.note-\(finding.action.rawValue)", language, reasons)
        if !finding.lookAlikes.isEmpty { text += " " + l.format("scam.look-alikes", language, finding.lookAlikes.joined(separator: ", ")) }
        if finding.reported { text += " " + l.text("scam.reported", language) }
        logger.notice(
            "suspected scam message", metadata: ["ticket": "\(number)", "action": "\(finding.action.rawValue)",
                                                 "signals": "\(finding.signals.map(\.rawValue).joined(separator: ","))"]
        )
        let note = MessageDraft(body: try MessageBody(text: text, html: nil), visibility: .internal, author: .system)
        return try await dependencies.store.addMessage(note, to: number, setStatus: nil, now: dependencies.now()).ticket
    }
}

// MARK: - Secrets: fingerprints and the security team

extension TicketsController {
    /// Salted fingerprints of every secret in `originals` (the texts as received, before redaction), stored with kind
    /// and position; answers how many of them were seen before. Nothing of the secret itself is kept or logged.
    func recordFingerprints(of originals: [String], on number: TicketNumber) async throws -> Int {
        let salt = try await dependencies.safetyKeys.fingerprintSalt(store: dependencies.store)
        let scanner = SecretScanner()
        let now = dependencies.now()
        var records: [SecretFindingRecord] = []
        for text in originals where !text.isEmpty {
            let scalars = Array(text.unicodeScalars)
            for finding in scanner.findings(in: text) where finding.start >= 0 && finding.end <= scalars.count && finding.start < finding.end {
                var secret = String.UnicodeScalarView()
                secret.append(contentsOf: scalars[finding.start..<finding.end])
                records.append(
                    SecretFindingRecord(ticket: number, kind: finding.kind, position: finding.start, fingerprint: fingerprint(of: String(secret), salt: salt), at: now)
                )
            }
        }
        let seen = try await dependencies.store.recordSecretFindings(records)
        return seen.values.filter { $0 > 0 }.count
    }

    /// The free-text crypto fields as received (a tx id in its own field is not a secret: see ``SecretGuard``).
    static func cryptoTexts(_ crypto: CryptoDetails) -> [String] {
        [crypto.walletAddress, crypto.amount, crypto.asset, crypto.chain, crypto.appVersion, crypto.device, crypto.os].compactMap { $0 }
    }

    /// The requester's free-text contact fields as received.
    static func contactTexts(_ requester: RequesterReference) -> [String] {
        guard case .contact(let contact) = requester else { return [] }
        return [contact.name, contact.telegramID, contact.wechatID, contact.walletAccountID].compactMap { $0 }
    }

    /// Routes a ticket with an exposed secret to the security team: a team named Security (安全), else the team of a
    /// security-tier agent, else a security-tier agent directly. With none, the ticket stays where it is, tagged, and
    /// an internal note says so.
    func routeToSecurity(_ number: TicketNumber, seenBefore: Int, language: Language) async throws {
        let teams = try await dependencies.store.teams()
        let securityNames: Set<String> = ["security", "security team", "安全", "安全团队", "安全團隊", "安全组", "安全組"]
        let agents = try await dependencies.store.agents().filter { $0.active && $0.tier == .security }.sorted { $0.name < $1.name }
        let team = teams.first { securityNames.contains($0.name.lowercased().trimmingCharacters(in: .whitespaces)) }?.id ?? agents.first(where: { $0.teamID != nil })?.teamID
        let agent = team == nil ? agents.first?.id : nil
        let l = Localizer.shared
        var notes: [String] = []
        if team != nil || agent != nil {
            _ = try await dependencies.store.updateTicket(number, expectedVersion: nil, actor: .system, now: dependencies.now()) { ticket in
                if let team { ticket.teamID = team }
                if let agent, ticket.assigneeID == nil { ticket.assigneeID = agent }
            }
        } else {
            notes.append(l.text("secret.no-security-team", language))
        }
        if seenBefore > 0 { notes.append(l.format("secret.seen-before", language, String(seenBefore))) }
        guard !notes.isEmpty else { return }
        let note = MessageDraft(body: try MessageBody(text: notes.joined(separator: "\n"), html: nil), visibility: .internal, author: .system)
        _ = try await dependencies.store.addMessage(note, to: number, setStatus: nil, now: dependencies.now())
    }
}
