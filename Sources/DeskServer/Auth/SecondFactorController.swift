import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// TOTP second factor: enrolment (during a pending sign-in or later), proving it to finish signing in, recovery codes,
/// and the admin's policy and reset.
struct SecondFactorController {
    let dependencies: Dependencies

    func addPublicRoutes(to router: Router<DeskRequestContext>) {
        router.post("api/v1/sessions/second-factor", use: prove)
        router.post("api/v1/sessions/second-factor/enrolment", use: enrolWhilePending)
    }

    func addRoutes(to routes: GuardedRoutes) {
        routes.post("me/2fa", .ownAccount, use: enrol)
        routes.post("me/2fa/confirm", .ownAccount, use: confirm)
        routes.delete("me/2fa", .ownAccount, use: remove)
        routes.post("me/2fa/recovery-codes", .ownAccount, use: newRecoveryCodes)
        routes.delete("agents/:agent/2fa", .manageAgents, use: reset)
        routes.get("settings/2fa", .manageAgents, use: policy)
        routes.put("settings/2fa", .manageAgents, use: setPolicy)
    }

    // MARK: Pending sign-in

    /// The pending (password-only) session behind the cookie, checked for age and CSRF token.
    func pendingSession(_ request: Request, csrf: String?) async throws -> (agent: Agent, session: AgentSession, secret: String) {
        guard let secret = request.cookies[SessionCookie.name]?.value,
            let found = try await SessionCookie.liveSession(secret: secret, dependencies: dependencies),
            found.session.state == .pendingSecondFactor,
            dependencies.now() < found.session.createdAt.addingTimeInterval(SecondFactorRules.pendingLifetime)
        else { throw DeskError.unauthorized }
        guard SessionCookie.csrfMatches(csrf, secret: secret) else { throw DeskError.csrfRejected }
        return (found.agent, found.session, secret)
    }

    /// The outcome of proving the second factor, shared by the API and the page.
    struct Proven {
        var agent: Agent
        var secret: String
        var session: AgentSession
        /// Set when this step also finished enrolment: the recovery codes, shown once.
        var recoveryCodes: [String]?
    }

    /// Checks a TOTP or recovery code for a pending sign-in and, when right, swaps the pending session for a signed-in one.
    func prove(
        pending: (agent: Agent, session: AgentSession, secret: String), code: String?, recoveryCode: String?, language: Language
    ) async throws -> Proven {
        let store = dependencies.store
        let now = dependencies.now()
        let attempt = SignInAttempt(
            agentID: pending.agent.id, email: pending.agent.email.rawValue, ip: pending.session.ip, userAgent: pending.session.userAgent,
            language: language, at: now
        )
        try await SessionsController(dependencies: dependencies).checkThrottle(keys: attempt.counterKeys)
        let secrets = try await totpSecrets(of: pending.agent.id)
        var method: String?
        var recoveryCodes: [String]?
        if let secret = secrets.active {
            if let code, let step = TOTPCodes.matchingStep(code: code, secret: secret, now: now), try await store.useTOTPStep(pending.agent.id, step: step) {
                method = "totp"
            } else if let recoveryCode, try await store.useRecoveryCode(pending.agent.id, codeHash: TOTPCodes.recoveryCodeHash(recoveryCode), now: now) {
                method = "recovery-code"
            }
        } else if let secret = secrets.pending, let code, let step = TOTPCodes.matchingStep(code: code, secret: secret, now: now) {
            let codes = TOTPCodes.newRecoveryCodes()
            try await store.confirmTOTPEnrolment(pending.agent.id, step: step, recoveryCodeHashes: codes.map(TOTPCodes.recoveryCodeHash), now: now)
            method = "totp-enrolled"
            recoveryCodes = codes
        }
        guard let method else {
            _ = try await store.recordSecondFactorFailure(idHash: pending.session.idHash, now: now)
            _ = try await store.recordFailedSignIn(attempt, reason: "wrong-code", lockReason: "too-many-codes", policy: dependencies.accounts.throttle)
            throw DeskError.invalidCode
        }
        let newSecret = SessionCookie.newSecret()
        let session = try await store.completeSecondFactor(
            pendingIDHash: pending.session.idHash, newIDHash: SessionCookie.idHash(newSecret), method: method, language: language, now: now
        )
        return Proven(agent: pending.agent, secret: newSecret, session: session, recoveryCodes: recoveryCodes)
    }

    @Sendable func prove(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let pending = try await pendingSession(request, csrf: request.headers[SessionCookie.csrfHeader])
        var request = request
        let input = try await request.decodeJSON(as: SecondFactorInput.self, limit: 16 * 1024)
        let proven = try await prove(
            pending: pending, code: input.code, recoveryCode: input.recoveryCode, language: PageChrome.language(for: request).language
        )
        let body = SessionResource(
            agent: AgentResource(proven.agent), state: .active, csrfToken: SessionCookie.csrfToken(for: proven.secret),
            expiresAt: dependencies.accounts.sessions.expiry(createdAt: proven.session.createdAt, lastSeenAt: proven.session.lastSeenAt),
            recoveryCodes: proven.recoveryCodes
        )
        return try .json(
            body, headers: [.setCookie: SessionCookie.setCookie(proven.secret, request: request, settings: dependencies.accounts), .cacheControl: "no-store"]
        )
    }

    /// Starts enrolment during a pending sign-in; only for agents who have no second factor yet (someone holding just the
    /// password must not be able to replace an existing one).
    func startEnrolmentWhilePending(agent: Agent, language: Language) async throws -> Enrolment {
        let credentials = try await dependencies.store.credentials(agentID: agent.id)
        guard credentials.totpSecret == nil else { throw DeskError.forbidden }
        return try await startEnrolment(agent, language: language)
    }

    @Sendable func enrolWhilePending(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let pending = try await pendingSession(request, csrf: request.headers[SessionCookie.csrfHeader])
        return try .json(try await startEnrolmentWhilePending(agent: pending.agent, language: request.language), status: .created, headers: [.cacheControl: "no-store"])
    }

    // MARK: Signed in

    func startEnrolment(_ agent: Agent, language: Language) async throws -> Enrolment {
        let secret = TOTPCodes.newSecret()
        try await dependencies.store.beginTOTPEnrolment(agent.id, secret: dependencies.accounts.secretSealer.sealTOTP(secret, for: agent.id))
        return Enrolment(secret: secret, agent: agent, language: language)
    }

    /// The agent's TOTP secrets, opened with the server key. The only place they are read: everything else sees them
    /// sealed (``SecretSealer``).
    func totpSecrets(of agentID: AgentID) async throws -> (active: String?, pending: String?) {
        let credentials = try await dependencies.store.credentials(agentID: agentID)
        let sealer = dependencies.accounts.secretSealer
        return (try sealer.openTOTP(credentials.totpSecret, for: agentID), try sealer.openTOTP(credentials.pendingTOTPSecret, for: agentID))
    }

    @Sendable func enrol(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try .json(try await startEnrolment(context.agent, language: request.language), status: .created, headers: [.cacheControl: "no-store"])
    }

    @Sendable func confirm(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: SecondFactorInput.self, limit: 16 * 1024)
        let now = dependencies.now()
        guard let secret = try await totpSecrets(of: context.agent.id).pending, let code = input.code,
            let step = TOTPCodes.matchingStep(code: code, secret: secret, now: now)
        else { throw DeskError.invalidCode }
        let codes = TOTPCodes.newRecoveryCodes()
        try await dependencies.store.confirmTOTPEnrolment(context.agent.id, step: step, recoveryCodeHashes: codes.map(TOTPCodes.recoveryCodeHash), now: now)
        return try .json(RecoveryCodes(recoveryCodes: codes), headers: [.cacheControl: "no-store"])
    }

    @Sendable func remove(_ request: Request, context: AgentRequestContext) async throws -> Response {
        // Where the policy requires a second factor, only an admin reset (followed by a new enrolment) removes it.
        if try await dependencies.store.secondFactorPolicy().isRequired(for: context.agent) { throw DeskError.secondFactorRequired }
        try await dependencies.store.removeSecondFactor(context.agent.id, by: context.actor, now: dependencies.now())
        return Response(status: .noContent)
    }

    @Sendable func newRecoveryCodes(_ request: Request, context: AgentRequestContext) async throws -> Response {
        guard try await dependencies.store.credentials(agentID: context.agent.id).totpSecret != nil else { throw DeskError.notFound(entity: "second-factor") }
        let codes = TOTPCodes.newRecoveryCodes()
        try await dependencies.store.replaceRecoveryCodes(
            context.agent.id, codeHashes: codes.map(TOTPCodes.recoveryCodeHash), by: context.actor, now: dependencies.now()
        )
        return try .json(RecoveryCodes(recoveryCodes: codes), status: .created, headers: [.cacheControl: "no-store"])
    }

    // MARK: Admin

    @Sendable func reset(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let agentID = try context.identifier("agent", entity: "agent", as: AgentID.self)
        _ = try await dependencies.store.agent(agentID)
        try await dependencies.store.removeSecondFactor(agentID, by: context.actor, now: dependencies.now())
        return Response(status: .noContent)
    }

    @Sendable func policy(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try .json(PolicyResource(try await dependencies.store.secondFactorPolicy()))
    }

    @Sendable func setPolicy(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: PolicyInput.self, limit: 16 * 1024)
        let policy = SecondFactorPolicy(requiredForEveryone: input.requiredForEveryone)
        try await dependencies.store.setSecondFactorPolicy(policy, by: context.actor, now: dependencies.now())
        return try .json(PolicyResource(policy))
    }
}

struct SecondFactorInput: JSONBody {
    var code: String?
    var recoveryCode: String?

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["code", "recoveryCode"])
        code = try json.string("code")
        recoveryCode = try json.string("recoveryCode")
        guard code != nil || recoveryCode != nil else { throw DeskError.invalidField(json.field("code"), reason: .required) }
    }
}

struct PolicyInput: JSONBody {
    var requiredForEveryone: Bool

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["requiredForEveryone"])
        requiredForEveryone = try json.required("requiredForEveryone", json.bool)
    }
}

struct PolicyResource: Codable, Sendable {
    var requiredForEveryone: Bool
    /// Always required for these, whatever `requiredForEveryone` says.
    var alwaysRequiredFor: [String]

    init(_ policy: SecondFactorPolicy) {
        requiredForEveryone = policy.requiredForEveryone
        alwaysRequiredFor = ["role:admin", "role:security", "tier:security"]
    }
}

struct Enrolment: Codable, Sendable {
    /// For authenticator apps (scan as a QR code or open on the phone).
    var otpauthUrl: String
    /// The same secret in base32 for typing in by hand.
    var manualKey: String
    /// `otpauthUrl` as a QR code (SVG, drawn here); absent only when an email address makes the URL longer than 271 bytes.
    var qrSvg: String?

    init(secret: String, agent: Agent, language: Language = .en) {
        otpauthUrl = TOTPCodes.authenticatorURL(secret: secret, account: agent.email.rawValue)
        manualKey = TOTPCodes.manualKey(secret: secret, account: agent.email.rawValue)
        // Level M where it fits in version 10 (URLs up to 213 bytes), else L (up to 271) for very long email addresses.
        let symbol = (try? QRCode(otpauthUrl, errorCorrection: .medium)) ?? (try? QRCode(otpauthUrl, errorCorrection: .low))
        qrSvg = symbol?.svg(title: Localizer.shared.text("second-factor.qr-title", language))
    }
}

struct RecoveryCodes: Codable, Sendable {
    /// Shown once; each works once. Only their hashes are stored.
    var recoveryCodes: [String]
}
