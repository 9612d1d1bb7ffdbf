/// A blockchain whose identifiers WalletDesk recognises.
public enum Chain: String, Codable, Sendable, CaseIterable {
    case bitcoin
    case bitcoinTestnet = "bitcoin_testnet"
    /// Ethereum and every EVM chain (BNB Smart Chain, Polygon, Arbitrum …): they share the
    /// address and transaction hash formats, so text alone cannot tell them apart.
    case ethereum
    case tron
    case solana
    case litecoin
    case dogecoin
    case xrp
    case ton
    case bitcoinCash = "bitcoin_cash"
}

extension Chain {
    /// The chain a person's name for it means: the canonical name, or a common short one (`eth`, `btc`, `trx`,
    /// `sol`, `ltc`) or token standard (`erc20`, `bep20`, `trc20`), any case. Other EVM chains (`bsc`, `polygon`) are
    /// ``ethereum`` too, as their identifiers are the same.
    public init?(name: String) {
        let key = name.lowercased().filter { $0 != "-" && $0 != " " && $0 != "_" }
        switch key {
        case "bitcoin", "btc": self = .bitcoin
        case "bitcointestnet", "tbtc": self = .bitcoinTestnet
        case "ethereum", "eth", "erc20", "evm", "bsc", "bnbsmartchain", "bep20", "polygon", "matic", "arbitrum", "optimism", "base":
            self = .ethereum
        case "tron", "trx", "trc20": self = .tron
        case "solana", "sol", "spl": self = .solana
        case "litecoin", "ltc": self = .litecoin
        case "dogecoin", "doge": self = .dogecoin
        case "xrp", "ripple", "xrpl": self = .xrp
        case "ton", "toncoin": self = .ton
        case "bitcoincash", "bch": self = .bitcoinCash
        default: return nil
        }
    }
}

/// Whether an identifier names a transaction or an address.
public enum IdentifierKind: String, Codable, Sendable {
    case txid
    case address
}

/// A transaction id or address found in text.
public struct IdentifierFinding: Codable, Sendable, Equatable {
    /// Transaction or address.
    public var kind: IdentifierKind
    /// The chain, or nil when the format is shared (a bare 64-hex txid is Bitcoin, Litecoin or TRON).
    public var chain: Chain?
    /// The identifier exactly as written.
    public var value: String
    /// True when every check the format allows passed (checksum, length, version, EIP-55 case).
    public var valid: Bool
    /// Offset of the first Unicode scalar.
    public var start: Int
    /// Offset one past the last Unicode scalar.
    public var end: Int

    /// Creates a finding.
    public init(kind: IdentifierKind, chain: Chain?, value: String, valid: Bool, start: Int, end: Int) {
        self.kind = kind
        self.chain = chain
        self.value = value
        self.valid = valid
        self.start = start
        self.end = end
    }

    private enum CodingKeys: String, CodingKey {
        case kind, chain, value, valid, start, end
    }

    /// Encodes every key, `chain` as `null` when unknown, so API and CLI output has one shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(chain, forKey: .chain)
        try container.encode(value, forKey: .value)
        try container.encode(valid, forKey: .valid)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
    }
}
