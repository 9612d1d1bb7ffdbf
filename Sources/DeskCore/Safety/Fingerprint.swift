import Foundation

/// A salted fingerprint of a secret, so the same secret can be recognised again ("this customer
/// pasted the phrase that was phished last week") without the secret being stored.
///
/// The fingerprint is HMAC-SHA-256 keyed with `salt` (a per-workspace random value) over the
/// normalised secret, in lower-case hex. HMAC rather than hash(salt + text) so that the salt
/// behaves as a proper key. Normalisation:
/// - hex (with or without 0x): lower case, no prefix;
/// - a phrase (two or more words): words lower-cased, accents removed from Latin letters, each
///   Chinese character its own word, numbering and punctuation dropped, joined by one space;
/// - anything else, i.e. a single token (WIF, xprv, passwords, codes): trimmed, otherwise
///   unchanged, because Base58 and passwords are case-sensitive.
public func fingerprint(of secretText: String, salt: [UInt8]) -> String {
    SHA256.hmac(key: salt, message: Array(SecretNormalizer.normalize(secretText).utf8)).hexString
}

/// Normal forms of secrets for fingerprinting.
public enum SecretNormalizer {
    /// The normal form described on `fingerprint(of:salt:)`.
    public static func normalize(_ secretText: String) -> String {
        let trimmed = secretText.trimmingCharacters(in: .whitespacesAndNewlines)
        let scalars = trimmed.unicodeScalars.map(\.value)
        var body = scalars[...]
        if body.count > 2, body[body.startIndex] == 0x30, body[body.startIndex + 1] | 0x20 == 0x78 { body = body.dropFirst(2) }
        if !body.isEmpty, body.allSatisfy(ScalarClass.isHexDigit) {
            return String(String.UnicodeScalarView(body.compactMap { Unicode.Scalar($0 < 0x41 ? $0 : $0 | 0x20) }))
        }
        // A phrase has separators between words, or is Chinese characters written together.
        guard scalars.contains(where: { ScalarClass.isWhitespace($0) || ScalarClass.isHan($0) || $0 == 0x2C || $0 == 0xFF0C }) else {
            return trimmed
        }
        let words = phraseWords(scalars)
        return words.count >= 2 ? words.joined(separator: " ") : trimmed
    }

    private static func phraseWords(_ scalars: [UInt32]) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { words.append(String(current).precomposedStringWithCanonicalMapping) }
            current = String.UnicodeScalarView()
        }
        for c in scalars {
            if ScalarClass.isHan(c) {
                flush()
                if let scalar = Unicode.Scalar(c) { current.append(scalar) }
                flush()
            } else if let code = ScalarClass.latinLetterCode(c) {
                if code != 0, let scalar = Unicode.Scalar(0x60 + UInt32(code)) { current.append(scalar) }
            } else if ScalarClass.isKana(c) || ScalarClass.isHangul(c) || (c &- 0x1100 < 0x100) {
                if let scalar = Unicode.Scalar(c) { current.append(scalar) }
            } else {
                flush()
            }
        }
        flush()
        return words
    }
}
