/// The kind of problem a customer has, as wallet support teams sort them.
///
/// The category drives the default priority and, in later issues, routing and the structured request form.
public enum TicketCategory: String, Codable, Sendable, CaseIterable {
    case accountLocked = "account_locked"
    case withdrawalFailed = "withdrawal_failed"
    case depositMissing = "deposit_missing"
    case transactionPending = "transaction_pending"
    case stolenFunds = "stolen_funds"
    case accountFreeze = "account_freeze"
    case scamReport = "scam_report"
    case twoFactor = "two_factor"
    case identityVerification = "identity_verification"
    case fees
    case appProblem = "app_problem"
    case complaint
    case general

    /// The priority a new ticket of this category starts with when the creator names none.
    public var defaultPriority: TicketPriority {
        switch self {
        case .stolenFunds, .accountFreeze: .urgent
        case .scamReport, .accountLocked, .withdrawalFailed, .depositMissing: .high
        case .transactionPending, .twoFactor, .identityVerification, .appProblem, .complaint: .normal
        case .fees, .general: .low
        }
    }
}
