import DeskChannels
import DeskCore
@testable import DeskServer
import DeskStore
import Foundation
import Logging
import Synchronization
import Testing

/// A mail server stand-in: records what it accepts and fails as told.
final class FakeTransport: MailTransport, @unchecked Sendable {
    enum Behaviour { case accept, refuse(SMTPReply), dropConnection, unreachable }
    let state = Mutex<(sent: [MailMessage], script: [Behaviour], sessions: Int)>(([], [], 0))
    var description: String { "fake://mail" }

    func withMailSession<T: Sendable>(_ body: (any MailSession) async throws -> T) async throws -> T {
        let unreachable = state.withLock { state -> Bool in
            state.sessions += 1
            if case .unreachable = state.script.first {
                state.script.removeFirst()
                return true
            }
            return false
        }
        if unreachable { throw SMTPError.connection("connection refused") }
        return try await body(Session(transport: self))
    }

    struct Session: MailSession {
        let transport: FakeTransport
        func send(_ message: MailMessage) async throws {
            let behaviour = transport.state.withLock { $0.script.isEmpty ? .accept : $0.script.removeFirst() }
            switch behaviour {
            case .accept, .unreachable: transport.state.withLock { $0.sent.append(message) }
            case .refuse(let reply): throw SMTPError.rejected(stage: "message", reply: reply)
            case .dropConnection: throw SMTPError.connection("closed by the server")
            }
        }
    }
}

@Suite("Mail delivery")
struct MailDeliveryTests {
    static let from = try! MailAddress(parsing: "WalletDesk <desk@support.example.com>")

    static func service(_ store: any Store, _ transport: FakeTransport, clock: TestClock) -> OutboxDeliveryService {
        var policy = DeliveryPolicy()
        policy.baseDelay = 10
        policy.maxAttempts = 3
        var logger = Logger(label: "mail-tests")
        logger.logLevel = .critical
        return OutboxDeliveryService(store: store, transport: transport, from: from, policy: policy, logger: logger, now: { clock.now })
    }

    static func codeFor(_ email: String, phrase: String? = nil, language: Language = .zhCN, in session: TestApp.Session) async throws {
        let address = EmailAddress(rawValue: email)!
        let customer = try await session.store.createCustomer(Customer(email: address, language: language, createdAt: Date(), updatedAt: Date()))
        if let phrase { try await session.store.setAntiPhishingPhrase(try AntiPhishingPhrase(phrase), for: customer.id, now: Date()) }
        try await session.store.issueCustomerCode(
            to: customer, email: address, codeHash: "x", message: CustomerNotice.signInCode("482913").message(in: language), now: Date()
        )
    }

    @Test("rows are sent over one session with the customer's phrase first; refusals, drops and outages count attempts and back off")
    func delivery() async throws {
        let clock = TestClock()
        try await TestApp.withSession(clock: clock) { session in
            let transport = FakeTransport()
            let service = Self.service(session.store, transport, clock: clock)
            try await Self.codeFor("phrase@example.com", phrase: "紫色长颈鹿 tango", in: session)
            try await Self.codeFor("plain@example.com", language: .en, in: session)
            #expect(try await service.runOnce() == 2)
            let sent = transport.state.withLock { $0.sent }
            #expect(sent.map(\.to.address) == ["phrase@example.com", "plain@example.com"])
            #expect(sent[0].body.hasPrefix(Localizer.shared.format("outbound.phrase-line", .zhCN, "紫色长颈鹿 tango")))
            #expect(sent[0].body.contains("482913") && sent[0].subject == "你的登录验证码")
            #expect(!sent[1].body.contains("紫色长颈鹿") && sent[1].body.hasSuffix(Localizer.shared.text("mail.footer", .en)))
            #expect(transport.state.withLock { $0.sessions } == 1)
            #expect(try await session.store.unsentOutbox(limit: 10).isEmpty)
            #expect(try await service.runOnce() == 0)

            // A 451 for the first, then the connection drops on the second: both wait, the third was never tried.
            try await Self.codeFor("a@example.com", in: session)
            try await Self.codeFor("b@example.com", in: session)
            try await Self.codeFor("c@example.com", in: session)
            transport.state.withLock { $0.script = [.refuse(SMTPReply(code: 451, lines: ["later"])), .dropConnection] }
            #expect(try await service.runOnce() == 3)
            var entries = try await session.store.outboxEntries(state: .queued, now: clock.now, after: nil, limit: 10).items
            #expect(entries.count == 3)
            #expect(entries.allSatisfy { $0.attempts == 1 && abs(($0.nextAttemptAt ?? .distantPast).timeIntervalSince(clock.now) - 10) < 0.001 })
            #expect(try await service.runOnce() == 0, "not due yet")

            // The server is down at the next round: every row counts an attempt; after the third they are failed.
            clock.advance(10)
            transport.state.withLock { $0.script = [.unreachable] }
            #expect(try await service.runOnce() == 3)
            entries = try await session.store.outboxEntries(state: .queued, now: clock.now, after: nil, limit: 10).items
            #expect(entries.allSatisfy { $0.attempts == 2 && $0.lastError == "connection failed: connection refused" })
            clock.advance(20)
            transport.state.withLock { $0.script = [.refuse(SMTPReply(code: 550, lines: ["no such user"])), .accept, .dropConnection] }
            #expect(try await service.runOnce() == 3)
            // a: refused for good; b: sent; c: its connection dropped on the third and last attempt, so it is given up too.
            let failed = try await session.store.outboxEntries(state: .failed, now: clock.now, after: nil, limit: 10).items
            #expect(Set(failed.map(\.recipient)) == ["a@example.com", "c@example.com"])
            #expect(Set(failed.compactMap(\.lastError)) == ["message refused: 550 no such user", "connection failed: closed by the server"])
            #expect(failed.allSatisfy { $0.attempts == 3 })
            #expect(try await session.store.outboxEntries(state: .sent, now: clock.now, after: nil, limit: 10).items.count == 3)
            #expect(try await session.store.outboxEntries(state: .queued, now: clock.now, after: nil, limit: 10).items.isEmpty)
        }
    }

    @Test("an address SMTP cannot carry (non-ASCII, no SMTPUTF8) is failed at once and never sent")
    func unsendableRecipient() async throws {
        let clock = TestClock()
        try await TestApp.withSession(clock: clock) { session in
            let transport = FakeTransport()
            try await Self.codeFor("张三@example.com", in: session)
            #expect(try await Self.service(session.store, transport, clock: clock).runOnce() == 1)
            let failed = try await session.store.outboxEntries(state: .failed, now: clock.now, after: nil, limit: 10).items
            #expect(failed.count == 1 && failed[0].lastError == "invalid recipient address" && failed[0].attempts == 1)
            #expect(transport.state.withLock { $0.sent.isEmpty })
        }
    }

    @Test("mail settings: flags over environment over file; STARTTLS required unless loopback; the password never shows")
    func configuration() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wd-mail-\(UUID()).json")
        try Data(#"{"smtpURL": "smtp://file@mail.example.com", "mailFrom": "File <f@example.com>", "mailMaxAttempts": 3}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let fromFile = try ServerConfiguration.load(flags: .init(configFile: file.path), environment: [:])
        #expect(fromFile.mail.server?.username == "file" && fromFile.mail.policy.maxAttempts == 3)

        let environment = ["WALLETDESK_SMTP_URL": "smtp://desk:hunter2secret@mail.example.com:2525", "WALLETDESK_MAIL_FROM": "客服 <desk@example.com>"]
        let configuration = try ServerConfiguration.load(flags: .init(configFile: file.path), environment: environment)
        let (server, from) = try #require(try configuration.mail.delivery())
        #expect(server.host == "mail.example.com" && server.port == 2525 && server.startTLS == .required)
        #expect(from.displayName == "客服" && from.address == "desk@example.com")
        #expect(!String(describing: configuration).contains("hunter2secret"))
        #expect(!String(reflecting: configuration).contains("hunter2secret"))

        var flags = ServerConfiguration.Overrides()
        flags.mail = .init(smtpURL: "smtps://relay.example.com", startTLS: "off", from: "x@example.com")
        let implicit = try #require(try ServerConfiguration.load(flags: flags, environment: environment).mail.delivery())
        #expect(implicit.server.implicitTLS && implicit.server.port == 465 && implicit.from.address == "x@example.com")
        #expect(try ServerConfiguration.load(flags: .init(), environment: ["WALLETDESK_SMTP_URL": "smtp://127.0.0.1:25", "WALLETDESK_MAIL_FROM": "a@b.example"])
            .mail.delivery()?.server.startTLS == .optional)

        #expect(try ServerConfiguration.load(flags: .init(), environment: [:]).mail.delivery() == nil)
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(flags: .init(), environment: ["WALLETDESK_SMTP_URL": "smtp://mail.example.com"]).mail.delivery()
        }
        do {
            _ = try ServerConfiguration.load(flags: .init(), environment: ["WALLETDESK_SMTP_URL": "smtq://u:hunter2secret@mail.example.com"])
            Issue.record("a bad scheme was accepted")
        } catch {
            #expect(!"\(error)".contains("hunter2secret"))
        }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(flags: .init(), environment: ["WALLETDESK_SMTP_STARTTLS": "sometimes"]) }
    }

    @Test("the outbox list masks recipients and never shows subjects or bodies")
    func listing() async throws {
        try await TestApp.withSession { session in
            try await Self.codeFor("li.wei@example.com", in: session)
            let (response, body) = try await session.json(.get, "/api/v1/outbox?state=queued")
            #expect(response.status == .ok)
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.count == 1 && items[0]["recipient"] as? String == "l***@example.com" && items[0]["state"] as? String == "queued")
            #expect(items[0]["subject"] == nil && items[0]["body"] == nil)
            #expect(!String(buffer: response.body).contains("482913"))
            #expect(try await session.json(.get, "/api/v1/outbox?state=lost").0.status == .badRequest)
            #expect((try await session.json(.get, "/api/v1/outbox?state=sent").1["items"] as? [Any])?.isEmpty == true)
        }
    }
}
