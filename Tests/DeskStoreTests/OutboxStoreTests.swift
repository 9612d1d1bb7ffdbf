import DeskCore
import DeskStore
import Foundation
import Testing

@Suite("Outbox store")
struct OutboxStoreTests {
    /// Queues `count` customer sign-in code mails, one second apart.
    static func enqueue(_ count: Int, on store: SQLDeskStore) async throws {
        for index in 0..<count {
            let email = EmailAddress(rawValue: "c\(index)@example.com")!
            let customer = try await store.createCustomer(Customer(email: email, createdAt: Fixtures.start, updatedAt: Fixtures.start))
            try await store.issueCustomerCode(
                to: customer, email: email, codeHash: "h\(index)", message: (subject: "code", body: "your code is 12345\(index)"),
                now: Fixtures.start.addingTimeInterval(Double(index))
            )
        }
    }

    static var policy: DeliveryPolicy {
        var policy = DeliveryPolicy()
        policy.baseDelay = 10
        policy.maximumDelay = 40
        policy.maxAttempts = 4
        policy.lease = 60
        return policy
    }

    @Test("a claim is exclusive until its lease runs out; claims come oldest first in bounded batches", arguments: TestDatabases.kinds)
    func leases(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            try await Self.enqueue(3, on: store)
            let now = Fixtures.start.addingTimeInterval(10)
            let first = try await store.claimOutbox(channel: "email", now: now, lease: 60, limit: 2)
            #expect(first.map(\.message.recipient) == ["c0@example.com", "c1@example.com"])
            #expect(first.allSatisfy { $0.attempts == 0 })
            let second = try await store.claimOutbox(channel: "email", now: now, lease: 60, limit: 10)
            #expect(second.map(\.message.recipient) == ["c2@example.com"], "claimed rows are not handed out again")
            #expect(try await store.claimOutbox(channel: "email", now: now.addingTimeInterval(59), lease: 60, limit: 10).isEmpty)
            #expect(try await store.claimOutbox(channel: "sms", now: now.addingTimeInterval(120), lease: 60, limit: 10).isEmpty)
            #expect(try await store.outboxEntries(state: .sending, now: now, after: nil, limit: 10).items.count == 3)

            // One is sent; one is handed back untried; the third node's claim lapses (it died) and is taken over.
            #expect(try await store.recordDelivery(first[0], outcome: .sent, policy: Self.policy, now: now) == .sent)
            try await store.releaseOutbox([first[1]])
            let again = try await store.claimOutbox(channel: "email", now: now.addingTimeInterval(1), lease: 60, limit: 10)
            #expect(again.map(\.message.recipient) == ["c1@example.com"])
            let takeover = try await store.claimOutbox(channel: "email", now: now.addingTimeInterval(61), lease: 60, limit: 10)
            #expect(takeover.map(\.message.recipient) == ["c2@example.com"])
            // The lapsed claimant's late failure no longer counts; its late success still does (the mail left).
            #expect(try await store.recordDelivery(second[0], outcome: .transient(error: "late"), policy: Self.policy, now: now.addingTimeInterval(62)) == .queued)
            let row = try #require(try await store.outboxEntries(state: nil, now: now.addingTimeInterval(62), after: nil, limit: 10).items.first { $0.recipient == "c2@example.com" })
            #expect(row.attempts == 0 && row.lastError == nil && row.state == .sending)
            #expect(try await store.recordDelivery(second[0], outcome: .sent, policy: Self.policy, now: now.addingTimeInterval(63)) == .sent)
            #expect(try await store.claimOutbox(channel: "email", now: now.addingTimeInterval(500), lease: 60, limit: 10).map(\.message.recipient) == ["c1@example.com"])
            #expect(try await store.unsentOutbox(limit: 10).map(\.recipient) == ["c1@example.com"])
        }
    }

    @Test("transient failures come back after growing delays and give up after the last attempt; 5xx gives up at once", arguments: TestDatabases.kinds)
    func retries(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            try await Self.enqueue(2, on: store)
            var now = Fixtures.start.addingTimeInterval(10)
            var delays: [TimeInterval] = []
            for attempt in 1...4 {
                let claims = try await store.claimOutbox(channel: "email", now: now, lease: 60, limit: 1)
                let claim = try #require(claims.first)
                #expect(claim.attempts == attempt - 1)
                let state = try await store.recordDelivery(
                    claim, outcome: .transient(error: "451 4.7.1 <c0@example.com> greylisted, code 123456"), policy: Self.policy, now: now
                )
                #expect(state == (attempt == 4 ? .failed : .queued))
                let entry = try #require(try await store.outboxEntries(state: nil, now: now, after: nil, limit: 10).items.first { $0.recipient == "c0@example.com" })
                #expect(entry.attempts == attempt)
                #expect(entry.lastError == "451 4.7.1 c***@example.com greylisted, code #", "stored errors hold neither addresses nor codes")
                guard let next = entry.nextAttemptAt else {
                    #expect(attempt == 4)
                    #expect(entry.failedAt == now && entry.state == .failed)
                    break
                }
                delays.append(next.timeIntervalSince(now))
                // Not due before its time (the other row is claimed in the meantime, and stays claimed).
                let early = try await store.claimOutbox(channel: "email", now: next.addingTimeInterval(-1), lease: 60, limit: 10)
                #expect(!early.contains { $0.message.recipient == "c0@example.com" })
                now = next
            }
            #expect(delays == [10, 20, 40])
            #expect(try await store.outboxEntries(state: .failed, now: now, after: nil, limit: 10).items.map(\.recipient) == ["c0@example.com"])

            let other = try #require(try await store.claimOutbox(channel: "email", now: now.addingTimeInterval(3600), lease: 60, limit: 10).first)
            #expect(other.message.recipient == "c1@example.com")
            #expect(try await store.recordDelivery(other, outcome: .permanent(error: "550 5.1.1 no such user"), policy: Self.policy, now: now) == .failed)
            #expect(try await store.claimOutbox(channel: "email", now: now.addingTimeInterval(86_400), lease: 60, limit: 10).isEmpty)
            #expect(try await store.unsentOutbox(limit: 10).isEmpty)
            let page = try await store.outboxEntries(state: nil, now: now, after: nil, limit: 1)
            #expect(page.items.map(\.recipient) == ["c1@example.com"] && page.nextCursor != nil)
            #expect(try await store.outboxEntries(state: nil, now: now, after: page.nextCursor, limit: 1).items.map(\.recipient) == ["c0@example.com"])
        }
    }

    @Test("two nodes claiming at once never get the same row", arguments: TestDatabases.kinds)
    func concurrentClaims(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            try await Self.enqueue(30, on: store)
            let now = Fixtures.start.addingTimeInterval(100)
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<6 {
                    group.addTask { try await store.claimOutbox(channel: "email", now: now, lease: 60, limit: 7).map(\.message.id) }
                }
                var all: [String] = []
                for try await ids in group { all += ids }
                return all
            }
            #expect(claimed.count == Set(claimed).count, "a row was claimed twice")
            #expect(claimed.count <= 30)
            let rest = try await store.claimOutbox(channel: "email", now: now, lease: 60, limit: 100)
            #expect(claimed.count + rest.count == 30)
        }
    }
}
