/// Names the chain of a bare 64-hex transaction id from the block-explorer link it sits in.
///
/// Bitcoin, Litecoin and TRON write transaction ids the same way, so `4a5e…33b` alone could be any of them. Customers
/// often paste the explorer page instead (`https://tronscan.org/#/transaction/4a5e…`), and the link says which chain
/// it is. Only the link directly in front of the id counts (the same run of non-space characters), and only explorers
/// that show one chain, or a multi-chain explorer whose path names the chain (`blockchair.com/litecoin/…`,
/// `oklink.com/trx/…`). A path naming a chain WalletDesk does not know (`bitcoin-sv`, `dash`) leaves it unknown.
enum ExplorerContext {
    /// Explorers of one chain, by host (exactly, or with `www.`). A `/testnet` or `/signet` path on the Bitcoin ones
    /// means the test network.
    static let singleChainHosts: [(host: String, chain: Chain)] = [
        ("tronscan.org", .tron), ("tronscan.io", .tron),
        ("mempool.space", .bitcoin), ("blockstream.info", .bitcoin), ("btc.com", .bitcoin), ("btcscan.org", .bitcoin),
        ("litecoinspace.org", .litecoin), ("litecoinblockexplorer.net", .litecoin),
        ("dogechain.info", .dogecoin), ("xrpscan.com", .xrp), ("livenet.xrpl.org", .xrp), ("bithomp.com", .xrp),
        ("tonviewer.com", .ton), ("tonscan.org", .ton),
    ]

    /// Explorers of many chains (any subdomain, e.g. `live.blockcypher.com`), whose path has a segment naming the chain.
    static let multiChainHosts = ["blockchair.com", "oklink.com", "blockcypher.com", "blockchain.com", "tokenview.io", "tokenview.com"]

    /// Path segments of multi-chain explorers, and the chain each names.
    static let pathSegments: [String: Chain] = [
        "bitcoin": .bitcoin, "btc": .bitcoin,
        "bitcoin-testnet": .bitcoinTestnet, "btc-testnet": .bitcoinTestnet, "tbtc": .bitcoinTestnet, "test3": .bitcoinTestnet,
        "litecoin": .litecoin, "ltc": .litecoin,
        "tron": .tron, "trx": .tron,
        "dogecoin": .dogecoin, "doge": .dogecoin, "bitcoin-cash": .bitcoinCash, "bch": .bitcoinCash,
        "xrp": .xrp, "ripple": .xrp, "ton": .ton,
    ]

    /// Path segments naming a chain WalletDesk does not recognise: the link is for another chain, so no guess is made.
    static let otherChainSegments: Set<String> = [
        "bitcoin-sv", "bsv", "dash", "zcash", "zec", "ecash", "xec", "groestlcoin",
    ]

    /// The chain the explorer link ending at `end` (exclusive, a scalar offset into `scalars`) names, or nil.
    static func chain(before end: Int, in scalars: [UInt32]) -> Chain? {
        var start = end
        while start > 0, start > end - 300, !isBreak(scalars[start - 1]) { start -= 1 }
        guard start < end else { return nil }
        let link = String(decoding: scalars[start..<end].compactMap { $0 < 0x80 ? UInt8($0) : nil }, as: UTF8.self).lowercased()
        return chain(ofLink: link)
    }

    /// The chain a lower-cased link (scheme optional, up to where the id starts) names, or nil.
    static func chain(ofLink link: String) -> Chain? {
        var rest = Substring(link)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let host = rest[..<slash]
        let segments = rest[slash...].split(whereSeparator: { $0 == "/" || $0 == "#" || $0 == "?" || $0 == "=" || $0 == "&" }).map(String.init)
        let onTestNetwork = segments.contains { $0 == "testnet" || $0 == "testnet4" || $0 == "signet" }
        if multiChainHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) }) {
            if segments.contains(where: otherChainSegments.contains) { return nil }
            if let chain = segments.lazy.compactMap({ pathSegments[$0] }).first {
                return chain == .bitcoin && onTestNetwork ? .bitcoinTestnet : chain
            }
        }
        guard let chain = singleChainHosts.first(where: { host == $0.host || host == "www." + $0.host })?.chain else { return nil }
        return chain == .bitcoin && onTestNetwork ? .bitcoinTestnet : chain
    }

    /// White space, or punctuation that ends a link in prose (full-width and CJK marks, quotes, brackets).
    private static func isBreak(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27, 0x3C, 0x3E, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x60: true
        default: scalar >= 0x80
        }
    }
}
