import DeskCore
@testable import DeskServer
import DeskStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Help center: API and pages")
struct HelpCenterTests {
    static func withStarter(_ body: @Sendable (TestApp.Session) async throws -> Void) async throws {
        try await TestApp.withSession { session in
            try await StarterKnowledgeBase.loadIfEmpty(into: session.store, now: Date(), logger: TestApp.logger)
            try await body(session)
        }
    }

    static func get(_ session: TestApp.Session, _ path: String, headers: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, text: String) {
        let response = try await session.client.execute(uri: path, method: .get, headers: headers)
        return (response.status, String(buffer: response.body))
    }

    @Test("the starter knowledge base loads once, in all three languages, rendered and sanitised")
    func starter() async throws {
        try await Self.withStarter { session in
            #expect(try await StarterKnowledgeBase.loadIfEmpty(into: session.store, now: Date(), logger: TestApp.logger) == 0)
            let articles = try await session.store.articles(category: nil, kind: nil, includeDrafts: false)
            #expect(articles.count >= 11)
            for article in articles {
                #expect(Set(article.translations.map(\.language)) == [.zhCN, .zhTW, .en], "\(article.slug)")
                // The zh-TW text is written in traditional characters, not a copy of the simplified one.
                let zhTW = article.translations.first(where: { $0.language == .zhTW })
                let zhCN = article.translations.first(where: { $0.language == .zhCN })
                let traditional = try #require(zhTW, "\(article.slug)")
                let simplified = try #require(zhCN, "\(article.slug)")
                #expect(traditional.title != simplified.title, "\(article.slug)")
                #expect(ChineseVariants.simplified(traditional.title) != traditional.title, "\(article.slug): \(traditional.title)")
                for translation in article.translations {
                    #expect(!translation.html.contains("<script"))
                    #expect(!translation.text.isEmpty)
                }
            }
        }
    }

    @Test("public search finds two-character Chinese words, traditional forms, synonyms and typos")
    func publicSearch() async throws {
        try await Self.withStarter { session in
            func top(_ query: String, lang: String = "zh-CN") async throws -> String? {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let (response, body) = try await session.json(.get, "/api/v1/help/search?q=\(encoded)&lang=\(lang)")
                #expect(response.status == .ok)
                return ((body["items"] as? [[String: Any]])?.first)?["slug"] as? String
            }
            #expect(try await top("提现失败") == "withdrawal-failed")
            #expect(try await top("帳戶被鎖定", lang: "zh-TW") == "account-locked")
            #expect(try await top("谷歌验证器") == "enable-two-factor-authentication")
            #expect(try await top("withdrawl failed", lang: "en") == "withdrawal-failed")
            let (_, body) = try await session.json(.get, "/api/v1/help/search?q=%E5%86%BB%E7%BB%93&lang=zh-CN")
            let snippet = ((body["items"] as? [[String: Any]])?.first)?["snippetHtml"] as? String
            #expect(snippet?.contains("<mark>冻结</mark>") == true)
        }
    }

    @Test("suggestions while typing; deflections recorded with secrets removed")
    func suggestAndDeflect() async throws {
        try await Self.withStarter { session in
            let (response, body) = try await session.json(.get, "/api/v1/help/suggest?q=my%20account%20is%20lock&lang=en")
            #expect(response.status == .ok)
            let slugs = (body["items"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } ?? []
            #expect(slugs.first == "account-locked")
            let phrase = "abandon ability able about above absent absorb abstract absurd abuse access accident"
            let (deflected, _) = try await session.json(
                .post, "/api/v1/help/deflections", #"{"query":"my seed is \#(phrase)","articles":["account-locked"],"opened":"account-locked"}"#
            )
            #expect(deflected.status == .noContent)
            let stored = try await session.store.database.read { sql in
                try await sql.raw("SELECT query FROM kb_deflections").first()?.decode(column: "query", as: String.self)
            }
            #expect(stored?.contains("abandon ability") == false)
            let (bad, _) = try await session.json(.post, "/api/v1/help/deflections", #"{"query":"x","articles":["no-such-article"]}"#)
            #expect(bad.status == .badRequest)
        }
    }

    @Test("agents write articles; revisions kept; votes public; drafts hidden from the public")
    func articleLifecycle() async throws {
        try await Self.withStarter { session in
            let create = #"""
                {"slug":"kyc-review","category":"account","status":"draft","translations":[
                  {"language":"zh-CN","title":"实名认证审核需要多久","markdown":"一般 **1 个工作日**。<script>alert(1)</script>"}]}
                """#
            let (created, body) = try await session.json(.post, "/api/v1/kb/articles", create)
            #expect(created.status == .created)
            let id = try #require(body["id"] as? String)
            let html = ((body["translations"] as? [[String: Any]])?.first)?["html"] as? String
            #expect(html?.contains("<strong>1 个工作日</strong>") == true)
            #expect(html?.contains("<script") == false)
            #expect(try await Self.get(session, "/api/v1/help/articles/kyc-review").status == .notFound)
            let (patched, patchedBody) = try await session.json(
                .patch, "/api/v1/kb/articles/\(id)", #"{"status":"published","version":1,"translations":[{"language":"en","title":"How long KYC review takes","markdown":"Usually one business day."}]}"#
            )
            #expect(patched.status == .ok)
            #expect(patchedBody["version"] as? Int == 2)
            let (_, revisions) = try await session.json(.get, "/api/v1/kb/articles/\(id)/revisions")
            #expect((revisions["items"] as? [Any])?.count == 3)
            let (stale, _) = try await session.json(.patch, "/api/v1/kb/articles/\(id)", #"{"position":2,"version":1}"#)
            #expect(stale.status == .conflict)
            let (vote, voteBody) = try await session.json(.post, "/api/v1/help/articles/kyc-review/votes", #"{"helpful":true}"#)
            #expect(vote.status == .created)
            #expect(voteBody["helpful"] as? Int == 1)
            let (unknownKey, _) = try await session.json(.post, "/api/v1/kb/articles", #"{"slug":"x","titel":"typo"}"#)
            #expect(unknownKey.status == .badRequest)
            // Values neither engine could store are refused as bad input, never a 500.
            let (hugePosition, _) = try await session.json(.patch, "/api/v1/kb/articles/\(id)", #"{"position":99999999999}"#)
            #expect(hugePosition.status == .badRequest)
            let (nul, _) = try await session.json(.patch, "/api/v1/kb/articles/\(id)", #"{"section":"a\u0000b"}"#)
            #expect(nul.status == .badRequest)
            // Every JSON door refuses an escaped NUL the same way (see `Request.decodeJSON`).
            let (nulComment, nulProblem) = try await session.json(.post, "/api/v1/help/articles/kyc-review/votes", #"{"helpful":false,"comment":"a\u0000b"}"#)
            #expect(nulComment.status == .badRequest)
            #expect(nulProblem["code"] as? String == "malformed-json")
            // The suggestion snapshot notices the new article (version counter) once its recheck interval passed.
            try await Task.sleep(for: .milliseconds(1100))
            let (_, suggested) = try await session.json(.get, "/api/v1/help/suggest?q=KYC&lang=en")
            #expect(((suggested["items"] as? [[String: Any]])?.first)?["slug"] as? String == "kyc-review")
        }
    }

    @Test("synonyms are admin-edited; ticket search respects status")
    func synonymsAndTicketSearch() async throws {
        try await Self.withStarter { session in
            let (put, _) = try await session.json(.put, "/api/v1/kb/synonyms", #"{"groups":[["提现","提币","出金"]]}"#)
            #expect(put.status == .ok)
            let (got, body) = try await session.json(.get, "/api/v1/kb/synonyms")
            #expect(got.status == .ok)
            #expect((body["groups"] as? [[String]]) == [["提现", "提币", "出金"]])
            _ = try await session.json(.post, "/api/v1/tickets", APITests.createBody)
            let (search, found) = try await session.json(.get, "/api/v1/search/tickets?q=\("提现".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            #expect(search.status == .ok)
            let items = found["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            let (filtered, none) = try await session.json(.get, "/api/v1/search/tickets?q=%E6%8F%90%E7%8E%B0&status=closed")
            #expect(filtered.status == .ok)
            #expect((none["items"] as? [Any])?.isEmpty == true)
            let (missing, _) = try await session.json(.get, "/api/v1/search/tickets")
            #expect(missing.status == .badRequest)
        }
    }

    @Test("pages: home, category, article with language fallback, search; output escaped")
    func pages() async throws {
        try await Self.withStarter { session in
            let home = try await Self.get(session, "/help?lang=en")
            #expect(home.status == .ok)
            #expect(home.text.contains("How can we help?"))
            #expect(home.text.contains("Security notice: beware of fake support accounts"))
            #expect(home.text.contains("/help/categories/security"))
            #expect(home.text.contains("Weekdays 9:00"))
            #expect(!home.text.contains("http://") && !home.text.contains("https://"))
            // Once admins fill the official-channel registry, the home page lists those entries instead (escaped).
            let (added, _) = try await session.json(
                .post, "/api/v1/channels", #"{"kind":"telegram","value":"@examplewallet","label":"Telegram <official>","hours":"24/7"}"#
            )
            #expect(added.status == .created)
            let listed = try await Self.get(session, "/help?lang=en")
            #expect(listed.text.contains("Telegram &lt;official&gt;") && listed.text.contains("examplewallet") && listed.text.contains("24/7"))
            #expect(!listed.text.contains("Weekdays 9:00"))
            let category = try await Self.get(session, "/help/categories/funds?lang=zh-CN")
            #expect(category.text.contains("提现失败怎么办"))
            // The starter articles have a zh-TW translation: it is shown, without a fallback note.
            let article = try await Self.get(session, "/help/articles/withdrawal-failed?lang=zh-TW")
            #expect(article.status == .ok)
            #expect(article.text.contains("<article lang=\"zh-TW\">"))
            #expect(article.text.contains("<h1>提現失敗怎麼辦</h1>"))
            #expect(!article.text.contains("本文暫無繁體中文版本"))
            // An article the team wrote only in simplified Chinese: the simplified text is shown, and the page says why.
            let (created, _) = try await session.json(
                .post, "/api/v1/kb/articles",
                #"{"slug":"kyc-review","category":"account","status":"published","translations":[{"language":"zh-CN","title":"实名认证审核需要多久","markdown":"一般 1 个工作日。"}]}"#
            )
            #expect(created.status == .created)
            let fallback = try await Self.get(session, "/help/articles/kyc-review?lang=zh-TW")
            #expect(fallback.status == .ok)
            #expect(fallback.text.contains("本文暫無繁體中文版本"))
            #expect(fallback.text.contains("<article lang=\"zh-CN\">"))
            #expect(fallback.text.contains("实名认证审核需要多久"))
            #expect(try await Self.get(session, "/help/articles/no-such-thing").status == .notFound)
            let hostile = "<script>alert(1)</script>"
            let search = try await Self.get(session, "/help/search?q=\(hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)%20%E6%8F%90%E7%8E%B0")
            #expect(search.status == .ok)
            #expect(!search.text.contains("<script>alert(1)"))
            #expect(search.text.contains("&lt;script&gt;"))
            #expect(search.text.contains("<mark>"))
            // Switching language keeps the search (the query is escaped in the link like everything else).
            #expect(search.text.contains("%E6%8F%90%E7%8E%B0&amp;lang=en"))
            #expect(!search.text.contains("?q=<script"))
            let vote = try await session.client.execute(
                uri: "/help/articles/fees-are-missing/vote", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "helpful=yes")
            )
            #expect(vote.status == .notFound)
            let voted = try await session.client.execute(
                uri: "/help/articles/deposit-withdrawal-conversion-fees/vote", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "helpful=no&comment=unclear&lang=en")
            )
            #expect(voted.status == .seeOther)
        }
    }
}
