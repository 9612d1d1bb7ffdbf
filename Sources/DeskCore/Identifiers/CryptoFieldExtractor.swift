/// Fills a ticket's empty crypto fields (chain, tx id, wallet address) from what the customer wrote.
///
/// Customers paste the transaction id, the address or the explorer link into their message far more often than into
/// form fields, and agents then copy them over by hand. This reads the subject and messages, after secrets were
/// removed (a private key is also 64 hex digits), and fills only what is empty; a field someone set is never replaced.
/// - **tx id**: the first valid transaction id, preferring one on the ticket's chain when that is known;
/// - **wallet address**: the first valid address, likewise; an address failing its checksum is left out (agents see
///   it in the message, and a field should hold only what checks out);
/// - **chain**: the chain of that tx id, else of that address, else the one network the text names (`TRC20`, `波场` →
///   `tron`; `ERC20`, `BEP20`, `以太坊` → `ethereum`, which covers every EVM chain as ``Chain/ethereum`` does). When
///   the text names two networks ("sent ERC20 to a TRC20 address") the chain stays empty for the agent to decide.
public struct CryptoFieldExtractor: Sendable {
    /// Network names that say which chain a customer means (lower case). ASCII names must stand as words.
    static let networkNames: [(name: String, chain: Chain)] = [
        ("trc20", .tron), ("trc-20", .tron), ("波场", .tron), ("波場", .tron), ("tron", .tron),
        ("erc20", .ethereum), ("erc-20", .ethereum), ("bep20", .ethereum), ("bep-20", .ethereum), ("以太坊", .ethereum),
        ("ethereum", .ethereum), ("币安智能链", .ethereum), ("幣安智能鏈", .ethereum),
        ("solana", .solana), ("索拉纳", .solana), ("索拉納", .solana),
    ]

    private let extractor = IdentifierExtractor()

    /// Creates an extractor.
    public init() {}

    /// `details` with its empty chain, tx id and wallet address filled from `texts` where they say so.
    public func fill(_ details: CryptoDetails, from texts: [String]) -> CryptoDetails {
        guard details.chain == nil || details.txId == nil || details.walletAddress == nil else { return details }
        let findings = texts.flatMap { extractor.extract(from: $0) }.filter(\.valid)
        let knownChain = details.chain.flatMap(Chain.init(name:))
        func pick(_ kind: IdentifierKind) -> IdentifierFinding? {
            let candidates = findings.filter { $0.kind == kind }
            if let knownChain, let onChain = candidates.first(where: { $0.chain == knownChain }) { return onChain }
            return candidates.first
        }
        var filled = details
        let txid = pick(.txid)
        let address = pick(.address)
        if filled.txId == nil, let txid { filled.txId = txid.value }
        if filled.walletAddress == nil, let address { filled.walletAddress = address.value }
        if filled.chain == nil {
            let chain = txid?.chain ?? address?.chain ?? Self.namedNetwork(in: texts)
            filled.chain = chain?.rawValue
        }
        return filled
    }

    /// The one chain the texts name by network, or nil when they name none or several.
    static func namedNetwork(in texts: [String]) -> Chain? {
        var named: Chain?
        for text in texts {
            let scalars = Array(text.lowercased().unicodeScalars)
            for (name, chain) in networkNames where occurs(name, in: scalars) {
                if let earlier = named, earlier != chain { return nil }
                named = chain
            }
        }
        return named
    }

    /// True when `name` occurs in `scalars`; an ASCII name only as a word of its own (`USDT-TRC20`, not `electron`).
    private static func occurs(_ name: String, in scalars: [Unicode.Scalar]) -> Bool {
        let pattern = Array(name.unicodeScalars)
        guard let first = pattern.first, scalars.count >= pattern.count else { return false }
        let isASCIIName = first.isASCII
        func isWordScalar(_ index: Int) -> Bool {
            guard index >= 0, index < scalars.count else { return false }
            return ScalarClass.isASCIIAlnum(scalars[index].value)
        }
        for start in 0...(scalars.count - pattern.count) where scalars[start] == first {
            guard scalars[start..<(start + pattern.count)].elementsEqual(pattern) else { continue }
            if isASCIIName && (isWordScalar(start - 1) || isWordScalar(start + pattern.count)) { continue }
            return true
        }
        return false
    }
}
