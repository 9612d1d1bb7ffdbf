import Foundation

/// Unicode NFKC (full-width `ＡＢＣ１２３` → `ABC123`, `ｶﾀｶﾅ` → `カタカナ`, compatibility ideographs to their unified forms)
/// without Foundation's cost when the text is already in that form, as almost every message is.
///
/// Foundation's `precomposedStringWithCompatibilityMapping` decomposes and recomposes the whole string; it was ~4 % of an
/// HTTP thread's time in a creation storm (each message is normalised by the segmenter and by the scam check). A text is
/// returned as it is when no scalar can change: each is ASCII, or has no compatibility mapping and no case folding
/// (`changesWhenNFKCCaseFolded` false) and combines with nothing (canonical combining class 0, in a script where that
/// is enough: not Hangul jamo or the Indic vowel signs that compose with the letter before them). Anything else takes
/// Foundation's path.
public enum CompatibilityNormalization {
    public static func nfkc(_ text: String) -> String {
        isNFKC(text) ? text : text.precomposedStringWithCompatibilityMapping
    }

    /// True when `text` is certainly unchanged by NFKC (false may also mean "could not tell cheaply").
    public static func isNFKC(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return true }
        return text.unicodeScalars.allSatisfy(isStable)
    }

    static func isStable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x80: return true
        // Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic; punctuation, symbols, CJK, kana, Hangul syllables;
        // emoji; supplementary ideographs. Elsewhere (Indic and South-East Asian scripts, Hangul jamo, other
        // supplementary scripts) a scalar of combining class 0 can still compose with the one before it.
        case 0x80..<0x900, 0x2000...0x30FF, 0x3190...0xA95F, 0xAC00...0xD7A3, 0xE000...0xFFFF, 0x1F000...0x1FAFF, 0x20000...0x3FFFF:
            let properties = scalar.properties
            return !properties.changesWhenNFKCCaseFolded && properties.canonicalCombiningClass == .notReordered
        default:
            return false
        }
    }
}
