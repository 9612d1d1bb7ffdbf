import DeskCore
import DeskStore
import Foundation
import Testing

@Suite("Safety store")
struct SafetyStoreTests {
    static func channel(_ kind: ChannelKind, _ value: String, _ use: ChannelUse = .official, label: String = "Label") throws -> OfficialChannel {
        let valid = try OfficialChannel.validated(kind: kind, value: value, use: use, label: label, hours: "9:00-18:00")
        return OfficialChannel(kind: kind, value: valid.value, use: use, label: valid.label, hours: valid.hours, createdAt: Fixtures.start, updatedAt: Fixtures.start)
    }

    @Test("registry entries are added, listed, changed and removed, each audited", arguments: TestDatabases.kinds)
    func registry(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            #expect(try await store.channels().isEmpty)
            let web = try await store.addChannel(try Self.channel(.web, "https://www.imwallet.com/"), by: .system)
            let whatsapp = try await store.addChannel(try Self.channel(.whatsapp, "", .neverUsed, label: "WhatsApp"), by: .system)
            #expect(try await store.channels().map(\.id) == [web.id, whatsapp.id])
            #expect(try await store.officialChannels().map(\.value) == ["imwallet.com"])
            #expect(try await store.channel(web.id) == web)

            await #expect(throws: DeskError.duplicate(field: "value")) {
                try await store.addChannel(try Self.channel(.web, "IMWALLET.com"), by: .system)
            }
            let changed = try await store.updateChannel(web.id, expectedVersion: 1, by: .system, now: Fixtures.start.addingTimeInterval(60)) {
                $0.label = "Website"
            }
            #expect(changed.version == 2 && changed.label == "Website")
            await #expect(throws: DeskError.versionConflict(current: 2)) {
                try await store.updateChannel(web.id, expectedVersion: 1, by: .system, now: Fixtures.start) { $0.label = "Other" }
            }
            try await store.removeChannel(whatsapp.id, by: .system, now: Fixtures.start)
            await #expect(throws: DeskError.notFound(entity: "channel")) { try await store.channel(whatsapp.id) }
            await #expect(throws: DeskError.notFound(entity: "channel")) { try await store.removeChannel(whatsapp.id, by: .system, now: Fixtures.start) }
            let actions = try await store.auditEntries(after: nil, action: nil, limit: 100).map(\.action)
            #expect(actions == ["channel.added", "channel.added", "channel.updated", "channel.removed"])
        }
    }

    @Test("a setting made once keeps its first value", arguments: TestDatabases.kinds)
    func settingOnce(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let first = try await store.settingCreatedOnce("k") { "one" }
            let second = try await store.settingCreatedOnce("k") { "two" }
            #expect(first == "one" && second == "one")
        }
    }

    @Test("anti-phishing phrases are set, replaced and removed; unknown customers are 404", arguments: TestDatabases.kinds)
    func phrases(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let (ticket, _) = try await store.createTicket(try Fixtures.draft(), actor: .system, now: Fixtures.start)
            let customer = ticket.requesterID
            #expect(try await store.antiPhishingPhrase(of: customer) == nil)
            try await store.setAntiPhishingPhrase(try AntiPhishingPhrase("蓝色老虎 2024"), for: customer, now: Fixtures.start)
            try await store.setAntiPhishingPhrase(try AntiPhishingPhrase("green falcon"), for: customer, now: Fixtures.start)
            #expect(try await store.antiPhishingPhrase(of: customer)?.value == "green falcon")
            try await store.setAntiPhishingPhrase(nil, for: customer, now: Fixtures.start)
            #expect(try await store.antiPhishingPhrase(of: customer) == nil)
            await #expect(throws: DeskError.notFound(entity: "customer")) {
                try await store.setAntiPhishingPhrase(try AntiPhishingPhrase("green falcon"), for: CustomerID(), now: Fixtures.start)
            }
        }
    }

    @Test("message codes and call codes: one live pair, attempts counted, burnt after the limit, used once", arguments: TestDatabases.kinds)
    func codes(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let agent = try await store.createAgent(Fixtures.agent(), by: .system)
            let (ticket, _) = try await store.createTicket(try Fixtures.draft(), actor: .system, now: Fixtures.start)
            let (reply, _) = try await store.addMessage(try Fixtures.reply("hello", by: .agent(agent.id)), to: ticket.number, setStatus: nil, now: Fixtures.start)
            try await store.recordMessageCode("AAAA-BBBB-CCCC", message: reply.id, ticket: ticket.number, agent: agent.id, at: Fixtures.start)
            try await store.recordMessageCode("AAAA-BBBB-CCCC", message: reply.id, ticket: ticket.number, agent: agent.id, at: Fixtures.start)
            #expect(try await store.messageCode("AAAA-BBBB-CCCC")?.agent == agent.id)
            #expect(try await store.messageCode("ZZZZ-ZZZZ-ZZZZ") == nil)

            func pair(_ hash: String, at: Date) -> CallCodeRecord {
                CallCodeRecord(id: UUID().uuidString, ticket: ticket.number, agent: agent.id, agentCodeHash: hash, sealedCustomerCode: "123456",
                               createdAt: at, expiresAt: at.addingTimeInterval(600))
            }
            try await store.createCallCodes(pair("old", at: Fixtures.start))
            try await store.createCallCodes(pair("right", at: Fixtures.start.addingTimeInterval(1)))
            let now = Fixtures.start.addingTimeInterval(10)
            #expect(try await store.checkCallCode(ticket: ticket.number, agentCodeHash: "old", now: now, maxAttempts: 3) == .wrong(remaining: 2))
            #expect(try await store.checkCallCode(ticket: ticket.number, agentCodeHash: "right", now: now, maxAttempts: 3) == .genuine(agent: agent.id))
            #expect(try await store.checkCallCode(ticket: ticket.number, agentCodeHash: "right", now: now, maxAttempts: 3) == .none)

            try await store.createCallCodes(pair("fresh", at: now))
            #expect(try await store.checkCallCode(ticket: ticket.number, agentCodeHash: "fresh", now: now.addingTimeInterval(601), maxAttempts: 3) == .none)
            try await store.createCallCodes(pair("burn", at: now))
            for remaining in [2, 1, 0] {
                #expect(try await store.checkCallCode(ticket: ticket.number, agentCodeHash: "x", now: now, maxAttempts: 3) == .wrong(remaining: remaining))
            }
            #expect(try await store.checkCallCode(ticket: ticket.number, agentCodeHash: "burn", now: now, maxAttempts: 3) == .none)
            await #expect(throws: DeskError.notFound(entity: "ticket")) {
                try await store.createCallCodes(CallCodeRecord(id: "x", ticket: TicketNumber(999_999), agent: agent.id, agentCodeHash: "h",
                                                               sealedCustomerCode: "1", createdAt: now, expiresAt: now))
            }
        }
    }

    @Test("secret findings keep kind, position and fingerprint, and tell a fingerprint seen before", arguments: TestDatabases.kinds)
    func findings(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let record = SecretFindingRecord(ticket: TicketNumber(10001), kind: .mnemonic, position: 4, fingerprint: "f1", at: Fixtures.start)
            let first = try await store.recordSecretFindings([record])
            #expect(first == ["f1": 0])
            var other = record
            other.fingerprint = "f2"
            let second = try await store.recordSecretFindings([record, other])
            #expect(second == ["f1": 1, "f2": 0])
            let none = try await store.recordSecretFindings([])
            #expect(none.isEmpty)
        }
    }
}
