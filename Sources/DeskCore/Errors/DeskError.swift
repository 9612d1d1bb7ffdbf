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
        }
    }

    /// The HTTP status this error answers with.
    public var status: Int {
        switch self {
        case .notFound: 404
        case .invalidField, .malformedJSON: 400
        case .bodyTooLarge: 413
        case .unsupportedMediaType: 415
        case .versionConflict, .invalidTransition, .ticketClosed, .ticketMerged, .invalidMerge, .duplicate, .setupAlreadyDone: 409
        case .unauthorized: 401
        case .forbidden, .invalidSetupCode: 403
        case .unavailable: 503
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
        default: return l.text("detail.\(code)", language)
        }
    }
}
