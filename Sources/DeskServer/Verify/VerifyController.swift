import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// The public "is this really you?" check: `GET /api/v1/verify?value=…` and the `/verify` page. No sign-in.
///
/// Whatever is entered goes through the secret scanner first: a value that holds a recovery phrase, key, password or
/// code is answered with a warning and never echoed, stored or logged. The registry is read from this node's snapshot,
/// so the endpoints cost no database round trip and can sit behind any rate limiter.
struct VerifyController {
    let dependencies: Dependencies

    static let maxValueLength = 2048

    func addRoutes(to router: Router<DeskRequestContext>) {
        router.get("api/v1/verify", use: verifyJSON)
        router.get("verify", use: page)
        router.post("verify", use: pageResult)
    }

    /// The answer for one value, in one language: what the API returns and the page shows.
    struct Answer {
        var outcome: String
        var verdict: ChannelVerdict?
        var title: String
        var warning: String?
        var advice: String
        var reasons: [(reason: LookAlikeReason, text: String, channel: OfficialChannel)]
    }

    func answer(for value: String, language: Language) async throws -> Answer {
        let l = Localizer.shared
        guard value.count <= Self.maxValueLength else { throw DeskError.invalidField("value", reason: .tooLong) }
        if !SecretGuard().clean(value, language: language).findings.isEmpty {
            return Answer(
                outcome: "secret", verdict: nil, title: l.text("verdict.unknown", language), warning: l.text("verify.secret-refused", language),
                advice: l.text("advice.unknown", language), reasons: []
            )
        }
        let registry = try await dependencies.channelCache.entries(store: dependencies.store, now: dependencies.now())
        let verdict = ChannelVerifier(registry: registry).verify(value)
        let outcome = verdict.outcome.rawValue
        var warning: String?
        switch verdict.outcome {
        case .lookAlike: warning = l.text("verdict.look_alike", language)
        case .neverUsed: warning = l.text("verdict.never_used", language)
        case .unknown where verdict.parsed == nil: warning = l.text("verify.unreadable", language)
        default: break
        }
        let reasons = verdict.lookAlikes.map { lookAlike in
            let detail: String
            if lookAlike.reason == .otherPlatform {
                detail = l.text("kind.\(lookAlike.detail ?? "")", language)
            } else {
                detail = lookAlike.detail ?? lookAlike.imitates.value
            }
            return (lookAlike.reason, l.format("reason.\(lookAlike.reason.rawValue)", language, detail), lookAlike.imitates)
        }
        if verdict.outcome == .lookAlike, verdict.neverUsed != nil { warning = (warning ?? "") + " " + l.text("verdict.never_used", language) }
        return Answer(
            outcome: outcome, verdict: verdict, title: l.text("verdict.\(outcome)", language), warning: warning,
            advice: l.text("advice.\(outcome)", language), reasons: reasons
        )
    }

    // MARK: - API

    @Sendable func verifyJSON(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let value = request.formQuery("value"), !value.trimmingWhitespace().isEmpty else {
            throw DeskError.invalidField("value", reason: .required)
        }
        try dependencies.publicChecks.admit(context.clientIP, now: dependencies.now())
        let answer = try await answer(for: value, language: request.language)
        var response = try Response.json(VerifyResource(answer))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    // MARK: - Page

    @Sendable func page(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try await render(request, answer: nil, entered: nil)
    }

    @Sendable func pageResult(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await request.limitedBody(upTo: 16 * 1024)
        let fields = FormData(String(buffer: body))
        let language = PageChrome.language(for: request).language
        do {
            try dependencies.publicChecks.admit(context.clientIP, now: dependencies.now())
        } catch {
            var response = try await render(request, answer: nil, entered: nil, error: error.detail(in: language))
            response.status = .tooManyRequests
            if case .tooManyRequests(let seconds) = error { response.headers[.retryAfter] = String(max(1, seconds)) }
            return response
        }
        if let code = fields["code"].map({ String($0.trimmingWhitespace()) }), !code.isEmpty {
            let result = code.count <= 64 ? try await AgentVerificationController(dependencies: dependencies).checkMessageCode(code) : nil
            let check = CodeCheckResource(genuine: result != nil, agentName: result?.agentName, at: result?.sentAt, language: language, kind: "message")
            return try await render(
                request, answer: nil, entered: nil,
                codeResult: ["title": check.title, "advice": check.advice, "cssClass": check.genuine ? "verified" : "look-alike"]
            )
        }
        let value = String((fields["value"] ?? "").trimmingWhitespace())
        guard !value.isEmpty else { return try await render(request, answer: nil, entered: nil) }
        let answer: Answer
        do {
            answer = try await self.answer(for: value, language: language)
        } catch let error as DeskError {
            return try await render(request, answer: nil, entered: nil, error: error.detail(in: language))
        }
        return try await render(request, answer: answer, entered: answer.verdict?.parsed)
    }

    func render(
        _ request: Request, answer: Answer?, entered: ParsedChannel?, error: String? = nil, codeResult: [String: Any]? = nil
    ) async throws -> Response {
        let chrome = PageChrome(request: request, titleKey: "verify.title")
        let language = chrome.language
        let registry = try await dependencies.channelCache.entries(store: dependencies.store, now: dependencies.now())
        func row(_ channel: OfficialChannel) -> [String: Any] {
            var row: [String: Any] = [
                "kind": Self.kindName(channel.kind, language), "label": channel.label,
                "value": channel.value.isEmpty ? Localizer.shared.text("verify.any-value", language) : channel.value,
            ]
            if let hours = channel.hours { row["hours"] = hours }
            return row
        }
        var values: [String: Any] = [
            "official": registry.filter { $0.use == .official }.map(row),
            "never": registry.filter { $0.use == .neverUsed }.map(row),
            "registryEmpty": registry.isEmpty, "hasNever": registry.contains { $0.use == .neverUsed },
        ]
        if let error { values["error"] = error }
        if let codeResult { values["codeResult"] = codeResult }
        if let answer {
            var result: [String: Any] = [
                "title": answer.title, "advice": answer.advice, "cssClass": answer.outcome.replacingOccurrences(of: "_", with: "-"),
                "reasons": answer.reasons.map { ["text": $0.text, "imitates": row($0.channel)] }, "hasReasons": !answer.reasons.isEmpty,
            ]
            if let warning = answer.warning { result["warning"] = warning }
            if let entered {
                result["entered"] = ["kind": entered.kind.map { Self.kindName($0, language) } ?? Localizer.shared.text("kind.handle", language), "value": entered.value]
            }
            if let match = answer.verdict?.match { result["match"] = row(match) }
            if let never = answer.verdict?.neverUsed { result["neverUsed"] = row(never) }
            values["result"] = result
        }
        return dependencies.pages.render("verify", values, chrome: chrome)
    }

    static func kindName(_ kind: ChannelKind, _ language: Language) -> String {
        Localizer.shared.text("kind.\(kind.rawValue)", language)
    }
}

/// `GET /api/v1/verify`: the verdict with localised title, warning and advice. Never holds a secret: when the value
/// held one, `kind` and `value` are null.
struct VerifyResource: Encodable, Sendable {
    struct Imitation: Encodable, Sendable {
        var reason: LookAlikeReason
        var explanation: String
        var channel: ChannelResource
    }

    var outcome: String
    var kind: ChannelKind?
    var value: String?
    var title: String
    var warning: String?
    var advice: String
    var match: ChannelResource?
    var imitates: [Imitation]
    var neverUsed: ChannelResource?

    init(_ answer: VerifyController.Answer) {
        outcome = answer.outcome
        kind = answer.verdict?.parsed?.kind
        value = answer.verdict?.parsed?.value
        title = answer.title
        warning = answer.warning
        advice = answer.advice
        match = answer.verdict?.match.map(ChannelResource.init)
        imitates = answer.reasons.map { Imitation(reason: $0.reason, explanation: $0.text, channel: ChannelResource($0.channel)) }
        neverUsed = answer.verdict?.neverUsed.map(ChannelResource.init)
    }

    enum CodingKeys: String, CodingKey { case outcome, kind, value, title, warning, advice, match, imitates, neverUsed }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(kind, forKey: .kind)
        try c.encode(value, forKey: .value)
        try c.encode(title, forKey: .title)
        try c.encode(warning, forKey: .warning)
        try c.encode(advice, forKey: .advice)
        try c.encode(match, forKey: .match)
        try c.encode(imitates, forKey: .imitates)
        try c.encode(neverUsed, forKey: .neverUsed)
    }
}

extension Request {
    /// A query parameter read the way HTML forms write it: `+` is a space, then percent-decoding. (A literal plus, as
    /// in `+86…`, arrives as `%2B`.) Values pasted into the verify forms come this way.
    func formQuery(_ name: String) -> String? {
        guard let query = uri.query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == name else { continue }
            let spaced = parts[1].replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        return nil
    }
}
