import DeskCore
@testable import DeskServer
import Foundation
import Testing

@Suite("Public check limit")
struct PublicCheckLimiterTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a burst of the minute's checks, then a wait that refills one at a time; addresses are apart")
    func bucket() throws {
        let limiter = PublicCheckLimiter(perMinute: 6)
        for _ in 0..<6 { try limiter.admit("203.0.113.1", now: Self.start) }
        #expect(throws: DeskError.tooManyRequests(retryAfterSeconds: 10)) { try limiter.admit("203.0.113.1", now: Self.start) }
        // Another address has its own bucket.
        try limiter.admit("203.0.113.2", now: Self.start)
        // One check a 10 s back (6 a minute), the wait shrinking meanwhile.
        #expect(throws: DeskError.tooManyRequests(retryAfterSeconds: 4)) { try limiter.admit("203.0.113.1", now: Self.start + 6) }
        try limiter.admit("203.0.113.1", now: Self.start + 10)
        #expect(throws: DeskError.self) { try limiter.admit("203.0.113.1", now: Self.start + 10) }
        // A refused check takes nothing: after a full minute the whole burst is back.
        for _ in 0..<6 { try limiter.admit("203.0.113.1", now: Self.start + 80) }
        #expect(throws: DeskError.self) { try limiter.admit("203.0.113.1", now: Self.start + 80) }
    }

    @Test("0 turns it off; the table of addresses stays bounded")
    func offAndBounded() throws {
        let off = PublicCheckLimiter(perMinute: 0)
        for _ in 0..<1000 { try off.admit("203.0.113.1", now: Self.start) }
        let limiter = PublicCheckLimiter(perMinute: 60)
        for n in 0..<(PublicCheckLimiter.maxAddresses + 10) { try limiter.admit("addr-\(n)", now: Self.start + Double(n) / 1000) }
        // Past the bound, the buckets that refilled (idle over a second here, at one check a second) were dropped.
        #expect(limiter.trackedAddresses < 1100)
        // The newest addresses were kept, and are still limited.
        let last = "addr-\(PublicCheckLimiter.maxAddresses + 9)"
        for _ in 0..<59 { try limiter.admit(last, now: Self.start + 20.01) }
        #expect(throws: DeskError.self) { try limiter.admit(last, now: Self.start + 20.01) }
    }

    @Test("the 429 is a localised problem with Retry-After")
    func problem() {
        let error = DeskError.tooManyRequests(retryAfterSeconds: 7)
        #expect(error.status == 429 && error.code == "too-many-requests")
        #expect(error.detail(in: .zhCN).contains("7 秒"))
        #expect(error.detail(in: .en).contains("7 second"))
    }
}
