/// Finds passwords and one-time codes that a customer states as such: "my password is Abc123!",
/// "pwd: hunter2", "密码是abc12345", "验证码 123456", "2FA code: 123 456".
///
/// The scanner calls it right after a lead-in word (English words flagged in the lexicon, Chinese
/// keywords). Only the value is reported, so the redacted text keeps "my password is". Rules:
/// - between lead-in and value: up to 24 scalars of spaces, `: ： =`, `是 为 為`, quotes and
///   connector words ("is", "was", "code", "google", …);
/// - a password value is the following run of non-space, non-CJK scalars (4–64 long, trailing
///   punctuation dropped). It must look like a password: quoted, or after a Chinese lead-in, or
///   containing a digit, a symbol or an inner capital. "my password is wrong" is not reported. A
///   trailing `.,;:` or closing bracket is sentence punctuation; `!` and `?` stay (passwords end in them);
/// - a one-time code is 4–8 digits, optionally split once by a space or hyphen (`123 456`), not
///   followed by another digit or letter;
/// - a quoted password runs to the closing quote on its line, spaces included;
/// - after a key lead-in (`key`, `secret`, `密钥`, `私钥` …), 16–64 Base32 characters are an authenticator key, see
///   ``authenticatorKey(in:after:)``.
struct StatedSecretDetector {
    let lexicon: [UInt64: LexiconEntry]

    /// Where the value starts after skipping connectors, and whether it was quoted.
    private func skipConnectors(_ s: [UInt32], from position: Int) -> (index: Int, quoted: Bool, chineseConnector: Bool) {
        var index = position
        var chineseConnector = false
        while index < s.count && index - position < 24 {
            let c = s[index]
            switch c {
            case 0x20, 0x09, 0x3000, 0xA0, 0x3A, 0xFF1A, 0x3D, 0x2D:
                index += 1
            case 0x662F, 0x4E3A, 0x70BA, 0x5373: // 是 为 為 即
                chineseConnector = true
                index += 1
            case 0x22, 0x27, 0x201C, 0x2018, 0x300C, 0x60: // " ' “ ‘ 「 `
                return (index + 1, true, chineseConnector)
            default:
                guard ScalarClass.isASCIILetter(c) else { return (index, false, chineseConnector) }
                var end = index
                while end < s.count && ScalarClass.isASCIILetter(s[end]) { end += 1 }
                guard let key = ScalarClass.latinKey(s[index..<end]), let entry = lexicon[key],
                      !entry.flags.isDisjoint(with: [.connector, .codeWord, .otpQualifier, .otpLead]) else {
                    return (index, false, chineseConnector)
                }
                index = end
                if index < s.count && s[index] == 0x27 { index += 1 } // it's
            }
        }
        return (index, false, chineseConnector)
    }

    /// The password value after a lead-in ending at `position`, if one is stated.
    func password(in s: [UInt32], after position: Int, chineseLead: Bool) -> SecretFinding? {
        let (start, quoted, chineseConnector) = skipConnectors(s, from: position)
        if quoted, let end = Self.closingQuote(in: s, from: start), end - start >= 4 {
            // A quoted password is everything up to the closing quote, spaces included ("my dog has fleas").
            return SecretFinding(kind: .password, start: start, end: end, confidence: 0.9)
        }
        var end = start
        while end < s.count {
            let c = s[end]
            if ScalarClass.isWhitespace(c) || ScalarClass.isHan(c) || ScalarClass.isKana(c) || ScalarClass.isHangul(c) { break }
            if c &- 0x3000 < 0x40 || c &- 0xFF01 < 0x0F || c &- 0xFF1A < 0x07 { break } // CJK and full-width punctuation
            if quoted && (c == 0x22 || c == 0x27 || c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x60) { break }
            end += 1
        }
        if !quoted {
            while end > start, let last = Unicode.Scalar(s[end - 1]), ".,;:)]}'\"".unicodeScalars.contains(last) { end -= 1 }
        }
        let length = end - start
        guard length >= 4, length <= 64 else { return nil }
        let value = s[start..<end]
        if value.starts(with: [0x68, 0x74, 0x74, 0x70]) || value.starts(with: [0x77, 0x77, 0x77, 0x2E]) { return nil } // http, www.
        var hasDigit = false, hasSymbol = false, innerUpper = false
        for (offset, c) in value.enumerated() {
            if ScalarClass.isASCIIDigit(c) { hasDigit = true } else if !ScalarClass.isASCIILetter(c) { hasSymbol = true } else if offset > 0 && c &- 0x41 < 26 { innerUpper = true }
        }
        let asciiValue = value.allSatisfy { $0 < 0x80 }
        guard quoted || ((chineseLead || chineseConnector) && asciiValue) || hasDigit || hasSymbol || innerUpper else { return nil }
        return SecretFinding(kind: .password, start: start, end: end, confidence: quoted || hasDigit ? 0.9 : 0.75)
    }

    /// Where the quote opened just before `start` closes: the first closing quote mark on the same line within 64
    /// scalars, or nil.
    static func closingQuote(in s: [UInt32], from start: Int) -> Int? {
        var end = start
        while end < s.count, end - start <= 64 {
            switch s[end] {
            case 0x22, 0x27, 0x201D, 0x2019, 0x300D, 0x60: return end // " ' ” ’ 」 `
            case 0x0A, 0x0D: return nil
            default: end += 1
            }
        }
        return nil
    }

    /// An authenticator key (the Base32 secret behind 2FA codes, as Google Authenticator's "setup key" or an
    /// exchange's "备份密钥") after a key lead-in ending at `position`: 16–64 Base32 characters, alone or in groups
    /// of four split by single spaces (`JBSW Y3DP EHPK 3PXP`). Upper case, or lower case with a digit, so that an
    /// English word is never one. Whoever holds it makes every future code, so it is removed like a code.
    func authenticatorKey(in s: [UInt32], after position: Int) -> SecretFinding? {
        let start = skipConnectors(s, from: position).index
        func run(from index: Int) -> Int {
            var end = index
            while end < s.count, Self.isBase32(s[end]) { end += 1 }
            return end
        }
        // Where the value may end: after the first run, or after each further group of four (the last may be shorter).
        var ends = [run(from: start)]
        if var end = ends.first, end - start == 4 {
            while end + 1 < s.count, s[end] == 0x20 {
                let next = run(from: end + 1)
                let length = next - (end + 1)
                guard length >= 1, length <= 4, next >= s.count || !ScalarClass.isASCIIAlnum(s[next]) else { break }
                ends.append(next)
                end = next
                if length < 4 { break }
            }
        }
        // The longest that reads as a key ("JBSW Y3DP EHPK 3PXP is" ends before "is").
        for end in ends.reversed() {
            let value = s[start..<end].filter { $0 != 0x20 }
            guard value.count >= 16, value.count <= 64 else { continue }
            let upper = value.contains { $0 &- 0x41 < 26 }, lower = value.contains { $0 &- 0x61 < 26 }, digit = value.contains { $0 &- 0x32 < 6 }
            guard (upper && !lower) || (lower && !upper && digit) else { continue }
            var stop = end
            while stop < s.count, s[stop] == 0x3D { stop += 1 } // "=" padding
            guard stop >= s.count || !ScalarClass.isASCIIAlnum(s[stop]) else { continue }
            return SecretFinding(kind: .otp, start: start, end: stop, confidence: 0.9)
        }
        return nil
    }

    private static func isBase32(_ c: UInt32) -> Bool { c &- 0x41 < 26 || c &- 0x61 < 26 || c &- 0x32 < 6 }

    /// The one-time code after a lead-in ending at `position`, if one is stated.
    func oneTimeCode(in s: [UInt32], after position: Int) -> SecretFinding? {
        let start = skipConnectors(s, from: position).index
        var end = start
        var digits = 0
        var splits = 0
        while end < s.count {
            let c = s[end]
            if ScalarClass.isASCIIDigit(c) {
                digits += 1
                end += 1
            } else if (c == 0x20 || c == 0x2D) && splits == 0 && digits >= 2 && end + 1 < s.count && ScalarClass.isASCIIDigit(s[end + 1]) {
                splits += 1
                end += 1
            } else {
                break
            }
        }
        guard digits >= 4, digits <= 8 else { return nil }
        if end < s.count {
            let next = s[end]
            if ScalarClass.isASCIIAlnum(next) { return nil }
            if next == 0x2E, end + 1 < s.count, ScalarClass.isASCIIDigit(s[end + 1]) { return nil } // 1234.56
        }
        return SecretFinding(kind: .otp, start: start, end: end, confidence: 0.9)
    }
}
