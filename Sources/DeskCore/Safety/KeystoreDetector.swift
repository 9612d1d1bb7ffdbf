/// Recognises an Ethereum keystore (Web3 Secret Storage) file pasted as JSON.
///
/// Triggered by a quoted `"crypto"` / `"Crypto"` key. It is a keystore when `ciphertext`, `kdf`
/// and `mac` all follow within 4,000 scalars; the finding covers the whole JSON object around the
/// key (found by brace matching that skips strings), or from the key to the last of those fields
/// when the paste is truncated. Anything else found inside, such as the 64-hex ciphertext, is
/// part of this finding.
enum KeystoreDetector {
    private static let requiredFields: [[UInt32]] = ["ciphertext", "kdf", "mac"].map { $0.unicodeScalars.map(\.value) }

    static func detect(in s: [UInt32], keyStart: Int) -> SecretFinding? {
        let searchEnd = min(s.count, keyStart + 4000)
        var lastFieldEnd = keyStart
        for field in requiredFields {
            guard let found = find(field, in: s, from: keyStart, to: searchEnd) else { return nil }
            lastFieldEnd = max(lastFieldEnd, found + field.count)
        }
        let objectStart = outerObjectStart(s, before: keyStart)
        if let objectStart, let objectEnd = matchingBrace(s, from: objectStart) {
            return SecretFinding(kind: .keystore, start: objectStart, end: objectEnd, confidence: 0.99)
        }
        // Truncated paste: cover through the value after the last required field.
        var end = lastFieldEnd
        while end < s.count && end - lastFieldEnd < 200 && s[end] != 0x7D && s[end] != 0x0A { end += 1 }
        return SecretFinding(kind: .keystore, start: objectStart ?? max(keyStart - 1, 0), end: end, confidence: 0.9)
    }

    private static func find(_ needle: [UInt32], in s: [UInt32], from: Int, to: Int) -> Int? {
        guard to - needle.count >= from else { return nil }
        var index = from
        while index <= to - needle.count {
            if s[index] == needle[0] && s[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The `{` that opens the outermost object containing `position`, looking back at most 3,000 scalars.
    private static func outerObjectStart(_ s: [UInt32], before position: Int) -> Int? {
        var depth = 0
        var outermost: Int?
        var index = position - 1
        while index >= 0 && position - index < 3000 {
            switch s[index] {
            case 0x7D: depth += 1
            case 0x7B:
                if depth == 0 { outermost = index } else { depth -= 1 }
            default: break
            }
            index -= 1
        }
        return outermost
    }

    /// One past the `}` matching the `{` at `start`, skipping string contents.
    private static func matchingBrace(_ s: [UInt32], from start: Int) -> Int? {
        var depth = 0
        var inString = false
        var index = start
        while index < s.count && index - start < 8000 {
            let c = s[index]
            if inString {
                if c == 0x5C { index += 1 } else if c == 0x22 { inString = false }
            } else if c == 0x22 {
                inString = true
            } else if c == 0x7B {
                depth += 1
            } else if c == 0x7D {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return nil
    }
}
