import DeskCore
import DeskStore
import Foundation
import SQLKit
import Testing

@Suite("Knowledge base and search store")
struct SearchStoreTests {
    static let segmenter = TextSegmenter()
    static let category = ArticleCategory(slug: Slug(rawValue: "funds")!, names: [.zhCN: "资金", .en: "Funds"], position: 1)
    static let security = ArticleCategory(slug: Slug(rawValue: "security")!, names: [.zhCN: "安全", .en: "Security"], position: 2)

    static func translation(_ language: Language, _ title: String, _ text: String) -> ArticleTranslation {
        ArticleTranslation(language: language, title: title, markdown: text, html: "<p>\(HTMLSanitizer.escape(text))</p>", text: text, updatedAt: Fixtures.start)
    }

    static func article(_ slug: String, category: ArticleCategory = category, status: ArticleStatus = .published, _ translations: [ArticleTranslation]) -> Article {
        Article(
            slug: Slug(rawValue: slug)!, categorySlug: category.slug, status: status, translations: translations, createdAt: Fixtures.start,
            updatedAt: Fixtures.start, publishedAt: status == .published ? Fixtures.start : nil
        )
    }

    static func seed(_ store: SQLDeskStore) async throws {
        try await store.saveCategory(category, now: Fixtures.start)
        try await store.saveCategory(security, now: Fixtures.start)
        _ = try await store.createArticle(
            article("withdrawal-failed", [
                translation(.zhCN, "提现失败怎么办", "在资金记录里可以看到失败原因，确认地址和网络后重新提交。"),
                translation(.en, "Withdrawal failed", "Open the fund record to see why it failed, check the address and network, then try again."),
            ]), actor: .system
        )
        _ = try await store.createArticle(
            article("fees", [
                translation(.zhCN, "手续费说明", "充值免费；提现收取网络手续费，兑换收取千分之一。提现失败时手续费会退回。"),
                translation(.en, "Fees", "Deposits are free. Withdrawals pay the network fee; conversions cost 0.1%. A failed withdrawal refunds the fee."),
            ]), actor: .system
        )
        _ = try await store.createArticle(
            article("enable-2fa", category: security, [
                translation(.zhCN, "开启双重验证", "在安全设置中绑定谷歌验证器，之后登录和提币都需要输入动态码。"),
                translation(.en, "Turn on two-factor authentication", "Bind an authenticator app under Security settings."),
            ]), actor: .system
        )
        _ = try await store.createArticle(
            article("draft-only", status: .draft, [translation(.zhCN, "提现草稿", "还没有发布的提现说明")]), actor: .system
        )
    }

    /// The query for every term of `text` (at type level: `#require` inside a local function draws a spurious warning).
    static func allTerms(_ text: String) throws -> SearchExpression {
        try #require(segmenter.query(text, mode: .allTerms))
    }

    static func search(_ store: SQLDeskStore, _ text: String, mode: SearchMode = .anyTerms, language: Language? = nil,
                       category: Slug? = nil, drafts: Bool = false, synonyms: SynonymTable = .empty) async throws -> [ArticleHit] {
        let expression = try #require(segmenter.query(text, mode: mode, synonyms: synonyms))
        return try await store.searchArticles(ArticleSearch(expression: expression, language: language, category: category, includeDrafts: drafts))
    }

    @Test("a two-character Chinese word finds the article; traditional characters find simplified text", arguments: TestDatabases.kinds)
    func chineseWords(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            try await Self.seed(store)
            let hits = try await Self.search(store, "提现", language: .zhCN)
            #expect(Set(hits.map(\.article.slug.rawValue)) == ["withdrawal-failed", "fees"])
            // Title boost: the article with 提现 in its title ranks above the one mentioning it twice in the body.
            #expect(hits.first?.article.slug.rawValue == "withdrawal-failed")
            // The snippet comes from the body and marks the word, also for text typed in traditional characters.
            #expect(hits.last?.snippetHTML.contains("<mark>提现</mark>") == true)
            let traditional = try await Self.search(store, "提現失敗", mode: .allTerms, language: .zhCN)
            #expect(traditional.map(\.article.slug.rawValue) == ["withdrawal-failed", "fees"])
            // 现失 spans a word boundary inside 提现失败 only; the pair query still needs every pair.
            #expect(try await Self.search(store, "失败提现", mode: .allTerms).isEmpty)
        }
    }

    @Test("filters: language, category, drafts; synonyms widen", arguments: TestDatabases.kinds)
    func filtersAndSynonyms(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            try await Self.seed(store)
            #expect(try await Self.search(store, "withdrawal", language: .zhCN).isEmpty)
            #expect(try await Self.search(store, "withdrawal", language: .en).map(\.article.slug.rawValue) == ["withdrawal-failed", "fees"])
            #expect(try await Self.search(store, "提现", category: Self.security.slug).isEmpty)
            #expect(try await Self.search(store, "提现草稿", mode: .allTerms).isEmpty)
            #expect(try await Self.search(store, "提现草稿", mode: .allTerms, drafts: true).map(\.article.slug.rawValue) == ["draft-only"])
            // 2FA appears in no article text; the synonym table turns it into 双重验证 / 谷歌验证器.
            #expect(try await Self.search(store, "2FA", language: .zhCN).isEmpty)
            let widened = try await Self.search(store, "2FA", language: .zhCN, synonyms: try await store.synonyms())
            #expect(widened.map(\.article.slug.rawValue) == ["enable-2fa"])
            // Admins replace the table.
            try await store.setSynonyms(SynonymTable(groups: [["2fa", "动态码"]]))
            #expect(try await store.synonyms().groups == [["2fa", "动态码"]])
        }
    }

    @Test("edits keep revisions, re-index and bump the version; votes count", arguments: TestDatabases.kinds)
    func revisionsAndVotes(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            try await Self.seed(store)
            #expect(try await store.isKnowledgeBaseEmpty() == false)
            let before = try await store.knowledgeBaseVersion()
            let article = try await store.article(slug: Slug(rawValue: "fees")!)
            let updated = try await store.updateArticle(article.id, expectedVersion: article.version, actor: .system, now: Fixtures.start.addingTimeInterval(60)) {
                $0.translations[0].title = "费用一览"
                $0.translations[0].text = "冻结账户不收费。"
            }
            #expect(updated.version == 2)
            #expect(try await store.knowledgeBaseVersion() > before)
            #expect(try await Self.search(store, "冻结", language: .zhCN).map(\.article.slug.rawValue) == ["fees"])
            #expect(try await Self.search(store, "兑换", language: .zhCN).isEmpty)
            let revisions = try await store.revisions(of: article.id)
            #expect(revisions.map(\.number) == [2, 1, 1])
            #expect(revisions.first?.title == "费用一览")
            await #expect(throws: DeskError.versionConflict(current: 2)) {
                _ = try await store.updateArticle(article.id, expectedVersion: 1, actor: .system, now: Fixtures.start) { $0.position = 3 }
            }
            _ = try await store.vote(on: article.id, language: .zhCN, helpful: true, comment: nil, now: Fixtures.start)
            let voted = try await store.vote(on: article.id, language: .zhCN, helpful: false, comment: "没写清楚", now: Fixtures.start)
            #expect(voted.helpfulVotes == 1 && voted.unhelpfulVotes == 1)
            let draft = try await store.article(slug: Slug(rawValue: "draft-only")!)
            await #expect(throws: DeskError.notFound(entity: "article")) {
                _ = try await store.vote(on: draft.id, language: .zhCN, helpful: true, comment: nil, now: Fixtures.start)
            }
            await #expect(throws: DeskError.duplicate(field: "slug")) {
                _ = try await store.createArticle(Self.article("fees", [Self.translation(.en, "x", "y")]), actor: .system)
            }
            try await store.recordDeflection(query: "提现", language: .zhCN, articleIDs: [article.id], openedArticle: nil, now: Fixtures.start)
            #expect(try await store.deflections(since: Fixtures.start) == 1)
        }
    }

    @Test("ticket search: subjects, messages, customer identifiers, exact tx ids, status filter", arguments: TestDatabases.kinds)
    func ticketSearch(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let tx = "0x5f3a9c2e7b1d4f6a8c0e2b4d6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f3a"
            let first = try await store.createTicket(
                try Fixtures.draft(subject: "提现失败", email: "zhang@example.com", text: "USDT 提现一直没有到账", crypto: CryptoDetails(txId: tx)),
                actor: .system, now: Fixtures.start
            ).ticket
            // Several at once go through the group-commit path.
            let others = try await withThrowingTaskGroup(of: Ticket.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        try await store.createTicket(
                            try Fixtures.draft(subject: "Account locked \(index)", email: "user\(index)@example.com", text: "I cannot sign in, 账户被锁定"),
                            actor: .system, now: Fixtures.start
                        ).ticket
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(others.count == 6)
            func numbers(_ text: String, statuses: [TicketStatus] = []) async throws -> Set<Int64> {
                let expression = try Self.allTerms(text)
                return Set(try await store.searchTickets(TicketSearch(expression: expression, statuses: statuses)).items.map(\.number.rawValue))
            }
            #expect(try await numbers("提现") == [first.number.rawValue])
            #expect(try await numbers("提現") == [first.number.rawValue])
            #expect(try await numbers(tx) == [first.number.rawValue])
            #expect(try await numbers(String(tx.dropLast())).isEmpty)
            #expect(try await numbers("锁定").count == 6)
            #expect(try await numbers("locked 3").count == 1)
            // Grouped creations index their requesters' identifiers: new customers and known ones.
            #expect(try await numbers("user3@example.com").count == 1)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<4 {
                    group.addTask {
                        _ = try await store.createTicket(
                            try Fixtures.draft(subject: "Again \(index)", email: "zhang@example.com", text: "再次联系"), actor: .system, now: Fixtures.start
                        )
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await numbers("zhang@example.com").count == 5)
            // A customer's new email finds their tickets; the old one no longer does.
            _ = try await store.updateCustomer(first.requesterID, expectedVersion: nil, now: Fixtures.start) {
                $0.email = EmailAddress(rawValue: "li.na@example.org")
                $0.telegramID = "lina_tg"
            }
            #expect(try await numbers("li.na@example.org").count == 5)
            #expect(try await numbers("lina_tg").count == 5)
            #expect(try await numbers("zhang").isEmpty)
            // A reply is indexed in its transaction, internal notes too.
            _ = try await store.addMessage(try Fixtures.reply("已冻结，等待安全团队", by: .system, visibility: .internal), to: first.number, setStatus: nil, now: Fixtures.start)
            #expect(try await numbers("冻结") == [first.number.rawValue])
            // Subject edits re-index the ticket's own row.
            _ = try await store.updateTicket(first.number, expectedVersion: nil, actor: .system, now: Fixtures.start) { $0.subject = "Frozen wallet" }
            #expect(try await numbers("frozen") == [first.number.rawValue])
            #expect(try await numbers("失败").isEmpty)
            #expect(try await numbers("锁定", statuses: [.solved]).isEmpty)
            #expect(try await numbers("锁定", statuses: [.new, .open]).count == 6)
            // Pages continue with the cursor.
            let expression = try #require(Self.segmenter.query("锁定", mode: .allTerms))
            let page = try await store.searchTickets(TicketSearch(expression: expression, limit: 4))
            #expect(page.items.count == 4)
            let cursor = try #require(page.nextCursor.flatMap(Int64.init))
            let rest = try await store.searchTickets(TicketSearch(expression: expression, limit: 4, after: cursor))
            #expect(Set(page.items.map(\.number)).union(rest.items.map(\.number)).count == 6)
        }
    }

    @Test("after a merge, words of the moved messages find the target; the source stays findable by its own fields as a merged ticket",
          arguments: TestDatabases.kinds)
    func mergedTicketSearch(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let source = try await store.createTicket(
                try Fixtures.draft(subject: "助记词泄露", email: "wang@example.com", text: "有人冒充客服要我的助记词 phishing"), actor: .system, now: Fixtures.start
            ).ticket
            let target = try await store.createTicket(
                try Fixtures.draft(subject: "资产被盗", email: "wang@example.com", text: "钱包资产被转走了"), actor: .system, now: Fixtures.start
            ).ticket
            let bystander = try await store.createTicket(
                try Fixtures.draft(subject: "Unrelated", email: "other@example.com", text: "phishing mail received"), actor: .system, now: Fixtures.start
            ).ticket
            _ = try await store.addMessage(try Fixtures.reply("冻结账户 0xfeedbeef00112233", by: .system, visibility: .internal), to: source.number, setStatus: nil, now: Fixtures.start)
            _ = try await store.addMessage(try Fixtures.reply("冻结账户 0xfeedbeef00112233", by: .system), to: source.number, setStatus: nil, now: Fixtures.start)
            _ = try await store.addMessage(try Fixtures.reply("截图已上传", by: .system), to: target.number, setStatus: nil, now: Fixtures.start)
            func numbers(_ text: String, statuses: [TicketStatus] = []) async throws -> [Int64] {
                let expression = try Self.allTerms(text)
                return try await store.searchTickets(TicketSearch(expression: expression, statuses: statuses)).items.map(\.number.rawValue)
            }
            #expect(try await numbers("冒充客服") == [source.number.rawValue])
            _ = try await store.merge(source.number, into: target.number, actor: .system, now: Fixtures.start.addingTimeInterval(5))

            // The moved messages (first message, public reply, internal note) now find the target, and only it.
            #expect(try await numbers("冒充客服") == [target.number.rawValue])
            #expect(try await numbers("冻结") == [target.number.rawValue])
            #expect(try await numbers("0xfeedbeef00112233") == [target.number.rawValue])
            #expect(try await numbers("phishing") == [bystander.number.rawValue, target.number.rawValue])
            #expect(try await numbers("截图") == [target.number.rawValue])
            // The source ticket still exists (closed, merged into the target): its own row keeps its number and subject.
            let found = try await store.searchTickets(TicketSearch(expression: try #require(Self.segmenter.query("助记词泄露", mode: .allTerms))))
            #expect(found.items.map(\.number) == [source.number])
            #expect(found.items.first?.mergedInto == target.number)
            #expect(try await numbers("助记词泄露", statuses: [.closed]) == [source.number.rawValue])
            #expect(try await numbers("助记词泄露", statuses: [.new, .open]).isEmpty)
            // The merge notes are indexed like any message: the source's number also finds the target that took it in.
            #expect(Set(try await numbers(String(source.number.rawValue))) == [source.number.rawValue, target.number.rawValue])
            // The target's own fields are untouched.
            #expect(try await numbers("资产被盗") == [target.number.rawValue])
        }
    }

    @Test("a rebuild writes every ticket's and article's index rows again, once each, in bounded transactions", arguments: TestDatabases.kinds)
    func rebuildIndexes(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            try await Self.seed(store)
            var tickets: [Ticket] = []
            for index in 0..<5 {
                tickets.append(try await store.createTicket(
                    try Fixtures.draft(subject: "Frozen wallet \(index)", email: "rebuild\(index)@example.com", text: "请帮我解冻 account \(index)"),
                    actor: .system, now: Fixtures.start
                ).ticket)
            }
            _ = try await store.addMessage(try Fixtures.reply("安全团队已核实身份", by: .system, visibility: .internal), to: tickets[1].number, setStatus: nil, now: Fixtures.start)
            _ = try await store.merge(tickets[3].number, into: tickets[4].number, actor: .system, now: Fixtures.start)
            func numbers(_ text: String) async throws -> [Int64] {
                let expression = try Self.allTerms(text)
                return try await store.searchTickets(TicketSearch(expression: expression)).items.map(\.number.rawValue)
            }
            func indexRows() async throws -> Int {
                try await store.database.read { sql in
                    try await sql.raw("SELECT COUNT(*) AS n FROM ticket_search").first()?.decode(column: "n", as: Int.self) ?? -1
                }
            }
            let queries = ["frozen", "rebuild2@example.com", "解冻", "核实身份", "account 3", String(tickets[0].number.rawValue)]
            var before: [String: [Int64]] = [:]
            for query in queries { before[query] = try await numbers(query) }
            #expect(before["解冻"]?.count == 4)
            #expect(before["account 3"] == [tickets[4].number.rawValue])
            let rowsBefore = try await indexRows()
            #expect(rowsBefore == 5 + 5 + 1 + 2)  // own rows, first messages, the note, the two merge notes

            // A rebuild over an intact index changes nothing a search sees and leaves no row twice.
            let rebuilt = try await store.rebuildTicketSearchIndex(batchSize: 2) { _ in }
            #expect(rebuilt == SearchIndexRebuild(tickets: 5, messages: 8, transactions: 3))
            #expect(try await indexRows() == rowsBefore)
            for query in queries {
                let after = try await numbers(query)
                // PostgreSQL gives message rows their ids back, so even the order is kept; SQLite renumbers them.
                if kind == .postgres { #expect(after == before[query], "\(query)") } else { #expect(Set(after) == Set(before[query] ?? []), "\(query)") }
            }

            // An index that lost its rows (or predates the tickets) finds them again after a rebuild: subjects, requester
            // emails, message words, internal notes, moved messages under the ticket they moved to.
            try await store.database.write { sql in
                if kind == .sqlite {
                    try await sql.raw("INSERT INTO ticket_search (ticket_search) VALUES ('delete-all')").run()
                    try await sql.raw("INSERT INTO kb_search (kb_search) VALUES ('delete-all')").run()
                } else {
                    try await sql.raw("DELETE FROM ticket_search").run()
                    try await sql.raw("UPDATE kb_translations SET search = ''::tsvector").run()
                }
            }
            #expect(try await numbers("frozen").isEmpty)
            #expect(try await Self.search(store, "提现").isEmpty)
            let again = try await store.rebuildTicketSearchIndex(batchSize: 4) { _ in }
            #expect(again.transactions == 2)
            #expect(try await indexRows() == rowsBefore)
            for query in queries { #expect(Set(try await numbers(query)) == Set(before[query] ?? []), "\(query)") }
            #expect(try await store.rebuildArticleSearchIndex(batchSize: 2) == 7)
            #expect(Set(try await Self.search(store, "提现", language: .zhCN).map(\.article.slug.rawValue)) == ["withdrawal-failed", "fees"])
            #expect(try await Self.search(store, "authenticator", language: .en).map(\.article.slug.rawValue) == ["enable-2fa"])
        }
    }

    @Test("the segmenter version of the indexes: recorded on a new store, stale on an old one until a rebuild is recorded", arguments: TestDatabases.kinds)
    func indexVersion(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            #expect(try await store.searchIndexVersion() == .current)
            #expect(try await store.setting("search_index_version") == String(TextSegmenter.indexVersion))
            _ = try await store.createTicket(try Fixtures.draft(), actor: .system, now: Fixtures.start)
            try await store.setSetting("search_index_version", "1")
            #expect(try await store.searchIndexVersion() == .stale(written: 1))
            try await store.recordSearchIndexRebuilt()
            #expect(try await store.searchIndexVersion() == .current)
        }
        // Tickets indexed before versions were recorded: the index is from segmenter 1.
        try await TestDatabases.withStore(kind) { store in
            _ = try await store.createTicket(try Fixtures.draft(), actor: .system, now: Fixtures.start)
            #expect(try await store.searchIndexVersion() == .stale(written: 1))
            #expect(try await store.setting("search_index_version") == nil)
        }
    }

    @Test("on PostgreSQL the ticket search index moves its pending entries in small steps (gin_pending_list_limit 256 kB)")
    func ticketSearchPendingListIsSmall() async throws {
        guard TestDatabases.kinds.contains(.postgres) else { return }
        try await TestDatabases.withStore(.postgres) { store in
            let options = try await store.database.read { sql in
                try await sql.raw("SELECT array_to_string(reloptions, ',') AS options FROM pg_class WHERE relname = 'ticket_search_tokens'").all()
                    .map { try $0.decode(column: "options", as: String?.self) }
            }
            #expect(options == ["gin_pending_list_limit=256"])
        }
    }
}
