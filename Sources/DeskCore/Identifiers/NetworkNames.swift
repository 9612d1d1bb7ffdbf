/// The chain a customer's words name: network and token standards (`TRC20`, `ERC20`), chain names in English and
/// Chinese (`波场`, `比特币`) and ticker symbols (`BTC`, `TRX`).
///
/// Used twice:
/// - for a ticket, the one chain its texts name decides its empty chain field (``CryptoFieldExtractor``);
/// - for a bare 64-hex transaction id, which Bitcoin, Litecoin and TRON write alike, the one chain named on the same
///   line close to it ("TRC20 提币，交易哈希：…", "BTC txid: …") is its chain. A line naming two chains ("从 ERC20
///   转到 TRC20 地址") names none: the agent decides.
///
/// ASCII names count only as words of their own (`USDT-TRC20` names TRON; `electron` does not). `USDT` and `USDC`
/// name no chain: they live on several.
enum NetworkNames {
    /// Network names: token standards and the chains' own names as networks. Lower case (matching folds ASCII case).
    static let networks: [(name: String, chain: Chain)] = [
        ("trc20", .tron), ("trc-20", .tron), ("波场", .tron), ("波場", .tron), ("tron", .tron),
        ("erc20", .ethereum), ("erc-20", .ethereum), ("bep20", .ethereum), ("bep-20", .ethereum), ("以太坊", .ethereum),
        ("ethereum", .ethereum), ("币安智能链", .ethereum), ("幣安智能鏈", .ethereum),
        ("solana", .solana), ("索拉纳", .solana), ("索拉納", .solana),
    ]

    /// Coin names and tickers. Next to a transaction id they say whose it is ("BTC txid"); across a whole ticket they
    /// are as often the asset bought or swapped ("把比特币换成 USDT，用 TRC20 提现"), so the ticket's chain is decided by
    /// ``networks`` alone.
    static let coins: [(name: String, chain: Chain)] = [
        ("bitcoin", .bitcoin), ("btc", .bitcoin), ("比特币", .bitcoin), ("比特幣", .bitcoin),
        ("litecoin", .litecoin), ("ltc", .litecoin), ("莱特币", .litecoin), ("萊特幣", .litecoin),
        ("trx", .tron), ("eth", .ethereum),
        ("dogecoin", .dogecoin), ("doge", .dogecoin), ("狗狗币", .dogecoin), ("狗狗幣", .dogecoin),
        ("xrp", .xrp), ("ripple", .xrp), ("瑞波币", .xrp), ("瑞波幣", .xrp), ("toncoin", .ton),
    ]

    /// How far from a transaction id, in Unicode scalars on its line, a name still speaks for it.
    static let before = 60
    static let after = 30

    /// Line breaks and the punctuation that ends a clause, ASCII and full width: `\n , . ; ! ? ， 。 ； ！ ？ 、`.
    static let clauseEnds: Set<UInt32> = [0x0A, 0x2C, 0x2E, 0x3B, 0x21, 0x3F, 0xFF0C, 0x3002, 0xFF1B, 0xFF01, 0xFF1F, 0x3001]

    /// The one chain `texts` name as a network (``networks``), or nil when they name none or several.
    static func chain(in texts: [String]) -> Chain? {
        var named: Chain?
        for text in texts {
            let scalars = text.unicodeScalars.map(\.value)
            for chain in chains(in: scalars, from: 0, to: scalars.count, names: networkPatterns) {
                if let earlier = named, earlier != chain { return nil }
                named = chain
            }
        }
        return named
    }

    /// The one chain named (``networks`` or ``coins``) near `start..<end` of `scalars`: on its line within ``before``
    /// scalars before it, or in its clause within ``after`` scalars after it; nil when none or several are named there.
    static func chain(near start: Int, _ end: Int, in scalars: [UInt32]) -> Chain? {
        var lower = start
        while lower > 0, start - lower < before, scalars[lower - 1] != 0x0A { lower -= 1 }
        // After the id, only to the end of its clause: "…，还有 ETH 0x…" is about what follows.
        var upper = end
        while upper < scalars.count, upper - end < after, !clauseEnds.contains(scalars[upper]) { upper += 1 }
        let found = chains(in: scalars, from: lower, to: upper, names: networkPatterns + coinPatterns)
        return found.count == 1 ? found.first : nil
    }

    private static func chains(in scalars: [UInt32], from lower: Int, to upper: Int, names: [(scalars: [UInt32], chain: Chain)]) -> Set<Chain> {
        var found = Set<Chain>()
        for (name, chain) in names where !found.contains(chain) && occurs(name, in: scalars, from: lower, to: upper) { found.insert(chain) }
        return found
    }

    private static let networkPatterns = networks.map { (scalars: Array($0.name.unicodeScalars.map(\.value)), chain: $0.chain) }
    private static let coinPatterns = coins.map { (scalars: Array($0.name.unicodeScalars.map(\.value)), chain: $0.chain) }

    /// True when `name` occurs in `scalars[lower..<upper]`, folding ASCII case; an ASCII name only as a word of its own.
    private static func occurs(_ name: [UInt32], in scalars: [UInt32], from lower: Int, to upper: Int) -> Bool {
        guard let first = name.first, upper - lower >= name.count else { return false }
        let isASCIIName = first < 0x80
        func folded(_ c: UInt32) -> UInt32 { c &- 0x41 < 26 ? c | 0x20 : c }
        func isWordScalar(_ index: Int) -> Bool {
            index >= 0 && index < scalars.count && ScalarClass.isASCIIAlnum(scalars[index])
        }
        for start in lower...(upper - name.count) where folded(scalars[start]) == first {
            var matches = true
            for offset in 1..<name.count where folded(scalars[start + offset]) != name[offset] {
                matches = false
                break
            }
            guard matches else { continue }
            if isASCIIName && (isWordScalar(start - 1) || isWordScalar(start + name.count)) { continue }
            return true
        }
        return false
    }
}
