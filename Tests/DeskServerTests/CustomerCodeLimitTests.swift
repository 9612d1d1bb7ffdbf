import DeskCore
@testable import DeskServer
import DeskStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// How often customers may ask for sign-in codes, and how long their sessions last.
@Suite("Customer access: code resend limits and customer sessions")
struct CustomerCodeLimitTests {
    typealias CustomerClient = CustomerAccessTests.CustomerClient

    static func ask(_ session: TestApp.Session, _ email: String, language: String = "en") async throws -> (TestResponse, [String: Any]) {
        let response = try await session.client.execute(
            uri: "/api/v1/customer/code", method: .post, headers: [.contentType: "application/json", .acceptLanguage: language],
            body: ByteBuffer(string: #"{"email":"\#(email)"}"#)
        )
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
        return (response, object)
    }

    @Test("one code a minute and five an hour per email, answered alike for known and unknown emails, with Retry-After")
    func perEmail() async throws {
        let clock = TestClock()
        try await TestApp.withSession(clock: clock) { session in
            _ = try await session.json(.post, "/api/v1/customers", #"{"email":"mei@example.com","language":"zh-TW"}"#)
            let start = clock.now
            for round in 0..<5 {
                for email in ["mei@example.com", "nobody@example.com"] {
                    #expect(try await Self.ask(session, email).0.status == .accepted, "round \(round) \(email)")
                    // Again within the minute: refused, saying when to come back (after the fifth: when the hour allows).
                    let (again, problem) = try await Self.ask(session, email.uppercased(), language: "zh-CN")
                    let wait = round < 4 ? 60 : Int(start.addingTimeInterval(3600).timeIntervalSince(clock.now).rounded(.up))
                    #expect(again.status == .tooManyRequests)
                    #expect(again.headers[.retryAfter] == String(wait))
                    #expect(problem["code"] as? String == "too-many-code-requests")
                    #expect(problem["detail"] as? String == DeskError.tooManyCodeRequests(retryAfterSeconds: wait).detail(in: .zhCN))
                }
                clock.advance(61)
            }
            // The sixth within the hour waits until the first leaves the hour; unknown and known answer the same.
            let (known, knownProblem) = try await Self.ask(session, "mei@example.com")
            let (unknown, unknownProblem) = try await Self.ask(session, "nobody@example.com")
            #expect(known.status == .tooManyRequests && unknown.status == .tooManyRequests)
            let expected = String(Int(start.addingTimeInterval(3600).timeIntervalSince(clock.now).rounded(.up)))
            #expect(known.headers[.retryAfter] == expected && unknown.headers[.retryAfter] == expected)
            #expect(knownProblem as NSDictionary == unknownProblem as NSDictionary)
            // Only the known customer got mail: five codes.
            #expect(try await session.store.unsentOutbox(limit: 100).count == 5)
            clock.advance(3600)
            #expect(try await Self.ask(session, "mei@example.com").0.status == .accepted)
        }
    }

    @Test("one address asking for many emails is limited too: 5 a minute, 20 an hour")
    func perAddress() async throws {
        let clock = TestClock()
        try await TestApp.withSession(clock: clock) { session in
            var sent = 0
            for minute in 0..<4 {
                for i in 0..<5 {
                    #expect(try await Self.ask(session, "m\(minute)-\(i)@example.com").0.status == .accepted)
                    sent += 1
                }
                let (refused, _) = try await Self.ask(session, "m\(minute)-extra@example.com")
                #expect(refused.status == .tooManyRequests, "minute \(minute)")
                clock.advance(61)
            }
            #expect(sent == 20)
            let (hourly, problem) = try await Self.ask(session, "late@example.com")
            #expect(hourly.status == .tooManyRequests)
            #expect(problem["code"] as? String == "too-many-code-requests")
            #expect(Int(hourly.headers[.retryAfter] ?? "") ?? 0 > 3000)
        }
    }

    @Test("customer sessions have their own idle and absolute limits (default 30 minutes, 24 hours), apart from agents'")
    func customerSessions() async throws {
        #expect(AccountSettings().customerSessions == SessionPolicy(idle: 30 * 60, absolute: 24 * 3600))
        #expect(AccountSettings().sessions == SessionPolicy(idle: 30 * 60, absolute: 12 * 3600))
        let configured = try ServerConfiguration.load(
            flags: .init(), environment: ["WALLETDESK_CUSTOMER_SESSION_IDLE_MINUTES": "10", "WALLETDESK_CUSTOMER_SESSION_ABSOLUTE_HOURS": "2"]
        )
        let settings = try configured.accountSettings()
        #expect(settings.customerSessions == SessionPolicy(idle: 600, absolute: 7200))
        #expect(settings.sessions == SessionPolicy(idle: 30 * 60, absolute: 12 * 3600))
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(flags: .init(), environment: ["WALLETDESK_CUSTOMER_SESSION_IDLE_MINUTES": "0"])
        }

        let clock = TestClock()
        var accounts = TestApp.fastAccounts
        accounts.customerSessions = SessionPolicy(idle: 600, absolute: 7200)
        try await TestApp.withSession(accounts: accounts, clock: clock) { session in
            _ = try await session.json(.post, "/api/v1/customers", #"{"email":"mei@example.com","language":"en"}"#)
            func signIn() async throws -> CustomerClient {
                #expect(try await Self.ask(session, "mei@example.com").0.status == .accepted)
                let message = try #require(try await session.store.unsentOutbox(limit: 100).last)
                let code = String(try #require(message.body.firstMatch(of: /\d{6}/)).output)
                var client = CustomerClient(session: session)
                let (ok, body) = try await client.send(.post, "/api/v1/customer/sign-in", #"{"email":"mei@example.com","code":"\#(code)"}"#)
                #expect(ok.status == .ok)
                #expect(ok.headers[.setCookie]?.contains("Max-Age=7200") == true)
                let expiresText = try #require(body["expiresAt"] as? String)
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                let expires = try #require(formatter.date(from: expiresText))
                #expect(abs(expires.timeIntervalSince(clock.now.addingTimeInterval(600))) < 1)
                try client.adopt(ok, body)
                return client
            }
            let client = try await signIn()
            // Used every 9 minutes it lives until the absolute limit, then ends.
            for _ in 0..<13 {
                clock.advance(9 * 60)
                #expect(try await client.send(.get, "/api/v1/customer/tickets").0.status == .ok)
            }
            clock.advance(9 * 60)
            #expect(try await client.send(.get, "/api/v1/customer/tickets").0.status == .unauthorized)
            // Idle for longer than 10 minutes: ended.
            clock.advance(120)
            let idle = try await signIn()
            clock.advance(601)
            #expect(try await idle.send(.get, "/api/v1/customer/tickets").0.status == .unauthorized)
        }
    }
}
