import Testing
@testable import DeskCore

@Suite("Fingerprints")
struct FingerprintTests {
    let salt: [UInt8] = Array("workspace-salt".utf8)

    @Test func phraseNormalisation() {
        let plain = fingerprint(of: "abandon amount liar", salt: salt)
        #expect(fingerprint(of: "1. Abandon\n2. AMOUNT,  3. liar ", salt: salt) == plain)
        #expect(SecretNormalizer.normalize("ábaco  Álbum") == "abaco album")
        #expect(SecretNormalizer.normalize("的一是") == "的 一 是")
    }

    @Test func hexNormalisation() {
        #expect(SecretNormalizer.normalize("0xABCDEF12") == "abcdef12")
        #expect(fingerprint(of: "0xABCDEF12", salt: salt) == fingerprint(of: "abcdef12", salt: salt))
    }

    @Test func saltMatters() {
        #expect(fingerprint(of: "abandon amount", salt: [1]) != fingerprint(of: "abandon amount", salt: [2]))
        #expect(fingerprint(of: "x", salt: salt).count == 64)
    }

    @Test func base58KeepsCase() {
        #expect(SecretNormalizer.normalize(" KwuVvu6hsuEMHrfF ") == "KwuVvu6hsuEMHrfF")
    }
}
