import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// Agent sign-in with email and password, sessions, sign-out (here and everywhere) and passwords.
///
/// `POST /api/v1/sessions` and `POST /api/v1/password/set` are public; the rest need a signed-in agent.
struct SessionsController {
    let dependencies: Dependencies

    func addPublicRoutes(to router: Router<DeskRequestContext>) {
        router.post("api/v1/sessions", use: signIn)
        router.post("api/v1/password/set", use: setPasswordWithCode)
    }

    func addRoutes(to routes: GuardedRoutes) {
        routes.get("session", .ownAccount, use: current)
        routes.delete("session", .ownAccount, use: signOut)
        routes.delete("me/sessions", .ownAccount, use: signOutEverywhere)
        routes.put("me/password", .ownAccount, use: changePassword)
        routes.post("agents/:agent/password-setup", .manageAgents, use: issuePasswordSetup)
    }

    // MARK: Signing in

    /// The outcome of checking an email and password, shared by the API and the sign-in page.
    enum SignInOutcome {
        case signedIn(agent: Agent, secret: String, state: SessionState, enrolled: Bool)
        case refused
    }

    /// Checks the password (on the thread pool) and starts a session. Unknown email, wrong password and an account without
    /// a password all look the same from outside and take the same time; so do their counters and locks.
    func attemptSignIn(email rawEmail: String, password: String, request: Request, context: DeskRequestContext) async throws -> SignInOutcome {
        let language = PageChrome.language(for: request).language
        let email = EmailAddress(rawValue: rawEmail)
        let accountName = email?.rawValue ?? String(rawEmail.trimmingWhitespace().prefix(254))
        var attempt = SignInAttempt(
            agentID: nil, email: accountName, ip: context.clientIP, userAgent: Self.cleanUserAgent(request.headers[.userAgent]), language: language,
            at: dependencies.now()
        )
        // Throttled before any bcrypt time is spent.
        try await checkThrottle(keys: attempt.counterKeys)
        guard let email, password.utf8.count <= PasswordPolicy.maximumBytes else {
            _ = try await dependencies.accounts.passwords.verify(String(decoding: password.utf8.prefix(PasswordPolicy.maximumBytes), as: UTF8.self), hash: nil)
            _ = try await dependencies.store.recordFailedSignIn(attempt, reason: "invalid-input", lockReason: "too-many-passwords", policy: dependencies.accounts.throttle)
            return .refused
        }
        let credentials = try await dependencies.store.credentials(email: email)
        let matches = try await dependencies.accounts.passwords.verify(password, hash: credentials?.passwordHash)
        attempt.agentID = credentials?.agent.id
        attempt.at = dependencies.now()
        guard let credentials, matches else {
            let reason = credentials == nil ? "unknown-email" : (credentials?.passwordHash == nil ? "no-password" : "wrong-password")
            _ = try await dependencies.store.recordFailedSignIn(attempt, reason: reason, lockReason: "too-many-passwords", policy: dependencies.accounts.throttle)
            return .refused
        }
        // A password alone is enough only when the agent has no second factor and the policy does not require one.
        let policy = try await dependencies.store.secondFactorPolicy()
        let needsSecondFactor = credentials.totpSecret != nil || policy.isRequired(for: credentials.agent)
        let secret = SessionCookie.newSecret()
        let session = AgentSession(
            idHash: SessionCookie.idHash(secret), agentID: credentials.agent.id, state: needsSecondFactor ? .pendingSecondFactor : .active,
            createdAt: attempt.at, lastSeenAt: attempt.at, ip: attempt.ip, userAgent: attempt.userAgent
        )
        try await dependencies.store.startSession(session, language: language)
        return .signedIn(agent: credentials.agent, secret: secret, state: session.state, enrolled: credentials.totpSecret != nil)
    }

    /// Throws ``DeskError/tooManyAttempts(retryAfterSeconds:)`` while any of the counters says wait or is locked.
    func checkThrottle(keys: [String], policy: ThrottlePolicy? = nil) async throws {
        let now = dependencies.now()
        let policy = policy ?? dependencies.accounts.throttle
        let counters = try await dependencies.store.failureCounters(keys: keys)
        let retryAt = counters.compactMap { policy.decide($0, now: now).retryAt }.max()
        // Stored times are rounded to microseconds; a millisecond of slack keeps "1 s" from showing as 2.
        if let retryAt { throw DeskError.tooManyAttempts(retryAfterSeconds: Int(max(1, (retryAt.timeIntervalSince(now) - 0.001).rounded(.up)))) }
    }

    @Sendable func signIn(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: SignInInput.self, limit: 16 * 1024)
        switch try await attemptSignIn(email: input.email, password: input.password, request: request, context: context) {
        case .refused:
            throw DeskError.signInFailed
        case .signedIn(let agent, let secret, let state, let enrolled):
            let now = dependencies.now()
            let pending = state == .pendingSecondFactor
            let body = SessionResource(
                agent: AgentResource(agent), state: state, csrfToken: SessionCookie.csrfToken(for: secret),
                expiresAt: pending
                    ? now.addingTimeInterval(SecondFactorRules.pendingLifetime) : dependencies.accounts.sessions.expiry(createdAt: now, lastSeenAt: now),
                secondFactor: pending ? (enrolled ? "totp" : "enrol") : nil
            )
            return try .json(
                body, status: .created,
                headers: [.setCookie: SessionCookie.setCookie(secret, request: request, settings: dependencies.accounts), .cacheControl: "no-store"]
            )
        }
    }

    @Sendable func current(_ request: Request, context: AgentRequestContext) async throws -> Response {
        guard let session = context.session, let secret = request.cookies[SessionCookie.name]?.value else {
            throw DeskError.notFound(entity: "session")
        }
        let body = SessionResource(
            agent: AgentResource(context.agent), state: session.state, csrfToken: SessionCookie.csrfToken(for: secret),
            expiresAt: dependencies.accounts.sessions.expiry(createdAt: session.createdAt, lastSeenAt: dependencies.now())
        )
        return try .json(body, headers: [.cacheControl: "no-store"])
    }

    @Sendable func signOut(_ request: Request, context: AgentRequestContext) async throws -> Response {
        if let session = context.session {
            try await dependencies.store.endSession(idHash: session.idHash, now: dependencies.now())
        }
        return Response(status: .noContent, headers: [.setCookie: SessionCookie.clearCookie(request: request, settings: dependencies.accounts)])
    }

    @Sendable func signOutEverywhere(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let ended = try await dependencies.store.endSessions(of: context.agent.id, by: context.actor, now: dependencies.now())
        return try .json(
            SignedOut(endedSessions: ended), headers: [.setCookie: SessionCookie.clearCookie(request: request, settings: dependencies.accounts)]
        )
    }

    // MARK: Passwords

    @Sendable func changePassword(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: ChangePasswordInput.self, limit: 16 * 1024)
        try PasswordPolicy.validate(input.newPassword, field: "newPassword")
        let credentials = try await dependencies.store.credentials(agentID: context.agent.id)
        // An agent who never had a password sets one through a set-password code instead.
        guard try await dependencies.accounts.passwords.verify(input.currentPassword, hash: credentials.passwordHash) else {
            throw DeskError.invalidField("currentPassword", reason: .invalidValue)
        }
        let hash = try await dependencies.accounts.passwords.hash(input.newPassword)
        try await dependencies.store.setPassword(context.agent.id, hash: hash, by: context.actor, now: dependencies.now())
        // Every session ended with the change; this caller signs in again.
        return Response(status: .noContent, headers: [.setCookie: SessionCookie.clearCookie(request: request, settings: dependencies.accounts)])
    }

    @Sendable func issuePasswordSetup(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let agentID = try context.identifier("agent", entity: "agent", as: AgentID.self)
        let code = Secrets.newSetupCode()
        let now = dependencies.now()
        let expires = now.addingTimeInterval(dependencies.accounts.setupCodeLifetime)
        try await dependencies.store.createPasswordSetupCode(
            for: agentID, codeHash: Secrets.sha256Hex(Secrets.normaliseSetupCode(code)), expiresAt: expires, by: context.actor, now: now
        )
        let link = "/password/set?code=\(code)"
        return try .json(PasswordSetupResource(code: code, link: link, expiresAt: expires), status: .created, headers: [.cacheControl: "no-store"])
    }

    /// Sets a password with a one-time code; shared by the API and the page.
    func completePasswordSetup(code: String, password: String) async throws -> Agent {
        let codeHash = Secrets.sha256Hex(Secrets.normaliseSetupCode(code))
        // Cheap check first, so guessing codes costs the server no bcrypt time.
        guard try await dependencies.store.passwordSetupCodeIsValid(codeHash: codeHash, now: dependencies.now()) else { throw DeskError.invalidCode }
        try PasswordPolicy.validate(password)
        let hash = try await dependencies.accounts.passwords.hash(password)
        return try await dependencies.store.completePasswordSetup(codeHash: codeHash, passwordHash: hash, now: dependencies.now())
    }

    @Sendable func setPasswordWithCode(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: SetPasswordInput.self, limit: 16 * 1024)
        let agent = try await completePasswordSetup(code: input.code, password: input.password)
        return try .json(AgentResource(agent))
    }

    /// The user agent as stored in sign-in records: bounded, and with anything that looks like a secret removed.
    static func cleanUserAgent(_ raw: String?) -> String {
        let bounded = String((raw ?? "").prefix(256))
        return SecretGuard().clean(bounded, language: .en).text
    }
}

struct SignInInput: JSONBody {
    var email: String
    var password: String

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["email", "password"])
        email = try json.required("email", json.string)
        password = try json.required("password", json.string)
    }
}

struct SetPasswordInput: JSONBody {
    var code: String
    var password: String

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["code", "password"])
        code = try json.required("code", json.string)
        password = try json.required("password", json.string)
    }
}

struct ChangePasswordInput: JSONBody {
    var currentPassword: String
    var newPassword: String

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["currentPassword", "newPassword"])
        currentPassword = try json.required("currentPassword", json.string)
        newPassword = try json.required("newPassword", json.string)
    }
}

struct SessionResource: Codable, Sendable {
    var agent: AgentResource
    var state: SessionState
    /// Send as `X-CSRF-Token` with every state-changing request made with the session cookie.
    var csrfToken: String
    var expiresAt: Date
    /// While pending: `totp` (prove it at `/api/v1/sessions/second-factor`) or `enrol` (enrol first, then prove).
    var secondFactor: String?
    /// Set once, when signing in also finished TOTP enrolment.
    var recoveryCodes: [String]?

    init(agent: AgentResource, state: SessionState, csrfToken: String, expiresAt: Date, secondFactor: String? = nil, recoveryCodes: [String]? = nil) {
        self.agent = agent
        self.state = state
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
        self.secondFactor = secondFactor
        self.recoveryCodes = recoveryCodes
    }
}

struct SignedOut: Codable, Sendable {
    var endedSessions: Int
}

struct PasswordSetupResource: Codable, Sendable {
    /// Shown once; only its hash is stored.
    var code: String
    var link: String
    var expiresAt: Date
}
