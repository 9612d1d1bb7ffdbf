/// Bitcoin's Base58 alphabet and Base58Check, as used by WIF keys, extended keys and legacy,
/// TRON and Solana addresses.
public enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    /// Digit value for each ASCII byte, or -1 when the byte is not in the alphabet (0, O, I, l).
    static let digitValues: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(value) }
        return table
    }()

    /// True when `scalar` is one of the 58 alphabet characters.
    @inline(__always)
    static func isDigit(_ scalar: UInt32) -> Bool {
        scalar < 128 && digitValues[Int(scalar)] >= 0
    }

    /// Decodes Base58 text; nil when a character is outside the alphabet.
    public static func decode<Text: Collection>(_ text: Text) -> [UInt8]? where Text.Element == UInt8 {
        var leadingZeros = 0
        var sawNonZero = false
        // Big-endian base-256 number built digit by digit; inputs are at most ~111 characters.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        for character in text {
            guard character < 128 else { return nil }
            let digit = digitValues[Int(character)]
            guard digit >= 0 else { return nil }
            if digit == 0 && !sawNonZero { leadingZeros += 1; continue }
            sawNonZero = true
            var carry = Int(digit)
            var index = bytes.count - 1
            while index >= 0 {
                carry += Int(bytes[index]) * 58
                bytes[index] = UInt8(carry & 0xff)
                carry >>= 8
                index -= 1
            }
            while carry > 0 {
                bytes.insert(UInt8(carry & 0xff), at: 0)
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: leadingZeros) + bytes
    }

    /// Encodes bytes as Base58 text.
    public static func encode(_ bytes: [UInt8]) -> String {
        var leadingZeros = 0
        while leadingZeros < bytes.count && bytes[leadingZeros] == 0 { leadingZeros += 1 }
        var digits: [UInt8] = [] // little-endian base-58 digits
        for byte in bytes[leadingZeros...] {
            var carry = Int(byte)
            for index in digits.indices {
                carry += Int(digits[index]) << 8
                digits[index] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        let text = [UInt8](repeating: alphabet[0], count: leadingZeros) + digits.reversed().map { alphabet[Int($0)] }
        return String(decoding: text, as: UTF8.self)
    }

    /// Decodes Base58Check text and returns the payload (version bytes included) without the
    /// 4-byte checksum; nil when the text is not Base58 or the checksum does not match.
    public static func decodeChecked<Text: Collection>(_ text: Text) -> [UInt8]? where Text.Element == UInt8 {
        guard let raw = decode(text), raw.count > 4 else { return nil }
        let payload = Array(raw[..<(raw.count - 4)])
        let checksum = SHA256.doubleHash(payload).prefix(4)
        return Array(raw[(raw.count - 4)...]) == Array(checksum) ? payload : nil
    }

    /// Encodes `payload` with a Base58Check checksum.
    public static func encodeChecked(_ payload: [UInt8]) -> String {
        encode(payload + SHA256.doubleHash(payload).prefix(4))
    }
}
