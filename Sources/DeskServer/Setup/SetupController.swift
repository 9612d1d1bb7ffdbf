import DeskCore
import DeskStore
import Foundation
import Hummingbird
import Logging

/// First start: the server prints a one-time code; whoever holds it creates the first admin and gets an API token.
struct SetupController {
    let dependencies: Dependencies

    func addRoutes(to router: Router<DeskRequestContext>) {
        router.post("api/v1/setup", use: completeJSON)
        router.get("setup", use: form)
        router.post("setup", use: completeForm)
    }

    /// Stores a fresh setup code when no admin exists yet and returns it for printing; nil once set up.
    static func prepare(store: any Store) async throws -> String? {
        guard try await !store.hasAdmin() else { return nil }
        let code = Secrets.newSetupCode()
        try await store.setSetting("setup_code_sha256", Secrets.sha256Hex(code))
        return code
    }

    func complete(code: String, name: String, email: EmailAddress, password: String?) async throws -> (Agent, String) {
        let now = dependencies.now()
        let token = Secrets.newToken()
        // The password is checked and hashed before anything is stored, so a refused password leaves setup undone.
        var passwordHash: String?
        if let password {
            try PasswordPolicy.validate(password)
            passwordHash = try await dependencies.accounts.passwords.hash(password)
        }
        let admin = Agent(name: try validName(name), email: email, role: .admin, tier: .l2, createdAt: now, updatedAt: now)
        let agent = try await dependencies.store.completeSetup(
            codeHash: Secrets.sha256Hex(Secrets.normaliseSetupCode(code)), admin: admin, tokenHash: Secrets.sha256Hex(token), now: now
        )
        if let passwordHash {
            try await dependencies.store.setPassword(agent.id, hash: passwordHash, by: .agent(agent.id), now: now)
        }
        return (agent, token)
    }

    @Sendable func completeJSON(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: SetupInput.self, limit: 16 * 1024)
        let (agent, token) = try await complete(code: input.code, name: input.name, email: input.email, password: input.password)
        return try .json(SetupResult(agent: AgentResource(agent), token: token), status: .created)
    }

    @Sendable func form(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let language = request.language
        let done = try await dependencies.store.hasAdmin()
        return SetupPage.render(language: language, state: done ? .alreadyDone : .form(error: nil))
    }

    @Sendable func completeForm(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let language = request.language
        let body = try await request.limitedBody(upTo: 16 * 1024)
        let fields = FormData(String(buffer: body))
        guard let email = fields["email"].flatMap(EmailAddress.init(rawValue:)) else {
            return SetupPage.render(language: language, state: .form(error: DeskError.invalidField("email", reason: .invalidValue).detail(in: language)))
        }
        do {
            let password = fields["password"].flatMap { $0.isEmpty ? nil : $0 }
            let (agent, token) = try await complete(code: fields["code"] ?? "", name: fields["name"] ?? "", email: email, password: password)
            return SetupPage.render(language: language, state: .created(name: agent.name, token: token, canSignIn: password != nil))
        } catch let error as DeskError {
            if error == .setupAlreadyDone { return SetupPage.render(language: language, state: .alreadyDone) }
            return SetupPage.render(language: language, state: .form(error: error.detail(in: language)))
        }
    }
}

struct SetupResult: Codable, Sendable {
    var agent: AgentResource
    /// Shown once; only its hash is stored.
    var token: String
}
