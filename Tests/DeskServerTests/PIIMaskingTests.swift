import DeskCore
@testable import DeskServer
import DeskStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Customer personal data: masked for L1, revealed on request and audited")
struct PIIMaskingTests {
    static func token(_ session: TestApp.Session, role: AgentRole) async throws -> HTTPFields {
        let agent = try await session.store.createAgent(
            Agent(name: role.rawValue, email: EmailAddress(rawValue: "\(role.rawValue)-pii@example.com")!, role: role, tier: .l1, createdAt: Date(), updatedAt: Date()),
            by: .system
        )
        let secret = "wd_pii_\(UUID())"
        _ = try await session.store.issueToken(
            TokenRecord(id: FastUUID.format(UUID()), agentID: agent.id, name: "pii", scopes: [.admin], createdAt: Date()),
            tokenHash: Secrets.sha256Hex(secret), by: .system
        )
        return [.authorization: "Bearer \(secret)", .contentType: "application/json"]
    }

    static func get(_ session: TestApp.Session, _ path: String, _ headers: HTTPFields, method: HTTPRequest.Method = .get, body: String? = nil) async throws -> (TestResponse, [String: Any]) {
        let response = try await session.client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return (response, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
    }

    @Test("masks email, phone, wallet and chat ids for the agent role only")
    func masking() async throws {
        try await TestApp.withSession { session in
            let (created, customer) = try await session.json(
                .post, "/api/v1/customers",
                #"{"name":"Li Na","email":"lina@example.com","phone":"+86 138 1234 8000","walletAccountId":"UID-88231234","telegramId":"lina_tg"}"#
            )
            #expect(created.status == .created)
            #expect(customer["piiMasked"] as? Bool == false)
            let id = try #require(customer["id"] as? String)

            let l1 = try await Self.token(session, role: .agent)
            let (read, masked) = try await Self.get(session, "/api/v1/customers/\(id)", l1)
            #expect(read.status == .ok)
            #expect(masked["email"] as? String == "l***@example.com")
            #expect(masked["phone"] as? String == "+86 138****8000")
            #expect(masked["walletAccountId"] as? String == "UI****34")
            #expect(masked["telegramId"] as? String == "li****tg")
            #expect(masked["name"] as? String == "Li Na")
            #expect(masked["piiMasked"] as? Bool == true)
            let (_, list) = try await Self.get(session, "/api/v1/customers", l1)
            #expect(!String(describing: list).contains("lina@example.com"))

            let specialist = try await Self.token(session, role: .specialist)
            let (_, clear) = try await Self.get(session, "/api/v1/customers/\(id)", specialist)
            #expect(clear["email"] as? String == "lina@example.com")
            #expect(clear["piiMasked"] as? Bool == false)
        }
    }

    @Test("revealing needs a reason, returns the clear values and is recorded (secrets in the reason removed)")
    func reveal() async throws {
        try await TestApp.withSession { session in
            let (_, customer) = try await session.json(.post, "/api/v1/customers", #"{"email":"wang@example.com","phone":"+8613900001111"}"#)
            let id = try #require(customer["id"] as? String)
            let l1 = try await Self.token(session, role: .agent)
            let (noReason, _) = try await Self.get(session, "/api/v1/customers/\(id)/reveal", l1, method: .post, body: "{}")
            #expect(noReason.status == .badRequest)
            let seed = String(repeating: "abandon ", count: 11) + "about"
            let (revealed, clear) = try await Self.get(
                session, "/api/v1/customers/\(id)/reveal", l1, method: .post, body: #"{"reason":"caller verified by phone; said \#(seed)"}"#
            )
            #expect(revealed.status == .ok)
            #expect(clear["email"] as? String == "wang@example.com")
            #expect(clear["phone"] as? String == "+8613900001111")
            #expect(revealed.headers[.cacheControl] == "no-store")
            let entries = try await session.store.auditEntries(after: nil, action: "customer.pii-revealed", limit: 10)
            #expect(entries.count == 1)
            #expect(entries.first?.target == "customer:\(id)")
            #expect(entries.first?.details["reason"]?.hasPrefix("caller verified by phone") == true)
            #expect(entries.first?.details["reason"]?.contains("abandon abandon") == false)
            let (missing, _) = try await Self.get(session, "/api/v1/customers/\(UUID().uuidString.lowercased())/reveal", l1, method: .post, body: #"{"reason":"x"}"#)
            #expect(missing.status == .notFound)
        }
    }

    @Test("mask shapes")
    func shapes() {
        #expect(PIIMask.email("alice@example.com") == "a***@example.com")
        #expect(PIIMask.phone("+8613812348000") == "+86 138****8000")
        #expect(PIIMask.phone("+14155550123") == "+141****0123")
        #expect(PIIMask.phone("1234567") == "12****67")
        #expect(PIIMask.identifier("abc") == "****")
    }
}
