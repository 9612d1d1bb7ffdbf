import Testing
@testable import DeskCore

@Suite("Address validation")
struct AddressValidatorTests {
    /// EIP-55 specification examples (eips.ethereum.org/EIPS/eip-55).
    static let eip55 = [
        "0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ]

    @Test func eip55Examples() {
        for address in Self.eip55 { #expect(AddressValidator.isValidEthereum(address), "\(address)") }
        #expect(AddressValidator.checksummedEthereum("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed") == "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
        // One letter's case flipped breaks the checksum.
        #expect(!AddressValidator.isValidEthereum("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"))
        #expect(!AddressValidator.isValidEthereum("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe"))
    }

    /// BIP350 valid segwit addresses (bip-0350.mediawiki, "Test vectors for v0-v16").
    static let segwitValid = [
        "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
        "BC1SW50QGDZ25J",
        "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
        "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
        "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
    ]

    /// BIP350 invalid segwit addresses, plus BIP173 ones still invalid under BIP350.
    static let segwitInvalid = [
        "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
        "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf",
        "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
        "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47",
        "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",
        "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",
        "bc1pw5dgrnzv",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",
        "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",
        "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",
        "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j",
        "bc1gmk9yu",
        "tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
        "bc1rw5uspcuh",
        "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90",
        "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du",
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv",
    ]

    @Test func segwitVectors() {
        for address in Self.segwitValid { #expect(Bech32.decodeSegwit(address) != nil, "\(address)") }
        for address in Self.segwitInvalid { #expect(Bech32.decodeSegwit(address) == nil, "\(address)") }
        let decoded = Bech32.decodeSegwit("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4")
        #expect(decoded?.witnessVersion == 0)
        #expect(decoded?.program.hexString == "751e76e8199196d454941c45d1b3a323f1433bd6")
    }

    /// Bech32m string vectors (BIP350 "Test vectors for Bech32m").
    @Test func bech32mStrings() {
        for text in ["A1LQFN3A", "a1lqfn3a", "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
                     "split1checkupstagehandshakeupstreamerranterredcaperredlc445v", "?1v759aa"] {
            #expect(Bech32.decode(text)?.variant == .bech32m, "\(text)")
        }
        for text in ["qyrz8wqd2c9m", "1qyrz8wqd2c9m", "y1b0jsk6g", "lt1igcx5c0", "in1muywd", "mm1crxm3i", "au1s5cgom", "M1VUXWEZ", "16plkw9", "1p2gdwpf"] {
            #expect(Bech32.decode(text) == nil, "\(text)")
        }
    }

    /// Bitcoin Core src/test/data/key_io_valid.json (addresses) and key_io_invalid.json style typos.
    @Test func base58Addresses() {
        #expect(AddressValidator.base58Address("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo")?.chain == .bitcoin)
        #expect(AddressValidator.base58Address("36j4NfKv6Akva9amjWrLG6MuSQym1GuEmm")?.chain == .bitcoin)
        #expect(AddressValidator.base58Address("mzK2FFDEhxqHcmrJw1ysqFkVyhUULo45hZ")?.chain == .bitcoinTestnet)
        #expect(AddressValidator.base58Address("2NC2hEhe28ULKAJkW5MjZ3jtTMJdvXmByvK")?.chain == .bitcoinTestnet)
        #expect(AddressValidator.base58Address("1FjL87pn8ky6Vbavd1ZHeChRXtoxwRGCRd")?.chain == .bitcoin)
        #expect(AddressValidator.base58Address("3BZECeAH8gSKkjrTx8PwMrNQBLG18yHpvf")?.chain == .bitcoin)
        #expect(AddressValidator.base58Address("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mp") == nil)
        // A WIF key is Base58Check too, but not an address.
        #expect(AddressValidator.base58Address("5JuW2AMDYu4xVwRG9DZW18VbzQrGcd5RCgb99sS6ehJsNQXu5b9") == nil)
    }

    @Test func tronAndSolana() {
        // The USDT TRC-20 contract address and the Solana system program / USDC mint.
        #expect(AddressValidator.base58Address("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")?.chain == .tron)
        #expect(AddressValidator.isValidSolana("EPjFWdd5AufqSSqeM2qRVsWtMDnVGekFCiMjtXfDhyt1v") == false) // 45 chars: too long
        #expect(AddressValidator.isValidSolana("EPjFWdd5AufqSSqeM2qRVsWtMDnVGekFCiMjtXfDhyt1"))
    }
}
