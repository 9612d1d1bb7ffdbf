/// Cheap classification of Unicode scalars for the scanner's single pass, and the 64-bit word
/// keys that make wordlist look-ups allocation-free.
///
/// A word key packs a normalised word into a `UInt64`: Latin words fold accents and case and use
/// 5 bits a letter (at most 12 letters), Japanese words use 8 bits a kana (at most 7), Korean
/// words 14 bits a syllable (at most 4). The top two bits tell the scripts apart.
enum ScalarClass {
    static let kanaTag: UInt64 = 1 << 62
    static let hangulTag: UInt64 = 2 << 62
    /// Latin words longer than 12 letters keep their first 12 under this tag; only keywords such
    /// as "authenticator" are that long (no wordlist word is).
    static let longWordTag: UInt64 = 3 << 62

    @inline(__always) static func isASCIIDigit(_ c: UInt32) -> Bool { c &- 0x30 < 10 }
    @inline(__always) static func isASCIILetter(_ c: UInt32) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isASCIIAlnum(_ c: UInt32) -> Bool { isASCIIDigit(c) || isASCIILetter(c) }
    @inline(__always) static func isHexDigit(_ c: UInt32) -> Bool { isASCIIDigit(c) || (c | 0x20) &- 0x61 < 6 }
    /// CJK Unified Ideographs and Extension A.
    @inline(__always) static func isHan(_ c: UInt32) -> Bool { c &- 0x4E00 < 0x5200 || c &- 0x3400 < 0x1A00 }
    /// Hiragana, katakana and the prolonged sound mark.
    @inline(__always) static func isKana(_ c: UInt32) -> Bool { c &- 0x3041 < 0xBF && c != 0x30FB }
    @inline(__always) static func isHangul(_ c: UInt32) -> Bool { c &- 0xAC00 < 11172 }
    @inline(__always) static func isCombiningMark(_ c: UInt32) -> Bool { c &- 0x300 < 0x70 }
    @inline(__always) static func isFullwidthDigit(_ c: UInt32) -> Bool { c &- 0xFF10 < 10 }
    @inline(__always) static func isFullwidthLetter(_ c: UInt32) -> Bool { c &- 0xFF21 < 26 || c &- 0xFF41 < 26 }

    /// True for scalars that continue a Latin word: ASCII letters and digits, Latin-1 and
    /// Latin Extended-A letters, combining accents and full-width letters and digits.
    @inline(__always) static func isLatinWordScalar(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIIAlnum(c) }
        if c &- 0xC0 < 0xC0 { return c != 0xD7 && c != 0xF7 }
        return isCombiningMark(c) || isFullwidthDigit(c) || isFullwidthLetter(c)
    }

    @inline(__always) static func isWhitespace(_ c: UInt32) -> Bool {
        c == 0x20 || c &- 0x09 < 5 || c == 0xA0 || c == 0x3000 || c == 0x2028 || c == 0x2029 || c &- 0x2000 < 0x0B
    }

    /// Base letters of U+00C0…U+017F, lower-case a–z, "." where the scalar has no plain
    /// Latin letter (×, ÷, æ, ß, þ, đ …), so a word containing it never matches a wordlist.
    private static let latinFold: [UInt8] = Array(
        ("aaaaaa.ceeeeiiii" + ".nooooo.ouuuuy.." + "aaaaaa.ceeeeiiii" + ".nooooo.ouuuuy.y"
            + "aaaaaaccccccccdd" + "..eeeeeeeeeegggg" + "gggghh..iiiiiiii" + "i...jjkk.llllll."
            + "...nnnnnn...oooo" + "oo..rrrrrrssssss" + "sstttt..uuuuuuuu" + "uuuuwwyyyzzzzzzs").utf8)

    /// The 5-bit code (1…26) of a letter after folding case, accents and full width; 0 for a
    /// combining mark (skipped); nil when the scalar cannot appear in a Latin wordlist word.
    @inline(__always) static func latinLetterCode(_ c: UInt32) -> UInt64? {
        if c < 0x80 {
            let lower = c | 0x20
            return lower &- 0x61 < 26 ? UInt64(lower - 0x60) : nil
        }
        if c &- 0xC0 < 0xC0 {
            let folded = latinFold[Int(c - 0xC0)]
            return folded == 0x2E ? nil : UInt64(folded - 0x60)
        }
        if isCombiningMark(c) { return 0 }
        if c &- 0xFF21 < 26 { return UInt64(c - 0xFF20) }
        if c &- 0xFF41 < 26 { return UInt64(c - 0xFF40) }
        return nil
    }

    /// The key of a Latin word given as scalars, or nil when it has a scalar no Latin word has.
    static func latinKey<S: Sequence>(_ scalars: S) -> UInt64? where S.Element == UInt32 {
        var key: UInt64 = 0
        var letters = 0
        for c in scalars {
            guard let code = latinLetterCode(c) else { return nil }
            if code == 0 { continue }
            letters += 1
            if letters <= 12 { key = key << 5 | code }
        }
        if letters == 0 { return nil }
        return letters > 12 ? key | longWordTag : key
    }

    /// How many letters a Latin word key (of at most 12 letters) holds: each is a non-zero 5-bit code.
    @inline(__always) static func letterCount(_ key: UInt64) -> Int {
        (64 - key.leadingZeroBitCount + 4) / 5
    }

    /// A Latin word key without its letter at `position` (0 is the first letter).
    @inline(__always) static func dropLetter(_ position: Int, from key: UInt64, letters: Int) -> UInt64 {
        let after = UInt64(5 * (letters - 1 - position))
        let low = key & ((1 << after) - 1)
        return (key >> (after + 5)) << after | low
    }

    /// The key of a Japanese kana word, composing a base kana with a following combining
    /// (semi-)voiced mark so NFC and NFD input give the same key.
    static func kanaKey<S: Sequence>(_ scalars: S) -> UInt64? where S.Element == UInt32 {
        var codes: [UInt32] = []
        for c in scalars {
            if (c == 0x3099 || c == 0x309A), let last = codes.popLast() {
                codes.append(last + (c == 0x3099 ? 1 : 2))
            } else if isKana(c) {
                codes.append(c)
            } else {
                return nil
            }
            if codes.count > 7 { return nil }
        }
        guard !codes.isEmpty else { return nil }
        var key: UInt64 = 0
        for c in codes { key = key << 8 | UInt64(c - 0x3040 + 1) }
        return key | kanaTag
    }

    /// The key of a Korean word of up to four precomposed syllables.
    static func hangulKey<S: Sequence>(_ scalars: S) -> UInt64? where S.Element == UInt32 {
        var key: UInt64 = 0
        var count = 0
        for c in scalars {
            guard isHangul(c) else { return nil }
            count += 1
            if count > 4 { return nil }
            key = key << 14 | UInt64(c - 0xAC00 + 1)
        }
        return count == 0 ? nil : key | hangulTag
    }
}
