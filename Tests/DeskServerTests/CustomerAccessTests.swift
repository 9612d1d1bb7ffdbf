import DeskCore
@testable import DeskServer
import DeskStore
import Foundation
import Hummingbird
import HummingbirdTesting
import JWTKit
import NIOCore
import Testing

/// Customers: one-time email codes, wallet-app single sign-on, and seeing only their own tickets.
@Suite("Customer access")
struct CustomerAccessTests {
    static let walletKey = try! EdDSA.PrivateKey(curve: .ed25519)

    static func settings() throws -> AccountSettings {
        var settings = TestApp.fastAccounts
        try settings.enableWalletSSO(publicKeyPEM: walletKey.publicKey.pemRepresentation, audience: "walletdesk")
        return settings
    }

    struct Claims: JWTPayload {
        var sub: SubjectClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim
        var nbf: NotBeforeClaim?
        var iat: IssuedAtClaim?
        var jti: IDClaim
        var email: String?
        var locale: String?
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    static func token(
        account: String, now: Date, lifetime: TimeInterval = 120, notBefore: Date? = nil, audience: String = "walletdesk", jti: String = UUID().uuidString,
        key: EdDSA.PrivateKey = walletKey, email: String? = nil
    ) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(eddsa: key)
        return try await keys.sign(
            Claims(
                sub: .init(value: account), aud: .init(value: [audience]), exp: .init(value: now.addingTimeInterval(lifetime)),
                nbf: notBefore.map { .init(value: $0) }, iat: .init(value: notBefore ?? now), jti: .init(value: jti), email: email, locale: "zh-TW"
            )
        )
    }

    /// A customer client with its own cookie.
    struct CustomerClient {
        let session: TestApp.Session
        var cookie: String?
        var csrf: String?

        func send(_ method: HTTPRequest.Method, _ path: String, _ body: String? = nil) async throws -> (TestResponse, [String: Any]) {
            try await send(method, path, bytes: body.map { Array($0.utf8) })
        }

        func send(_ method: HTTPRequest.Method, _ path: String, bytes: [UInt8]?) async throws -> (TestResponse, [String: Any]) {
            var headers: HTTPFields = [.contentType: "application/json"]
            if let cookie { headers[.cookie] = "\(CustomerCookie.name)=\(cookie)" }
            if let csrf { headers[SessionCookie.csrfHeader] = csrf }
            let response = try await session.client.execute(uri: path, method: method, headers: headers, body: bytes.map { ByteBuffer(bytes: $0) })
            return (response, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
        }

        mutating func adopt(_ response: TestResponse, _ body: [String: Any]) throws {
            let setCookie = try #require(response.headers[.setCookie])
            cookie = String(setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
            csrf = body["csrfToken"] as? String
        }
    }

    static func sso(_ session: TestApp.Session, _ token: String) async throws -> (TestResponse, [String: Any]) {
        try await CustomerClient(session: session).send(.post, "/api/v1/customer/sso", #"{"token":"\#(token)"}"#)
    }

    static func refusal(_ body: [String: Any]) -> String? {
        guard body["code"] as? String == "sso-refused", let detail = body["detail"] as? String else { return nil }
        return SSORefusal.allCases.first { Localizer.shared.text("detail.sso-\($0.rawValue)", .zhCN) == detail }?.rawValue
    }

    @Test("wallet-app sign-in: accepted once, marks the customer verified; every bad token refused with its reason")
    func walletSSO() async throws {
        let clock = TestClock()
        try await TestApp.withSession(accounts: try Self.settings(), clock: clock) { session in
            let now = clock.now
            let good = try await Self.token(account: "W-1001", now: now, email: "w1001@example.com")
            let (ok, body) = try await Self.sso(session, good)
            #expect(ok.status == .ok)
            #expect(ok.headers[.setCookie]?.contains("wd_customer=") == true)
            let customer = try #require(body["customer"] as? [String: Any])
            #expect(customer["verifiedByWallet"] as? Bool == true)
            #expect(customer["language"] as? String == "zh-TW")

            let cases: [(String, String)] = [
                (good, "replayed"),
                (try await Self.token(account: "W-1001", now: now.addingTimeInterval(-600)), "expired"),
                (try await Self.token(account: "W-1001", now: now, notBefore: now.addingTimeInterval(300)), "not-yet-valid"),
                (try await Self.token(account: "W-1001", now: now, key: try EdDSA.PrivateKey(curve: .ed25519)), "bad-signature"),
                (try await Self.token(account: "W-1001", now: now, audience: "someone-else"), "wrong-audience"),
                (try await Self.token(account: "W-1001", now: now, lifetime: 86_400), "too-long-lived"),
                ("not.a.token", "malformed"),
            ]
            for (token, reason) in cases {
                let (refused, problem) = try await Self.sso(session, token)
                #expect(refused.status == .unauthorized, "\(reason)")
                #expect(Self.refusal(problem) == reason, "\(reason): \(problem)")
            }
            // The same customer again with a fresh token: linked, not duplicated.
            let (again, second) = try await Self.sso(session, try await Self.token(account: "W-1001", now: now))
            #expect(again.status == .ok)
            #expect((second["customer"] as? [String: Any])?["id"] as? String == customer["id"] as? String)
            let audit = try await session.store.auditEntries(after: nil, action: "customer.wallet-sso", limit: 10)
            #expect(audit.count == 2)
        }
        // Without a configured key the door is closed, and says so.
        try await TestApp.withSession { session in
            let (refused, problem) = try await Self.sso(session, try await Self.token(account: "W-1", now: Date()))
            #expect(refused.status == .unauthorized)
            #expect(Self.refusal(problem) == "not-configured")
        }
    }

    @Test("a customer sees the live call code of their own ticket: after the agent's code is confirmed, not after expiry or a new pair")
    func callCode() async throws {
        let clock = TestClock()
        try await TestApp.withSession(accounts: try Self.settings(), clock: clock) { session in
            let body = #"{"subject":"Call me","requester":{"walletAccountId":"W-C","email":"w-c@example.com","language":"en"},"message":{"text":"Please call","author":"customer"}}"#
            let (_, created) = try await session.json(.post, "/api/v1/tickets", body)
            let ticket = try #require((created["ticket"] as? [String: Any])?["id"] as? String)
            let (_, other) = try await session.json(
                .post, "/api/v1/tickets", #"{"subject":"Other","requester":{"email":"other@example.com"},"message":{"text":"x","author":"customer"}}"#
            )
            let otherTicket = try #require((other["ticket"] as? [String: Any])?["id"] as? String)
            var carol = CustomerClient(session: session)
            let (signedIn, signInBody) = try await Self.sso(session, try await Self.token(account: "W-C", now: clock.now))
            try carol.adopt(signedIn, signInBody)

            #expect(try await carol.send(.get, "/api/v1/customer/tickets/\(ticket)/call-code").0.status == .notFound)
            let (_, pair) = try await session.json(.post, "/api/v1/tickets/\(ticket)/call-codes")
            let agentCode = try #require(pair["agentCode"] as? String)
            let customerCode = try #require(pair["customerCode"] as? String)
            let (shown, code) = try await carol.send(.get, "/api/v1/customer/tickets/\(ticket)/call-code")
            #expect(shown.status == .ok)
            #expect(shown.headers[.cacheControl] == "no-store")
            #expect(code["code"] as? String == customerCode && code["agentName"] as? String == "Root" && code["ticketId"] as? String == ticket)
            // The customer confirms the agent's code, then reads theirs out: it is still shown.
            let confirmed = try await session.client.execute(
                uri: "/api/v1/verify/call", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"ticket":"\#(ticket)","code":"\#(agentCode)"}"#)
            )
            #expect(confirmed.status == .ok)
            #expect(try await carol.send(.get, "/api/v1/customer/tickets/\(ticket)/call-code").1["code"] as? String == customerCode)
            // A new pair replaces it; someone else's ticket's codes are never shown; expiry ends it.
            let (_, second) = try await session.json(.post, "/api/v1/tickets/\(ticket)/call-codes")
            #expect(try await carol.send(.get, "/api/v1/customer/tickets/\(ticket)/call-code").1["code"] as? String == second["customerCode"] as? String)
            _ = try await session.json(.post, "/api/v1/tickets/\(otherTicket)/call-codes")
            #expect(try await carol.send(.get, "/api/v1/customer/tickets/\(otherTicket)/call-code").0.status == .notFound)
            clock.advance(601)
            #expect(try await carol.send(.get, "/api/v1/customer/tickets/\(ticket)/call-code").0.status == .notFound)
        }
    }

    @Test("customers see only their own tickets; anything else is 404, anonymous 401, agents are not customers")
    func isolation() async throws {
        let clock = TestClock()
        try await TestApp.withSession(accounts: try Self.settings(), clock: clock) { session in
            func ticket(for account: String) async throws -> String {
                let body = #"{"subject":"Help","requester":{"walletAccountId":"\#(account)","email":"\#(account.lowercased())@example.com","language":"en"},"message":{"text":"Hello","author":"customer"}}"#
                let (response, created) = try await session.json(.post, "/api/v1/tickets", body)
                #expect(response.status == .created, "\(created)")
                return try #require((created["ticket"] as? [String: Any])?["id"] as? String)
            }
            let mine = try await ticket(for: "W-A")
            let theirs = try await ticket(for: "W-B")
            var alice = CustomerClient(session: session)
            let (signedIn, body) = try await Self.sso(session, try await Self.token(account: "W-A", now: clock.now))
            try alice.adopt(signedIn, body)

            let (list, items) = try await alice.send(.get, "/api/v1/customer/tickets")
            #expect(list.status == .ok)
            #expect((items["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [mine])
            #expect(try await alice.send(.get, "/api/v1/customer/tickets/\(mine)").0.status == .ok)
            let (other, problem) = try await alice.send(.get, "/api/v1/customer/tickets/\(theirs)")
            #expect(other.status == .notFound)
            let (absent, absentProblem) = try await alice.send(.get, "/api/v1/customer/tickets/WD-99999")
            #expect(absent.status == .notFound)
            #expect(problem["detail"] as? String == absentProblem["detail"] as? String, "someone else's ticket must look like no ticket")
            #expect(try await alice.send(.get, "/api/v1/customer/tickets/garbage").0.status == .notFound)

            let anonymous = CustomerClient(session: session)
            #expect(try await anonymous.send(.get, "/api/v1/customer/tickets").0.status == .unauthorized)
            let agent = try await session.client.execute(uri: "/api/v1/customer/tickets", method: .get, headers: session.auth)
            #expect(agent.status == .unauthorized)
            // A customer cookie opens no agent route.
            #expect(try await alice.send(.get, "/api/v1/tickets").0.status == .unauthorized)

            var withoutCSRF = alice
            withoutCSRF.csrf = nil
            #expect(try await withoutCSRF.send(.delete, "/api/v1/customer/session").0.status == .forbidden)
            #expect(try await alice.send(.delete, "/api/v1/customer/session").0.status == .noContent)
            #expect(try await alice.send(.get, "/api/v1/customer/tickets").0.status == .unauthorized)
        }
    }

    @Test("a customer writes to support: phrase removed and warned, public conversation only, a reply reopens, requests limited")
    func writeToSupport() async throws {
        let clock = TestClock()
        try await TestApp.withSession(accounts: try Self.settings(), clock: clock) { session in
            var alice = CustomerClient(session: session)
            let (signedIn, body) = try await Self.sso(session, try await Self.token(account: "W-WRITER", now: clock.now))
            try alice.adopt(signedIn, body)
            let phrase = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"
            let (created, opened) = try await alice.send(
                .post, "/api/v1/customer/tickets", #"{"text":"USDT gone after I typed \#(phrase)\nhelp","category":"stolen_funds"}"#
            )
            #expect(created.status == .created, "\(opened)")
            let ticket = try #require(opened["ticket"] as? [String: Any])
            let number = try #require(ticket["id"] as? String)
            #expect((ticket["subject"] as? String)?.hasPrefix("USDT gone after I typed") == true)
            #expect(!(ticket["subject"] as? String ?? "abandon").contains("abandon"))
            #expect(!String(describing: opened).contains("abandon amount"))
            let (_, agentView) = try await session.json(.get, "/api/v1/tickets/\(number)")
            #expect(agentView["channel"] as? String == "api" && agentView["priority"] as? String == "urgent")
            #expect((agentView["tags"] as? [String])?.contains("secret-exposed") == true)

            #expect(try await session.json(.post, "/api/v1/tickets/\(number)/messages", #"{"text":"internal check","visibility":"internal"}"#).0.status == .created)
            #expect(try await session.json(.post, "/api/v1/tickets/\(number)/messages", #"{"text":"Which network?","status":"pending"}"#).0.status == .created)
            let (listed, conversation) = try await alice.send(.get, "/api/v1/customer/tickets/\(number)/messages")
            #expect(listed.status == .ok)
            let items = try #require(conversation["items"] as? [[String: Any]])
            #expect(items.map { $0["from"] as? String } == ["customer", "system", "agent"])
            #expect(!items.contains { ($0["text"] as? String)?.contains("internal check") == true })
            #expect(items.last?["agentName"] as? String != nil)

            var withoutCSRF = alice
            withoutCSRF.csrf = nil
            #expect(try await withoutCSRF.send(.post, "/api/v1/customer/tickets/\(number)/messages", #"{"text":"TRC20"}"#).0.status == .forbidden)
            #expect(try await alice.send(.post, "/api/v1/customer/tickets/\(number)/messages", #"{"text":7}"#).0.status == .badRequest)
            let (replied, reply) = try await alice.send(.post, "/api/v1/customer/tickets/\(number)/messages", #"{"text":"TRC20"}"#)
            #expect(replied.status == .created, "\(reply)")
            #expect((reply["ticket"] as? [String: Any])?["status"] as? String == "open")

            #expect(try await alice.send(.post, "/api/v1/customer/tickets", #"{"text":"second"}"#).0.status == .created)
            #expect(try await alice.send(.post, "/api/v1/customer/tickets", #"{"text":"third","category":"nonsense"}"#).0.status == .badRequest)
            #expect(try await alice.send(.post, "/api/v1/customer/tickets", #"{"text":"third","priority":"urgent"}"#).0.status == .badRequest)
            // Five requests in ten minutes from one address at most (a customer without an email is counted by address).
            for text in ["third", "fourth", "fifth"] {
                #expect(try await alice.send(.post, "/api/v1/customer/tickets", #"{"text":"\#(text)"}"#).0.status == .created)
            }
            let (limited, problem) = try await alice.send(.post, "/api/v1/customer/tickets", #"{"text":"sixth"}"#)
            #expect(limited.status == .tooManyRequests && problem["code"] as? String == "too-many-requests", "\(problem)")
        }
    }

    @Test("a customer's files: upload, put on a request and a reply, download their own; others' uploads and internal files refused")
    func files() async throws {
        let clock = TestClock()
        try await TestApp.withSession(accounts: try Self.settings(), clock: clock) { session in
            var alice = CustomerClient(session: session)
            let (aliceIn, aliceBody) = try await Self.sso(session, try await Self.token(account: "W-FILES", now: clock.now))
            try alice.adopt(aliceIn, aliceBody)
            var bob = CustomerClient(session: session)
            let (bobIn, bobBody) = try await Self.sso(session, try await Self.token(account: "W-FILES-OTHER", now: clock.now))
            try bob.adopt(bobIn, bobBody)

            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
            let (uploaded, shot) = try await alice.send(.post, "/api/v1/customer/attachments?filename=C:%5Cshots%5Ctx.png", bytes: png)
            #expect(uploaded.status == .created, "\(shot)")
            let shotID = try #require(shot["id"] as? String)
            #expect(shot["filename"] as? String == "tx.png" && shot["url"] == nil)
            let (_, bobs) = try await bob.send(.post, "/api/v1/customer/attachments?filename=b.txt", "bob's notes")
            let bobID = try #require(bobs["id"] as? String)
            #expect(try await alice.send(.post, "/api/v1/customer/attachments", "").0.status == .badRequest)

            // Someone else's upload cannot be put on one's request; one's own can, once.
            let (refused, problem) = try await alice.send(.post, "/api/v1/customer/tickets", #"{"text":"see file","attachmentIds":["\#(bobID)"]}"#)
            #expect(refused.status == .badRequest && problem["field"] as? String == "attachmentIds", "\(problem)")
            let (created, opened) = try await alice.send(.post, "/api/v1/customer/tickets", #"{"text":"withdrawal stuck, screenshot attached","attachmentIds":["\#(shotID)"]}"#)
            #expect(created.status == .created, "\(opened)")
            let number = try #require((opened["ticket"] as? [String: Any])?["id"] as? String)
            let first = try #require((opened["message"] as? [String: Any])?["attachments"] as? [[String: Any]])
            let url = try #require(first.first?["url"] as? String)
            #expect(url == "/api/v1/customer/tickets/\(number)/attachments/\(shotID)")
            #expect(try await alice.send(.post, "/api/v1/customer/tickets/\(number)/messages", #"{"text":"again","attachmentIds":["\#(shotID)"]}"#).0.status == .badRequest)

            let (downloaded, _) = try await alice.send(.get, url)
            #expect(downloaded.status == .ok && downloaded.headers[.contentType] == "image/png")
            #expect(downloaded.headers[.cacheControl] == "private, no-store" && downloaded.headers[.contentSecurityPolicy]?.hasPrefix("sandbox") == true)
            #expect(try await bob.send(.get, url).0.status == .notFound)

            // A reply with a file; a file on an internal note is not the customer's to see.
            let (_, notes) = try await alice.send(.post, "/api/v1/customer/attachments?filename=notes.txt", "tx 4b1f0e2d")
            let notesID = try #require(notes["id"] as? String)
            let (replied, reply) = try await alice.send(.post, "/api/v1/customer/tickets/\(number)/messages", #"{"text":"more","attachmentIds":["\#(notesID)"]}"#)
            #expect(replied.status == .created, "\(reply)")
            let internalFile = try await session.client.execute(
                uri: "/api/v1/attachments?filename=risk.txt", method: .post, headers: session.auth, body: ByteBuffer(string: "risk review")
            )
            let internalID = try #require((try JSONSerialization.jsonObject(with: Data(buffer: internalFile.body)) as? [String: Any])?["id"] as? String)
            #expect(try await session.json(.post, "/api/v1/tickets/\(number)/messages", #"{"text":"internal","visibility":"internal","attachmentIds":["\#(internalID)"]}"#).0.status == .created)
            #expect(try await alice.send(.get, "/api/v1/customer/tickets/\(number)/attachments/\(internalID)").0.status == .notFound)
            let (_, conversation) = try await alice.send(.get, "/api/v1/customer/tickets/\(number)/messages")
            let files = (conversation["items"] as? [[String: Any]] ?? []).flatMap { $0["attachments"] as? [[String: Any]] ?? [] }
            #expect(files.compactMap { $0["filename"] as? String } == ["tx.png", "notes.txt"])

            // Uploads per customer are limited.
            var statuses: [Int] = []
            for index in 0..<30 { statuses.append(Int(try await alice.send(.post, "/api/v1/customer/attachments", "file \(index)").0.status.code)) }
            #expect(statuses.filter { $0 == 201 }.count == 28 && statuses.last == 429, "\(statuses)")
        }
    }

    @Test("email codes: sent in the customer's language, valid 10 minutes, 5 tries, then a cool-down; unknown emails look the same")
    func emailCodes() async throws {
        let clock = TestClock()
        try await TestApp.withSession(clock: clock) { session in
            _ = try await session.json(.post, "/api/v1/customers", #"{"email":"mei@example.com","language":"zh-TW"}"#)
            let client = CustomerClient(session: session)
            func requestCode() async throws -> String {
                let (sent, _) = try await client.send(.post, "/api/v1/customer/code", #"{"email":"Mei@example.com"}"#)
                #expect(sent.status == .accepted)
                let message = try #require(try await session.store.unsentOutbox(limit: 100).last)
                #expect(message.language == .zhTW)
                #expect(message.kind == "customer-sign-in-code")
                let code = try #require(message.body.firstMatch(of: /\d{6}/))
                return String(code.output)
            }
            let (unknown, _) = try await client.send(.post, "/api/v1/customer/code", #"{"email":"nobody@example.com"}"#)
            #expect(unknown.status == .accepted)
            #expect(try await session.store.unsentOutbox(limit: 100).isEmpty)

            // Expired after 10 minutes.
            let stale = try await requestCode()
            clock.advance(601)
            #expect(try await client.send(.post, "/api/v1/customer/sign-in", #"{"email":"mei@example.com","code":"\#(stale)"}"#).0.status == .forbidden)

            let code = try await requestCode()
            var signedIn = CustomerClient(session: session)
            let (ok, body) = try await client.send(.post, "/api/v1/customer/sign-in", #"{"email":"mei@example.com","code":"\#(code)"}"#)
            #expect(ok.status == .ok)
            try signedIn.adopt(ok, body)
            #expect(try await signedIn.send(.get, "/api/v1/customer/tickets").0.status == .ok)
            // Used once.
            #expect(try await client.send(.post, "/api/v1/customer/sign-in", #"{"email":"mei@example.com","code":"\#(code)"}"#).0.status == .forbidden)

            // Five wrong tries (the stale and the reused one counted already): cool-down, even for the right code.
            clock.advance(3600)
            let fresh = try await requestCode()
            let wrong = fresh == "000000" ? "111111" : "000000"
            for _ in 0..<5 {
                let (response, problem) = try await client.send(.post, "/api/v1/customer/sign-in", #"{"email":"mei@example.com","code":"\#(wrong)"}"#)
                #expect(response.status == .forbidden, "\(problem)")
            }
            let (cooling, _) = try await client.send(.post, "/api/v1/customer/sign-in", #"{"email":"mei@example.com","code":"\#(fresh)"}"#)
            #expect(cooling.status == .tooManyRequests)
            #expect(try await client.send(.post, "/api/v1/customer/code", #"{"email":"mei@example.com"}"#).0.status == .tooManyRequests)
            clock.advance(CustomerCodeRules.coolDown + 1)
            let after = try await requestCode()
            #expect(try await client.send(.post, "/api/v1/customer/sign-in", #"{"email":"mei@example.com","code":"\#(after)"}"#).0.status == .ok)
        }
    }
}
