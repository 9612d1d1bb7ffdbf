import Foundation

/// What a new password must be. bcrypt reads at most 72 bytes, so longer passwords are refused rather than silently cut.
public enum PasswordPolicy {
    public static let minimumCharacters = 12
    public static let maximumBytes = 72

    /// Throws ``DeskError/weakPassword(minimum:)`` or a too-long field error unless `password` may be used.
    public static func validate(_ password: String, field: String = "password") throws {
        guard password.count >= minimumCharacters else { throw DeskError.weakPassword(minimum: minimumCharacters) }
        guard password.utf8.count <= maximumBytes else { throw DeskError.invalidField(field, reason: .tooLong) }
    }
}

/// How long a signed-in session lives: it ends after `idle` without a request, and after `absolute` whatever happens.
public struct SessionPolicy: Sendable, Equatable {
    public var idle: TimeInterval
    public var absolute: TimeInterval

    public init(idle: TimeInterval = 30 * 60, absolute: TimeInterval = 12 * 3600) {
        self.idle = idle
        self.absolute = absolute
    }

    /// Whether a session created at `createdAt` and last used at `lastSeenAt` may still be used at `now`.
    public func isAlive(createdAt: Date, lastSeenAt: Date, now: Date) -> Bool {
        now < createdAt.addingTimeInterval(absolute) && now < lastSeenAt.addingTimeInterval(idle)
    }

    /// The moment the session ends if it is used no more.
    public func expiry(createdAt: Date, lastSeenAt: Date) -> Date {
        min(createdAt.addingTimeInterval(absolute), lastSeenAt.addingTimeInterval(idle))
    }
}

/// Where a signed-in session stands: a password alone on an account that needs a second factor gives only `pending`,
/// which no API route accepts.
public enum SessionState: String, Sendable, Codable {
    case active
    case pendingSecondFactor = "pending-second-factor"
}
