import DeskCore
import DeskStore
import Foundation
import Testing

@Suite("Send limit store")
struct SendLimitStoreTests {
    @Test("sends are claimed within the limits, refused with the time to retry, forgotten after the memory", arguments: TestDatabases.kinds)
    func claims(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let limits = ["e:a": [SendLimit(window: 60, maximum: 1), SendLimit(window: 3600, maximum: 3)], "ip:1": [SendLimit(window: 3600, maximum: 4)]]
            let t0 = Fixtures.start
            #expect(try await store.claimSend(limits, memory: 3600, now: t0) == nil)
            // Within the minute: refused until a minute after the first, and the refusal is not counted.
            let retry = try await store.claimSend(limits, memory: 3600, now: t0.addingTimeInterval(10))
            #expect(retry.map { abs($0.timeIntervalSince(t0.addingTimeInterval(60))) < 0.001 } == true)
            #expect(try await store.claimSend(limits, memory: 3600, now: t0.addingTimeInterval(61)) == nil)
            #expect(try await store.claimSend(limits, memory: 3600, now: t0.addingTimeInterval(122)) == nil)
            // Three in the hour: the fourth waits for the first to leave the hour.
            let hourly = try await store.claimSend(limits, memory: 3600, now: t0.addingTimeInterval(183))
            #expect(hourly.map { abs($0.timeIntervalSince(t0.addingTimeInterval(3600))) < 0.001 } == true)
            // Another email from the same address: the address has room for one more (4 an hour), then none.
            #expect(try await store.claimSend(["e:b": [SendLimit(window: 60, maximum: 1)], "ip:1": limits["ip:1"]!], memory: 3600, now: t0.addingTimeInterval(184)) == nil)
            #expect(try await store.claimSend(["e:c": [SendLimit(window: 60, maximum: 1)], "ip:1": limits["ip:1"]!], memory: 3600, now: t0.addingTimeInterval(185)) != nil)
            // An hour later the old sends are forgotten.
            #expect(try await store.claimSend(limits, memory: 3600, now: t0.addingTimeInterval(3600 + 185)) == nil)
        }
    }
}
