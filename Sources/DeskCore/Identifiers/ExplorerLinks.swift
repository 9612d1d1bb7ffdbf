/// Block-explorer links for transaction ids and addresses: one template pair per chain, configurable.
public struct ExplorerLinks: Sendable, Equatable {
    /// The URL templates of one chain; `{value}` is replaced by the identifier.
    public struct Templates: Sendable, Equatable {
        public var tx: String
        public var address: String

        public init(tx: String, address: String) {
            self.tx = tx
            self.address = address
        }
    }

    /// Why a template was refused.
    public enum TemplateError: Error, Equatable {
        /// Not an http(s) URL with `{value}` after the host.
        case invalidTemplate(String)
    }

    /// Templates per chain; a chain without templates gets no links.
    public private(set) var templates: [Chain: Templates]

    /// Creates links from templates, e.g. `[.bitcoin: Templates(tx: "https://…/tx/{value}", address: "…")]`.
    public init(templates: [Chain: Templates]) {
        self.templates = templates
    }

    /// Public explorers: mempool.space, etherscan.io, tronscan.org, solscan.io, blockchair (Litecoin, Dogecoin, Bitcoin
    /// Cash), xrpscan.com, tonviewer.com.
    public static let `default` = ExplorerLinks(templates: [
        .bitcoin: Templates(tx: "https://mempool.space/tx/{value}", address: "https://mempool.space/address/{value}"),
        .bitcoinTestnet: Templates(tx: "https://mempool.space/testnet/tx/{value}", address: "https://mempool.space/testnet/address/{value}"),
        .ethereum: Templates(tx: "https://etherscan.io/tx/{value}", address: "https://etherscan.io/address/{value}"),
        .tron: Templates(tx: "https://tronscan.org/#/transaction/{value}", address: "https://tronscan.org/#/address/{value}"),
        .solana: Templates(tx: "https://solscan.io/tx/{value}", address: "https://solscan.io/account/{value}"),
        .litecoin: Templates(tx: "https://blockchair.com/litecoin/transaction/{value}", address: "https://blockchair.com/litecoin/address/{value}"),
        .dogecoin: Templates(tx: "https://blockchair.com/dogecoin/transaction/{value}", address: "https://blockchair.com/dogecoin/address/{value}"),
        .bitcoinCash: Templates(
            tx: "https://blockchair.com/bitcoin-cash/transaction/{value}", address: "https://blockchair.com/bitcoin-cash/address/{value}"
        ),
        .xrp: Templates(tx: "https://xrpscan.com/tx/{value}", address: "https://xrpscan.com/account/{value}"),
        .ton: Templates(tx: "https://tonviewer.com/transaction/{value}", address: "https://tonviewer.com/{value}"),
    ])

    /// Replaces one chain's templates (a workspace on its own explorer, or one in its language).
    public mutating func set(_ chain: Chain, _ new: Templates) throws(TemplateError) {
        for template in [new.tx, new.address] where !Self.isUsable(template) { throw .invalidTemplate(template) }
        templates[chain] = new
    }

    /// An http(s) URL with a host and `{value}` somewhere after it.
    static func isUsable(_ template: String) -> Bool {
        let lower = template.lowercased()
        guard let scheme = ["https://", "http://"].first(where: lower.hasPrefix) else { return false }
        let rest = lower.dropFirst(scheme.count)
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }), slash > rest.startIndex else { return false }
        return rest[slash...].contains("{value}") && !rest.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" })
    }

    /// The explorer URL for a valid identifier whose chain is known; nil otherwise.
    public func url(for finding: IdentifierFinding) -> String? {
        guard finding.valid, let chain = finding.chain, let template = templates[chain] else { return nil }
        return (finding.kind == .txid ? template.tx : template.address).replacingOccurrences(of: "{value}", with: finding.value)
    }

    /// Links for a ticket's tx id and wallet address. Each must be one whole, valid identifier of its kind. Its own
    /// format names the chain when it can (`0x…` is Ethereum, `T…` TRON); a bare 64-hex tx id takes the ticket's chain
    /// (as people name it: `trx`, `TRC20`, see ``Chain/init(name:)``) when that is one whose ids look so (Bitcoin,
    /// Litecoin, TRON).
    public func links(for details: CryptoDetails) -> (tx: String?, address: String?) {
        let stated = details.chain.flatMap(Chain.init(name:))
        func link(_ value: String?, _ kind: IdentifierKind) -> String? {
            guard let value, value.unicodeScalars.count <= 90 else { return nil }
            let found = IdentifierExtractor().extract(from: value)
            guard found.count == 1, var finding = found.first, finding.kind == kind, finding.start == 0,
                  finding.end == value.unicodeScalars.count else { return nil }
            if finding.chain == nil, let stated, [.bitcoin, .bitcoinTestnet, .litecoin, .tron].contains(stated) { finding.chain = stated }
            return url(for: finding)
        }
        return (link(details.txId, .txid), link(details.walletAddress, .address))
    }
}
