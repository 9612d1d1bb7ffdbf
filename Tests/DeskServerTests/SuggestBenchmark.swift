import DeskCore
@testable import DeskServer
import DeskStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Suggestion endpoint latency over many articles (bench/search/run.sh). Skipped unless `WALLETDESK_BENCH_SUGGEST_ARTICLES`
/// names how many articles to create; prints a `bench:` line.
@Suite("Suggestion benchmark")
struct SuggestBenchmark {
    static let articles = Int(ProcessInfo.processInfo.environment["WALLETDESK_BENCH_SUGGEST_ARTICLES"] ?? "") ?? 0

    @Test("GET /api/v1/help/suggest p95", .enabled(if: articles > 0))
    func suggest() async throws {
        try await TestApp.withSession { session in
            let now = Date()
            let (categories, starter) = try StarterKnowledgeBase.content(now: now)
            for category in categories { try await session.store.saveCategory(category, now: now) }
            // Variations of the starter articles with extra generated words, so the vocabulary and postings are realistic.
            let extra = ["钱包", "矿工费", "合约", "节点", "staking", "airdrop", "bridge", "ledger", "nft", "质押", "跨链", "空投", "gas", "memo"]
            var state: UInt64 = 42
            func next() -> Int {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Int(state >> 33)
            }
            var translations = 0
            for index in 0..<Self.articles {
                var article = starter[index % starter.count]
                translations += article.translations.count
                article.id = UUID()
                article.slug = Slug(rawValue: "\(article.slug.rawValue.prefix(60))-\(index)")!
                article.translations = article.translations.map { translation in
                    var changed = translation
                    let words = (0..<6).map { _ in extra[next() % extra.count] + String(next() % 500) }.joined(separator: " ")
                    changed.title += " \(extra[next() % extra.count])"
                    changed.text += "\n" + words
                    return changed
                }
                _ = try await session.store.createArticle(article, actor: .system)
            }
            let queries = [
                "提现失败", "账户被锁", "how do I enable 2fa", "withdrawl fai", "帳戶被鎖定", "my transaction is pend", "手续费", "seed phrase",
                "冻结账户", "contact supp", "客服电话", "gas fee too high", "转账没到账", "stolen", "谷歌验证器",
            ]
            var times: [Duration] = []
            for round in 0..<600 {
                let query = queries[round % queries.count].addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let clock = ContinuousClock.now
                let response = try await session.client.execute(uri: "/api/v1/help/suggest?q=\(query)&lang=zh-CN", method: .get)
                let elapsed = ContinuousClock.now - clock
                #expect(response.status == .ok)
                if round >= 30 { times.append(elapsed) }
            }
            times.sort()
            print("bench: suggest over \(Self.articles) articles (\(translations) translations): p50=\(times[times.count / 2]) p95=\(times[Int(Double(times.count) * 0.95)]) max=\(times.last!)")
        }
    }
}
