import DeskCore
@testable import DeskServer
import DeskStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Agent passwords and sessions through the real router.
@Suite("Accounts: passwords, sessions, CSRF")
struct AccountsTests {
    static let password = "correct horse battery staple"

    /// A browser that keeps the session cookie and the CSRF token it was given.
    struct Browser {
        let session: TestApp.Session
        var cookie: String?
        var csrf: String?

        init(_ session: TestApp.Session) { self.session = session }

        func send(
            _ method: HTTPRequest.Method, _ path: String, _ body: String? = nil, csrf useCSRF: Bool = true, headers extra: HTTPFields = [:]
        ) async throws -> (TestResponse, [String: Any]) {
            var headers: HTTPFields = [.contentType: "application/json"]
            if let cookie { headers[.cookie] = "\(SessionCookie.name)=\(cookie)" }
            if useCSRF, let csrf { headers[SessionCookie.csrfHeader] = csrf }
            for field in extra { headers[field.name] = field.value }
            let response = try await session.client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
            let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
            return (response, object)
        }

        /// Signs in; returns the response so tests can look at the cookie.
        mutating func signIn(_ email: String, _ password: String, headers: HTTPFields = [:]) async throws -> TestResponse {
            let body = try String(decoding: JSONSerialization.data(withJSONObject: ["email": email, "password": password]), as: UTF8.self)
            let (response, object) = try await send(.post, "/api/v1/sessions", body, headers: headers)
            if response.status == .created {
                let setCookie = try #require(response.headers[.setCookie])
                cookie = String(setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
                csrf = object["csrfToken"] as? String
            }
            return response
        }
    }

    /// Creates an agent with the admin token, issues a set-password code and uses it; returns the agent's email.
    static func agentWithPassword(_ session: TestApp.Session, role: AgentRole = .agent, email: String = "li.wei@example.com") async throws -> String {
        let (created, agent) = try await session.json(.post, "/api/v1/agents", #"{"name":"Li Wei","email":"\#(email)","role":"\#(role.rawValue)"}"#)
        #expect(created.status == .created)
        let id = try #require(agent["id"] as? String)
        let (issued, setup) = try await session.json(.post, "/api/v1/agents/\(id)/password-setup")
        #expect(issued.status == .created)
        let code = try #require(setup["code"] as? String)
        #expect((setup["link"] as? String)?.hasPrefix("/password/set?code=") == true)
        let (set, _) = try await session.json(.post, "/api/v1/password/set", #"{"code":"\#(code)","password":"\#(password)"}"#)
        #expect(set.status == .ok)
        // The code works once.
        let (again, problem) = try await session.json(.post, "/api/v1/password/set", #"{"code":"\#(code)","password":"\#(password)"}"#)
        #expect(again.status == .forbidden)
        #expect(problem["code"] as? String == "invalid-code")
        return email
    }

    @Test("set a password with a one-time code, sign in, use the API with the cookie, sign out")
    func signInFlow() async throws {
        try await TestApp.withSession { session in
            let email = try await Self.agentWithPassword(session)
            var browser = Browser(session)
            let signedIn = try await browser.signIn(email.uppercased(), Self.password)
            #expect(signedIn.status == .created)
            let cookie = try #require(signedIn.headers[.setCookie])
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            // The store holds only a hash of the session id.
            #expect(try await session.store.session(idHash: browser.cookie!) == nil)
            #expect(try await session.store.session(idHash: SessionCookie.idHash(browser.cookie!)) != nil)

            let (me, body) = try await browser.send(.get, "/api/v1/me")
            #expect(me.status == .ok)
            #expect(body["email"] as? String == email)
            // A session carries the role's permissions, no more: an L1 agent may not read the audit log.
            let (audit, _) = try await browser.send(.get, "/api/v1/audit")
            #expect(audit.status == .forbidden)

            let (out, _) = try await browser.send(.delete, "/api/v1/session")
            #expect(out.status == .noContent)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            let (after, _) = try await browser.send(.get, "/api/v1/me")
            #expect(after.status == .unauthorized)

            let (log, entries) = try await session.json(.get, "/api/v1/audit?action=signin.succeeded")
            #expect(log.status == .ok)
            #expect((entries["items"] as? [Any])?.count == 1)
        }
    }

    @Test("the cookie is Secure when the request came over TLS or when configured")
    func secureCookie() async throws {
        try await TestApp.withSession { session in
            let email = try await Self.agentWithPassword(session)
            var browser = Browser(session)
            let response = try await browser.signIn(email, Self.password, headers: [.init("X-Forwarded-Proto")!: "https"])
            #expect(response.headers[.setCookie]?.contains("; Secure") == true)
        }
        var settings = TestApp.fastAccounts
        settings.secureCookies = true
        try await TestApp.withSession(accounts: settings) { session in
            let email = try await Self.agentWithPassword(session)
            var browser = Browser(session)
            let response = try await browser.signIn(email, Self.password)
            #expect(response.headers[.setCookie]?.contains("; Secure") == true)
        }
    }

    @Test("wrong password, unknown email and no password answer alike")
    func refusals() async throws {
        try await TestApp.withSession { session in
            let email = try await Self.agentWithPassword(session)
            _ = try await session.json(.post, "/api/v1/agents", #"{"name":"No Password","email":"nopass@example.com"}"#)
            var bodies: Set<[String]> = []
            for (who, password) in [(email, "wrong password here"), ("nobody@example.com", Self.password), ("nopass@example.com", Self.password), ("not an email", "x")] {
                var browser = Browser(session)
                let response = try await browser.signIn(who, password)
                #expect(response.status == .unauthorized, "\(who)")
                #expect(response.headers[.setCookie] == nil)
                let problem = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
                bodies.insert(["code", "title", "detail"].map { problem[$0] as? String ?? "-" })
            }
            #expect(bodies.count == 1, "the answers differ: \(bodies)")
            let (_, failures) = try await session.json(.get, "/api/v1/audit?action=signin.failed")
            #expect((failures["items"] as? [Any])?.count == 4)
        }
    }

    @Test("state-changing requests with the cookie need the CSRF token; bearer requests do not")
    func csrf() async throws {
        try await TestApp.withSession { session in
            let email = try await Self.agentWithPassword(session)
            var browser = Browser(session)
            _ = try await browser.signIn(email, Self.password)
            let (missing, problem) = try await browser.send(.post, "/api/v1/tickets", APITests.createBody, csrf: false)
            #expect(missing.status == .forbidden)
            #expect(problem["code"] as? String == "csrf-rejected")
            let (wrong, _) = try await browser.send(.post, "/api/v1/tickets", APITests.createBody, csrf: false, headers: [SessionCookie.csrfHeader: "0123abcd"])
            #expect(wrong.status == .forbidden)
            // Another session's token does not fit this one.
            var other = Browser(session)
            _ = try await other.signIn(email, Self.password)
            let (crossed, _) = try await browser.send(.post, "/api/v1/tickets", APITests.createBody, csrf: false, headers: [SessionCookie.csrfHeader: other.csrf!])
            #expect(crossed.status == .forbidden)
            let (signOutWithout, _) = try await browser.send(.delete, "/api/v1/session", csrf: false)
            #expect(signOutWithout.status == .forbidden)
            // Reads need none; writes with the token go through.
            let (read, _) = try await browser.send(.get, "/api/v1/tickets", csrf: false)
            #expect(read.status == .ok)
            let (created, _) = try await browser.send(.post, "/api/v1/tickets", APITests.createBody)
            #expect(created.status == .created)
            let (bearer, _) = try await session.json(.post, "/api/v1/tickets", APITests.createBody)
            #expect(bearer.status == .created)
        }
    }

    @Test("sessions end after the idle time and after the absolute time")
    func expiry() async throws {
        let clock = TestClock()
        var settings = TestApp.fastAccounts
        settings.sessions = SessionPolicy(idle: 30 * 60, absolute: 2 * 3600)
        try await TestApp.withSession(accounts: settings, clock: clock) { session in
            let email = try await Self.agentWithPassword(session)
            var idle = Browser(session)
            _ = try await idle.signIn(email, Self.password)
            var busy = Browser(session)
            _ = try await busy.signIn(email, Self.password)
            clock.advance(29 * 60)
            #expect(try await busy.send(.get, "/api/v1/me").0.status == .ok)
            clock.advance(2 * 60)
            // 31 minutes without a request: the idle session is over; the busy one was used 2 minutes ago.
            #expect(try await idle.send(.get, "/api/v1/me").0.status == .unauthorized)
            #expect(try await busy.send(.get, "/api/v1/me").0.status == .ok)
            for _ in 0..<4 {
                clock.advance(20 * 60)
                #expect(try await busy.send(.get, "/api/v1/me").0.status == .ok)
            }
            // 1 h 51 min in: still alive; past 2 h it ends however busy it is.
            clock.advance(10 * 60)
            #expect(try await busy.send(.get, "/api/v1/me").0.status == .unauthorized)
        }
    }

    @Test("sign out everywhere ends every session of the agent; a new password does too")
    func signOutEverywhere() async throws {
        try await TestApp.withSession { session in
            let email = try await Self.agentWithPassword(session)
            var phone = Browser(session)
            _ = try await phone.signIn(email, Self.password)
            var laptop = Browser(session)
            _ = try await laptop.signIn(email, Self.password)
            let (out, body) = try await phone.send(.delete, "/api/v1/me/sessions")
            #expect(out.status == .ok)
            #expect(body["endedSessions"] as? Int == 2)
            #expect(try await laptop.send(.get, "/api/v1/me").0.status == .unauthorized)
            #expect(try await phone.send(.get, "/api/v1/me").0.status == .unauthorized)

            _ = try await laptop.signIn(email, Self.password)
            let (weak, problem) = try await laptop.send(.put, "/api/v1/me/password", #"{"currentPassword":"\#(Self.password)","newPassword":"short"}"#)
            #expect(weak.status == .badRequest)
            #expect(problem["code"] as? String == "weak-password")
            let (wrongCurrent, _) = try await laptop.send(.put, "/api/v1/me/password", #"{"currentPassword":"nope nope nope","newPassword":"a brand new passphrase"}"#)
            #expect(wrongCurrent.status == .badRequest)
            let (changed, _) = try await laptop.send(.put, "/api/v1/me/password", #"{"currentPassword":"\#(Self.password)","newPassword":"a brand new passphrase"}"#)
            #expect(changed.status == .noContent)
            #expect(try await laptop.send(.get, "/api/v1/me").0.status == .unauthorized)
            #expect(try await laptop.signIn(email, Self.password).status == .unauthorized)
            #expect(try await laptop.signIn(email, "a brand new passphrase").status == .created)
        }
    }

    @Test("setup can give the first admin a password; admins need a second factor")
    func setupPassword() async throws {
        try await TestApp.withSession { session in
            var browser = Browser(session)
            #expect(try await browser.signIn("root@example.com", Self.password).status == .unauthorized)
            let admin = try #require(try await session.store.credentials(email: EmailAddress(rawValue: "root@example.com")!))
            let hash = try await TestApp.fastAccounts.passwords.hash(Self.password)
            try await session.store.setPassword(admin.agent.id, hash: hash, by: .system, now: Date())
            #expect(try await browser.signIn("root@example.com", Self.password).status == .created)
            // The password alone gives no usable session.
            #expect(try await browser.send(.get, "/api/v1/audit").0.status == .unauthorized)
        }
    }
}

/// TOTP: enrolment, proving it, recovery codes, the policy. A password alone never gives a usable session.
@Suite("Accounts: second factor")
struct SecondFactorTests {
    typealias Browser = AccountsTests.Browser

    /// Signs an agent in with the password, enrols TOTP while pending and proves it; returns the browser, the secret and
    /// the recovery codes.
    static func enrol(_ session: TestApp.Session, clock: TestClock, email: String) async throws -> (Browser, String, [String]) {
        var browser = Browser(session)
        let response = try await browser.signIn(email, AccountsTests.password)
        #expect(response.status == .created)
        let signIn = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        #expect(signIn?["state"] as? String == "pending-second-factor")
        #expect(signIn?["secondFactor"] as? String == "enrol")
        try await Self.expectUnusable(browser)

        let (started, enrolment) = try await browser.send(.post, "/api/v1/sessions/second-factor/enrolment")
        #expect(started.status == .created)
        let url = try #require(enrolment["otpauthUrl"] as? String)
        #expect(url.hasPrefix("otpauth://totp/WalletDesk:"))
        #expect(url.contains("issuer=WalletDesk"))
        #expect((enrolment["manualKey"] as? String)?.isEmpty == false)
        // Read the secret from the otpauth URL as an authenticator app does: the store only holds it sealed.
        let secret = try #require(SecondFactorSealingTests.secret(fromAuthenticatorURL: url))
        #expect((enrolment["qrSvg"] as? String)?.hasPrefix("<svg") == true)

        let pendingCookie = browser.cookie
        let code = TOTPCodes.code(secret: secret, at: clock.now)
        let (proven, body) = try await browser.send(.post, "/api/v1/sessions/second-factor", #"{"code":"\#(code)"}"#)
        #expect(proven.status == .ok)
        let codes = try #require(body["recoveryCodes"] as? [String])
        #expect(codes.count == 10)
        #expect(Set(codes).count == 10)
        browser.cookie = String(try #require(proven.headers[.setCookie]).split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
        browser.csrf = body["csrfToken"] as? String
        #expect(browser.cookie != pendingCookie, "the session id must change when the second factor is proven")
        #expect(try await browser.send(.get, "/api/v1/me").0.status == .ok)
        // The pending id is worthless now.
        var old = browser
        old.cookie = pendingCookie
        #expect(try await old.send(.get, "/api/v1/me").0.status == .unauthorized)
        return (browser, secret, codes)
    }

    /// A pending sign-in opens no API route, read or write, with or without the CSRF token.
    static func expectUnusable(_ browser: Browser) async throws {
        #expect(try await browser.send(.get, "/api/v1/me").0.status == .unauthorized)
        #expect(try await browser.send(.get, "/api/v1/tickets").0.status == .unauthorized)
        #expect(try await browser.send(.post, "/api/v1/tickets", APITests.createBody).0.status == .unauthorized)
        #expect(try await browser.send(.delete, "/api/v1/me/sessions").0.status == .unauthorized)
        #expect(try await browser.send(.post, "/api/v1/me/2fa").0.status == .unauthorized)
    }

    @Test("admins must enrol; the password alone is never enough; codes and recovery codes work once")
    func enrolAndProve() async throws {
        let clock = TestClock()
        try await TestApp.withSession(clock: clock) { session in
            let email = try await AccountsTests.agentWithPassword(session, role: .admin, email: "boss@example.com")
            let (_, secret, codes) = try await Self.enrol(session, clock: clock, email: email)

            // Next sign-in: TOTP asked for; the code used for enrolment (same time step) is refused as a replay.
            var browser = Browser(session)
            let again = try await browser.signIn(email, AccountsTests.password)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: again.body)) as? [String: Any]
            #expect(body?["secondFactor"] as? String == "totp")
            try await Self.expectUnusable(browser)
            let replay = TOTPCodes.code(secret: secret, at: clock.now)
            let (replayed, problem) = try await browser.send(.post, "/api/v1/sessions/second-factor", #"{"code":"\#(replay)"}"#)
            #expect(replayed.status == .forbidden)
            #expect(problem["code"] as? String == "invalid-code")
            // Without the CSRF token the pending sign-in cannot be finished either.
            clock.advance(30)
            let fresh = TOTPCodes.code(secret: secret, at: clock.now)
            #expect(try await browser.send(.post, "/api/v1/sessions/second-factor", #"{"code":"\#(fresh)"}"#, csrf: false).0.status == .forbidden)
            // Someone holding only the password cannot replace the existing factor.
            #expect(try await browser.send(.post, "/api/v1/sessions/second-factor/enrolment").0.status == .forbidden)
            let (ok, _) = try await browser.send(.post, "/api/v1/sessions/second-factor", #"{"code":"\#(fresh)"}"#)
            #expect(ok.status == .ok)

            // A recovery code works once.
            var first = Browser(session)
            _ = try await first.signIn(email, AccountsTests.password)
            let (recovered, _) = try await first.send(.post, "/api/v1/sessions/second-factor", #"{"recoveryCode":"\#(codes[0].lowercased())"}"#)
            #expect(recovered.status == .ok)
            var second = Browser(session)
            _ = try await second.signIn(email, AccountsTests.password)
            let (reused, _) = try await second.send(.post, "/api/v1/sessions/second-factor", #"{"recoveryCode":"\#(codes[0])"}"#)
            #expect(reused.status == .forbidden)
            let (other, _) = try await second.send(.post, "/api/v1/sessions/second-factor", #"{"recoveryCode":"\#(codes[1])"}"#)
            #expect(other.status == .ok)

            let actions = try await session.store.auditEntries(after: nil, action: nil, limit: 500).map(\.action)
            #expect(actions.contains("2fa.enabled"))
            #expect(actions.filter { $0 == "2fa.recovery-code-used" }.count == 2)
            #expect(actions.contains("signin.second-factor-failed"))
        }
    }

    @Test("five wrong codes end the pending sign-in")
    func attemptsLimited() async throws {
        let clock = TestClock()
        try await TestApp.withSession(clock: clock) { session in
            let email = try await AccountsTests.agentWithPassword(session, role: .security, email: "sec@example.com")
            let (_, secret, _) = try await Self.enrol(session, clock: clock, email: email)
            clock.advance(60)
            var browser = Browser(session)
            _ = try await browser.signIn(email, AccountsTests.password)
            for _ in 0..<5 {
                // Spaced out, so the account's growing delays do not answer first.
                let wrong = TOTPCodes.code(secret: secret, at: clock.now) == "000000" ? "111111" : "000000"
                #expect(try await browser.send(.post, "/api/v1/sessions/second-factor", #"{"code":"\#(wrong)"}"#).0.status == .forbidden)
                clock.advance(20)
            }
            let right = TOTPCodes.code(secret: secret, at: clock.now)
            let (late, _) = try await browser.send(.post, "/api/v1/sessions/second-factor", #"{"code":"\#(right)"}"#)
            #expect(late.status == .unauthorized)
        }
    }

    @Test("the pending sign-in expires after five minutes")
    func pendingExpires() async throws {
        let clock = TestClock()
        try await TestApp.withSession(clock: clock) { session in
            let email = try await AccountsTests.agentWithPassword(session, role: .admin, email: "boss@example.com")
            let (_, secret, _) = try await Self.enrol(session, clock: clock, email: email)
            clock.advance(60)
            var browser = Browser(session)
            _ = try await browser.signIn(email, AccountsTests.password)
            clock.advance(5 * 60 + 1)
            let code = TOTPCodes.code(secret: secret, at: clock.now)
            #expect(try await browser.send(.post, "/api/v1/sessions/second-factor", #"{"code":"\#(code)"}"#).0.status == .unauthorized)
        }
    }

    @Test("the policy: L1 agents sign in with a password until an admin requires 2FA for everyone; admins can reset")
    func policy() async throws {
        let clock = TestClock()
        try await TestApp.withSession(clock: clock) { session in
            let email = try await AccountsTests.agentWithPassword(session)
            var browser = Browser(session)
            _ = try await browser.signIn(email, AccountsTests.password)
            #expect(try await browser.send(.get, "/api/v1/me").0.status == .ok)
            // An L1 agent may remove their own optional factor, but not change the policy.
            #expect(try await browser.send(.put, "/api/v1/settings/2fa", #"{"requiredForEveryone":true}"#).0.status == .forbidden)

            let (set, policy) = try await session.json(.put, "/api/v1/settings/2fa", #"{"requiredForEveryone":true}"#)
            #expect(set.status == .ok)
            #expect(policy["requiredForEveryone"] as? Bool == true)
            var later = Browser(session)
            let response = try await later.signIn(email, AccountsTests.password)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            #expect(body?["state"] as? String == "pending-second-factor")
            try await Self.expectUnusable(later)

            // Enrolled agents can no longer remove the factor themselves; an admin reset removes it and signs them out.
            clock.advance(30)
            let (enrolled, _, _) = try await Self.enrol(session, clock: clock, email: email)
            #expect(try await enrolled.send(.delete, "/api/v1/me/2fa").0.status == .conflict)
            let agentID = try #require(try await session.store.credentials(email: EmailAddress(rawValue: email)!)?.agent.id)
            #expect(try await session.json(.delete, "/api/v1/agents/\(agentID)/2fa").0.status == .noContent)
            #expect(try await enrolled.send(.get, "/api/v1/me").0.status == .unauthorized)
            #expect(try await session.store.credentials(agentID: agentID).totpSecret == nil)
        }
    }
}

/// bcrypt must never run on an event loop: a hash at the production cost takes a quarter of a second.
@Suite("Password hashing")
struct PasswordHashingTests {
    /// An actor that runs on a NIO event loop, as request handlers do when the event loops are the executor.
    actor OnEventLoop {
        let loop: any EventLoop
        init(_ loop: any EventLoop) { self.loop = loop }
        nonisolated var unownedExecutor: UnownedSerialExecutor { loop.executor.asUnownedSerialExecutor() }

        func hash(cost: UInt8, finished: HashFinished) async throws -> (startedOnLoop: Bool, hashedOnLoop: Bool, hash: String) {
            let startedOnLoop = loop.inEventLoop
            let hashedOnLoop = try await PasswordHasher.offLoop(limit: 10_000) { MultiThreadedEventLoopGroup.currentEventLoop != nil }
            let hash = try await PasswordHasher(cost: cost, maxWaiting: 10_000).hash("a passphrase to hash")
            finished.value.withLock { $0 = true }
            return (startedOnLoop, hashedOnLoop, hash)
        }
    }

    /// Set once the slow hash is done.
    final class HashFinished: Sendable {
        let value = Mutex(false)
    }

    @Test("hashing started on an event loop runs on the thread pool, and the loop keeps serving meanwhile")
    func offTheEventLoop() async throws {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let actor = OnEventLoop(loop)
        let finished = HashFinished()
        // Cost 10 (tens of milliseconds) is slow enough to order against; cost 12 held the one low-priority hashing thread
        // for seconds on a loaded machine, so other suites' sign-ins running in parallel overflowed the queue (503).
        async let result = actor.hash(cost: 10, finished: finished)
        // While the (slow) hash runs, the same loop runs other work: a task submitted after the hash began completes
        // before the hash does. (Ordering, not a time limit: a busy test machine cannot make this flaky.)
        try await Task.sleep(for: .milliseconds(20))
        let hashDoneWhenLoopAnswered = try await loop.submit { finished.value.withLock { $0 } }.get()
        let (startedOnLoop, hashedOnLoop, hash) = try await result
        #expect(startedOnLoop)
        #expect(!hashedOnLoop)
        #expect(!hashDoneWhenLoopAnswered, "the event loop only answered after the hash finished")
        #expect(hash.contains("$10$"))
        #expect(try await PasswordHasher(cost: 4, maxWaiting: 10_000).verify("a passphrase to hash", hash: hash))
        #expect(try await !PasswordHasher(cost: 4, maxWaiting: 10_000).verify("another passphrase", hash: hash))
        #expect(try await !PasswordHasher(cost: 4, maxWaiting: 10_000).verify("a passphrase to hash", hash: nil))
    }

    @Test("past the queue limit a hash is refused at once (503), not queued")
    func queueLimit() async throws {
        await #expect(throws: DeskError.unavailable) { try await PasswordHasher(cost: 4, maxWaiting: 0).hash("a passphrase to hash") }
    }

    #if os(Linux)
    @Test("hashing threads run at a lower priority than the event loops")
    func niced() async throws {
        let nice = try await PasswordHasher.offLoop(limit: 10_000) { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
        #expect(nice == 19)
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == 0, "the test's own thread keeps its priority")
    }
    #endif
}
