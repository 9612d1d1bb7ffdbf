import Testing
@testable import DeskCore

@Suite("Base58")
struct Base58Tests {
    @Test func roundTrip() {
        let samples: [[UInt8]] = [[], [0], [0, 0, 1], [0x61], Array("hello world".utf8), (0..<64).map { UInt8($0 * 3 & 0xff) }]
        for bytes in samples {
            #expect(Base58.decode(Array(Base58.encode(bytes).utf8)) == bytes)
        }
    }

    @Test func knownEncodings() {
        // From Bitcoin Core src/test/data/base58_encode_decode.json.
        #expect(Base58.encode(Array("hello world".utf8)) == "StV1DL6CwTryKyV")
        #expect(Base58.encode([0x00, 0x00, 0x00, 0x28, 0x7f, 0xb4, 0xcd]) == "111233QC4")
        #expect(Base58.decode(Array("0OIl".utf8)) == nil)
    }

    @Test func checkedRejectsTypos() {
        let wif = "KwuVvu6hsuEMHrfFWJQV64tRrWX3QzqHH18JuAHYqYV6dqBvNKxd" // Bitcoin Core key_io_valid.json
        #expect(Base58.decodeChecked(Array(wif.utf8))?.count == 34)
        #expect(Base58.decodeChecked(Array(wif.replacingOccurrences(of: "Kxd", with: "Kxe").utf8)) == nil)
    }
}
