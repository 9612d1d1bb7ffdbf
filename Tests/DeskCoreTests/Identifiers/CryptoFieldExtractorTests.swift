import Testing
@testable import DeskCore

@Suite("Crypto fields from the customer's words")
struct CryptoFieldExtractorTests {
    let extractor = CryptoFieldExtractor()
    static let hash = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
    static let tron = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
    static let ethereum = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    static let ethereumTx = "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b"

    @Test func explorerLinkAndAddressFillEveryEmptyField() {
        let text = "提现没到账，链接 https://tronscan.org/#/transaction/\(Self.hash)，收款地址\(Self.tron)。"
        let filled = extractor.fill(CryptoDetails(asset: "USDT"), from: ["提现失败", text])
        #expect(filled == CryptoDetails(chain: "tron", asset: "USDT", txId: Self.hash, walletAddress: Self.tron))
    }

    @Test func aBareHashTakesTheAddressChainThenTheNamedNetwork() {
        #expect(extractor.fill(CryptoDetails(), from: ["hash \(Self.hash) to \(Self.tron)"]).chain == "tron")
        let named = extractor.fill(CryptoDetails(), from: ["USDT-TRC20 提现，哈希 \(Self.hash)"])
        #expect(named.chain == "tron" && named.txId == Self.hash)
        #expect(extractor.fill(CryptoDetails(), from: ["哈希 \(Self.hash)"]).chain == nil)
    }

    @Test func fieldsSomeoneSetAreNeverReplaced() {
        let given = CryptoDetails(chain: "ethereum", txId: Self.ethereumTx, walletAddress: Self.ethereum)
        #expect(extractor.fill(given, from: ["\(Self.tron) https://tronscan.org/#/transaction/\(Self.hash)"]) == given)
        let partly = extractor.fill(CryptoDetails(chain: "bsc"), from: ["tx \(Self.ethereumTx)"])
        #expect(partly.chain == "bsc" && partly.txId == Self.ethereumTx)
    }

    @Test func anIdentifierOnTheTicketsChainIsPreferred() {
        let text = "from \(Self.ethereum) to \(Self.tron)"
        #expect(extractor.fill(CryptoDetails(chain: "tron"), from: [text]).walletAddress == Self.tron)
        #expect(extractor.fill(CryptoDetails(), from: [text]).walletAddress == Self.ethereum)
    }

    @Test func invalidAddressesAndTwoNetworksFillNothing() {
        // The last character of a Bech32 address changed: its checksum fails.
        #expect(extractor.fill(CryptoDetails(), from: ["send to bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"]) == CryptoDetails())
        #expect(extractor.fill(CryptoDetails(), from: ["我把 ERC20 的 USDT 转到了 TRC20 地址"]).chain == nil)
        #expect(extractor.fill(CryptoDetails(), from: ["波场提现失败"]).chain == "tron")
        #expect(extractor.fill(CryptoDetails(), from: ["an electron microscope and a BEP20 token"]).chain == "ethereum")
        #expect(extractor.fill(CryptoDetails(), from: ["plain words, order 20240501123456789"]) == CryptoDetails())
    }

    @Test func redactedKeysLeaveNothingToFill() {
        let key = "e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35"
        let (clean, findings) = SecretGuard().clean("my private key: \(key)", language: .en)
        #expect(!findings.isEmpty)
        #expect(extractor.fill(CryptoDetails(), from: [clean]).txId == nil)
    }
}

@Suite("Explorer links")
struct ExplorerLinksTests {
    let links = ExplorerLinks.default

    @Test func linksFollowTheIdentifiersOwnChain() {
        let evm = links.links(for: CryptoDetails(chain: "tron", txId: CryptoFieldExtractorTests.ethereumTx, walletAddress: CryptoFieldExtractorTests.tron))
        #expect(evm.tx == "https://etherscan.io/tx/\(CryptoFieldExtractorTests.ethereumTx)")
        #expect(evm.address == "https://tronscan.org/#/address/\(CryptoFieldExtractorTests.tron)")
    }

    @Test func aBareHashNeedsTheTicketsChain() {
        let hash = CryptoFieldExtractorTests.hash
        #expect(links.links(for: CryptoDetails(chain: "litecoin", txId: hash)).tx == "https://blockchair.com/litecoin/transaction/\(hash)")
        #expect(links.links(for: CryptoDetails(chain: "TRC20", txId: hash)).tx == "https://tronscan.org/#/transaction/\(hash)")
        #expect(links.links(for: CryptoDetails(chain: "btc", txId: hash)).tx == "https://mempool.space/tx/\(hash)")
        #expect(links.links(for: CryptoDetails(txId: hash)).tx == nil)
        #expect(links.links(for: CryptoDetails(chain: "dogecoin", txId: hash)).tx == nil)
        #expect(links.links(for: CryptoDetails(chain: "solana", txId: hash)).tx == nil)
    }

    @Test func onlyWholeValidIdentifiersGetLinks() {
        #expect(links.links(for: CryptoDetails(walletAddress: "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5")).address == nil)
        #expect(links.links(for: CryptoDetails(txId: "see \(CryptoFieldExtractorTests.ethereumTx)")).tx == nil)
        let short = links.links(for: CryptoDetails(chain: "bitcoin", txId: "abc"))
        #expect(short.tx == nil && short.address == nil)
    }

    @Test func templatesAreChecked() throws {
        var custom = ExplorerLinks.default
        try custom.set(.tron, .init(tx: "https://explorer.example/tx/{value}", address: "https://explorer.example/a?q={value}"))
        let found = custom.links(for: CryptoDetails(chain: "tron", txId: CryptoFieldExtractorTests.hash, walletAddress: CryptoFieldExtractorTests.tron))
        #expect(found.tx == "https://explorer.example/tx/\(CryptoFieldExtractorTests.hash)")
        #expect(found.address == "https://explorer.example/a?q=\(CryptoFieldExtractorTests.tron)")
        for bad in ["javascript:alert({value})", "https://{value}.example/", "https://example.com/tx/", "ftp://example.com/{value}"] {
            #expect(throws: ExplorerLinks.TemplateError.invalidTemplate(bad)) {
                try custom.set(.bitcoin, .init(tx: bad, address: "https://example.com/a/{value}"))
            }
        }
    }
}
