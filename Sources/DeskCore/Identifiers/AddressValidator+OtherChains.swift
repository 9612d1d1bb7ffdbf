import Foundation

/// Addresses of chains whose formats are their own: XRP (Base58Check in Ripple's alphabet), TON (Base64 with a CRC16,
/// or the raw `workchain:hash` form) and Bitcoin Cash (CashAddr). Dogecoin's are Base58Check with their own version
/// bytes (``AddressValidator/base58Address(_:)``).
extension AddressValidator {
    /// Ripple's Base58 alphabet: the same 58 characters as Bitcoin's, in another order.
    static let rippleAlphabet = Array("rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz".utf8)
    private static let rippleToBitcoin: [UInt8: UInt8] = Dictionary(uniqueKeysWithValues: zip(rippleAlphabet, Base58.alphabet))

    /// An XRP Ledger classic address (`r…`, 25–35 characters): Base58Check in Ripple's alphabet, version 0, 20 bytes.
    public static func isValidXRP(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 25, bytes.count <= 35, bytes.first == 0x72 else { return false } // r
        let translated = bytes.compactMap { rippleToBitcoin[$0] }
        guard translated.count == bytes.count, let payload = Base58.decodeChecked(translated) else { return false }
        return payload.count == 21 && payload[0] == 0
    }

    /// A TON address in the user-friendly form: 48 characters of Base64 (URL-safe or standard) holding a flags byte
    /// (0x11 bounceable, 0x51 non-bounceable, +0x80 on testnet), the workchain, a 32-byte account id and a CRC16
    /// (XMODEM) of the 34 bytes before it.
    public static func isValidTON(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 48 else { return false }
        let standard = bytes.map { $0 == 0x2D ? 0x2B : $0 == 0x5F ? 0x2F : $0 } // - → +, _ → /
        guard let data = Data(base64Encoded: Data(standard)), data.count == 36 else { return false }
        let decoded = [UInt8](data)
        guard [0x11, 0x51, 0x91, 0xD1].contains(decoded[0]), decoded[1] == 0x00 || decoded[1] == 0xFF else { return false }
        return crc16XMODEM(decoded[0..<34]) == UInt16(decoded[34]) << 8 | UInt16(decoded[35])
    }

    static func crc16XMODEM(_ bytes: ArraySlice<UInt8>) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 { crc = crc & 0x8000 != 0 ? crc << 1 ^ 0x1021 : crc << 1 }
        }
        return crc
    }

    /// A Bitcoin Cash CashAddr address without its `bitcoincash:` prefix (`q…` or `p…`, 42 characters, one case),
    /// checked against its BCH-code checksum computed with the prefix.
    public static func isValidCashAddr(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 42, let first = bytes.first, first | 0x20 == 0x71 || first | 0x20 == 0x70 else { return false }
        let lower = bytes.contains { $0 >= 0x61 }, upper = bytes.contains { $0 >= 0x41 && $0 <= 0x5A }
        guard !(lower && upper) else { return false }
        var values: [UInt8] = Array("bitcoincash".utf8).map { $0 & 0x1F } + [0]
        for byte in bytes {
            guard byte < 128, Bech32.charsetValues[Int(byte)] >= 0 else { return false }
            values.append(UInt8(Bech32.charsetValues[Int(byte)]))
        }
        return cashAddrPolymod(values) == 0
    }

    private static func cashAddrPolymod(_ values: [UInt8]) -> UInt64 {
        let generator: [UInt64] = [0x98_f2bc_8e61, 0x79_b76d_99e2, 0xf3_3e5f_b3c4, 0xae_2eab_e2a8, 0x1e_4f43_e470]
        var checksum: UInt64 = 1
        for value in values {
            let top = checksum >> 35
            checksum = (checksum & 0x07_ffff_ffff) << 5 ^ UInt64(value)
            for bit in 0..<5 where (top >> UInt64(bit)) & 1 == 1 { checksum ^= generator[bit] }
        }
        return checksum ^ 1
    }
}
