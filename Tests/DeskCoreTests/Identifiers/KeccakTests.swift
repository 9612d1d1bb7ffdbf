import Testing
@testable import DeskCore

/// Keccak-256 (Ethereum's pre-standard padding), vectors from the Keccak team's known answers as
/// used by Ethereum clients.
@Suite("Keccak-256")
struct KeccakTests {
    @Test func knownAnswers() {
        #expect(Keccak256.hash([UInt8]()).hexString == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
        #expect(Keccak256.hash(Array("abc".utf8)).hexString == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
        #expect(Keccak256.hash(Array("The quick brown fox jumps over the lazy dog".utf8)).hexString
            == "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")
    }

    @Test func multiBlockInput() {
        // 200 bytes crosses the 136-byte rate; result must match a second run and differ from 199 bytes.
        let long = [UInt8](repeating: 0x61, count: 200)
        #expect(Keccak256.hash(long) == Keccak256.hash(long))
        #expect(Keccak256.hash(long) != Keccak256.hash(long.dropLast()))
        #expect(Keccak256.hash([UInt8](repeating: 0, count: 136)).count == 32)
    }
}
