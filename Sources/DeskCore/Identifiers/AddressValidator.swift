/// Validates addresses per chain. Each function takes the address text exactly as written.
public enum AddressValidator {
    /// What a Base58Check address decodes to.
    public struct Base58Address: Sendable, Equatable {
        public var chain: Chain
        public var version: UInt8
    }

    private static let base58Versions: [UInt8: Chain] = [
        0x00: .bitcoin, 0x05: .bitcoin, // P2PKH "1…", P2SH "3…" (Litecoin's old P2SH shares 0x05)
        0x6F: .bitcoinTestnet, 0xC4: .bitcoinTestnet, // "m…"/"n…", "2…"
        0x30: .litecoin, 0x32: .litecoin, // "L…", "M…"
        0x41: .tron, // "T…"
        0x1E: .dogecoin, 0x16: .dogecoin, // "D…", "9…"/"A…"
    ]

    /// A legacy Base58Check address (Bitcoin, Bitcoin testnet, Litecoin, TRON, Dogecoin): 21-byte payload
    /// with a known version byte; nil otherwise.
    public static func base58Address(_ text: String) -> Base58Address? {
        guard let payload = Base58.decodeChecked(Array(text.utf8)), payload.count == 21,
              let chain = base58Versions[payload[0]] else { return nil }
        if chain == .tron && !text.hasPrefix("T") { return nil }
        return Base58Address(chain: chain, version: payload[0])
    }

    /// The chain of a valid segwit address (bc → bitcoin, tb → testnet, ltc → litecoin).
    public static func segwitChain(_ text: String) -> Chain? {
        guard let address = Bech32.decodeSegwit(text) else { return nil }
        switch address.humanReadablePart {
        case "bc": return .bitcoin
        case "tb": return .bitcoinTestnet
        case "ltc": return .litecoin
        default: return nil
        }
    }

    /// Checks an Ethereum address ("0x" + 40 hex). All-lower and all-upper addresses are valid
    /// but carry no checksum; mixed case must match EIP-55.
    public static func isValidEthereum(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 42, bytes[0] == 0x30, bytes[1] | 0x20 == 0x78 else { return false }
        let body = bytes[2...]
        guard body.allSatisfy({ ScalarClass.isHexDigit(UInt32($0)) }) else { return false }
        let hasLower = body.contains { $0 >= 0x61 && $0 <= 0x66 }
        let hasUpper = body.contains { $0 >= 0x41 && $0 <= 0x46 }
        guard hasLower && hasUpper else { return true }
        return eip55(body.map { $0 >= 0x41 && $0 <= 0x46 ? $0 | 0x20 : $0 }) == Array(body)
    }

    /// The EIP-55 mixed-case form of lower-case hex address bytes (without "0x").
    static func eip55(_ lowerHex: [UInt8]) -> [UInt8] {
        let digest = Keccak256.hash(lowerHex)
        return lowerHex.enumerated().map { offset, byte in
            guard byte >= 0x61 else { return byte }
            let nibble = offset % 2 == 0 ? digest[offset / 2] >> 4 : digest[offset / 2] & 0x0F
            return nibble >= 8 ? byte - 0x20 : byte
        }
    }

    /// The EIP-55 checksummed form of an Ethereum address, or nil when it is not 0x + 40 hex.
    public static func checksummedEthereum(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 42, bytes[0] == 0x30, bytes[1] | 0x20 == 0x78,
              bytes[2...].allSatisfy({ ScalarClass.isHexDigit(UInt32($0)) }) else { return nil }
        let lower = bytes[2...].map { $0 >= 0x41 && $0 <= 0x46 ? $0 | 0x20 : $0 }
        return "0x" + String(decoding: eip55(lower), as: UTF8.self)
    }

    /// A Solana address: Base58 of exactly 32 bytes (on-curve is not checked: program-derived
    /// addresses are off the curve and still valid recipients).
    public static func isValidSolana(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 32, bytes.count <= 44 else { return false }
        return Base58.decode(bytes)?.count == 32
    }
}
