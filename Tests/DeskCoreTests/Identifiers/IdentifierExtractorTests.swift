import Foundation
import Testing
@testable import DeskCore

@Suite("Identifier extraction")
struct IdentifierExtractorTests {
    let extractor = IdentifierExtractor()

    @Test func mixedSupportMessage() {
        let text = "提币到 bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 失败，交易哈希 4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b，"
            + "还有 ETH 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed 和 tx 0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b"
        let found = extractor.extract(from: text)
        #expect(found.map(\.kind) == [.address, .txid, .address, .txid])
        #expect(found.map(\.chain) == [.bitcoin, nil, .ethereum, .ethereum])
        #expect(found.allSatisfy { $0.valid })
        #expect(found[0].start == 4 && found[0].end == 46)
        #expect(found[0].value == "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")
    }

    @Test func invalidAddressesAreReportedInvalid() {
        let found = extractor.extract(from: "send to bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5 or 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")
        #expect(found.count == 2)
        #expect(found.allSatisfy { !$0.valid })
    }

    @Test func tronLitecoinSolana() {
        let text = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9 LVuDpNCSSj6pQ7t9Pv6d6sUkLKoqDEVUnJ EPjFWdd5AufqSSqeM2qRVsWtMDnVGekFCiMjtXfDhyt1"
        let found = extractor.extract(from: text)
        #expect(found.map(\.chain) == [.tron, .litecoin, .litecoin, .solana])
        #expect(found.allSatisfy { $0.valid })
    }

    @Test func ignoresGitHashesUUIDsAndXpubs() {
        let text = "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 id 3198bc9c-6672-5ab3-d995-4942343ae5b6 order 20240501123456789"
        #expect(extractor.extract(from: text).isEmpty)
    }

    @Test func theExplorerLinkInFrontOfABareHashNamesItsChain() {
        let hash = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
        let cases: [(String, Chain?)] = [
            ("https://tronscan.org/#/transaction/\(hash)", .tron),
            ("链接：tronscan.io/#/transaction/\(hash)。", .tron),
            ("https://mempool.space/tx/\(hash)", .bitcoin),
            ("https://mempool.space/testnet/tx/\(hash)", .bitcoinTestnet),
            ("https://www.blockchain.com/explorer/transactions/btc/\(hash)", .bitcoin),
            ("https://blockchair.com/litecoin/transaction/\(hash)", .litecoin),
            ("https://www.oklink.com/zh-hans/trx/tx/\(hash)", .tron),
            ("https://live.blockcypher.com/ltc/tx/\(hash)/", .litecoin),
            // Another chain's page, an unknown site, a look-alike host, a link not touching the hash, no link.
            ("https://blockchair.com/bitcoin-cash/transaction/\(hash)", .bitcoinCash),
            ("https://blockchair.com/bitcoin-sv/transaction/\(hash)", nil),
            ("https://example.com/tx/\(hash)", nil),
            ("https://tronscan.org.evil.example/#/transaction/\(hash)", nil),
            ("https://tronscan.org/ \(hash)", nil),
            ("hash \(hash)", nil),
        ]
        for (text, chain) in cases {
            let found = extractor.extract(from: text)
            #expect(found.count == 1 && found.first?.kind == .txid, "\(text)")
            #expect(found.first?.chain == chain, "\(text)")
        }
    }

    @Test func aChainNamedNearABareHashNamesItsChain() {
        let hash = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
        let cases: [(String, Chain?)] = [
            ("我昨天从交易所提 USDT，TRC20 网络，交易哈希：\(hash) 还没到账", .tron),
            ("USDT-TRC20 hash \(hash)", .tron),
            ("BTC txid: \(hash)", .bitcoin),
            ("比特币转账一直未确认 \(hash)", .bitcoin),
            ("莱特币提币哈希\(hash)", .litecoin),
            ("\(hash) is my LTC withdrawal", .litecoin),
            // Two chains named, or the name belongs to the next clause, another line, or a longer word.
            ("我用 ERC20 转到了 TRC20 地址，hash \(hash)", nil),
            ("哈希 \(hash)，还有 ETH 地址", nil),
            ("TRC20\n\n哈希 \(hash)", nil),
            ("electron txid \(hash)", nil),
            ("This is about TRON: a deposit I made a long time ago that never arrived, and here is the hash \(hash)", nil),
        ]
        for (text, chain) in cases {
            let found = extractor.extract(from: text)
            #expect(found.count == 1 && found.first?.kind == .txid, "\(text)")
            #expect(found.first?.chain == chain, "\(text)")
        }
    }

    /// Public addresses checked with independent code: XRP's genesis account and ACCOUNT_ZERO, Dogecoin P2PKH,
    /// Bitcoin Cash's CashAddr specification example, the TON Foundation's wallet (bounceable, non-bounceable, raw).
    @Test func dogecoinXRPBitcoinCashAndTON() {
        let cases: [(String, Chain)] = [
            ("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", .xrp), ("rrrrrrrrrrrrrrrrrrrrrhoLvTp", .xrp),
            ("DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L", .dogecoin), ("DBXu2kgc3xtvCUWFcxFE3r9hEYgmuaaCyD", .dogecoin),
            ("qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", .bitcoinCash), ("qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuy", .bitcoinCash),
            ("EQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p4q2", .ton), ("UQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p9dz", .ton),
            ("0:ed1691307050047117b998b561d8de82d31fbf84910ced6eb5fc92e7485ef8a7", .ton),
        ]
        for (address, chain) in cases {
            let found = extractor.extract(from: "充值地址：\(address)，请查一下")
            #expect(found.count == 1, "\(address)")
            #expect(found.first?.kind == .address && found.first?.chain == chain && found.first?.valid == true, "\(address)")
            #expect(found.first?.value == address && found.first?.start == 5 && found.first?.end == 5 + address.count, "\(address)")
        }
        // With the CashAddr prefix: the address is the part after it.
        #expect(extractor.extract(from: "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a").first?.value == "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a")
        // One character changed: no longer an address (a wrong CRC or checksum), so nothing is reported.
        for broken in ["UQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p9pz", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTj", "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6b"] {
            #expect(!extractor.extract(from: broken).contains { $0.chain == .ton || $0.chain == .xrp || $0.chain == .bitcoinCash }, "\(broken)")
        }
        // A raw TON account is an address, never a private key.
        #expect(SecretScanner().findings(in: "TON 0:ed1691307050047117b998b561d8de82d31fbf84910ced6eb5fc92e7485ef8a7").isEmpty)
        #expect(ExplorerLinks.default.url(for: IdentifierFinding(kind: .address, chain: .ton, value: "EQx", valid: true, start: 0, end: 3)) == "https://tonviewer.com/EQx")
        #expect(Chain(name: "DOGE") == .dogecoin && Chain(name: "Ripple") == .xrp && Chain(name: "BCH") == .bitcoinCash && Chain(name: "toncoin") == .ton)
    }

    @Test func fullWidthCharactersAreReadAsASCII() {
        // Typed with a Chinese input method in full-width mode; offsets count the text as written.
        let text = "地址：ＴＱｎ９Ｙ２ｋｈＥｓＬＪＷ１ＣｈＶＷＦＭＳＭｅＲＤｏｗ５ＫｃｂＬＳＥ"
        let found = extractor.extract(from: text)
        #expect(found.count == 1)
        #expect(found.first?.chain == .tron && found.first?.valid == true)
        #expect(found.first?.value == "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE")
        #expect(found.first?.start == 3 && found.first?.end == text.unicodeScalars.count)
    }

    @Test func explorerLinks() {
        let links = ExplorerLinks.default
        let tx = IdentifierFinding(kind: .txid, chain: .ethereum, value: "0xabc", valid: true, start: 0, end: 5)
        #expect(links.url(for: tx) == "https://etherscan.io/tx/0xabc")
        let ambiguous = IdentifierFinding(kind: .txid, chain: nil, value: "ab", valid: true, start: 0, end: 2)
        #expect(links.url(for: ambiguous) == nil)
        let custom = ExplorerLinks(templates: [.bitcoin: .init(tx: "https://x/t/{value}", address: "https://x/a/{value}")])
        let address = IdentifierFinding(kind: .address, chain: .bitcoin, value: "1abc", valid: true, start: 0, end: 4)
        #expect(custom.url(for: address) == "https://x/a/1abc")
    }

    @Test func jsonShape() throws {
        let finding = IdentifierFinding(kind: .txid, chain: nil, value: "ab", valid: true, start: 1, end: 3)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode([finding]), as: UTF8.self)
        #expect(json == #"[{"chain":null,"end":3,"kind":"txid","start":1,"valid":true,"value":"ab"}]"#)
    }
}
