import DeskCore
@testable import DeskServer
import DeskStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Brute-force defence, locks, sign-in history and new-device alerts, through the real router with a test clock.
@Suite("Accounts: brute-force defence and sign-in history")
struct SignInSecurityTests {
    typealias Browser = AccountsTests.Browser

    static func settings(lockAfter: Int = 6) -> AccountSettings {
        var settings = TestApp.fastAccounts
        settings.throttle.accountLockAfter = lockAfter
        return settings
    }

    @Test("growing delays, then a lock the agent is told about in their language; admins see the reason and unlock")
    func lockout() async throws {
        let clock = TestClock()
        try await TestApp.withSession(accounts: Self.settings(), clock: clock) { session in
            let email = try await AccountsTests.agentWithPassword(session)
            let agentID = try #require(try await session.store.credentials(email: EmailAddress(rawValue: email)!)?.agent.id)
            var browser = Browser(session)
            let zhTW: HTTPFields = [.acceptLanguage: "zh-TW"]
            var statuses: [Int] = []
            for _ in 0..<3 { statuses.append(try await browser.signIn(email, "wrong password!", headers: zhTW).status.code) }
            // The fourth try comes too soon after the third failure.
            let early = try await browser.signIn(email, AccountsTests.password, headers: zhTW)
            #expect(early.status == .tooManyRequests)
            #expect(early.headers[.retryAfter] == "1")
            clock.advance(1)
            statuses.append(try await browser.signIn(email, "wrong password!", headers: zhTW).status.code)
            let waitTwo = try await browser.signIn(email, "wrong password!", headers: zhTW)
            #expect(waitTwo.headers[.retryAfter] == "2")
            clock.advance(2)
            statuses.append(try await browser.signIn(email, "wrong password!", headers: zhTW).status.code)
            clock.advance(4)
            statuses.append(try await browser.signIn(email, "wrong password!", headers: zhTW).status.code)
            #expect(statuses == [401, 401, 401, 401, 401, 401])
            // Six failures: locked. Even the right password is refused now.
            clock.advance(60)
            let locked = try await browser.signIn(email, AccountsTests.password, headers: zhTW)
            #expect(locked.status == .tooManyRequests)
            #expect(Int(locked.headers[.retryAfter] ?? "0")! > 800)

            let outbox = try await session.store.unsentOutbox(limit: 10)
            #expect(outbox.count == 1)
            #expect(outbox.first?.kind == "account-locked")
            #expect(outbox.first?.recipient == email)
            #expect(outbox.first?.language == .zhTW)
            #expect(outbox.first?.subject.contains("帳號") == true)

            let (seen, lock) = try await session.json(.get, "/api/v1/agents/\(agentID)/sign-in-lock")
            #expect(seen.status == .ok)
            #expect(lock["locked"] as? Bool == true)
            #expect(lock["reason"] as? String == "too-many-passwords")
            let (list, locks) = try await session.json(.get, "/api/v1/sign-in-locks")
            #expect(list.status == .ok)
            #expect((locks["items"] as? [[String: Any]])?.first?["key"] as? String == "account:\(email)")

            let (unlocked, after) = try await session.json(.delete, "/api/v1/agents/\(agentID)/sign-in-lock")
            #expect(unlocked.status == .ok)
            #expect(after["locked"] as? Bool == false)
            #expect(try await browser.signIn(email, AccountsTests.password).status == .created)

            let actions = try await session.store.auditEntries(after: nil, action: nil, limit: 500).map(\.action)
            #expect(actions.contains("account.locked"))
            #expect(actions.contains("account.unlocked"))
            #expect(actions.filter { $0 == "signin.failed" }.count == 6)
        }
    }

    @Test("an unknown email is throttled and locked exactly like a real one, and nobody is written to")
    func unknownEmail() async throws {
        let clock = TestClock()
        try await TestApp.withSession(accounts: Self.settings(lockAfter: 4), clock: clock) { (session: TestApp.Session) async throws in
            var browser = Browser(session)
            for _ in 0..<4 {
                #expect(try await browser.signIn("ghost@example.com", "whatever it is").status == .unauthorized)
                clock.advance(30)
            }
            #expect(try await browser.signIn("ghost@example.com", "whatever it is").status == .tooManyRequests)
            #expect(try await session.store.unsentOutbox(limit: 10).isEmpty)
        }
    }

    @Test("wrong second-factor codes count too, and lock with their own reason")
    func codesCount() async throws {
        let clock = TestClock()
        try await TestApp.withSession(accounts: Self.settings(lockAfter: 4), clock: clock) { session in
            let email = try await AccountsTests.agentWithPassword(session, role: .admin, email: "boss@example.com")
            _ = try await SecondFactorTests.enrol(session, clock: clock, email: email)
            for _ in 0..<2 {
                clock.advance(60)
                var browser = Browser(session)
                #expect(try await browser.signIn(email, AccountsTests.password).status == .created)
                for _ in 0..<2 {
                    #expect(try await browser.send(.post, "/api/v1/sessions/second-factor", #"{"code":"12345x"}"#).0.status == .forbidden)
                    clock.advance(30)
                }
            }
            clock.advance(60)
            var browser = Browser(session)
            #expect(try await browser.signIn(email, AccountsTests.password).status == .tooManyRequests)
            let agentID = try #require(try await session.store.credentials(email: EmailAddress(rawValue: email)!)?.agent.id)
            let (_, lock) = try await session.json(.get, "/api/v1/agents/\(agentID)/sign-in-lock")
            #expect(lock["reason"] as? String == "too-many-codes")
        }
    }

    @Test("sign-in history for the agent and admins; a new device puts an alert in the outbox")
    func history() async throws {
        let clock = TestClock()
        try await TestApp.withSession(clock: clock) { session in
            let email = try await AccountsTests.agentWithPassword(session)
            var phone = Browser(session)
            _ = try await phone.signIn(email, "not my password", headers: [.userAgent: "Phone/1"])
            _ = try await phone.signIn(email, AccountsTests.password, headers: [.userAgent: "Phone/1"])
            _ = try await phone.signIn(email, AccountsTests.password, headers: [.userAgent: "Phone/1"])
            #expect(try await session.store.unsentOutbox(limit: 10).isEmpty, "the first device and a known one are not news")
            var laptop = Browser(session)
            _ = try await laptop.signIn(email, AccountsTests.password, headers: [.userAgent: "Laptop/2 seed: \(String(repeating: "abandon ", count: 11))about"])
            let outbox = try await session.store.unsentOutbox(limit: 10)
            #expect(outbox.map(\.kind) == ["new-device"])
            #expect(outbox.first?.body.contains("Laptop/2") == true)
            #expect(outbox.first?.body.contains("abandon abandon") == false, "a secret in the user agent must not be stored")

            let (mine, body) = try await phone.send(.get, "/api/v1/me/sign-ins")
            #expect(mine.status == .ok)
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.map { $0["success"] as? Bool } == [true, true, true, false])
            #expect(items.last?["reason"] as? String == "wrong-password")
            #expect(items.first?["userAgent"] as? String != nil)
            let agentID = try #require(try await session.store.credentials(email: EmailAddress(rawValue: email)!)?.agent.id)
            let (theirs, adminBody) = try await session.json(.get, "/api/v1/agents/\(agentID)/sign-ins?limit=2")
            #expect(theirs.status == .ok)
            #expect((adminBody["items"] as? [Any])?.count == 2)
            // An L1 agent cannot read someone else's history.
            #expect(try await phone.send(.get, "/api/v1/agents/\(agentID)/sign-ins").0.status == .forbidden)
        }
    }
}
