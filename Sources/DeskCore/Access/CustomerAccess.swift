import Foundation

/// Customers sign in without a password: a 6-digit code sent to their email, or a signed token from the wallet app.
public enum CustomerCodeRules {
    public static let digits = 6
    /// How long a code works.
    public static let lifetime: TimeInterval = 10 * 60
    /// Wrong tries per code; after the last one the code is dead and the email cools down.
    public static let attempts = 5
    /// How long an email cools down after a code's tries ran out.
    public static let coolDown: TimeInterval = 15 * 60

    /// The brute-force policy for customer emails: every wrong code counts, the fifth locks for the cool-down, and no new
    /// code is sent meanwhile.
    public static var throttle: ThrottlePolicy {
        var policy = ThrottlePolicy()
        policy.freeFailures = attempts
        policy.accountLockAfter = attempts
        policy.lockDuration = coolDown
        return policy
    }

    public static func counterKey(_ email: EmailAddress) -> String { "customer:" + email.rawValue.lowercased() }
}

/// What the wallet-app single sign-on accepts; anything else is refused with the reason named.
public enum WalletSSORules {
    /// Tokens may live at most this long from issue to expiry ("short-lived").
    public static let maximumLifetime: TimeInterval = 10 * 60
    /// Clock difference tolerated between the wallet backend and WalletDesk.
    public static let leeway: TimeInterval = 30
}

/// Why a wallet-app token was refused; each has its own localised explanation.
public enum SSORefusal: String, Sendable, CaseIterable {
    case notConfigured = "not-configured"
    case malformed
    case badSignature = "bad-signature"
    case expired
    case notYetValid = "not-yet-valid"
    case wrongAudience = "wrong-audience"
    case wrongIssuer = "wrong-issuer"
    case tooLongLived = "too-long-lived"
    case replayed
}

/// Messages to customers about signing in, in their language.
public enum CustomerNotice: Sendable {
    case signInCode(String)

    public var kind: String { "customer-sign-in-code" }

    public func message(in language: Language) -> (subject: String, body: String) {
        let l = Localizer.shared
        switch self {
        case .signInCode(let code):
            return (l.text("notice.customer-code-subject", language), l.format("notice.customer-code-body", language, code, String(Int(CustomerCodeRules.lifetime / 60))))
        }
    }
}
