import Foundation

/// Failed attempts counted against one key: an account (`account:<email>`, counted whether or not the email exists, so
/// the answer never tells) or an address (`ip:<address>`).
public struct FailureCounter: Sendable, Equatable {
    public var key: String
    public var failures: Int
    public var lastFailureAt: Date
    public var lockedUntil: Date?
    /// Why the key is locked: `too-many-passwords` or `too-many-codes`.
    public var reason: String?

    public init(key: String, failures: Int, lastFailureAt: Date, lockedUntil: Date? = nil, reason: String? = nil) {
        self.key = key
        self.failures = failures
        self.lastFailureAt = lastFailureAt
        self.lockedUntil = lockedUntil
        self.reason = reason
    }

    public static func account(_ email: String) -> String { "account:" + email.lowercased() }
    public static func address(_ ip: String) -> String { "ip:" + ip }
}

/// Growing delays and temporary locks after failed sign-ins (passwords and second-factor codes alike).
///
/// After ``freeFailures`` failures on an account (``addressFreeFailures`` from one address, which may be a whole office
/// behind one NAT) each further attempt must wait twice as long as the one before (up to ``maxDelay``);
/// after ``accountLockAfter`` failures on an account, or ``addressLockAfter`` from one address, the key is locked for
/// ``lockDuration``. Failures older than ``forgetAfter`` no longer count. The server refuses early attempts with 429 and
/// `Retry-After` rather than holding connections open.
public struct ThrottlePolicy: Sendable, Equatable {
    public var freeFailures = 3
    public var addressFreeFailures = 20
    public var baseDelay: TimeInterval = 1
    public var maxDelay: TimeInterval = 60
    public var accountLockAfter = 10
    public var addressLockAfter = 50
    public var lockDuration: TimeInterval = 15 * 60
    public var forgetAfter: TimeInterval = 3600

    public init() {}

    public enum Decision: Sendable, Equatable {
        case allowed
        /// Too soon after the last failure.
        case wait(until: Date)
        case locked(until: Date)

        public var retryAt: Date? {
            switch self {
            case .allowed: nil
            case .wait(let until), .locked(let until): until
            }
        }
    }

    /// How long to wait after the `failures`-th failure on `key` before the next attempt is heard.
    public func delay(afterFailures failures: Int, key: String) -> TimeInterval {
        let free = key.hasPrefix("ip:") ? addressFreeFailures : freeFailures
        guard failures >= free else { return 0 }
        return min(maxDelay, baseDelay * pow(2, Double(min(failures - free, 30))))
    }

    /// Whether an attempt against this counter may go ahead at `now`.
    public func decide(_ counter: FailureCounter?, now: Date) -> Decision {
        guard let counter else { return .allowed }
        // Stored times are rounded to microseconds, so "at" a moment counts from a millisecond before it.
        let now = now.addingTimeInterval(Self.slack)
        if let until = counter.lockedUntil, now < until { return .locked(until: until) }
        if now >= counter.lastFailureAt.addingTimeInterval(forgetAfter) { return .allowed }
        let next = counter.lastFailureAt.addingTimeInterval(delay(afterFailures: counter.failures, key: counter.key))
        return now < next ? .wait(until: next) : .allowed
    }

    static let slack: TimeInterval = 0.001

    /// The counter after one more failure at `now`; locks it when the failure reaches the limit for its kind of key.
    public func afterFailure(_ counter: FailureCounter?, key: String, reason: String, now: Date) -> FailureCounter {
        var failures = 1
        let later = now.addingTimeInterval(Self.slack)
        if let counter, later < counter.lastFailureAt.addingTimeInterval(forgetAfter), !(counter.lockedUntil.map { later >= $0 } ?? false) {
            failures = counter.failures + 1
        }
        var next = FailureCounter(key: key, failures: failures, lastFailureAt: now)
        let limit = key.hasPrefix("ip:") ? addressLockAfter : accountLockAfter
        if failures >= limit {
            next.lockedUntil = now.addingTimeInterval(lockDuration)
            next.reason = reason
        }
        return next
    }
}

/// A device as far as new-sign-in alerts care: the browser's user agent and the first part of the address
/// (/24 for IPv4, /48 for IPv6), so a phone moving between nearby addresses is not "new" every time.
public enum DeviceFingerprint {
    public static func make(userAgent: String, ip: String) -> String {
        let material = userAgent + "\u{0}" + prefix(of: ip)
        return SHA256.hash(Array(material.utf8)).map { String($0, radix: 16).leftPadded(2) }.joined()
    }

    public static func prefix(of ip: String) -> String {
        if ip.contains(":") {
            return ip.split(separator: ":", omittingEmptySubsequences: false).prefix(3).joined(separator: ":")
        }
        return ip.split(separator: ".").prefix(3).joined(separator: ".")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Messages to agents about their account, written to the outbox in their language.
public enum AccountNotice: Sendable {
    case locked(until: Date, reason: String)
    case newDevice(at: Date, ip: String, userAgent: String)

    public var kind: String {
        switch self {
        case .locked: "account-locked"
        case .newDevice: "new-device"
        }
    }

    /// Subject and body in `language`. Times are shown in UTC with the zone named, as the agent's zone is not known.
    public func message(in language: Language) -> (subject: String, body: String) {
        let l = Localizer.shared
        let formatter = ISO8601DateFormatter()
        switch self {
        case .locked(let until, let reason):
            return (
                l.text("notice.locked-subject", language),
                l.format("notice.locked-body", language, formatter.string(from: until), l.text("notice.reason-\(reason)", language))
            )
        case .newDevice(let at, let ip, let userAgent):
            return (l.text("notice.new-device-subject", language), l.format("notice.new-device-body", language, formatter.string(from: at), ip, userAgent))
        }
    }
}
