import DeskCore
@testable import DeskServer
import DeskStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Official channels and the verify check")
struct VerifyAPITests {
    static let phrase = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

    static func add(_ session: TestApp.Session, _ body: String) async throws -> [String: Any] {
        let (response, object) = try await session.json(.post, "/api/v1/channels", body)
        #expect(response.status == .created, "\(String(buffer: response.body))")
        return object
    }

    static func verify(_ session: TestApp.Session, _ value: String, language: String = "en") async throws -> (TestResponse, [String: Any]) {
        let query = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let response = try await session.client.execute(uri: "/api/v1/verify?value=\(query)", method: .get, headers: [.acceptLanguage: language])
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
        return (response, object)
    }

    @Test("admins fill the registry; anyone can check a value without signing in")
    func registryAndVerify() async throws {
        try await TestApp.withSession { session in
            let (empty, _) = try await Self.verify(session, "imwallet.com")
            #expect(empty.status == .ok)
            let web = try await Self.add(session, #"{"kind":"web","value":"https://www.IMWallet.com/","label":"Website"}"#)
            #expect(web["value"] as? String == "imwallet.com")
            _ = try await Self.add(session, #"{"kind":"phone","value":"+86 138 0013 8000","label":"客服热线","hours":"周一至周五 9:00-18:00"}"#)
            _ = try await Self.add(session, #"{"kind":"whatsapp","use":"never_used","label":"WhatsApp"}"#)

            let (verified, v) = try await Self.verify(session, "https://support.imwallet.com/login")
            #expect(verified.status == .ok)
            #expect(v["outcome"] as? String == "verified")
            #expect((v["match"] as? [String: Any])?["label"] as? String == "Website")
            #expect(verified.headers[.cacheControl] == "no-store")

            let (_, phone) = try await Self.verify(session, "0086 138-0013-8000")
            #expect(phone["outcome"] as? String == "verified")

            let (_, fake) = try await Self.verify(session, "https://imwallet.com@evil.io/login", language: "zh-CN")
            #expect(fake["outcome"] as? String == "look_alike")
            let imitates = try #require(fake["imitates"] as? [[String: Any]])
            #expect(imitates.first?["reason"] as? String == "userinfo_trick")
            #expect((imitates.first?["explanation"] as? String)?.contains("evil.io") == true)
            #expect((fake["warning"] as? String)?.contains("仿冒") == true)

            let (_, homoglyph) = try await Self.verify(session, "xn--imwllet-4fg.com")
            #expect(homoglyph["outcome"] as? String == "look_alike")
            #expect(homoglyph["value"] as? String == "imwаllet.com")

            let (_, whatsapp) = try await Self.verify(session, "wa.me/8613800138000", language: "zh-TW")
            #expect(whatsapp["outcome"] as? String == "never_used")
            #expect((whatsapp["warning"] as? String)?.contains("從不使用") == true)

            let (_, unknown) = try await Self.verify(session, "example.org")
            #expect(unknown["outcome"] as? String == "unknown")
            #expect(unknown["match"] is NSNull)

            let (missing, _) = try await Self.verify(session, "")
            #expect(missing.status == .badRequest)
            let (tooLong, _) = try await Self.verify(session, String(repeating: "a", count: 3000))
            #expect(tooLong.status == .badRequest)
        }
    }

    @Test("a secret typed into the check is refused and never echoed")
    func secretsNotEchoed() async throws {
        try await TestApp.withSession { session in
            let (response, body) = try await Self.verify(session, Self.phrase)
            #expect(response.status == .ok)
            #expect(body["outcome"] as? String == "secret")
            #expect(body["value"] is NSNull)
            #expect(!String(buffer: response.body).contains("abandon"))
            // Form-style encoding (spaces as "+") is read as spaces, so the phrase is still recognised.
            let plus = try await session.client.execute(uri: "/api/v1/verify?value=" + Self.phrase.replacingOccurrences(of: " ", with: "+"), method: .get)
            #expect(String(buffer: plus.body).contains("\"outcome\":\"secret\""))
            let key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
            let (_, keyBody) = try await Self.verify(session, "my private key " + key)
            #expect(keyBody["outcome"] as? String == "secret")

            let page = try await session.client.execute(
                uri: "/verify", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "value=" + Self.phrase.replacingOccurrences(of: " ", with: "+"))
            )
            #expect(page.status == .ok)
            #expect(!String(buffer: page.body).contains("abandon"))
        }
    }

    @Test("the verify page lists the registry and shows a localised verdict")
    func page() async throws {
        try await TestApp.withSession { session in
            let empty = try await session.client.execute(uri: "/verify?lang=en", method: .get)
            #expect(empty.status == .ok)
            #expect(String(buffer: empty.body).contains("No official channels have been registered yet."))
            _ = try await Self.add(session, #"{"kind":"web","value":"imwallet.com","label":"Website <main>"}"#)
            _ = try await Self.add(session, #"{"kind":"telegram","use":"never_used","label":"Telegram DMs"}"#)
            let listed = String(buffer: try await session.client.execute(uri: "/verify?lang=zh-CN", method: .get).body)
            #expect(listed.contains("imwallet.com"))
            #expect(listed.contains("Website &lt;main&gt;"))
            #expect(listed.contains("我们从不使用的渠道"))

            let result = try await session.client.execute(
                uri: "/verify?lang=en", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "value=imwallet-support.com")
            )
            let html = String(buffer: result.body)
            #expect(html.contains("verdict-look-alike"))
            #expect(html.contains("Words were added around the official name: support"))
            let telegram = String(buffer: try await session.client.execute(
                uri: "/verify?lang=zh-TW", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "value=t.me%2Fhelper_bot")
            ).body)
            #expect(telegram.contains("我們從不使用這個管道"))
        }
    }

    @Test("registry changes: validated, versioned, duplicates refused, removal works, the snapshot follows")
    func registryChanges() async throws {
        try await TestApp.withSession { session in
            let (bad, badBody) = try await session.json(.post, "/api/v1/channels", #"{"kind":"web","value":"not a domain","label":"x"}"#)
            #expect(bad.status == .badRequest)
            #expect(badBody["field"] as? String == "value")
            let (noValue, _) = try await session.json(.post, "/api/v1/channels", #"{"kind":"web","label":"x"}"#)
            #expect(noValue.status == .badRequest)
            let (unknownKey, _) = try await session.json(.post, "/api/v1/channels", #"{"kind":"web","value":"a.com","label":"x","extra":1}"#)
            #expect(unknownKey.status == .badRequest)

            let web = try await Self.add(session, #"{"kind":"web","value":"imwallet.com","label":"Website"}"#)
            let id = try #require(web["id"] as? String)
            let (duplicate, _) = try await session.json(.post, "/api/v1/channels", #"{"kind":"web","value":"WWW.IMWALLET.COM","label":"Again"}"#)
            #expect(duplicate.status == .conflict)

            let (_, before) = try await Self.verify(session, "imwallet.net")
            #expect(before["outcome"] as? String == "look_alike")
            let (changed, changedBody) = try await session.json(.patch, "/api/v1/channels/\(id)", #"{"value":"imwallet.net","version":1}"#)
            #expect(changed.status == .ok)
            #expect(changedBody["version"] as? Int == 2)
            let (_, after) = try await Self.verify(session, "imwallet.net")
            #expect(after["outcome"] as? String == "verified")
            let (stale, _) = try await session.json(.patch, "/api/v1/channels/\(id)", #"{"label":"Old","version":1}"#)
            #expect(stale.status == .conflict)

            let (list, listBody) = try await session.json(.get, "/api/v1/channels")
            #expect(list.status == .ok)
            #expect((listBody["items"] as? [Any])?.count == 1)
            let (removed, _) = try await session.json(.delete, "/api/v1/channels/\(id)")
            #expect(removed.status == .noContent)
            let (gone, _) = try await session.json(.get, "/api/v1/channels/\(id)")
            #expect(gone.status == .notFound)
            let (_, afterRemoval) = try await Self.verify(session, "imwallet.net")
            #expect(afterRemoval["outcome"] as? String == "unknown")
            let (audit, auditBody) = try await session.json(.get, "/api/v1/audit?action=channel.removed")
            #expect(audit.status == .ok)
            #expect((auditBody["items"] as? [Any])?.count == 1)
        }
    }
}
