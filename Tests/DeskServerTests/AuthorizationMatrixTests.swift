import DeskCore
@testable import DeskServer
import DeskStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Every API route × every role (and anonymous): 401 without a token, 403 where the permission matrix says no, and
/// neither where it says yes. The expected route list is written out here: a route added without an entry fails.
@Suite("Authorisation matrix")
struct AuthorizationMatrixTests {
    static let expected: Set<RouteRegistry.Entry> = [
        .init(method: "POST", path: "/api/v1/tickets", permission: .writeTickets),
        .init(method: "GET", path: "/api/v1/tickets", permission: .readTickets),
        .init(method: "GET", path: "/api/v1/tickets/:ticket", permission: .readTickets),
        .init(method: "PATCH", path: "/api/v1/tickets/:ticket", permission: .writeTickets),
        .init(method: "POST", path: "/api/v1/tickets/:ticket/merge", permission: .mergeTickets),
        .init(method: "GET", path: "/api/v1/tickets/:ticket/messages", permission: .readTickets),
        .init(method: "POST", path: "/api/v1/tickets/:ticket/messages", permission: .writeTickets),
        .init(method: "GET", path: "/api/v1/tickets/:ticket/events", permission: .readTickets),
        .init(method: "POST", path: "/api/v1/attachments", permission: .writeTickets),
        .init(method: "GET", path: "/api/v1/attachments/:attachment", permission: .readTickets),
        .init(method: "GET", path: "/api/v1/me", permission: .readDirectory),
        .init(method: "POST", path: "/api/v1/customers", permission: .writeCustomers),
        .init(method: "GET", path: "/api/v1/customers", permission: .readCustomers),
        .init(method: "GET", path: "/api/v1/customers/:customer", permission: .readCustomers),
        .init(method: "PATCH", path: "/api/v1/customers/:customer", permission: .writeCustomers),
        .init(method: "POST", path: "/api/v1/customers/:customer/reveal", permission: .readCustomers),
        .init(method: "GET", path: "/api/v1/agents", permission: .readDirectory),
        .init(method: "GET", path: "/api/v1/agents/:agent", permission: .readDirectory),
        .init(method: "POST", path: "/api/v1/agents", permission: .manageAgents),
        .init(method: "PATCH", path: "/api/v1/agents/:agent", permission: .manageAgents),
        .init(method: "GET", path: "/api/v1/teams", permission: .readDirectory),
        .init(method: "GET", path: "/api/v1/teams/:team", permission: .readDirectory),
        .init(method: "POST", path: "/api/v1/teams", permission: .manageTeams),
        .init(method: "PATCH", path: "/api/v1/teams/:team", permission: .manageTeams),
        .init(method: "POST", path: "/api/v1/tokens", permission: .manageOwnTokens),
        .init(method: "GET", path: "/api/v1/tokens", permission: .manageOwnTokens),
        .init(method: "DELETE", path: "/api/v1/tokens/:token", permission: .manageOwnTokens),
        .init(method: "GET", path: "/api/v1/audit", permission: .readAudit),
        .init(method: "GET", path: "/api/v1/channels", permission: .readChannels),
        .init(method: "GET", path: "/api/v1/channels/:channel", permission: .readChannels),
        .init(method: "POST", path: "/api/v1/channels", permission: .manageChannels),
        .init(method: "PATCH", path: "/api/v1/channels/:channel", permission: .manageChannels),
        .init(method: "DELETE", path: "/api/v1/channels/:channel", permission: .manageChannels),
        .init(method: "POST", path: "/api/v1/tickets/:ticket/call-codes", permission: .writeTickets),
        .init(method: "GET", path: "/api/v1/customers/:customer/anti-phishing-phrase", permission: .readCustomers),
        .init(method: "PUT", path: "/api/v1/customers/:customer/anti-phishing-phrase", permission: .writeCustomers),
        .init(method: "DELETE", path: "/api/v1/customers/:customer/anti-phishing-phrase", permission: .writeCustomers),
        .init(method: "GET", path: "/api/v1/kb/categories", permission: .readKnowledgeBase),
        .init(method: "POST", path: "/api/v1/kb/categories", permission: .writeKnowledgeBase),
        .init(method: "GET", path: "/api/v1/kb/articles", permission: .readKnowledgeBase),
        .init(method: "POST", path: "/api/v1/kb/articles", permission: .writeKnowledgeBase),
        .init(method: "GET", path: "/api/v1/kb/articles/:article", permission: .readKnowledgeBase),
        .init(method: "PATCH", path: "/api/v1/kb/articles/:article", permission: .writeKnowledgeBase),
        .init(method: "GET", path: "/api/v1/kb/articles/:article/revisions", permission: .readKnowledgeBase),
        .init(method: "GET", path: "/api/v1/kb/synonyms", permission: .readKnowledgeBase),
        .init(method: "PUT", path: "/api/v1/kb/synonyms", permission: .manageKnowledgeBase),
        .init(method: "GET", path: "/api/v1/search/tickets", permission: .readTickets),
        .init(method: "GET", path: "/api/v1/session", permission: .ownAccount),
        .init(method: "DELETE", path: "/api/v1/session", permission: .ownAccount),
        .init(method: "DELETE", path: "/api/v1/me/sessions", permission: .ownAccount),
        .init(method: "PUT", path: "/api/v1/me/password", permission: .ownAccount),
        .init(method: "POST", path: "/api/v1/agents/:agent/password-setup", permission: .manageAgents),
        .init(method: "POST", path: "/api/v1/me/2fa", permission: .ownAccount),
        .init(method: "POST", path: "/api/v1/me/2fa/confirm", permission: .ownAccount),
        .init(method: "DELETE", path: "/api/v1/me/2fa", permission: .ownAccount),
        .init(method: "POST", path: "/api/v1/me/2fa/recovery-codes", permission: .ownAccount),
        .init(method: "DELETE", path: "/api/v1/agents/:agent/2fa", permission: .manageAgents),
        .init(method: "GET", path: "/api/v1/settings/2fa", permission: .manageAgents),
        .init(method: "PUT", path: "/api/v1/settings/2fa", permission: .manageAgents),
        .init(method: "GET", path: "/api/v1/me/sign-ins", permission: .ownAccount),
        .init(method: "GET", path: "/api/v1/agents/:agent/sign-ins", permission: .manageAgents),
        .init(method: "GET", path: "/api/v1/agents/:agent/sign-in-lock", permission: .manageAgents),
        .init(method: "DELETE", path: "/api/v1/agents/:agent/sign-in-lock", permission: .manageAgents),
        .init(method: "GET", path: "/api/v1/sign-in-locks", permission: .manageAgents),
        .init(method: "GET", path: "/api/v1/outbox", permission: .readOutbox),
    ]

    @Test("every route is in the matrix, and each role gets what the matrix says")
    func matrix() async throws {
        try await TestApp.withSession { session in
            #expect(Set(session.registry.entries) == Self.expected, "a route was added or changed without updating this test")
            // A ticket to aim at, and one token per role with every scope the role may hold.
            _ = try await session.json(.post, "/api/v1/tickets", APITests.createBody)
            var tokens: [AgentRole: String] = [:]
            for role in AgentRole.allCases {
                let agent = try await session.store.createAgent(
                    Agent(name: role.rawValue, email: EmailAddress(rawValue: "\(role.rawValue)@example.com")!, role: role, tier: .l1,
                          createdAt: Date(), updatedAt: Date()),
                    by: .system
                )
                let secret = "wd_test_\(role.rawValue)_\(UUID())"
                _ = try await session.store.issueToken(
                    TokenRecord(id: FastUUID.format(UUID()), agentID: agent.id, name: "matrix", scopes: [.admin], createdAt: Date()),
                    tokenHash: Secrets.sha256Hex(secret), by: .system
                )
                tokens[role] = secret
            }
            let someID = UUID().uuidString.lowercased()
            for entry in session.registry.entries {
                let path = entry.path.replacingOccurrences(of: ":ticket", with: "WD-10001").replacingOccurrences(of: ":customer", with: someID)
                    .replacingOccurrences(of: ":agent", with: someID).replacingOccurrences(of: ":team", with: someID)
                    .replacingOccurrences(of: ":attachment", with: someID).replacingOccurrences(of: ":token", with: someID)
                    .replacingOccurrences(of: ":channel", with: someID)
                    .replacingOccurrences(of: ":article", with: someID)
                let method = HTTPRequest.Method(entry.method)!
                let body: ByteBuffer? = method == .get || method == .delete ? nil : ByteBuffer(string: "{}")
                let anonymous = try await session.client.execute(uri: path, method: method, headers: [.contentType: "application/json"], body: body)
                #expect(anonymous.status == .unauthorized, "anonymous \(entry.method) \(entry.path)")
                for role in AgentRole.allCases {
                    let response = try await session.client.execute(
                        uri: path, method: method, headers: [.authorization: "Bearer \(tokens[role]!)", .contentType: "application/json"], body: body
                    )
                    if PermissionMatrix.allows(role, entry.permission) {
                        #expect(response.status != .forbidden && response.status != .unauthorized, "\(role) \(entry.method) \(entry.path): \(response.status)")
                        #expect(response.status.code < 500, "\(role) \(entry.method) \(entry.path): \(response.status)")
                    } else {
                        #expect(response.status == .forbidden, "\(role) \(entry.method) \(entry.path): \(response.status)")
                    }
                }
            }
        }
    }

    static let expectedCustomerRoutes: Set<RouteRegistry.CustomerEntry> = [
        .init(method: "GET", path: "/api/v1/customer/tickets"),
        .init(method: "POST", path: "/api/v1/customer/tickets"),
        .init(method: "GET", path: "/api/v1/customer/tickets/:ticket"),
        .init(method: "GET", path: "/api/v1/customer/tickets/:ticket/messages"),
        .init(method: "POST", path: "/api/v1/customer/tickets/:ticket/messages"),
        .init(method: "GET", path: "/api/v1/customer/tickets/:ticket/call-code"),
        .init(method: "GET", path: "/api/v1/customer/tickets/:ticket/attachments/:attachment"),
        .init(method: "POST", path: "/api/v1/customer/attachments"),
        .init(method: "DELETE", path: "/api/v1/customer/session"),
    ]

    @Test("customer routes × anonymous, an agent token, the owner and another customer: 401, 401, allowed, 404")
    func customerMatrix() async throws {
        var settings = TestApp.fastAccounts
        try settings.enableWalletSSO(publicKeyPEM: CustomerAccessTests.walletKey.publicKey.pemRepresentation)
        try await TestApp.withSession(accounts: settings) { session in
            #expect(Set(session.registry.customerEntries) == Self.expectedCustomerRoutes, "a customer route was added without updating this test")
            // The owner's ticket has a file, so the owner has one to download.
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
            let uploaded = try await session.client.execute(uri: "/api/v1/attachments?filename=shot.png", method: .post, headers: session.auth, body: ByteBuffer(bytes: png))
            let file = try #require((try JSONSerialization.jsonObject(with: Data(buffer: uploaded.body)) as? [String: Any])?["id"] as? String)
            let body = #"{"subject":"Mine","requester":{"walletAccountId":"W-OWNER","email":"owner@example.com","language":"en"},"message":{"text":"Hi","author":"customer","attachmentIds":[""# + file + #""]}}"#
            let (_, ticket) = try await session.json(.post, "/api/v1/tickets", body)
            let number = try #require((ticket["ticket"] as? [String: Any])?["id"] as? String)
            // Live call codes, so the owner has one to see.
            #expect(try await session.json(.post, "/api/v1/tickets/\(number)/call-codes").0.status == .created)
            func client(_ account: String) async throws -> CustomerAccessTests.CustomerClient {
                var client = CustomerAccessTests.CustomerClient(session: session)
                let (response, body) = try await CustomerAccessTests.sso(session, try await CustomerAccessTests.token(account: account, now: Date()))
                try client.adopt(response, body)
                return client
            }
            for entry in session.registry.customerEntries {
                let path = entry.path.replacingOccurrences(of: ":ticket", with: number).replacingOccurrences(of: ":attachment", with: file)
                let method = HTTPRequest.Method(entry.method)!
                let anonymous = try await CustomerAccessTests.CustomerClient(session: session).send(method, path)
                #expect(anonymous.0.status == .unauthorized, "anonymous \(entry.method) \(entry.path)")
                let agent = try await session.client.execute(uri: path, method: method, headers: session.auth)
                #expect(agent.status == .unauthorized, "agent token \(entry.method) \(entry.path)")
                // Posts carry a valid body, so only who is asking decides the answer.
                let body = method == .post ? #"{"text":"Hi"}"# : nil
                let owner = try await client("W-OWNER").send(method, path, body)
                #expect([.ok, .created, .noContent].contains(owner.0.status), "owner \(entry.method) \(entry.path): \(owner.0.status)")
                let other = try await client("W-OTHER-\(UUID())").send(method, path, body)
                if entry.path.contains(":ticket") {
                    #expect(other.0.status == .notFound, "another customer \(entry.method) \(entry.path): \(other.0.status)")
                } else {
                    // Lists and one's own session are "theirs" by construction: allowed, and showing nothing of the owner's.
                    #expect(other.0.status.code < 300, "another customer \(entry.method) \(entry.path): \(other.0.status)")
                    #expect(!String(describing: other.1).contains(number))
                }
            }
        }
    }

    @Test("tokens: shown once, stored hashed, scoped, revocable; others' tokens look absent")
    func tokens() async throws {
        try await TestApp.withSession { session in
            let (issued, body) = try await session.json(.post, "/api/v1/tokens", #"{"name":"CRM sync","scopes":["tickets:read"]}"#)
            #expect(issued.status == .created)
            let secret = try #require(body["token"] as? String)
            let id = try #require((body["record"] as? [String: Any])?["id"] as? String)
            let readOnly: HTTPFields = [.authorization: "Bearer \(secret)", .contentType: "application/json"]

            let read = try await session.client.execute(uri: "/api/v1/tickets", method: .get, headers: readOnly)
            #expect(read.status == .ok)
            let write = try await session.client.execute(uri: "/api/v1/tickets", method: .post, headers: readOnly, body: ByteBuffer(string: APITests.createBody))
            #expect(write.status == .forbidden)
            // A read-only token cannot mint a stronger one.
            let escalate = try await session.client.execute(
                uri: "/api/v1/tokens", method: .post, headers: readOnly, body: ByteBuffer(string: #"{"name":"more","scopes":["admin"]}"#)
            )
            #expect(escalate.status == .badRequest)

            let (listed, listBody) = try await session.json(.get, "/api/v1/tokens")
            #expect(listed.status == .ok)
            #expect(!String(buffer: listed.body).contains(secret))
            #expect((listBody["items"] as? [[String: Any]])?.count == 2)

            let (revoked, _) = try await session.json(.delete, "/api/v1/tokens/\(id)")
            #expect(revoked.status == .ok)
            let afterRevoke = try await session.client.execute(uri: "/api/v1/tickets", method: .get, headers: readOnly)
            #expect(afterRevoke.status == .unauthorized)
            let (audit, auditBody) = try await session.json(.get, "/api/v1/audit?action=token.revoked")
            #expect(audit.status == .ok)
            #expect((auditBody["items"] as? [Any])?.count == 1)
        }
    }
}

@Suite("OpenAPI coverage")
struct OpenAPICoverageTests {
    @Test("every registered API route is described in the OpenAPI document")
    func documented() async throws {
        try await TestApp.withSession { session in
            let document = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any]
            let paths = try #require(document?["paths"] as? [String: [String: Any]])
            for entry in session.registry.entries {
                let path = entry.path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                #expect(paths["/" + path]?[entry.method.lowercased()] != nil, "\(entry.method) \(path) is not in the OpenAPI document")
            }
            for entry in session.registry.customerEntries {
                let path = entry.path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                #expect(paths["/" + path]?[entry.method.lowercased()] != nil, "\(entry.method) \(path) is not in the OpenAPI document")
            }
        }
    }
}
