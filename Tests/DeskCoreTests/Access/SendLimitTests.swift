import DeskCore
import Foundation
import Testing

@Suite("Send limits")
struct SendLimitTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("a sliding window: the next send waits for the oldest counted one to leave it")
    func window() {
        let limit = SendLimit(window: 3600, maximum: 2)
        #expect(limit.retryAt(after: [], now: t0) == nil)
        #expect(limit.retryAt(after: [t0], now: t0.addingTimeInterval(1)) == nil)
        let sends = [t0, t0.addingTimeInterval(100), t0.addingTimeInterval(200)]
        #expect(limit.retryAt(after: sends, now: t0.addingTimeInterval(300)) == t0.addingTimeInterval(3700))
        #expect(limit.retryAt(after: sends, now: t0.addingTimeInterval(3800)) == nil)
        // Several limits: the latest retry wins.
        let rules = [SendLimit(window: 60, maximum: 1), SendLimit(window: 3600, maximum: 2)]
        #expect(SendLimit.retryAt(rules, after: [t0, t0.addingTimeInterval(100)], now: t0.addingTimeInterval(120)) == t0.addingTimeInterval(3600))
        #expect(SendLimit.retryAt(rules, after: [t0.addingTimeInterval(100)], now: t0.addingTimeInterval(120)) == t0.addingTimeInterval(160))
    }

    @Test("customer codes: 1 a minute and 5 an hour per email, 5 a minute and 20 an hour per address")
    func customerRules() {
        #expect(CustomerCodeSendRules.perEmail == [SendLimit(window: 60, maximum: 1), SendLimit(window: 3600, maximum: 5)])
        #expect(CustomerCodeSendRules.perAddress.contains(SendLimit(window: 3600, maximum: 20)))
        #expect(CustomerCodeSendRules.emailKey(EmailAddress(rawValue: "Mei@Example.com")!) == "code-email:mei@example.com")
    }
}
