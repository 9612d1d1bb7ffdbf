import DeskCore
@testable import DeskServer
import Foundation
import Testing

/// The hand-written JSON (`JSONWriter`) and the Codable encoding of each resource must say the same thing.
@Suite("JSON writer")
struct JSONWriterTests {
    static let at = Date(timeIntervalSince1970: 1_795_000_000.125)

    static func both(_ value: some Encodable & JSONWriter.Value) throws -> (NSDictionary, NSDictionary) {
        var writer = JSONWriter()
        value.write(to: &writer)
        let fast = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? NSDictionary
        let codable = try JSONSerialization.jsonObject(with: try JSON.encoder.encode(value)) as? NSDictionary
        return (try #require(fast), try #require(codable))
    }

    @Test("tickets, messages, events and people encode identically both ways")
    func sameOutput() throws {
        var ticket = Ticket(
            number: TicketNumber(10042), subject: "提现 \"失败\"\n\\ tab\t", status: .pending, priority: .urgent, category: .stolenFunds,
            channel: .telegram, requesterID: CustomerID(), assigneeID: AgentID(), tags: ["a", "b"],
            crypto: CryptoDetails(chain: "tron", asset: "USDT", amount: "1.5", txId: "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b", walletAddress: "bad"), reopenCount: 2, createdAt: Self.at, updatedAt: Self.at,
            firstResponseAt: Self.at, version: 7
        )
        ticket.mergedInto = TicketNumber(10050)
        let ticketPair = try Self.both(TicketResource(ticket, explorers: .default))
        #expect(ticketPair.0 == ticketPair.1)
        let links = (ticketPair.0["crypto"] as? NSDictionary)?["links"] as? NSDictionary
        #expect(links?["tx"] as? String == "https://tronscan.org/#/transaction/4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b")
        #expect(links?["address"] is NSNull)

        let attachment = Attachment(filename: "截图.png", contentType: "image/png", size: 10, sha256: "ab", createdAt: Self.at)
        let message = Message(
            ticket: ticket.number, visibility: .internal, authorKind: .agent, authorID: UUID(), bodyText: "control \u{01} char",
            bodyHTML: "<p>x</p>", attachments: [attachment], mergedFrom: TicketNumber(9), createdAt: Self.at
        )
        let messagePair = try Self.both(MessageResource(message))
        #expect(messagePair.0 == messagePair.1)

        let event = TicketEvent(
            id: 5, ticket: ticket.number, kind: .statusChanged, actor: .agent(AgentID()),
            changes: [FieldChange(field: "status", before: "open", after: "pending"), FieldChange(field: "x", before: nil, after: nil)], at: Self.at
        )
        let eventPair = try Self.both(EventResource(event))
        #expect(eventPair.0 == eventPair.1)

        let customer = Customer(name: "王芳", email: EmailAddress(rawValue: "w@example.com"), language: .zhTW, createdAt: Self.at, updatedAt: Self.at)
        let customerPair = try Self.both(CustomerResource(customer))
        #expect(customerPair.0 == customerPair.1)

        let agent = Agent(name: "Bo", email: EmailAddress(rawValue: "bo@example.com")!, role: .security, tier: .security, createdAt: Self.at, updatedAt: Self.at)
        let agentPair = try Self.both(AgentResource(agent))
        #expect(agentPair.0 == agentPair.1)

        let page = PageResource(items: [TeamResource(Team(name: "T", createdAt: Self.at, updatedAt: Self.at))], nextCursor: nil)
        let pagePair = try Self.both(page)
        #expect(pagePair.0 == pagePair.1)
    }

    @Test("ISO 8601 writing matches Foundation across years and leap days")
    func dates() {
        for seconds in [0.0, 951_782_400.5, 1_709_164_800.75, 4_102_444_799.875, -86_400.25, 1_582_934_400.125] {
            let date = Date(timeIntervalSince1970: seconds)
            var bytes: [UInt8] = []
            ISO8601.append(date, to: &bytes)
            let expected = date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
            #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(seconds)")
        }
    }
}
