import DeskCore
@testable import DeskServer
import DeskStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Agent verification, anti-phishing phrase, scam moderation, secret routing")
struct AgentVerificationTests {
    static let phrase = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

    static func ticket(_ session: TestApp.Session) async throws -> (id: String, customer: String) {
        let (_, body) = try await session.json(.post, "/api/v1/tickets", APITests.createBody)
        let ticket = try #require(body["ticket"] as? [String: Any])
        return (try #require(ticket["id"] as? String), try #require(ticket["requesterId"] as? String))
    }

    static func post(_ session: TestApp.Session, _ ticket: String, _ text: String, author: String, visibility: String = "public") async throws -> [String: Any] {
        let body = try JSONSerialization.data(withJSONObject: ["text": text, "author": author, "visibility": visibility])
        let (response, object) = try await session.json(.post, "/api/v1/tickets/\(ticket)/messages", String(decoding: body, as: UTF8.self))
        #expect(response.status == .created, "\(String(buffer: response.body))")
        return object
    }

    static func publicGet(_ session: TestApp.Session, _ uri: String) async throws -> [String: Any] {
        let response = try await session.client.execute(uri: uri, method: .get, headers: [.acceptLanguage: "en"])
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return (try JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
    }

    @Test("public agent messages carry a code anyone can check; customer messages and notes do not")
    func messageCodes() async throws {
        try await TestApp.withSession { session in
            let (ticket, _) = try await Self.ticket(session)
            let reply = try await Self.post(session, ticket, "您好，我们正在处理。", author: "agent")
            let message = try #require(reply["message"] as? [String: Any])
            let code = try #require(message["verification"] as? String)
            #expect(code.range(of: "^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", options: .regularExpression) != nil)
            let note = try await Self.post(session, ticket, "internal", author: "agent", visibility: "internal")
            #expect((note["message"] as? [String: Any])?["verification"] is NSNull)

            let (_, list) = try await session.json(.get, "/api/v1/tickets/\(ticket)/messages")
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["verification"] as? String } == [code])

            let genuine = try await Self.publicGet(session, "/api/v1/verify/message?code=\(code.lowercased().replacingOccurrences(of: "-", with: ""))")
            #expect(genuine["genuine"] as? Bool == true)
            #expect(genuine["agentName"] as? String == "Root")
            var forged = Array(code)
            forged[0] = forged[0] == "A" ? "B" : "A"
            let fake = try await Self.publicGet(session, "/api/v1/verify/message?code=\(String(forged))")
            #expect(fake["genuine"] as? Bool == false)
            #expect(fake["agentName"] is NSNull)

            let page = try await session.client.execute(
                uri: "/verify?lang=en", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "code=\(code)")
            )
            #expect(String(buffer: page.body).contains("Genuine: this comes from our agent Root"))
            let forgedPage = try await session.client.execute(
                uri: "/verify?lang=zh-CN", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "code=\(String(forged))")
            )
            #expect(String(buffer: forgedPage.body).contains("这个验证码不属于我们的任何客服"))
        }
    }

    @Test("call codes: made by an agent, checked once by the customer, ten minutes, five tries")
    func callCodes() async throws {
        try await TestApp.withSession { session in
            let (ticket, _) = try await Self.ticket(session)
            let (created, pair) = try await session.json(.post, "/api/v1/tickets/\(ticket)/call-codes")
            #expect(created.status == .created)
            let agentCode = try #require(pair["agentCode"] as? String)
            let customerCode = try #require(pair["customerCode"] as? String)
            #expect(customerCode.count == 6)
            // Neither code is stored in the clear: the agent's as a keyed hash, the customer's sealed to the ticket.
            let stored = try await session.store.database.read { sql in
                try await sql.raw("SELECT agent_code_hash, customer_code FROM call_codes").all().map {
                    (try $0.decode(column: "agent_code_hash", as: String.self), try $0.decode(column: "customer_code", as: String.self))
                }
            }
            #expect(stored.count == 1)
            #expect(stored.allSatisfy { !$0.0.contains(agentCode) && SecretSealer.isSealed($0.1) && !$0.1.contains(customerCode) })

            func check(_ code: String, ticket: String = ticket) async throws -> [String: Any] {
                let response = try await session.client.execute(
                    uri: "/api/v1/verify/call", method: .post, headers: [.contentType: "application/json", .acceptLanguage: "en"],
                    body: ByteBuffer(string: #"{"ticket":"\#(ticket)","code":"\#(code)"}"#)
                )
                #expect(response.status == .ok)
                return (try JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
            }
            let wrongCode = agentCode == "000000" ? "111111" : "000000"
            let wrong = try await check(wrongCode)
            #expect(wrong["genuine"] as? Bool == false && wrong["remainingAttempts"] as? Int == 4)
            let right = try await check(agentCode)
            #expect(right["genuine"] as? Bool == true && right["agentName"] as? String == "Root")
            #expect(try await check(agentCode)["genuine"] as? Bool == false)
            #expect(try await check(agentCode, ticket: "WD-99999")["genuine"] as? Bool == false)

            let (_, second) = try await session.json(.post, "/api/v1/tickets/\(ticket)/call-codes")
            let secondCode = try #require(second["agentCode"] as? String)
            let other = secondCode == "000000" ? "111111" : "000000"
            for _ in 0..<5 { _ = try await check(other) }
            #expect(try await check(secondCode)["genuine"] as? Bool == false)
            let (missing, _) = try await session.json(.post, "/api/v1/tickets/WD-99999/call-codes")
            #expect(missing.status == .notFound)
        }
    }

    @Test("the anti-phishing phrase is stored, shown masked, refused when it is a secret, and decorates outbound messages")
    func antiPhishing() async throws {
        try await TestApp.withSession { session in
            let (ticket, customer) = try await Self.ticket(session)
            let path = "/api/v1/customers/\(customer)/anti-phishing-phrase"
            let (empty, emptyBody) = try await session.json(.get, path)
            #expect(empty.status == .ok && emptyBody["set"] as? Bool == false)
            let (set, setBody) = try await session.json(.put, path, #"{"phrase":"紫色长颈鹿 tango"}"#)
            #expect(set.status == .ok)
            #expect(setBody["masked"] as? String == "紫••••••o")
            #expect(!String(buffer: set.body).contains("长颈鹿"))
            let (_, read) = try await session.json(.get, path)
            #expect(read["set"] as? Bool == true && read["masked"] as? String == "紫••••••o")
            let (secret, secretBody) = try await session.json(.put, path, #"{"phrase":"my password is Hunter2!x"}"#)
            #expect(secret.status == .badRequest && secretBody["field"] as? String == "phrase")
            let (short, _) = try await session.json(.put, path, #"{"phrase":"abc"}"#)
            #expect(short.status == .badRequest)

            let reply = try await Self.post(session, ticket, "请更新到最新版本。", author: "agent")
            let messageID = try #require((reply["message"] as? [String: Any])?["id"] as? String)
            let code = try #require((reply["message"] as? [String: Any])?["verification"] as? String)
            let dependencies = Dependencies(store: session.store, lifecycle: TicketLifecycle(), limits: Limits())
            let messages = try await session.store.messages(of: TicketNumber(parsing: ticket)!, includeInternal: true)
            let stored = try #require(messages.first { $0.id.description == messageID })
            #expect(!stored.bodyText.contains("长颈鹿"))
            let outbound = try #require(try await OutboundMessages(dependencies: dependencies).prepare(stored))
            #expect(outbound.text.hasPrefix("您的防钓鱼码：紫色长颈鹿 tango"))
            #expect(outbound.text.contains("请更新到最新版本。"))
            #expect(outbound.text.hasSuffix("消息验证码：\(code)，可在帮助中心的“核实官方渠道”页面核对。"))
            #expect(outbound.html.contains("<p class=\"anti-phishing\">"))
            let customerMessage = try #require(messages.first { $0.authorKind == .customer })
            #expect(try await OutboundMessages(dependencies: dependencies).prepare(customerMessage) == nil)

            let (removed, _) = try await session.json(.delete, path)
            #expect(removed.status == .noContent)
            let plain = try #require(try await OutboundMessages(dependencies: dependencies).prepare(stored))
            #expect(!plain.text.contains("防钓鱼码"))
        }
    }

    @Test("customer messages posing as support are held; off-platform requests are flagged; agents are never moderated")
    func scamModeration() async throws {
        try await TestApp.withSession { session in
            let (ticket, _) = try await Self.ticket(session)
            let held = try await Self.post(session, ticket, "我是官方客服，请加我微信 kefu8888 处理", author: "customer")
            #expect((held["message"] as? [String: Any])?["visibility"] as? String == "internal")
            #expect(((held["ticket"] as? [String: Any])?["tags"] as? [String])?.contains("scam-suspected") == true)

            let (other, _) = try await Self.ticket(session)
            let flagged = try await Self.post(session, other, "加我微信 abc12345 方便联系", author: "customer")
            #expect((flagged["message"] as? [String: Any])?["visibility"] as? String == "public")
            #expect(((flagged["ticket"] as? [String: Any])?["tags"] as? [String])?.contains("scam-suspected") == true)

            let (third, _) = try await Self.ticket(session)
            let agent = try await Self.post(session, third, "我是官方客服，请在工单里回复", author: "agent")
            #expect((agent["message"] as? [String: Any])?["visibility"] as? String == "public")
            #expect(((agent["ticket"] as? [String: Any])?["tags"] as? [String])?.contains("scam-suspected") == false)

            let (_, events) = try await session.json(.get, "/api/v1/tickets/\(ticket)/events")
            let text = String(describing: events["items"] ?? "")
            #expect(text.contains("scam-suspected"))
            let (_, messages) = try await session.json(.get, "/api/v1/tickets/\(ticket)/messages")
            let notes = (messages["items"] as? [[String: Any]] ?? []).filter { $0["authorKind"] as? String == "system" }
            #expect(notes.contains { ($0["text"] as? String)?.contains("自称客服") == true })

            // A ticket opened with a scam first message is held from the start.
            let body = APITests.createBody.replacingOccurrences(of: "我的提现一直没有到账", with: "I am from support, validate your wallet at https://dapp-sync.io")
            let (_, created) = try await session.json(.post, "/api/v1/tickets", body)
            #expect((created["message"] as? [String: Any])?["visibility"] as? String == "internal")
        }
    }

    @Test("an exposed secret routes the ticket to the security team and the same secret is recognised again")
    func secretRouting() async throws {
        try await TestApp.withSession { session in
            let (first, _) = try await Self.ticket(session)
            _ = try await Self.post(session, first, "my seed: \(Self.phrase)", author: "customer")
            let (_, noTeam) = try await session.json(.get, "/api/v1/tickets/\(first)/messages")
            #expect((noTeam["items"] as? [[String: Any]] ?? []).contains { ($0["text"] as? String)?.contains("安全团队") == true })

            let (_, team) = try await session.json(.post, "/api/v1/teams", #"{"name":"Security"}"#)
            let teamID = try #require(team["id"] as? String)
            let (second, _) = try await Self.ticket(session)
            let result = try await Self.post(session, second, "again: \(Self.phrase)", author: "customer")
            _ = result
            let (_, ticket) = try await session.json(.get, "/api/v1/tickets/\(second)")
            #expect(ticket["teamId"] as? String == teamID)
            #expect(ticket["priority"] as? String == "urgent")
            let (_, messages) = try await session.json(.get, "/api/v1/tickets/\(second)/messages")
            let texts = (messages["items"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            #expect(texts.contains { $0.contains("此前已出现过") })
            #expect(!texts.contains { $0.contains("abandon") })
        }
    }
}
