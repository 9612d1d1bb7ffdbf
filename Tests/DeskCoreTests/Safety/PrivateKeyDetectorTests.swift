import Testing
@testable import DeskCore

@Suite("Private keys")
struct PrivateKeyDetectorTests {
    let scanner = SecretScanner()
    let hex = "8f8943bf956de595665c38ffff23827e17c10cdc1c27a028caae6c9810626198"

    @Test func hexWithKeyContext() {
        let findings = scanner.scan("my private key is \(hex)").findings
        #expect(findings == [SecretFinding(kind: .privateKey, start: 18, end: 82, confidence: 0.9)])
        #expect(scanner.scan("私钥：0x\(hex)").findings.first?.confidence == 0.9)
    }

    @Test func hexWithTransactionContextIsAnIdentifier() {
        let texts = [
            "txid: \(hex)", "tx hash \(hex) still pending", "交易哈希：\(hex)", "交易ID \(hex)",
            "https://etherscan.io/tx/0x\(hex)", "https://mempool.space/tx/\(hex)", "哈希 \(hex)",
            "Transaction \(hex) confirmed",
        ]
        for text in texts { #expect(scanner.scan(text).findings.isEmpty, "\(text)") }
    }

    /// Found by the end-to-end secret test with a random phrase: BIP39 words like "deposit" and "transfer" inside a pasted
    /// phrase read as transaction context and let the key beside it through.
    @Test func phraseWordsAreNotContextForAKeyBesideThem() {
        let phrases = [
            "flag indoor escape deposit oven gaze toddler flame tornado collect elegant main",
            "anchor catalog title slide goddess asset clever school hire traffic control transfer",
        ]
        for phrase in phrases {
            let text = "\(phrase)\n\n\(hex)"
            let kinds = scanner.scan(text).findings.map(\.kind)
            #expect(kinds.contains(.privateKey), "\(text)")
        }
        // A transaction word outside the phrase still makes the hex an identifier.
        #expect(!scanner.scan("txid \(hex)").findings.contains { $0.kind == .privateKey })
    }

    @Test func bareHexIsAKeyWithLowConfidence() {
        #expect(scanner.scan(hex).findings.first?.confidence == 0.6)
    }

    @Test func knownTransactionHook() {
        var scanner = SecretScanner()
        let known = hex
        scanner.isKnownTransaction = { $0 == known }
        #expect(scanner.scan(hex).findings.isEmpty)
    }

    @Test func wifFromBitcoinCoreVectors() {
        // Bitcoin Core src/test/data/key_io_valid.json (isPrivkey: true).
        let keys = [
            "5JuW2AMDYu4xVwRG9DZW18VbzQrGcd5RCgb99sS6ehJsNQXu5b9", "L5nJeqKmpHp4P7F8ZYyjwc5a7P4d8EabuGAzfGJk7yC1BJyzNaEd",
            "92ZdE5HoLafywnTBbzPxbvRmp75pSfzvdU3XaZGh1cToipgdHVh", "cV83kKisF3RQSvXbUCm9ox3kaz5JjEUBWcx8tNydfGJcyeUxuH47",
            "5HsL2nZuEebU5nM3RxNVQD9GcAnvNMahqQskf4fkqHe54zwd14e", "KwuVvu6hsuEMHrfFWJQV64tRrWX3QzqHH18JuAHYqYV6dqBvNKxd",
        ]
        for key in keys {
            let findings = scanner.scan("here: \(key)").findings
            #expect(findings == [SecretFinding(kind: .privateKey, start: 6, end: 6 + key.count, confidence: 0.99)], "\(key)")
        }
        // One character changed: the checksum fails, nothing is claimed.
        #expect(scanner.scan("5JuW2AMDYu4xVwRG9DZW18VbzQrGcd5RCgb99sS6ehJsNQXu5b8").findings.isEmpty)
    }

    @Test func extendedKeys() {
        // BIP32 test vector 1, chain m.
        let xprv = "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"
        let xpub = "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8"
        #expect(scanner.scan("my key \(xprv)").findings.first?.kind == .xprv)
        #expect(scanner.scan("my key \(xprv)").findings.first?.confidence == 0.99)
        #expect(scanner.scan("watch-only \(xpub)").findings.isEmpty)
    }

    @Test func keystoreJSON() {
        let json = """
        {"address":"008aeeda4d805471df9b2a5b0f38a0c3bcba786b","crypto":{"cipher":"aes-128-ctr","ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},"kdf":"scrypt","kdfparams":{"dklen":32,"n":262144,"p":8,"r":1,"salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},"mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9a51a1bd6e8"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
        """
        let text = "keystore: \(json) password forgotten"
        let result = scanner.scan(text)
        #expect(result.findings.count == 1)
        #expect(result.findings.first?.kind == .keystore)
        #expect(result.redacted == "keystore: [removed: keystore file] password forgotten")
    }
}
