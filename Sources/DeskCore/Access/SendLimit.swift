import Foundation

/// At most ``maximum`` sends within any ``window`` (a sliding window over the recorded send times).
public struct SendLimit: Sendable, Equatable {
    public var window: TimeInterval
    public var maximum: Int

    public init(window: TimeInterval, maximum: Int) {
        self.window = window
        self.maximum = maximum
    }

    /// When the next send may happen given earlier sends, or nil when it may happen at `now`.
    /// With `maximum` sends inside the window, the next one waits until the oldest of the last `maximum` leaves it.
    public func retryAt(after sends: [Date], now: Date) -> Date? {
        let recent = sends.filter { $0 > now.addingTimeInterval(-window) }.sorted()
        guard recent.count >= maximum else { return nil }
        return recent[recent.count - maximum].addingTimeInterval(window)
    }

    /// The latest retry time any of `limits` asks for.
    public static func retryAt(_ limits: [SendLimit], after sends: [Date], now: Date) -> Date? {
        limits.compactMap { $0.retryAt(after: sends, now: now) }.max()
    }
}

/// How often customer sign-in codes may be sent. Counted per email whether or not a customer has it (so a refusal
/// never tells who is a customer), and per client address across emails (one address trying many emails).
public enum CustomerCodeSendRules {
    public static let perEmail = [SendLimit(window: 60, maximum: 1), SendLimit(window: 3600, maximum: 5)]
    public static let perAddress = [SendLimit(window: 60, maximum: 5), SendLimit(window: 3600, maximum: 20)]

    public static func emailKey(_ email: EmailAddress) -> String { "code-email:" + email.rawValue.lowercased() }
    public static func addressKey(_ ip: String) -> String { "code-ip:" + ip }

    /// Sends older than this never matter to any limit above; the store forgets them.
    public static let memory: TimeInterval = 3600
}

/// How often the public request form (`/support`) takes a request for one email and from one address. Generous for a
/// person in trouble who writes twice, tight for a script filling the queue. Windows stay within the memory of
/// ``CustomerCodeSendRules`` (the store forgets every key's sends after it).
public enum SupportRequestRules {
    public static let perEmail = [SendLimit(window: 600, maximum: 3), SendLimit(window: 3600, maximum: 6)]
    public static let perAddress = [SendLimit(window: 600, maximum: 5), SendLimit(window: 3600, maximum: 20)]

    public static func emailKey(_ email: EmailAddress) -> String { "request-email:" + email.rawValue.lowercased() }
    public static func addressKey(_ ip: String) -> String { "request-ip:" + ip }
}

/// How many files a signed-in customer may upload through the customer API: enough for every screenshot of a bad day,
/// not enough to fill the database (unlinked uploads are purged by maintenance).
public enum CustomerUploadRules {
    public static let perCustomer = [SendLimit(window: 600, maximum: 30), SendLimit(window: 3600, maximum: 100)]

    public static func customerKey(_ id: CustomerID) -> String { "upload-customer:" + id.description }
}
