import DeskCore
@testable import DeskServer
import Foundation
import Hummingbird
import Testing

/// The request bodies outside the ticket API (sign-in, tokens, second factor, help center, customer portal), read by
/// the same strict reader as the tickets: unknown keys refused, wrong types and bad values named by field and place,
/// optional fields optional.
@Suite("Request inputs")
struct RequestInputTests {
    /// "field reason" of the problem reading `text` as `T` gives, or nil when it reads.
    static func problem<T: JSONBody>(_ type: T.Type, _ text: String) -> String? {
        let value = Array(text.utf8).withUnsafeBytes { try? JSONReader.parse($0) }
        guard case .object(let object)? = value else { return "not an object" }
        do {
            _ = try T(json: JSONFields(object))
            return nil
        } catch {
            if case .invalidField(let field, let reason) = error { return "\(field) \(reason)" }
            return "\(error)"
        }
    }

    @Test("auth inputs: unknown keys, wrong types, required and optional fields")
    func auth() {
        #expect(Self.problem(SignInInput.self, #"{"email":"a@b.cn","password":"p"}"#) == nil)
        #expect(Self.problem(SignInInput.self, #"{"email":"a@b.cn","password":"p","remember":true}"#) == "remember unknownField")
        #expect(Self.problem(SignInInput.self, #"{"email":"a@b.cn","password":5}"#) == "password wrongType")
        #expect(Self.problem(SignInInput.self, #"{"email":"a@b.cn","password":null}"#) == "password required")
        #expect(Self.problem(SignInInput.self, #"{"password":"p"}"#) == "email required")
        #expect(Self.problem(ChangePasswordInput.self, #"{"currentPassword":"a","newPassword":["b"]}"#) == "newPassword wrongType")
        #expect(Self.problem(SetPasswordInput.self, #"{"code":"c","password":"p","agent":"x"}"#) == "agent unknownField")

        #expect(Self.problem(TokenInput.self, #"{"name":"ci","scopes":["tickets:read","admin","tickets:read"]}"#) == nil)
        #expect(Self.problem(TokenInput.self, #"{"name":"ci","scopes":["admin"],"expires":3}"#) == "expires unknownField")
        #expect(Self.problem(TokenInput.self, #"{"name":"ci","scopes":"admin"}"#) == "scopes wrongType")
        #expect(Self.problem(TokenInput.self, #"{"name":"ci","scopes":["admin",3]}"#) == "scopes[1] wrongType")
        #expect(Self.problem(TokenInput.self, #"{"name":"ci","scopes":["tickets:read","root"]}"#) == "scopes[1] invalidValue")
        #expect(Self.problem(TokenInput.self, #"{"name":"ci","scopes":[]}"#) == "scopes required")
        #expect(Self.problem(TokenInput.self, #"{"name":"ci"}"#) == "scopes required")
        #expect(Self.problem(TokenInput.self, #"{"name":1,"scopes":["admin"]}"#) == "name wrongType")
        #expect(Self.problem(TokenInput.self, #"{"name":"ci","scopes":["admin"],"agentId":"me"}"#) == "agentId invalidValue")
        #expect(Self.problem(TokenInput.self, #"{"name":"ci","scopes":["admin"],"agentId":null}"#) == nil)

        #expect(Self.problem(SecondFactorInput.self, #"{"code":"123456"}"#) == nil)
        #expect(Self.problem(SecondFactorInput.self, #"{"recoveryCode":"abcd-efgh"}"#) == nil)
        #expect(Self.problem(SecondFactorInput.self, #"{}"#) == "code required")
        #expect(Self.problem(SecondFactorInput.self, #"{"code":123456}"#) == "code wrongType")
        #expect(Self.problem(SecondFactorInput.self, #"{"code":"1","trust":true}"#) == "trust unknownField")
        #expect(Self.problem(PolicyInput.self, #"{"requiredForEveryone":"yes"}"#) == "requiredForEveryone wrongType")
        #expect(Self.problem(PolicyInput.self, #"{}"#) == "requiredForEveryone required")
    }

    @Test("help-center inputs: nested translations and synonym groups name their place")
    func helpCenter() {
        let translation = #"{"language":"en","title":" T ","markdown":"m"}"#
        #expect(Self.problem(ArticleInput.self, #"{"slug":"a-b","category":"c","translations":["# + translation + "]}") == nil)
        #expect(Self.problem(ArticleInput.self, "{}") == nil)
        #expect(Self.problem(ArticleInput.self, #"{"slug":"A B"}"#) == "slug invalidValue")
        #expect(Self.problem(ArticleInput.self, #"{"position":"1"}"#) == "position wrongType")
        #expect(Self.problem(ArticleInput.self, #"{"position":2000000}"#) == "position invalidValue")
        #expect(Self.problem(ArticleInput.self, #"{"translations":{}}"#) == "translations wrongType")
        #expect(Self.problem(ArticleInput.self, #"{"translations":["# + translation + ",1]}") == "translations[1] wrongType")
        #expect(
            Self.problem(ArticleInput.self, #"{"translations":["# + translation + #",{"language":"zh-CN","title":"t","markdown":"m","x":1}]}"#)
                == "translations[1].x unknownField"
        )
        #expect(Self.problem(ArticleInput.self, #"{"translations":[{"language":"en","title":2,"markdown":"m"}]}"#) == "translations[0].title wrongType")
        #expect(Self.problem(ArticleInput.self, #"{"translations":[{"language":"en","markdown":"m"}]}"#) == "translations[0].title required")
        #expect(Self.problem(ArticleInput.self, #"{"translations":[{"language":"en","title":"  ","markdown":"m"}]}"#) == "translations.title required")
        #expect(Self.problem(ArticleInput.self, #"{"translations":["# + translation + "," + translation + "]}") == "translations invalidValue")
        #expect(Self.problem(ArticleInput.self, #"{"removeLanguages":["en","fr"]}"#) == "removeLanguages[1] invalidValue")

        #expect(Self.problem(CategoryInput.self, #"{"slug":"wallets","names":{"en":"Wallets","zh-CN":"钱包"}}"#) == nil)
        #expect(Self.problem(CategoryInput.self, #"{"slug":"wallets","names":{}}"#) == "names required")
        #expect(Self.problem(CategoryInput.self, #"{"slug":"wallets","names":{"en":1}}"#) == "names.en wrongType")
        #expect(Self.problem(CategoryInput.self, #"{"slug":"wallets","names":{"fr":"Portefeuilles"}}"#) == "names invalidValue")
        #expect(Self.problem(CategoryInput.self, #"{"slug":"wallets","names":["en"]}"#) == "names wrongType")

        #expect(Self.problem(VoteInput.self, #"{"helpful":true}"#) == nil)
        #expect(Self.problem(VoteInput.self, #"{"helpful":1}"#) == "helpful wrongType")
        #expect(Self.problem(VoteInput.self, #"{"helpful":false,"stars":5}"#) == "stars unknownField")
        #expect(Self.problem(DeflectionInput.self, #"{"query":"q","articles":["a"],"opened":"a"}"#) == nil)
        #expect(Self.problem(DeflectionInput.self, #"{"query":"q","articles":"a"}"#) == "articles wrongType")
        #expect(Self.problem(DeflectionInput.self, #"{"query":"q","articles":["a",2]}"#) == "articles[1] wrongType")
        #expect(Self.problem(DeflectionInput.self, #"{"query":"q","articles":["a","B"]}"#) == "articles invalidValue")
        #expect(Self.problem(DeflectionInput.self, #"{"query":"q","articles":[],"opened":"-"}"#) == "opened invalidValue")

        #expect(Self.problem(SynonymsInput.self, #"{"groups":[["wallet","钱包"],[]]}"#) == nil)
        #expect(Self.problem(SynonymsInput.self, #"{"groups":[["wallet",1]]}"#) == "groups[0][1] wrongType")
        #expect(Self.problem(SynonymsInput.self, #"{"groups":["wallet"]}"#) == "groups[0] wrongType")
        #expect(Self.problem(SynonymsInput.self, #"{"groups":[],"mode":"merge"}"#) == "mode unknownField")
        #expect(Self.problem(SynonymsInput.self, "{}") == "groups required")
    }

    @Test("portal, verification and channel inputs")
    func others() {
        #expect(Self.problem(CustomerCodeInput.self, #"{"email":" A@Example.CN "}"#) == nil)
        #expect(Self.problem(CustomerCodeInput.self, #"{"email":"nope"}"#) == "email invalidValue")
        #expect(Self.problem(CustomerCodeInput.self, #"{"email":5}"#) == "email wrongType")
        #expect(Self.problem(CustomerSignInInput.self, #"{"email":"a@b.cn","code":123456}"#) == "code wrongType")
        #expect(Self.problem(CustomerSignInInput.self, #"{"email":"a@b.cn","code":"123456","remember":1}"#) == "remember unknownField")
        #expect(Self.problem(WalletSSOInput.self, "{}") == "token required")
        #expect(Self.problem(PhraseInput.self, #"{"phrase":["x"]}"#) == "phrase wrongType")
        #expect(Self.problem(CallCheckInput.self, #"{"ticket":"WD-1","code":"1","agent":"x"}"#) == "agent unknownField")
        #expect(Self.problem(RevealInput.self, #"{"reason":"   "}"#) == "reason required")
        #expect(Self.problem(RevealInput.self, #"{"reason":1}"#) == "reason wrongType")
        #expect(Self.problem(ChannelInput.self, #"{"kind":"telegram","hours":null}"#) == nil)
        #expect(Self.problem(ChannelInput.self, #"{"kind":"carrier-pigeon"}"#) == "kind invalidValue")
        #expect(Self.problem(ChannelInput.self, #"{"hours":9}"#) == "hours wrongType")
        #expect(Self.problem(ChannelInput.self, #"{"version":"2"}"#) == "version wrongType")
    }

    /// Through the routes: the problem a client sees (status, stable type, title and detail in its language, field).
    @Test("over HTTP the moved inputs answer the same problem details as the ticket API")
    func overHTTP() async throws {
        typealias Case = (method: HTTPRequest.Method, path: String, body: String, field: String, reason: FieldProblem)
        let cases: [Case] = [
            (.post, "/api/v1/sessions", #"{"email":"a@b.cn","password":"p","remember":true}"#, "remember", .unknownField),
            (.post, "/api/v1/sessions", #"{"email":"a@b.cn","password":5}"#, "password", .wrongType),
            (.post, "/api/v1/tokens", #"{"name":"ci","scopes":["admin"],"expires":3}"#, "expires", .unknownField),
            (.post, "/api/v1/tokens", #"{"name":"ci","scopes":["admin",3]}"#, "scopes[1]", .wrongType),
            (.post, "/api/v1/me/2fa/confirm", #"{"code":"123456","trust":true}"#, "trust", .unknownField),
            (.post, "/api/v1/me/2fa/confirm", #"{"code":123456}"#, "code", .wrongType),
            (.post, "/api/v1/kb/articles", #"{"slug":"a","translations":[{"language":"en","title":"t","markdown":"m","x":1}]}"#, "translations[0].x", .unknownField),
            (.put, "/api/v1/kb/synonyms", #"{"groups":[["a",1]]}"#, "groups[0][1]", .wrongType),
            (.post, "/api/v1/help/deflections", #"{"query":"q","articles":[],"more":1}"#, "more", .unknownField),
            (.post, "/api/v1/customer/sign-in", #"{"email":"a@b.cn","code":"123456","remember":1}"#, "remember", .unknownField),
            (.post, "/api/v1/customer/sign-in", #"{"email":"a@b.cn","code":123456}"#, "code", .wrongType),
            (.post, "/api/v1/customer/code", #"{"email":"nope"}"#, "email", .invalidValue),
        ]
        try await TestApp.withSession { session in
            for test in cases {
                let (response, problem) = try await session.json(test.method, test.path, test.body, headers: [.acceptLanguage: "zh-CN"])
                let label = "\(test.method) \(test.path) \(test.body)"
                #expect(response.status == .badRequest, "\(label)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(label)")
                #expect(problem["type"] as? String == "/problems/invalid-field", "\(label)")
                #expect(problem["field"] as? String == test.field, "\(label)")
                #expect(problem["title"] as? String == Localizer.shared.text("title.invalid-field", .zhCN), "\(label)")
                #expect(problem["detail"] as? String == DeskError.invalidField(test.field, reason: test.reason).detail(in: .zhCN), "\(label)")
            }
            // Not JSON, not an object, too large: the same codes as everywhere, never a 500.
            let (syntax, syntaxProblem) = try await session.json(.post, "/api/v1/sessions", #"{"email":"#)
            #expect(syntax.status == .badRequest && syntaxProblem["code"] as? String == "malformed-json")
            let (array, arrayProblem) = try await session.json(.post, "/api/v1/customer/code", "[]")
            #expect(array.status == .badRequest && arrayProblem["code"] as? String == "malformed-json")
            let large = #"{"query":""# + String(repeating: "q", count: 9 * 1024) + #"","articles":[]}"#
            let (tooLarge, tooLargeProblem) = try await session.json(.post, "/api/v1/help/deflections", large)
            #expect(tooLarge.status == .contentTooLarge && tooLargeProblem["code"] as? String == "body-too-large")
        }
    }
}
