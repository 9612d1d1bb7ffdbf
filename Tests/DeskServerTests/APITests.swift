import DeskCore
import DeskServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("JSON API")
struct APITests {
    static let createBody = #"""
        {"subject":"提现失败","category":"withdrawal_failed","channel":"web",
         "requester":{"email":"li@example.com","language":"zh-CN"},"tags":["USDT"],
         "crypto":{"chain":"tron","asset":"usdt","amount":"120.5"},
         "message":{"text":"我的提现一直没有到账","author":"customer"}}
        """#

    @Test("operations endpoints answer")
    func operations() async throws {
        try await TestApp.withSession { session in
            let health = try await session.client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            let ready = try await session.client.execute(uri: "/readyz", method: .get)
            #expect(String(buffer: ready.body).contains("\"ready\""))
            _ = try await session.json(.post, "/api/v1/tickets", Self.createBody)
            let metrics = try await session.client.execute(uri: "/metrics", method: .get)
            let text = String(buffer: metrics.body)
            #expect(text.contains("walletdesk_tickets_created_total"))
            #expect(text.contains("walletdesk_db_pool_connections"))
            #expect(text.contains("walletdesk_ticket_batch_size_count"))
            #expect(text.contains("walletdesk_ticket_batch_duration_seconds_sum"))
            #expect(text.contains("http_server_request_duration"))
        }
    }

    @Test("tickets: create, read with ETag, change with If-Match, conflict on a stale version")
    func ticketFlow() async throws {
        try await TestApp.withSession { session in
            let (created, body) = try await session.json(.post, "/api/v1/tickets", Self.createBody)
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/api/v1/tickets/WD-10001")
            let ticket = try #require(body["ticket"] as? [String: Any])
            #expect(ticket["id"] as? String == "WD-10001")
            #expect(ticket["priority"] as? String == "high")

            let (read, _) = try await session.json(.get, "/api/v1/tickets/10001")
            #expect(read.headers[.eTag] == "\"1\"")
            let (patched, patchedBody) = try await session.json(.patch, "/api/v1/tickets/WD-10001", #"{"status":"pending","tags":["vip"]}"#, headers: [.init("If-Match")!: "\"1\""])
            #expect(patched.status == .ok)
            #expect(patchedBody["version"] as? Int == 2)
            let (stale, problem) = try await session.json(.patch, "/api/v1/tickets/WD-10001", #"{"status":"open"}"#, headers: [.init("If-Match")!: "\"1\""])
            #expect(stale.status == .conflict)
            #expect(problem["type"] as? String == "/problems/version-conflict")

            let (reply, replyBody) = try await session.json(.post, "/api/v1/tickets/WD-10001/messages", #"{"html":"<p>请提供<script>x</script>交易哈希</p>","status":"pending"}"#)
            #expect(reply.status == .created)
            #expect((replyBody["message"] as? [String: Any])?["html"] as? String == "<p>请提供交易哈希</p>")
            let (events, eventsBody) = try await session.json(.get, "/api/v1/tickets/WD-10001/events")
            #expect(events.status == .ok)
            #expect((eventsBody["items"] as? [[String: Any]])?.count == 4)
        }
    }

    @Test("a tx id and address in the customer's words fill the ticket's empty crypto fields, with explorer links")
    func cryptoFieldsFromText() async throws {
        try await TestApp.withSession { session in
            let hash = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
            let tron = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
            let body = #"{"subject":"USDT 没到账","requester":{"email":"wu@example.com"},"message":{"text":"https://tronscan.org/#/transaction/\#(hash) 到 \#(tron)","author":"customer"}}"#
            let (created, json) = try await session.json(.post, "/api/v1/tickets", body)
            #expect(created.status == .created)
            let crypto = try #require((json["ticket"] as? [String: Any])?["crypto"] as? [String: Any])
            #expect(crypto["chain"] as? String == "tron")
            #expect(crypto["txId"] as? String == hash)
            #expect(crypto["walletAddress"] as? String == tron)
            let links = try #require(crypto["links"] as? [String: Any])
            #expect(links["tx"] as? String == "https://tronscan.org/#/transaction/\(hash)")
            #expect(links["address"] as? String == "https://tronscan.org/#/address/\(tron)")

            // A ticket opened without them: an agent's reply quoting an address fills nothing, the customer's reply does.
            _ = try await session.json(.post, "/api/v1/tickets", Self.createBody)
            let ethereum = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
            _ = try await session.json(.post, "/api/v1/tickets/WD-10002/messages", #"{"text":"请勿转账到 \#(tron) 以外的地址"}"#)
            let (agentRead, afterAgent) = try await session.json(.get, "/api/v1/tickets/WD-10002")
            #expect(agentRead.status == .ok)
            #expect((afterAgent["crypto"] as? [String: Any])?["walletAddress"] is NSNull)
            let (reply, replyJSON) = try await session.json(
                .post, "/api/v1/tickets/WD-10002/messages", #"{"text":"哈希 \#(hash)，我的地址 \#(ethereum)","author":"customer"}"#
            )
            #expect(reply.status == .created)
            let replied = try #require((replyJSON["ticket"] as? [String: Any])?["crypto"] as? [String: Any])
            #expect(replied["chain"] as? String == "tron")
            #expect(replied["txId"] as? String == hash)
            #expect(replied["walletAddress"] as? String == ethereum)
            #expect((replied["links"] as? [String: Any])?["address"] as? String == "https://etherscan.io/address/\(ethereum)")
            let (_, history) = try await session.json(.get, "/api/v1/tickets/WD-10002/events")
            let last = try #require((history["items"] as? [[String: Any]])?.last)
            #expect((last["actor"] as? [String: Any])?["kind"] as? String == "system")
            let fields = ((last["changes"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
            #expect(fields.sorted() == ["crypto.txId", "crypto.walletAddress"])
        }
    }

    @Test("a conversation read again is the same, and shows every change at once")
    func conversationReadsStayFresh() async throws {
        try await TestApp.withSession { session in
            _ = try await session.json(.post, "/api/v1/tickets", Self.createBody)
            let path = "/api/v1/tickets/WD-10001/messages"
            let first = try await session.client.execute(uri: path, method: .get, headers: session.auth)
            let again = try await session.client.execute(uri: path, method: .get, headers: session.auth)
            #expect(first.status == .ok && String(buffer: again.body) == String(buffer: first.body))
            for index in 1...3 {
                _ = try await session.json(.post, path, #"{"text":"第 \#(index) 次回复","visibility":"\#(index == 2 ? "internal" : "public")"}"#)
                let (_, body) = try await session.json(.get, path)
                let items = try #require(body["items"] as? [[String: Any]])
                #expect(items.count == index + 1)
                #expect(items.last?["text"] as? String == "第 \(index) 次回复")
            }
            _ = try await session.json(.patch, "/api/v1/tickets/WD-10001", #"{"priority":"urgent"}"#)
            let (_, body) = try await session.json(.get, path)
            #expect((body["items"] as? [[String: Any]])?.count == 4)
        }
    }

    @Test("bad input gets problem details naming the field, never a 500", arguments: [
        (#"{"subject":1}"#, 400, "invalid-field", "subject"),
        (#"{"subject":"#, 400, "malformed-json", nil),
        (#"[1,2]"#, 400, "malformed-json", nil),
        (#"{"subject":"x","surprise":true}"#, 400, "invalid-field", "surprise"),
        (#"{"subject":"x","requester":{"email":"not-an-email"},"message":{"text":"t"}}"#, 400, "invalid-field", "requester.email"),
        (#"{"subject":"x","requester":{"email":"a@b.cn"},"message":{"text":"t"},"priority":"asap"}"#, 400, "invalid-field", "priority"),
        (#"{"subject":"x","requester":{"email":"a@b.cn"},"message":{"text":"  "}}"#, 400, "invalid-field", "text"),
        (#"{"subject":"x","requester":{},"message":{"text":"t"}}"#, 400, "invalid-field", "requester"),
        (#"{"subject":"x","requester":{"email":"a@b.cn"}}"#, 400, "invalid-field", "message"),
        (#"{"subject":"x","requester":{"email":"a@b.cn"},"message":{"html":"<p>a\u0000b</p>"}}"#, 400, "malformed-json", nil),
        (#"{"subject":"x\\\u0000","requester":{"email":"a@b.cn"},"message":{"text":"t"}}"#, 400, "malformed-json", nil),
        (#"{"subject":"x","requester":{"email":"a@b.cn"},"message":{"text":"t"},"assigneeId":"00000000-0000-0000-0000-000000000000"}"#, 400, "invalid-field", "assigneeId"),
    ] as [(String, Int, String, String?)])
    func badInput(body: String, status: Int, code: String, field: String?) async throws {
        try await TestApp.withSession { session in
            let (response, problem) = try await session.json(.post, "/api/v1/tickets", body)
            #expect(Int(response.status.code) == status)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(problem["code"] as? String == code)
            #expect(problem["field"] as? String == field)
            #expect(problem["type"] as? String == "/problems/\(code)")
            #expect((problem["title"] as? String)?.isEmpty == false)
        }
    }

    @Test("a customer writing to a closed ticket opens a follow-up; an agent gets 409")
    func followUp() async throws {
        try await TestApp.withSession { session in
            let (_, created) = try await session.json(.post, "/api/v1/tickets", Self.createBody)
            let number = try #require(created["ticket"] as? [String: Any])["id"] as! String
            for status in ["solved", "closed"] {
                let (changed, _) = try await session.json(.patch, "/api/v1/tickets/\(number)", #"{"status":"\#(status)"}"#)
                #expect(changed.status == .ok)
            }
            let (agentReply, agentProblem) = try await session.json(.post, "/api/v1/tickets/\(number)/messages", #"{"text":"hello?"}"#)
            #expect(agentReply.status == .conflict)
            #expect(agentProblem["code"] as? String == "ticket-closed")

            let (reply, body) = try await session.json(
                .post, "/api/v1/tickets/\(number)/messages", #"{"text":"提现还是没到账","author":"customer"}"#
            )
            #expect(reply.status == .created)
            let ticket = try #require(body["ticket"] as? [String: Any])
            #expect(ticket["followUpOf"] as? String == number)
            #expect(ticket["id"] as? String != number)
            #expect((ticket["tags"] as? [String])?.contains("follow-up") == true)
            let message = try #require(body["message"] as? [String: Any])
            #expect(message["ticketId"] as? String == ticket["id"] as? String)
            let (old, oldBody) = try await session.json(.get, "/api/v1/tickets/\(number)")
            #expect(old.status == .ok)
            #expect(oldBody["status"] as? String == "closed")
        }
    }

    @Test("size, type, unknown ids and language")
    func edges() async throws {
        try await TestApp.withSession(limits: Limits(jsonBodyBytes: 1000, attachmentBytes: 64)) { session in
            let big = #"{"subject":""# + String(repeating: "x", count: 2000) + #""}"#
            let (tooBig, problem) = try await session.json(.post, "/api/v1/tickets", big)
            #expect(tooBig.status == .contentTooLarge)
            #expect(problem["code"] as? String == "body-too-large")
            // The detail names the limit (the body collector's own error names none).
            #expect((problem["detail"] as? String)?.contains("1000") == true)

            let (wrongType, _) = try await session.json(.post, "/api/v1/tickets", "{}", headers: [.contentType: "text/plain"])
            #expect(wrongType.status == .unsupportedMediaType)

            for path in ["/api/v1/tickets/WD-99999", "/api/v1/tickets/banana", "/api/v1/customers/not-a-uuid", "/api/v1/agents/00000000-0000-0000-0000-000000000000", "/api/v1/nothing-here"] {
                let (missing, body) = try await session.json(.get, path)
                #expect(missing.status == .notFound, "\(path)")
                #expect(body["code"] as? String == "not-found")
            }

            // A known path with a method it does not answer: 405 naming the methods it does.
            let (wrongMethod, wrongMethodBody) = try await session.json(.delete, "/api/v1/tickets/WD-10001")
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "GET, PATCH")
            #expect(wrongMethodBody["code"] as? String == "method-not-allowed")
            let (putTickets, _) = try await session.json(.put, "/api/v1/tickets", "{}")
            #expect(putTickets.status == .methodNotAllowed)
            #expect(putTickets.headers[.allow] == "GET, POST")

            let (english, englishBody) = try await session.json(.get, "/api/v1/tickets/WD-99999", headers: [.acceptLanguage: "en-US,en;q=0.9"])
            #expect(english.headers[.contentLanguage] == "en")
            #expect(englishBody["title"] as? String == "Not found")
            let (_, chineseBody) = try await session.json(.get, "/api/v1/tickets/WD-99999", headers: [.acceptLanguage: "zh-TW"])
            #expect(chineseBody["title"] as? String == "找不到")

            let upload = try await session.client.execute(
                uri: "/api/v1/attachments?filename=big.bin", method: .post, headers: [.authorization: "Bearer \(session.token)"],
                body: ByteBuffer(bytes: Array(repeating: UInt8(1), count: 65))
            )
            #expect(upload.status == .contentTooLarge)
        }
    }

    @Test("without a valid token every API route answers 401")
    func unauthorised() async throws {
        try await TestApp.withSession { session in
            for (method, path) in [(HTTPRequest.Method.get, "/api/v1/tickets"), (.post, "/api/v1/tickets"), (.get, "/api/v1/me"), (.post, "/api/v1/teams")] {
                let anonymous = try await session.client.execute(uri: path, method: method)
                #expect(anonymous.status == .unauthorized)
                let wrong = try await session.client.execute(uri: path, method: method, headers: [.authorization: "Bearer wd_nope"])
                #expect(wrong.status == .unauthorized)
            }
            let (me, body) = try await session.json(.get, "/api/v1/me")
            #expect(me.status == .ok)
            #expect(body["role"] as? String == "admin")
        }
    }

    @Test("setup cannot be repeated")
    func setupOnce() async throws {
        try await TestApp.withSession { session in
            let again = try await session.client.execute(
                uri: "/api/v1/setup", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"code":"ABCDE-FGHJK","name":"Mallory","email":"m@example.com"}"#)
            )
            #expect(again.status == .conflict)
            let page = try await session.client.execute(uri: "/setup", method: .get)
            #expect(String(buffer: page.body).contains("第一个管理员已经创建"))
        }
    }

    @Test("attachments: sniffed type, stored once, served with safe headers")
    func attachments() async throws {
        try await TestApp.withSession { session in
            let html = try await session.client.execute(
                uri: "/api/v1/attachments?filename=..%2Fevil.png", method: .post, headers: [.authorization: "Bearer \(session.token)"],
                body: ByteBuffer(string: "<html><script>alert(1)</script></html>")
            )
            #expect(html.status == .created)
            let meta = try JSONSerialization.jsonObject(with: Data(buffer: html.body)) as? [String: Any]
            #expect(meta?["contentType"] as? String == "text/plain; charset=utf-8")
            #expect(meta?["filename"] as? String == "evil.png")
            let id = try #require(meta?["id"] as? String)

            let body = Self.createBody.replacingOccurrences(of: #""author":"customer"}"#, with: #""author":"customer","attachmentIds":["\#(id)"]}"#)
            let (created, createdBody) = try await session.json(.post, "/api/v1/tickets", body)
            #expect(created.status == .created)
            #expect(((createdBody["message"] as? [String: Any])?["attachments"] as? [Any])?.count == 1)

            let download = try await session.client.execute(uri: "/api/v1/attachments/\(id)", method: .get, headers: [.authorization: "Bearer \(session.token)"])
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(download.headers[.init("X-Content-Type-Options")!] == "nosniff")
            #expect(String(buffer: download.body).contains("<script>"))
        }
    }

    @Test("directory: teams and agents are admin-managed, customers searchable")
    func directory() async throws {
        try await TestApp.withSession { session in
            let (team, teamBody) = try await session.json(.post, "/api/v1/teams", #"{"name":"安全团队","description":"stolen funds and freezes"}"#)
            #expect(team.status == .created)
            let teamID = try #require(teamBody["id"] as? String)
            let (agent, agentBody) = try await session.json(.post, "/api/v1/agents", #"{"name":"Bo","email":"bo@example.com","role":"security","teamId":"\#(teamID)"}"#)
            #expect(agent.status == .created)
            #expect(agentBody["tier"] as? String == "security")
            let (duplicate, _) = try await session.json(.post, "/api/v1/agents", #"{"name":"Bo2","email":"bo@example.com"}"#)
            #expect(duplicate.status == .conflict)

            let (customer, customerBody) = try await session.json(.post, "/api/v1/customers", #"{"name":"王芳","phone":"+86 138-0013-8000","language":"zh-TW"}"#)
            #expect(customer.status == .created)
            #expect(customerBody["phone"] as? String == "+8613800138000")
            let (found, foundBody) = try await session.json(.get, "/api/v1/customers?phone=%2B8613800138000")
            #expect(found.status == .ok)
            #expect((foundBody["items"] as? [Any])?.count == 1)
            let (noContact, _) = try await session.json(.post, "/api/v1/customers", #"{"name":"nobody"}"#)
            #expect(noContact.status == .badRequest)
        }
    }
}

@Suite("Secrets at the API door")
struct SecretDoorTests {
    static let phrase = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

    @Test("a recovery phrase in a new ticket is removed before storage, the ticket flagged and the customer warned")
    func newTicket() async throws {
        try await TestApp.withSession { session in
            let body = #"{"subject":"钱包问题","requester":{"email":"victim@example.com","language":"zh-CN"},"message":{"text":"客服你好，我的助记词是 \#(Self.phrase) 请帮我找回","author":"customer"}}"#
            let (created, json) = try await session.json(.post, "/api/v1/tickets", body)
            #expect(created.status == .created)
            let ticket = try #require(json["ticket"] as? [String: Any])
            #expect(ticket["priority"] as? String == "urgent")
            #expect((ticket["tags"] as? [String])?.contains("secret-exposed") == true)
            let text = try #require((json["message"] as? [String: Any])?["text"] as? String)
            #expect(text.contains("[已移除：助记词]"))
            #expect(!text.contains("abandon"))

            let messages = try await session.store.messages(of: TicketNumber(10001), includeInternal: true)
            // The customer's message and the warning; plus an internal note that no security team exists to route to.
            #expect(messages.filter { $0.visibility == .public }.count == 2)
            #expect(messages.contains { $0.visibility == .internal && $0.bodyText.contains("安全团队") })
            #expect(messages.allSatisfy { !$0.bodyText.contains("abandon") && !$0.bodyHTML.contains("abandon") })
            #expect(messages.last?.authorKind == .system)
            #expect(messages.last?.bodyText.contains("新创建的钱包") == true)
        }
    }

    @Test("a private key in a reply is removed and flags the ticket")
    func reply() async throws {
        try await TestApp.withSession { session in
            _ = try await session.json(.post, "/api/v1/tickets", APITests.createBody)
            let key = "e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35"
            let (reply, json) = try await session.json(.post, "/api/v1/tickets/WD-10001/messages", #"{"html":"<p>my private key: \#(key)</p>","author":"customer"}"#)
            #expect(reply.status == .created)
            #expect((json["ticket"] as? [String: Any])?["priority"] as? String == "urgent")
            let messages = try await session.store.messages(of: TicketNumber(10001), includeInternal: true)
            #expect(messages.allSatisfy { !$0.bodyText.contains(key) && !$0.bodyHTML.contains(key) })
        }
    }
}
