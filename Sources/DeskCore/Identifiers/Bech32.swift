/// Bech32 (BIP173) and Bech32m (BIP350) decoding, and segwit address rules on top of them.
public enum Bech32 {
    /// Which checksum constant a string was made with.
    public enum Variant: Sendable, Equatable {
        case bech32
        case bech32m
    }

    /// A decoded segwit address.
    public struct SegwitAddress: Sendable, Equatable {
        public var humanReadablePart: String
        public var witnessVersion: Int
        public var program: [UInt8]
    }

    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    static let charsetValues: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, byte) in charset.enumerated() {
            table[Int(byte)] = Int8(value)
            // Upper case is accepted as long as the whole string is upper case (checked in decode).
            if byte >= 0x61 && byte <= 0x7a { table[Int(byte - 0x20)] = Int8(value) }
        }
        return table
    }()

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        let generator: [UInt32] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
        var checksum: UInt32 = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1ffffff) << 5 ^ UInt32(value)
            for bit in 0..<5 where (top >> UInt32(bit)) & 1 == 1 { checksum ^= generator[bit] }
        }
        return checksum
    }

    private static func expand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    /// Decodes a Bech32 or Bech32m string into its lower-case HRP and 5-bit data (checksum
    /// removed); nil for mixed case, bad characters, bad length or a bad checksum.
    public static func decode(_ text: String) -> (hrp: String, data: [UInt8], variant: Variant)? {
        let bytes = Array(text.utf8)
        guard bytes.count <= 90, bytes.allSatisfy({ $0 >= 33 && $0 <= 126 }) else { return nil }
        let hasLower = bytes.contains { $0 >= 0x61 && $0 <= 0x7a }
        let hasUpper = bytes.contains { $0 >= 0x41 && $0 <= 0x5a }
        guard !(hasLower && hasUpper) else { return nil }
        let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5a ? $0 + 0x20 : $0 }
        guard let separator = lowered.lastIndex(of: 0x31), separator >= 1, separator + 7 <= lowered.count else { return nil }
        let hrp = Array(lowered[..<separator])
        var data: [UInt8] = []
        for byte in lowered[(separator + 1)...] {
            guard byte < 128, charsetValues[Int(byte)] >= 0 else { return nil }
            data.append(UInt8(charsetValues[Int(byte)]))
        }
        let variant: Variant
        switch polymod(expand(hrp) + data) {
        case 1: variant = .bech32
        case 0x2bc830a3: variant = .bech32m
        default: return nil
        }
        return (String(decoding: hrp, as: UTF8.self), Array(data.dropLast(6)), variant)
    }

    /// Regroups bits, e.g. 5-bit groups into bytes; nil when padding is invalid.
    static func convertBits(_ data: [UInt8], from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var accumulator = 0
        var bits = 0
        var out: [UInt8] = []
        let maxValue = (1 << to) - 1
        for value in data {
            guard Int(value) >> from == 0 else { return nil }
            accumulator = (accumulator << from) | Int(value)
            bits += from
            while bits >= to {
                bits -= to
                out.append(UInt8((accumulator >> bits) & maxValue))
            }
        }
        if pad {
            if bits > 0 { out.append(UInt8((accumulator << (to - bits)) & maxValue)) }
        } else if bits >= from || ((accumulator << (to - bits)) & maxValue) != 0 {
            return nil
        }
        return out
    }

    /// Decodes a segwit address and enforces BIP173/BIP350: version 0 uses Bech32 with a 20 or
    /// 32 byte program, versions 1–16 use Bech32m with a 2–40 byte program.
    public static func decodeSegwit(_ text: String, allowedHRPs: Set<String> = ["bc", "tb", "ltc"]) -> SegwitAddress? {
        guard let decoded = decode(text), allowedHRPs.contains(decoded.hrp), let version = decoded.data.first, version <= 16 else {
            return nil
        }
        guard let program = convertBits(Array(decoded.data.dropFirst()), from: 5, to: 8, pad: false),
              program.count >= 2, program.count <= 40 else { return nil }
        if version == 0 {
            guard decoded.variant == .bech32, program.count == 20 || program.count == 32 else { return nil }
        } else {
            guard decoded.variant == .bech32m else { return nil }
        }
        return SegwitAddress(humanReadablePart: decoded.hrp, witnessVersion: Int(version), program: program)
    }
}
