import Foundation

/// A compact confusable table: letters from other scripts, digits and letter pairs that read like Latin letters in the
/// fonts phones and browsers use. Not Unicode's full `confusables.txt` (thousands of rows): these are the ones seen in
/// wallet phishing domains and handles, and the rest are caught by "mixed scripts" in ``Confusables/skeleton(_:)``'s
/// caller.
public enum Confusables {
    /// Single characters that look like a Latin letter (after lower-casing).
    static let singles: [Character: Character] = [
        // Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "l", "ї": "l",
        "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "к": "k", "м": "m", "н": "h", "т": "t",
        "ь": "b", "г": "r", "п": "n", "и": "u", "л": "n", "ѵ": "v", "џ": "u",
        // Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "l", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
        "χ": "x", "ω": "w", "γ": "y", "μ": "u", "ς": "c",
        // Latin look-alikes and letters without a decomposition
        "ı": "l", "ɩ": "l", "ł": "l", "ƚ": "l", "ɑ": "a", "ɡ": "g", "ȷ": "j", "ɢ": "g", "ʀ": "r", "ɴ": "n", "ᴏ": "o",
        "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "ß": "b", "æ": "a", "œ": "o",
        // Digits and symbols that read as letters
        "0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "3": "e", "5": "s", "$": "s", "@": "a", "8": "b",
    ]

    /// Letter pairs that read as one letter in small type; applied after ``singles``.
    static let pairs: [(String, String)] = [("rn", "m"), ("vv", "w"), ("cl", "d")]

    /// The skeleton of `text`: lower-cased, accents removed, full-width forms folded, every confusable replaced by the
    /// Latin letter it imitates. Two strings with the same skeleton look the same to a hurried reader. `i`, `l`, `1` and
    /// `I` share the skeleton `l`, and `0`/`o` share `o`.
    public static func skeleton(_ text: String) -> String {
        // Width folding turns ｏｆｆｉｃｉａｌ into official; diacritic folding turns é into e (but keeps Cyrillic й etc.).
        let folded = text.folding(options: [.widthInsensitive, .caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var mapped = String(folded.map { singles[$0] ?? $0 })
        for (pair, single) in pairs { mapped = mapped.replacingOccurrences(of: pair, with: single) }
        return mapped
    }

    /// Whether `text` mixes Latin letters with letters of another script that has Latin look-alikes (Cyrillic, Greek),
    /// or consists of such letters alone while imitating a Latin name.
    public static func nonLatinLookAlikes(in text: String) -> [Character] {
        var found: [Character] = []
        for character in text.lowercased() where !character.isASCII && singles[character] != nil {
            if !found.contains(character) { found.append(character) }
        }
        return found
    }
}
