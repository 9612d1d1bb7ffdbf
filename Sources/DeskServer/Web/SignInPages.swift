import DeskCore
import DeskStore
import Foundation
import HTTPTypes
import Hummingbird

/// The agent sign-in pages: `/signin`, `/signin/2fa`, `/signout`, `/account` and `/password/set`. Signing in leads to
/// the console (`/console`), except right after enrolling a second factor: the account page shows the recovery codes.
///
/// Every form carries a CSRF token in a hidden `csrf` field: bound to the session once there is one, and before that to
/// a random `wd_form` cookie (so nobody can sign a visitor in to an account of theirs from another site).
struct SignInPages {
    let dependencies: Dependencies

    var sessions: SessionsController { SessionsController(dependencies: dependencies) }
    var secondFactor: SecondFactorController { SecondFactorController(dependencies: dependencies) }

    func addRoutes(to router: Router<DeskRequestContext>) {
        router.get("signin", use: signInForm)
        router.post("signin", use: signIn)
        router.get("signin/2fa", use: secondFactorForm)
        router.post("signin/2fa", use: proveSecondFactor)
        router.post("signout", use: signOut)
        router.get("account", use: account)
        router.get("password/set", use: passwordForm)
        router.post("password/set", use: setPassword)
    }

    // MARK: Sign in

    @Sendable func signInForm(_ request: Request, context: DeskRequestContext) async throws -> Response {
        if let secret = request.cookies[SessionCookie.name]?.value,
            try await SessionCookie.activeSession(secret: secret, dependencies: dependencies) != nil
        {
            return Self.redirect("/console")
        }
        return renderSignIn(request, email: "", error: nil, status: .ok)
    }

    func renderSignIn(_ request: Request, email: String, error: String?, status: HTTPResponse.Status) -> Response {
        let form = FormToken.current(request)
        var values: [String: Any] = ["csrf": FormToken.field(form.value), "email": email]
        if let error { values["error"] = error }
        var response = dependencies.pages.render("signin", values, chrome: PageChrome(request: request, titleKey: "signin.title"), status: status)
        if let cookie = form.setCookie { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return response
    }

    @Sendable func signIn(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let language = PageChrome.language(for: request).language
        let fields = try await Self.form(request)
        let email = SecretGuard().clean(String((fields["email"] ?? "").prefix(254)), language: language).text
        guard FormToken.check(request, field: fields["csrf"]) else {
            return renderSignIn(request, email: email, error: Localizer.shared.text("signin.expired-form", language), status: .forbidden)
        }
        let outcome: SessionsController.SignInOutcome
        do {
            outcome = try await sessions.attemptSignIn(email: fields["email"] ?? "", password: fields["password"] ?? "", request: request, context: context)
        } catch let error as DeskError {
            guard case .tooManyAttempts = error else { throw error }
            return renderSignIn(request, email: email, error: error.detail(in: language), status: .tooManyRequests)
        }
        switch outcome {
        case .refused:
            return renderSignIn(request, email: email, error: Localizer.shared.text("signin.failed", language), status: .unauthorized)
        case .signedIn(_, let secret, let state, _):
            var response = Self.redirect(state == .active ? "/console" : "/signin/2fa")
            response.headers.append(HTTPField(name: .setCookie, value: SessionCookie.setCookie(secret, request: request, settings: dependencies.accounts)))
            return response
        }
    }

    // MARK: Second factor

    @Sendable func secondFactorForm(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let secret = request.cookies[SessionCookie.name]?.value,
            let pending = try await SessionCookie.liveSession(secret: secret, dependencies: dependencies),
            pending.session.state == .pendingSecondFactor
        else { return Self.redirect("/signin") }
        let credentials = try await dependencies.store.credentials(agentID: pending.agent.id)
        var enrolment: Enrolment?
        if credentials.totpSecret == nil {
            enrolment = try await secondFactor.startEnrolmentWhilePending(agent: pending.agent, language: PageChrome.language(for: request).language)
        }
        return renderSecondFactor(request, csrf: SessionCookie.csrfToken(for: secret), enrolment: enrolment, error: nil, status: .ok)
    }

    func renderSecondFactor(_ request: Request, csrf: String, enrolment: Enrolment?, error: String?, status: HTTPResponse.Status) -> Response {
        var values: [String: Any] = ["csrf": csrf]
        if let enrolment {
            // qrSvg is markup drawn by QRCode from numbers and a fixed localised title (escaped), never from request input.
            var fields = ["otpauthUrl": enrolment.otpauthUrl, "manualKey": enrolment.manualKey]
            if let svg = enrolment.qrSvg { fields["qrSvg"] = svg }
            values["enrolment"] = fields
        }
        if let error { values["error"] = error }
        return dependencies.pages.render("signin-2fa", values, chrome: PageChrome(request: request, titleKey: "signin.2fa-title"), status: status)
    }

    @Sendable func proveSecondFactor(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let language = PageChrome.language(for: request).language
        let fields = try await Self.form(request)
        let pending: (agent: Agent, session: AgentSession, secret: String)
        do {
            pending = try await secondFactor.pendingSession(request, csrf: fields["csrf"])
        } catch DeskError.unauthorized {
            return Self.redirect("/signin")
        }
        let code = fields["code"].flatMap { $0.isEmpty ? nil : $0 }
        let recovery = fields["recovery"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            let proven = try await secondFactor.prove(pending: pending, code: code, recoveryCode: recovery, language: language)
            let cookie = SessionCookie.setCookie(proven.secret, request: request, settings: dependencies.accounts)
            var response: Response
            if let codes = proven.recoveryCodes {
                response = renderAccount(request, agent: proven.agent, secret: proven.secret, recoveryCodes: codes)
            } else {
                response = Self.redirect("/console")
            }
            response.headers.append(HTTPField(name: .setCookie, value: cookie))
            return response
        } catch DeskError.tooManyAttempts(let seconds) {
            return renderSecondFactor(
                request, csrf: SessionCookie.csrfToken(for: pending.secret), enrolment: nil,
                error: DeskError.tooManyAttempts(retryAfterSeconds: seconds).detail(in: language), status: .tooManyRequests
            )
        } catch DeskError.invalidCode {
            // The pending sign-in may have ended after too many wrong codes; then start over.
            guard try await SessionCookie.liveSession(secret: pending.secret, dependencies: dependencies) != nil else { return Self.redirect("/signin") }
            let secrets = try await secondFactor.totpSecrets(of: pending.agent.id)
            let enrolment = secrets.active == nil ? secrets.pending.map { Enrolment(secret: $0, agent: pending.agent, language: language) } : nil
            return renderSecondFactor(
                request, csrf: SessionCookie.csrfToken(for: pending.secret), enrolment: enrolment,
                error: Localizer.shared.text("signin.2fa-failed", language), status: .unauthorized
            )
        }
    }

    // MARK: Account and sign-out

    @Sendable func account(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let secret = request.cookies[SessionCookie.name]?.value,
            let found = try await SessionCookie.activeSession(secret: secret, dependencies: dependencies)
        else { return Self.redirect("/signin") }
        return renderAccount(request, agent: found.agent, secret: secret, recoveryCodes: [])
    }

    func renderAccount(_ request: Request, agent: Agent, secret: String, recoveryCodes: [String]) -> Response {
        let chrome = PageChrome(request: request, titleKey: "account.title")
        let values: [String: Any] = [
            "csrf": SessionCookie.csrfToken(for: secret),
            "signedInAs": Localizer.shared.format("account.signed-in-as", chrome.language, agent.name, agent.email.rawValue),
            "hasRecoveryCodes": !recoveryCodes.isEmpty, "recoveryCodes": recoveryCodes,
        ]
        return dependencies.pages.render("account", values, chrome: chrome)
    }

    @Sendable func signOut(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let fields = try await Self.form(request)
        if let secret = request.cookies[SessionCookie.name]?.value,
            let found = try await SessionCookie.liveSession(secret: secret, dependencies: dependencies)
        {
            guard SessionCookie.csrfMatches(fields["csrf"], secret: secret) else { throw DeskError.csrfRejected }
            if fields["everywhere"] == "1" {
                _ = try await dependencies.store.endSessions(of: found.agent.id, by: .agent(found.agent.id), now: dependencies.now())
            } else {
                try await dependencies.store.endSession(idHash: found.session.idHash, now: dependencies.now())
            }
        }
        var response = Self.redirect("/signin")
        response.headers.append(HTTPField(name: .setCookie, value: SessionCookie.clearCookie(request: request, settings: dependencies.accounts)))
        return response
    }

    // MARK: Set password

    @Sendable func passwordForm(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let code = request.uri.queryParameters["code"].map(String.init).flatMap { Self.looksLikeCode($0) ? $0 : nil } ?? ""
        return renderPasswordForm(request, code: code, error: nil, done: false, status: .ok)
    }

    func renderPasswordForm(_ request: Request, code: String, error: String?, done: Bool, status: HTTPResponse.Status) -> Response {
        let form = FormToken.current(request)
        var values: [String: Any] = ["csrf": FormToken.field(form.value), "code": code, "done": done]
        if let error { values["error"] = error }
        var response = dependencies.pages.render("password-set", values, chrome: PageChrome(request: request, titleKey: "password.set-title"), status: status)
        if let cookie = form.setCookie { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return response
    }

    @Sendable func setPassword(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let language = PageChrome.language(for: request).language
        let fields = try await Self.form(request)
        let code = fields["code"].flatMap { Self.looksLikeCode($0) ? $0 : nil } ?? ""
        guard FormToken.check(request, field: fields["csrf"]) else {
            return renderPasswordForm(request, code: code, error: Localizer.shared.text("signin.expired-form", language), done: false, status: .forbidden)
        }
        do {
            _ = try await sessions.completePasswordSetup(code: code, password: fields["password"] ?? "")
            return renderPasswordForm(request, code: "", error: nil, done: true, status: .ok)
        } catch let error as DeskError {
            return renderPasswordForm(request, code: code, error: error.detail(in: language), done: false, status: HTTPResponse.Status(code: error.status))
        }
    }

    // MARK: Helpers

    static func looksLikeCode(_ text: String) -> Bool {
        text.count <= 11 && text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
    }

    static func form(_ request: Request) async throws -> FormData {
        let body = try await request.limitedBody(upTo: 16 * 1024)
        return FormData(String(buffer: body))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

/// The CSRF token of forms shown before anyone is signed in, bound to a random `wd_form` cookie (double submit).
enum FormToken {
    static let cookieName = "wd_form"

    /// This visitor's form cookie, and the `Set-Cookie` value when a new one had to be made.
    static func current(_ request: Request) -> (value: String, setCookie: String?) {
        if let value = request.cookies[cookieName]?.value, value.hasPrefix("wdf_"), value.count < 100 { return (value, nil) }
        let value = "wdf_" + Secrets.base64url(Secrets.randomBytes(24))
        return (value, "\(cookieName)=\(value); Path=/; HttpOnly; SameSite=Strict")
    }

    static func field(_ value: String) -> String {
        Secrets.sha256Hex("walletdesk-form\u{0}" + value)
    }

    static func check(_ request: Request, field presented: String?) -> Bool {
        guard let value = request.cookies[cookieName]?.value, let presented else { return false }
        return constantTimeEquals(presented, field(value))
    }
}
