import DeskCore
@testable import DeskServer
import DeskStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// TOTP secrets sealed at rest, the enrolment QR code, and the server key's configuration.
@Suite("Second factor: sealed secrets and QR code", .serialized)
struct SecondFactorSealingTests {
    typealias Browser = AccountsTests.Browser

    /// The shared secret inside an `otpauth://` URL, as an authenticator app reads it (base32 of the key bytes).
    static func secret(fromAuthenticatorURL url: String) -> String? {
        guard let query = URLComponents(string: url)?.queryItems, let base32 = query.first(where: { $0.name == "secret" })?.value else { return nil }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0
        var buffer = 0
        var bytes: [UInt8] = []
        for character in base32.uppercased() where character != "=" {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = buffer << 5 | value
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static let keyA = [UInt8](repeating: 0xA1, count: 32)
    static let keyB = [UInt8](repeating: 0xB2, count: 32)

    @Test("sealing: round trip, wrong key named, tampering and moved values refused, plaintext from before accepted")
    func sealer() throws {
        let a = try SecretSealer(keyBytes: Self.keyA)
        let b = try SecretSealer(keyBytes: Self.keyB)
        let sealed = a.seal("JBSWY3DPEHPK3PXPJBSW", owner: "totp:1")
        #expect(sealed.hasPrefix("wd1:\(a.keyID):"))
        #expect(!sealed.contains("JBSWY3DPEHPK3PXPJBSW"))
        #expect(try a.open(sealed, owner: "totp:1") == "JBSWY3DPEHPK3PXPJBSW")
        // A fresh nonce each time: the same secret never seals to the same text.
        #expect(a.seal("JBSWY3DPEHPK3PXPJBSW", owner: "totp:1") != sealed)

        #expect(throws: DeskError.secretKeyMismatch) { try b.open(sealed, owner: "totp:1") }
        #expect(throws: DeskError.sealedSecretDamaged) { try a.open(sealed, owner: "totp:2") }
        var bytes = Array(Data(base64Encoded: String(sealed.split(separator: ":")[2]))!)
        bytes[14] ^= 0x01
        let tampered = "wd1:\(a.keyID):" + Data(bytes).base64EncodedString()
        #expect(throws: DeskError.sealedSecretDamaged) { try a.open(tampered, owner: "totp:1") }
        #expect(throws: DeskError.sealedSecretDamaged) { try a.open(String(sealed.dropLast(8)), owner: "totp:1") }
        #expect(throws: DeskError.sealedSecretDamaged) { try a.open("wd1:\(a.keyID)", owner: "totp:1") }
        #expect(try a.open("LEGACYPLAINTEXTSECRE", owner: "totp:1", acceptingPlaintext: true) == "LEGACYPLAINTEXTSECRE")
        #expect(throws: DeskError.sealedSecretDamaged) { try a.open("LEGACYPLAINTEXTSECRE", owner: "totp:1") }

        #expect(SecretSealer.parseKey(String(repeating: "ab", count: 32)) == [UInt8](repeating: 0xAB, count: 32))
        #expect(SecretSealer.parseKey(" " + Data(Self.keyA).base64EncodedString() + "\n") == Self.keyA)
        #expect(SecretSealer.parseKey("too short") == nil)
        #expect(SecretSealer.parseKey(Data(repeating: 1, count: 16).base64EncodedString()) == nil)
    }

    @Test("the key: generated once in the data directory with mode 0600, or given inline or as a file")
    func keyConfiguration() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wd-key-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "key-test")
        logger.logLevel = .critical
        var configuration = try ServerConfiguration.load(flags: .init(dataDirectory: folder.path), environment: [:])
        let first = try configuration.secretSealer(logger: logger)
        let path = folder.appendingPathComponent("secret.key").path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let second = try configuration.secretSealer(logger: logger)
        #expect(first.keyID == second.keyID, "the generated key is kept, not made again")

        let hex = Self.keyA.map { String(format: "%02x", $0) }.joined()
        let inline = try ServerConfiguration.load(flags: .init(dataDirectory: folder.path), environment: ["WALLETDESK_SECRET_KEY": hex])
        #expect(try inline.secretSealer(logger: logger).keyID == (try SecretSealer(keyBytes: Self.keyA)).keyID)

        let file = folder.appendingPathComponent("other.key")
        try Data(Data(Self.keyB).base64EncodedString().utf8).write(to: file)
        let fromFlag = try ServerConfiguration.load(flags: .init(dataDirectory: folder.path, secretKeyFile: file.path), environment: [:])
        #expect(try fromFlag.secretSealer(logger: logger).keyID == (try SecretSealer(keyBytes: Self.keyB)).keyID)

        configuration.secretKeyFile = folder.appendingPathComponent("missing.key").path
        #expect(throws: ConfigurationError.self) { try configuration.secretSealer(logger: logger) }
        let bad = try ServerConfiguration.load(flags: .init(dataDirectory: folder.path), environment: ["WALLETDESK_SECRET_KEY": "nope"])
        #expect(throws: ConfigurationError.self) { try bad.secretSealer(logger: logger) }
    }

    @Test("enrolment stores the secret sealed, answers with a QR code of the otpauth URL, and the page shows it inline")
    func sealedEnrolment() async throws {
        let clock = TestClock()
        try await TestApp.withSession(clock: clock) { session in
            let email = try await AccountsTests.agentWithPassword(session, role: .admin, email: "qr@example.com")
            var browser = Browser(session)
            #expect(try await browser.signIn(email, AccountsTests.password).status == .created)
            let (started, enrolment) = try await browser.send(.post, "/api/v1/sessions/second-factor/enrolment", headers: [.acceptLanguage: "en"])
            #expect(started.status == .created)
            let url = try #require(enrolment["otpauthUrl"] as? String)
            let svg = try #require(enrolment["qrSvg"] as? String)
            // The SVG draws exactly the symbol QRCode makes for the URL.
            let symbol = try QRCode(url)
            #expect(svg == symbol.svg(title: Localizer.shared.text("second-factor.qr-title", .en)), "the answer's QR code is not the URL's symbol")
            #expect(svg.contains(#"shape-rendering="crispEdges""#))

            let secret = try #require(Self.secret(fromAuthenticatorURL: url))
            let agentID = try #require(try await session.store.credentials(email: EmailAddress(rawValue: email)!)?.agent.id)
            let stored = try #require(try await session.store.credentials(agentID: agentID).pendingTOTPSecret)
            #expect(stored.hasPrefix("wd1:"))
            #expect(!stored.contains(secret))
            let base32 = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "secret" }?.value)
            #expect(!stored.contains(base32))

            // The sign-in page shows the same kind of symbol inline, with the manual key and the link kept.
            let page = try await browser.send(.get, "/signin/2fa", headers: [.acceptLanguage: "zh-CN"]).0
            let html = String(buffer: page.body)
            #expect(html.contains("<figure class=\"totp-qr\"><svg"))
            #expect(html.contains("otpauth://totp/"))
            #expect(html.contains("class=\"manual-key\""))
            #expect(html.contains(Localizer.shared.text("second-factor.qr-title", .zhCN)))

            // A code from the page's (newer) secret completes enrolment; the enrolled secret is sealed too.
            let pageURL = try #require(html.firstMatch(of: /href="(otpauth:[^"]+)"/)).1.replacingOccurrences(of: "&amp;", with: "&")
            let pageSecret = try #require(Self.secret(fromAuthenticatorURL: pageURL))
            let (proven, _) = try await browser.send(.post, "/api/v1/sessions/second-factor", #"{"code":"\#(TOTPCodes.code(secret: pageSecret, at: clock.now))"}"#)
            #expect(proven.status == .ok)
            let active = try #require(try await session.store.credentials(agentID: agentID).totpSecret)
            #expect(active.hasPrefix("wd1:") && !active.contains(pageSecret))
        }
    }

    @Test("long email addresses fall back to level L; only a URL beyond version 10-L gets no QR code (the key still works)")
    func longEmails() throws {
        /// An address of about `length` characters (a 40-character local part, then 60-character domain labels).
        func enrolment(length: Int) throws -> Enrolment {
            var domain = "example.com"
            while length - 41 - domain.count >= 2 { domain = String(repeating: "d", count: min(60, length - 41 - domain.count - 1)) + "." + domain }
            let email = try #require(EmailAddress(rawValue: String(repeating: "a", count: 40) + "@" + domain))
            let agent = Agent(name: "Long", email: email, role: .agent, tier: .l1, createdAt: Date(), updatedAt: Date())
            return Enrolment(secret: "ABCDEFGHIJKLMNOPQRST", agent: agent, language: .en)
        }
        let usual = try enrolment(length: 20)
        #expect(try QRCode(usual.otpauthUrl).errorCorrection == .medium)
        #expect(usual.qrSvg == (try QRCode(usual.otpauthUrl, errorCorrection: .medium)).svg(title: Localizer.shared.text("second-factor.qr-title", .en)))
        let veryLong = try enrolment(length: 150)
        #expect(veryLong.otpauthUrl.utf8.count > 213 && veryLong.otpauthUrl.utf8.count <= 271)
        #expect(veryLong.qrSvg == (try QRCode(veryLong.otpauthUrl, errorCorrection: .low)).svg(title: Localizer.shared.text("second-factor.qr-title", .en)))
        let tooLong = try enrolment(length: 240)
        #expect(tooLong.qrSvg == nil)
        #expect(!tooLong.manualKey.isEmpty)
    }

    @Test("a plaintext secret from before sealing is sealed at start and keeps working; one planted later is refused")
    func legacyPlaintext() async throws {
        let clock = TestClock()
        try await TestApp.withSession(clock: clock) { session in
            let email = try await AccountsTests.agentWithPassword(session, role: .agent, email: "old@example.com")
            let agentID = try #require(try await session.store.credentials(email: EmailAddress(rawValue: email)!)?.agent.id)
            let plain = "ABCDEFGHIJKLMNOPQRST"
            try await session.store.beginTOTPEnrolment(agentID, secret: plain)
            try await session.store.confirmTOTPEnrolment(agentID, step: 1, recoveryCodeHashes: [], now: clock.now)
            #expect(try await session.store.credentials(agentID: agentID).totpSecret == plain)

            // What the server runs at start, before it listens.
            try await TestApp.fastAccounts.secretSealer.sealLegacyTOTPSecrets(store: session.store, logger: TestApp.logger)
            let stored = try #require(try await session.store.credentials(agentID: agentID).totpSecret)
            #expect(stored.hasPrefix("wd1:") && !stored.contains(plain))
            #expect(try TestApp.fastAccounts.secretSealer.openTOTP(stored, for: agentID) == plain)
            // Running it again changes nothing.
            try await TestApp.fastAccounts.secretSealer.sealLegacyTOTPSecrets(store: session.store, logger: TestApp.logger)
            #expect(try await session.store.credentials(agentID: agentID).totpSecret == stored)

            var browser = Browser(session)
            #expect(try await browser.signIn(email, AccountsTests.password).status == .created)
            let (proven, _) = try await browser.send(.post, "/api/v1/sessions/second-factor", #"{"code":"\#(TOTPCodes.code(secret: plain, at: clock.now))"}"#)
            #expect(proven.status == .ok)

            // Someone with write access to the database plants a secret of their own: refused, not accepted.
            let planted = "PLANTEDPLAINTEXTSECR"
            #expect(try await session.store.replaceTOTPSecret(agentID, pending: false, from: stored, to: planted))
            clock.advance(60)
            var again = Browser(session)
            #expect(try await again.signIn(email, AccountsTests.password).status == .created)
            let (refused, problem) = try await again.send(.post, "/api/v1/sessions/second-factor", #"{"code":"\#(TOTPCodes.code(secret: planted, at: clock.now))"}"#)
            #expect(refused.status == .internalServerError)
            #expect(problem["code"] as? String == "sealed-secret-damaged")
        }
    }

    @Test("a node with another key answers with a problem that says so, not a bare 500 or a wrong-code loop")
    func wrongKey() async throws {
        let clock = TestClock()
        try await TestApp.withSession(clock: clock) { session in
            let email = try await AccountsTests.agentWithPassword(session, role: .agent, email: "moved@example.com")
            let agentID = try #require(try await session.store.credentials(email: EmailAddress(rawValue: email)!)?.agent.id)
            let other = try SecretSealer(keyBytes: Self.keyB)
            try await session.store.beginTOTPEnrolment(agentID, secret: other.sealTOTP("ABCDEFGHIJKLMNOPQRST", for: agentID))
            try await session.store.confirmTOTPEnrolment(agentID, step: 1, recoveryCodeHashes: [], now: clock.now)

            var browser = Browser(session)
            #expect(try await browser.signIn(email, AccountsTests.password).status == .created)
            let (refused, problem) = try await browser.send(
                .post, "/api/v1/sessions/second-factor", #"{"code":"\#(TOTPCodes.code(secret: "ABCDEFGHIJKLMNOPQRST", at: clock.now))"}"#,
                headers: [.acceptLanguage: "en"]
            )
            #expect(refused.status == .internalServerError)
            #expect(problem["code"] as? String == "secret-key-mismatch")
            #expect((problem["detail"] as? String)?.contains("same key") == true)
        }
    }
}
