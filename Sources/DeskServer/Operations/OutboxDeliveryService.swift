import DeskChannels
import DeskCore
import DeskStore
import Foundation
import Logging
import ServiceLifecycle

/// Something that can open a mail session: the SMTP client, or a fake in tests.
public protocol MailTransport: Sendable, CustomStringConvertible {
    func withMailSession<T: Sendable>(_ body: (any MailSession) async throws -> T) async throws -> T
}

/// One open session that sends messages one by one.
public protocol MailSession: Sendable {
    func send(_ message: MailMessage) async throws
}

extension SMTPSession: MailSession {}

extension SMTPClient: MailTransport {
    /// The server URL with the password masked.
    public var description: String { server.description }

    public func withMailSession<T: Sendable>(_ body: (any MailSession) async throws -> T) async throws -> T {
        try await withSession { session in try await body(session) }
    }
}

/// Delivers the outbox by email, on every node: each round claims a bounded batch of due rows with a lease (so two
/// nodes never send one row at once), sends them over one SMTP session, and records each outcome. `sent_at` is set
/// only after the server accepted the message (250 after DATA); transient failures come back later with a growing
/// delay; permanent refusals and rows out of attempts are marked failed for admins to see.
///
/// A round starts every quarter second (a customer's sign-in code leaves well within a second) and at once again after
/// a full batch. A row claimed by a node that died is taken over when its lease runs out, so a crash delays mail but loses none.
public struct OutboxDeliveryService: Service {
    let store: any Store
    let transport: any MailTransport
    let from: MailAddress
    let policy: DeliveryPolicy
    let logger: Logger
    let now: @Sendable () -> Date
    /// Pause between rounds that found nothing more to do. An idle round is one indexed read, so this can be short.
    var interval: Duration = .milliseconds(250)

    public init(
        store: any Store, transport: any MailTransport, from: MailAddress, policy: DeliveryPolicy, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.transport = transport
        self.from = from
        self.policy = policy
        self.logger = logger
        self.now = now
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            var claimed = 0
            do {
                claimed = try await runOnce()
            } catch {
                logger.warning("outbox round failed; will retry", metadata: ["error": "\(type(of: error))"])
            }
            if claimed < policy.batchSize {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            }
        }
    }

    /// One round: claim, send, record. Returns how many rows were claimed.
    @discardableResult
    public func runOnce() async throws -> Int {
        let claims = try await store.claimOutbox(channel: "email", now: now(), lease: policy.lease, limit: policy.batchSize)
        guard !claims.isEmpty else { return 0 }
        let started = now()
        let progress = Progress(claims)
        do {
            try await transport.withMailSession { session in
                while let claim = progress.next() {
                    // Stop well before the lease ends, and on shutdown: the rest goes back untried.
                    if Task.isShuttingDownGracefully || now().timeIntervalSince(started) > policy.lease / 2 { break }
                    progress.advance()
                    let message: MailMessage
                    do {
                        message = try await mail(for: claim.message)
                    } catch is MailAddress.Invalid {
                        try await record(claim, .permanent(error: "invalid recipient address"))
                        continue
                    } catch {
                        // The store could not be read (the phrase): not the message's fault, so try again later.
                        try await record(claim, .transient(error: "could not prepare the message"))
                        continue
                    }
                    do {
                        try await session.send(message)
                    } catch let error as SMTPError {
                        if case .rejected = error {
                            // The server refused this message but the session is fine: go on with the next.
                            try await record(claim, error.isPermanent ? .permanent(error: error.description) : .transient(error: error.description))
                            continue
                        }
                        // The connection is gone: this message failed, the rest fail with it below.
                        try await record(claim, .transient(error: error.description))
                        throw error
                    }
                    try await record(claim, .sent)
                }
            }
        } catch let error as SMTPError {
            // Could not connect, secure, sign in, or the connection broke: every row not yet tried counts an attempt,
            // so a mail server that is down is not hammered every second.
            logger.warning(
                "mail server unavailable",
                metadata: ["smtp": "\(transport.description)", "error": "\(DeliveryFailure.sanitize(error.description))", "rows": "\(progress.remaining.count)"]
            )
            for claim in progress.takeRemaining() { try await record(claim, .transient(error: error.description)) }
        } catch {
            // The store failed mid-round: hand back what was not tried (if it can be reached) and let the loop log it.
            try? await store.releaseOutbox(progress.takeRemaining())
            throw error
        }
        try await store.releaseOutbox(progress.takeRemaining())
        return claims.count
    }

    func record(_ claim: ClaimedOutboxMessage, _ outcome: DeliveryOutcome) async throws {
        let state = try await store.recordDelivery(claim, outcome: outcome, policy: policy, now: now())
        // Never the body or the subject: a customer's code is in them. The recipient is masked.
        var metadata: Logger.Metadata = [
            "outbox": "\(claim.message.id)", "kind": "\(claim.message.kind)", "to": "\(PIIMask.email(claim.message.recipient))",
            "attempt": "\(claim.attempts + 1)", "state": "\(state.rawValue)",
        ]
        switch outcome {
        case .sent:
            logger.info("mail sent", metadata: metadata)
        case .transient(let error), .permanent(let error):
            metadata["error"] = "\(DeliveryFailure.sanitize(error))"
            logger.warning(state == .failed ? "mail failed; given up" : "mail not sent; will retry", metadata: metadata)
        }
    }

    /// The email for an outbox row. Customer-facing rows get the customer's anti-phishing phrase here, at delivery
    /// time, rather than when the row is written: the phrase then lives only in its own table (never copied into the
    /// outbox, which admins list and which holds every message for days), a phrase changed meanwhile is the one used,
    /// and the writers of outbox rows (sign-in code, notices) need not know about phrases. It is the same outbound
    /// step (`OutboundDecoration`) that ``OutboundMessages/prepare(_:)`` runs for ticket messages.
    func mail(for row: OutboxMessage) async throws -> MailMessage {
        let to = try MailAddress(address: row.recipient)
        var body = row.body
        if row.kind.hasPrefix("customer-"), let email = EmailAddress(rawValue: row.recipient),
            let customer = try await store.customer(email: email),
            let phrase = try await store.antiPhishingPhrase(of: customer.id),
            let plain = try? MessageBody(text: body, html: nil)
        {
            body = OutboundDecoration.decorate(plain, phrase: phrase, verificationCode: nil, language: row.language).text
        }
        body += "\n\n" + Localizer.shared.text("mail.footer", row.language)
        return MailMessage(
            from: from, to: to, subject: row.subject, body: body, date: row.createdAt, messageIDLocalPart: row.id, language: row.language
        )
    }
}

/// Which claimed rows of a round are still untried (shared between the session closure and the error path).
private final class Progress: @unchecked Sendable {
    // Touched by one task at a time: the round runs sequentially; the lock only satisfies the compiler's view.
    private let lock = NSLock()
    private var rows: ArraySlice<ClaimedOutboxMessage>

    init(_ rows: [ClaimedOutboxMessage]) { self.rows = rows[...] }

    func next() -> ClaimedOutboxMessage? { lock.withLock { rows.first } }
    func advance() { lock.withLock { _ = rows.popFirst() } }
    var remaining: ArraySlice<ClaimedOutboxMessage> { lock.withLock { rows } }
    func takeRemaining() -> [ClaimedOutboxMessage] {
        lock.withLock {
            defer { rows = [] }
            return Array(rows)
        }
    }
}

extension OutboxDeliveryService {
    /// The delivery service for `mail`, or nil (logged once, so the admin knows) when no SMTP server is configured.
    public static func configured(_ mail: MailConfiguration, store: any Store, logger: Logger) throws -> OutboxDeliveryService? {
        guard let (server, from) = try mail.delivery() else {
            logger.warning("mail is not delivered: no SMTP server is configured (--smtp-url or WALLETDESK_SMTP_URL); messages stay queued in the outbox")
            return nil
        }
        logger.info(
            "mail delivery on",
            metadata: ["smtp": "\(server)", "starttls": "\(server.implicitTLS ? "implicit-tls" : server.startTLS.rawValue)", "from": "\(from.address)"]
        )
        return OutboxDeliveryService(store: store, transport: SMTPClient(server: server, heloName: from.domain), from: from, policy: mail.policy, logger: logger)
    }
}
