/// Punycode (RFC 3492) decoding, so `xn--` labels in a domain are compared in the script a victim actually sees.
///
/// Only decoding is needed: WalletDesk never registers domains, it only reads what people paste. Written from the
/// RFC's pseudocode (section 6.2), with the overflow checks it asks for.
public enum Punycode {
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 0x80

    /// Decodes one Punycode string (without the `xn--` prefix); nil when it is not valid Punycode.
    public static func decode(_ input: String) -> String? {
        let scalars = Array(input.unicodeScalars)
        guard scalars.allSatisfy(\.isASCII) else { return nil }
        var output: [Unicode.Scalar] = []
        var position = 0
        if let delimiter = scalars.lastIndex(of: "-") {
            output = Array(scalars[..<delimiter])
            position = delimiter + 1
        }
        var n = initialN
        var i = 0
        var bias = initialBias
        while position < scalars.count {
            let oldI = i
            var weight = 1
            var k = base
            while true {
                guard position < scalars.count, let digit = digitValue(scalars[position]) else { return nil }
                position += 1
                let (product, overflow1) = digit.multipliedReportingOverflow(by: weight)
                let (sum, overflow2) = i.addingReportingOverflow(product)
                guard !overflow1, !overflow2, sum < 0x7FFF_FFFF else { return nil }
                i = sum
                let threshold = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if digit < threshold { break }
                let (nextWeight, overflow3) = weight.multipliedReportingOverflow(by: base - threshold)
                guard !overflow3 else { return nil }
                weight = nextWeight
                k += base
            }
            let count = output.count + 1
            bias = adapt(delta: i - oldI, count: count, first: oldI == 0)
            n += i / count
            i %= count
            guard n <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(n)), !(0xD800...0xDFFF).contains(n) else { return nil }
            output.insert(scalar, at: i)
            i += 1
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: output)
        return String(text)
    }

    /// A domain with every `xn--` label decoded; labels that fail to decode are kept as they are (and reported).
    public static func decodeDomain(_ domain: String) -> (unicode: String, hadPunycode: Bool, invalid: Bool) {
        var hadPunycode = false
        var invalid = false
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false).map { label -> String in
            guard label.lowercased().hasPrefix("xn--") else { return String(label) }
            hadPunycode = true
            if let decoded = decode(String(label.dropFirst(4))) { return decoded }
            invalid = true
            return String(label)
        }
        return (labels.joined(separator: "."), hadPunycode, invalid)
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value) - 0x30 + 26
        case 0x41...0x5A: Int(scalar.value) - 0x41
        case 0x61...0x7A: Int(scalar.value) - 0x61
        default: nil
        }
    }

    private static func adapt(delta: Int, count: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
