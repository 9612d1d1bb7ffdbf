// Release-mode timing of the suggestion path's in-memory part (segment, synonyms, typo/prefix correction, BM25 over
// the index, one hit per article) over 5,000 articles in two languages. Built by bench/search/suggest-core.sh from
// DeskCore's Search sources with `swiftc -O`, because the test harness only builds debug code.
import Foundation

extension StringProtocol {
    func trimmingWhitespace() -> Substring {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}

@main
struct SuggestCore {
    static func main() throws {
        let directory = URL(fileURLWithPath: CommandLine.arguments[1])
        let count = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 5000 : 5000
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil).filter { $0.pathExtension == "md" }
        let texts = try files.map { try String(contentsOf: $0, encoding: .utf8) }
        let segmenter = TextSegmenter()
        let extra = ["钱包", "矿工费", "合约", "节点", "staking", "airdrop", "bridge", "ledger", "nft", "质押", "跨链", "空投", "gas", "memo"]
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var documents: [SuggestionIndex.Document] = []
        for index in 0..<(count * 2) {
            let text = texts[index % texts.count]
            let title = String(text.split(separator: "\n").first ?? "") + " " + extra[next() % extra.count]
            let body = text + "\n" + (0..<6).map { _ in extra[next() % extra.count] + String(next() % 500) }.joined(separator: " ")
            documents.append(SuggestionIndex.Document(
                key: "a\(index / 2)", category: "c", language: index % 2 == 0 ? "zh-CN" : "en", title: title,
                titleTokens: segmenter.indexTokens(title), bodyTokens: segmenter.indexTokens(body)))
        }
        let buildStart = ContinuousClock.now
        let index = SuggestionIndex(documents: documents)
        print("bench: suggestion index build over \(documents.count) documents: \(ContinuousClock.now - buildStart)")
        let synonyms = SynonymTable.standard
        let queries = [
            "提现失败", "账户被锁", "how do I enable 2fa", "withdrawl fai", "帳戶被鎖定", "my transaction is pend", "手续费", "seed phrase",
            "冻结账户", "contact supp", "客服电话", "gas fee too high", "转账没到账", "stolen", "谷歌验证器",
        ]
        var times: [Duration] = []
        var sink = 0
        for round in 0..<3000 {
            let text = queries[round % queries.count]
            let start = ContinuousClock.now
            if let parsed = segmenter.query(text, mode: .anyTerms, synonyms: synonyms) {
                let expression = index.corrected(parsed, completeLast: true)
                var seen = Set<String>()
                for hit in index.search(expression, limit: 20) where seen.insert(documents[hit.document].key).inserted { sink += 1 }
            }
            if round >= 100 { times.append(ContinuousClock.now - start) }
        }
        times.sort()
        print("bench: suggestion core (release) over \(documents.count) documents: p50=\(times[times.count / 2]) p95=\(times[times.count * 95 / 100]) max=\(times.last!) (\(sink))")
    }
}
