import DeskCore
import Foundation
import Testing

@Suite("Account rules")
struct AccountRulesTests {
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("delays grow after the free failures, then the account locks; old failures are forgotten")
    func throttle() {
        var policy = ThrottlePolicy()
        policy.accountLockAfter = 8
        let key = FailureCounter.account("Ada@Example.com")
        #expect(key == "account:ada@example.com")
        var counter: FailureCounter?
        var now = start
        var waits: [TimeInterval] = []
        for _ in 1...8 {
            #expect(policy.decide(counter, now: now) == .allowed)
            counter = policy.afterFailure(counter, key: key, reason: "too-many-passwords", now: now)
            if case .wait(let until) = policy.decide(counter, now: now) {
                waits.append(until.timeIntervalSince(now))
                #expect(policy.decide(counter, now: until.addingTimeInterval(-0.01)) == .wait(until: until))
                now = until
            } else {
                waits.append(0)
            }
        }
        // Three free failures, then 1, 2, 4, 8 s; the eighth failure locks.
        #expect(waits == [0, 0, 1, 2, 4, 8, 16, 0])
        #expect(counter?.failures == 8)
        #expect(counter?.reason == "too-many-passwords")
        let until = now.addingTimeInterval(policy.lockDuration)
        #expect(policy.decide(counter, now: now) == .locked(until: until))
        #expect(policy.decide(counter, now: until) == .allowed)
        // After the lock the count starts again.
        #expect(policy.afterFailure(counter, key: key, reason: "x", now: until).failures == 1)
        // Failures an hour old are forgotten.
        let stale = FailureCounter(key: key, failures: 6, lastFailureAt: start)
        #expect(policy.decide(stale, now: start.addingTimeInterval(policy.forgetAfter)) == .allowed)
        #expect(policy.afterFailure(stale, key: key, reason: "x", now: start.addingTimeInterval(policy.forgetAfter)).failures == 1)
    }

    @Test("addresses get more free failures and a higher lock limit than accounts")
    func addresses() {
        let policy = ThrottlePolicy()
        var counter: FailureCounter?
        for _ in 1..<policy.addressFreeFailures {
            counter = policy.afterFailure(counter, key: FailureCounter.address("198.51.100.4"), reason: "r", now: start)
        }
        #expect(policy.decide(counter, now: start) == .allowed)
        counter = policy.afterFailure(counter, key: FailureCounter.address("198.51.100.4"), reason: "r", now: start)
        #expect(policy.decide(counter, now: start) == .wait(until: start.addingTimeInterval(1)))
        #expect(counter?.lockedUntil == nil)
    }

    @Test("sessions end after idle time and absolute time")
    func sessions() {
        let policy = SessionPolicy(idle: 600, absolute: 3600)
        #expect(policy.isAlive(createdAt: start, lastSeenAt: start, now: start.addingTimeInterval(599)))
        #expect(!policy.isAlive(createdAt: start, lastSeenAt: start, now: start.addingTimeInterval(600)))
        #expect(policy.isAlive(createdAt: start, lastSeenAt: start.addingTimeInterval(3500), now: start.addingTimeInterval(3599)))
        #expect(!policy.isAlive(createdAt: start, lastSeenAt: start.addingTimeInterval(3500), now: start.addingTimeInterval(3600)))
        #expect(policy.expiry(createdAt: start, lastSeenAt: start.addingTimeInterval(3500)) == start.addingTimeInterval(3600))
    }

    @Test("passwords: at least 12 characters, at most 72 bytes (bcrypt's limit)")
    func passwords() throws {
        #expect(throws: DeskError.weakPassword(minimum: 12)) { try PasswordPolicy.validate("short") }
        try PasswordPolicy.validate("twelve chars")
        try PasswordPolicy.validate("密码密码密码密码密码密码")
        #expect(throws: DeskError.invalidField("password", reason: .tooLong)) { try PasswordPolicy.validate(String(repeating: "密", count: 25)) }
    }

    @Test("2FA is required for admins and the security team by default, for everyone when the admin says so")
    func secondFactorPolicy() {
        func agent(_ role: AgentRole, _ tier: AgentTier) -> Agent {
            Agent(name: "A", email: EmailAddress(rawValue: "a@example.com")!, role: role, tier: tier, createdAt: start, updatedAt: start)
        }
        let policy = SecondFactorPolicy()
        #expect(policy.isRequired(for: agent(.admin, .l2)))
        #expect(policy.isRequired(for: agent(.security, .security)))
        #expect(policy.isRequired(for: agent(.agent, .security)))
        #expect(!policy.isRequired(for: agent(.agent, .l1)))
        #expect(!policy.isRequired(for: agent(.supervisor, .l2)))
        #expect(SecondFactorPolicy(requiredForEveryone: true).isRequired(for: agent(.agent, .l1)))
    }

    @Test("device fingerprints ignore the last part of the address")
    func fingerprints() {
        #expect(DeviceFingerprint.prefix(of: "203.0.113.77") == "203.0.113")
        #expect(DeviceFingerprint.prefix(of: "2001:db8:1234:5678::1") == "2001:db8:1234")
        #expect(DeviceFingerprint.make(userAgent: "A", ip: "203.0.113.7") == DeviceFingerprint.make(userAgent: "A", ip: "203.0.113.99"))
        #expect(DeviceFingerprint.make(userAgent: "A", ip: "203.0.113.7") != DeviceFingerprint.make(userAgent: "B", ip: "203.0.113.7"))
        #expect(DeviceFingerprint.make(userAgent: "A", ip: "203.0.113.7").count == 64)
    }

    @Test("lock and new-device notices exist in every language")
    func notices() {
        for language in Language.allCases {
            let locked = AccountNotice.locked(until: start, reason: "too-many-passwords").message(in: language)
            #expect(!locked.subject.isEmpty && !locked.body.contains("{"))
            #expect(!locked.body.contains("notice.reason"))
            let device = AccountNotice.newDevice(at: start, ip: "203.0.113.7", userAgent: "Firefox").message(in: language)
            #expect(device.body.contains("203.0.113.7") && device.body.contains("Firefox"))
        }
        #expect(AccountNotice.locked(until: start, reason: "too-many-codes").message(in: .zhCN).body.contains("验证码"))
    }
}
