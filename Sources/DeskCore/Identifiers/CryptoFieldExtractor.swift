/// Fills a ticket's empty crypto fields (chain, tx id, wallet address) from what the customer wrote.
///
/// Customers paste the transaction id, the address or the explorer link into their message far more often than into
/// form fields, and agents then copy them over by hand. This reads the subject and messages, after secrets were
/// removed (a private key is also 64 hex digits), and fills only what is empty; a field someone set is never replaced.
/// - **tx id**: the first valid transaction id, preferring one on the ticket's chain when that is known;
/// - **wallet address**: the first valid address, likewise; an address failing its checksum is left out (agents see
///   it in the message, and a field should hold only what checks out);
/// - **chain**: the chain of that tx id, else of that address, else the one network the text names (`TRC20`, `波场` →
///   `tron`; `ERC20`, `BEP20`, `以太坊` → `ethereum`, which covers every EVM chain as ``Chain/ethereum`` does; see
///   ``NetworkNames``). When the text names two ("sent ERC20 to a TRC20 address") the chain stays empty for the
///   agent to decide.
public struct CryptoFieldExtractor: Sendable {
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
            let chain = txid?.chain ?? address?.chain ?? NetworkNames.chain(in: texts)
            filled.chain = chain?.rawValue
        }
        return filled
    }
}
