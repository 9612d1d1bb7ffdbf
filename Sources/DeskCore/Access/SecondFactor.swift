import Foundation

/// Who must use a second factor (TOTP) to sign in.
///
/// By default admins and the security team must; an admin can require it for everyone. An agent who enrolled uses it
/// whatever the policy says.
public struct SecondFactorPolicy: Sendable, Equatable {
    public var requiredForEveryone: Bool

    public init(requiredForEveryone: Bool = false) {
        self.requiredForEveryone = requiredForEveryone
    }

    /// The settings key that stores ``requiredForEveryone``.
    public static let settingKey = "security.require_2fa_everyone"

    public func isRequired(for agent: Agent) -> Bool {
        requiredForEveryone || agent.role == .admin || agent.role == .security || agent.tier == .security
    }
}

/// Limits on proving the second factor within one pending sign-in.
public enum SecondFactorRules {
    /// How long a password-only sign-in waits for its second factor.
    public static let pendingLifetime: TimeInterval = 5 * 60
    /// Wrong codes allowed in one pending sign-in before it is ended (sign in with the password again).
    public static let attemptsPerSignIn = 5
    /// Recovery codes handed out at once.
    public static let recoveryCodeCount = 10
    /// TOTP steps accepted either side of now, for clocks that drift.
    public static let allowedDriftSteps = 1
}
