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

/// Messages to customers, in their language: sign-in codes and notices about their requests.
///
/// A notice about a request names its number and says where to read it, never what anyone wrote: whoever types an email
/// address into the public request form chooses the text of the request, and an official email must not carry it
/// (a link to a fake site, "send your phrase to …").
public enum CustomerNotice: Sendable {
    case signInCode(String)
    /// A request from the support pages was received.
    case requestReceived(TicketNumber)
    /// An agent answered a request made on the support pages.
    case replied(TicketNumber)

    public var kind: String {
        switch self {
        case .signInCode: "customer-sign-in-code"
        case .requestReceived: "customer-request-received"
        case .replied: "customer-request-answered"
        }
    }

    public func message(in language: Language) -> (subject: String, body: String) {
        let l = Localizer.shared
        switch self {
        case .signInCode(let code):
            return (l.text("notice.customer-code-subject", language), l.format("notice.customer-code-body", language, code, String(Int(CustomerCodeRules.lifetime / 60))))
        case .requestReceived(let number):
            return (l.format("notice.request-received-subject", language, number.description), l.format("notice.request-received-body", language, number.description))
        case .replied(let number):
            return (l.format("notice.request-answered-subject", language, number.description), l.format("notice.request-answered-body", language, number.description))
        }
    }
}
