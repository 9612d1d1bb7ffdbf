/// Why a field was refused.
public enum FieldProblem: String, Sendable, Equatable {
    case required, tooLong, invalidValue, invalidTag, tooMany, unknownField, wrongType, unknownReference
}

/// Every error a customer, agent or integration can cause, as a value with a stable code and an HTTP status.
///
/// The HTTP layer turns these into RFC 9457 problem details in one place; titles come from the localisation table.
public enum DeskError: Error, Sendable, Equatable {
    case notFound(entity: String)
    case invalidField(String, reason: FieldProblem)
    case malformedJSON(detail: String)
    case bodyTooLarge(limit: Int)
    case unsupportedMediaType
    case versionConflict(current: Int)
    case invalidTransition(from: TicketStatus, to: TicketStatus)
    case ticketClosed
    case ticketMerged(into: TicketNumber)
    case invalidMerge
    case duplicate(field: String)
    case unauthorized
    case forbidden
    case setupAlreadyDone
    case invalidSetupCode
    case unavailable
    /// A password shorter than the policy allows.
    case weakPassword(minimum: Int)
    /// A cookie-authenticated change without the session's CSRF token.
    case csrfRejected
    /// Wrong email or password (never says which).
    case signInFailed
    /// A one-time code (set-password, second factor, recovery) that is wrong, used or expired.
    case invalidCode
    /// Too many failed sign-ins from this address or for this account: wait, or an admin unlocks.
    case tooManyAttempts(retryAfterSeconds: Int)
    /// A wallet-app sign-in token that cannot be accepted, and why.
    case ssoRefused(SSORefusal)
    /// The policy requires a second factor for this agent, so it cannot be removed (an admin can reset it).
    case secondFactorRequired
    /// A sealed secret (a TOTP secret) was sealed under another server key: this node was given the wrong key.
    case secretKeyMismatch
    /// A sealed secret fails its integrity check: altered, cut short or copied from another row.
    case sealedSecretDamaged
    /// Sign-in codes were asked for too often (for this email or from this address); says when to ask again.
    case tooManyCodeRequests(retryAfterSeconds: Int)
    /// A public check (verify a channel, a message code, a call code) asked for too often from this address.
    case tooManyRequests(retryAfterSeconds: Int)

    /// A stable slug used as the problem `type` (`/problems/<code>`) and as the localisation key.
    public var code: String {
        switch self {
        case .notFound: "not-found"
        case .invalidField: "invalid-field"
        case .malformedJSON: "malformed-json"
        case .bodyTooLarge: "body-too-large"
        case .unsupportedMediaType: "unsupported-media-type"
        case .versionConflict: "version-conflict"
        case .invalidTransition: "invalid-transition"
        case .ticketClosed: "ticket-closed"
        case .ticketMerged: "ticket-merged"
        case .invalidMerge: "invalid-merge"
        case .duplicate: "duplicate"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .setupAlreadyDone: "setup-done"
        case .invalidSetupCode: "invalid-setup-code"
        case .unavailable: "unavailable"
        case .weakPassword: "weak-password"
        case .csrfRejected: "csrf-rejected"
        case .signInFailed: "sign-in-failed"
        case .invalidCode: "invalid-code"
        case .tooManyAttempts: "too-many-attempts"
        case .ssoRefused: "sso-refused"
        case .secondFactorRequired: "second-factor-required"
        case .secretKeyMismatch: "secret-key-mismatch"
        case .sealedSecretDamaged: "sealed-secret-damaged"
        case .tooManyCodeRequests: "too-many-code-requests"
        case .tooManyRequests: "too-many-requests"
        }
    }

    /// The HTTP status this error answers with.
    public var status: Int {
        switch self {
        case .notFound: 404
        case .invalidField, .malformedJSON, .weakPassword: 400
        case .bodyTooLarge: 413
        case .unsupportedMediaType: 415
        case .versionConflict, .invalidTransition, .ticketClosed, .ticketMerged, .invalidMerge, .duplicate, .setupAlreadyDone,
            .secondFactorRequired:
            409
        case .unauthorized, .signInFailed, .ssoRefused: 401
        case .forbidden, .invalidSetupCode, .csrfRejected, .invalidCode: 403
        case .unavailable: 503
        case .tooManyAttempts, .tooManyCodeRequests, .tooManyRequests: 429
        case .secretKeyMismatch, .sealedSecretDamaged: 500
        }
    }

    /// The request field at fault, if one is.
    public var field: String? {
        switch self {
        case .invalidField(let field, _): field
        case .duplicate(let field): field
        default: nil
        }
    }

    /// A human explanation in `language`, with the specifics of this case.
    public func detail(in language: Language) -> String {
        let l = Localizer.shared
        switch self {
        case .notFound(let entity): return l.format("detail.not-found", language, l.text("entity.\(entity)", language))
        case .invalidField(let field, let reason): return l.format("field.\(reason.rawValue)", language, field)
        case .malformedJSON(let detail): return l.format("detail.malformed-json", language, detail)
        case .bodyTooLarge(let limit): return l.format("detail.body-too-large", language, String(limit))
        case .versionConflict(let current): return l.format("detail.version-conflict", language, String(current))
        case .invalidTransition(let from, let to): return l.format("detail.invalid-transition", language, from.rawValue, to.rawValue)
        case .ticketMerged(let into): return l.format("detail.ticket-merged", language, into.description)
        case .duplicate(let field): return l.format("detail.duplicate", language, field)
        case .weakPassword(let minimum): return l.format("detail.weak-password", language, String(minimum))
        case .ssoRefused(let reason): return l.text("detail.sso-\(reason.rawValue)", language)
        case .tooManyAttempts(let seconds):
            // Short waits (the growing delays) in seconds; locks in whole minutes, rounded up.
            if seconds < 60 { return l.format("detail.too-many-attempts-seconds", language, String(max(1, seconds))) }
            return l.format("detail.too-many-attempts", language, String((seconds + 59) / 60))
        case .tooManyCodeRequests(let seconds): return l.format("detail.too-many-code-requests", language, String(max(1, seconds)))
        case .tooManyRequests(let seconds): return l.format("detail.too-many-requests", language, String(max(1, seconds)))
        default: return l.text("detail.\(code)", language)
        }
    }
}
