/// Turns text into the search tokens both stores index, so a two-character Chinese word such as 提现 is found.
///
/// One segmenter is used for every engine and for queries, so what is indexed and what is asked always agree:
/// - text is NFKC-normalised (full-width `ＡＢＣ１２３` becomes `abc123`), Latin diacritics are folded and letters lower-cased;
/// - runs of Chinese (and Japanese/Korean) characters give every single character and every overlapping pair
///   (`提现失败` → `提 提现 现 现失 失 失败 败`), after folding traditional to simplified forms (``ChineseVariants``);
/// - letters and digits that touch stay one token, so tx ids, addresses and `2fa` are kept whole.
///
/// FTS5's `unicode61` tokenizer and PostgreSQL's tsvector input then see tokens separated by spaces and nothing else.
public struct TextSegmenter: Sendable {
    /// Which tokens this segmenter gives. Raise it whenever the same text would give other tokens (normalisation, the
    /// folding table, the rules above): indexes written before then need `walletdesk reindex`, and servers say so at
    /// start (see `SearchIndexStore.searchIndexVersion`). 2: OpenCC's whole traditional-to-simplified table.
    public static let indexVersion = 2

    /// Tokens longer than this are cut (no tx id or address is longer; it keeps pasted garbage out of the index).
    public static let maximumTokenLength = 128

    public init() {}

    /// One piece of normalised text: a word (letters and digits) or a single CJK character.
    public struct Atom: Hashable, Sendable {
        public var text: String
        public var isCJK: Bool
        /// True when this CJK character directly follows another one (they form a run that gives bigrams).
        public var joinsPrevious: Bool
    }

    /// The normalised atoms of `text`, in order.
    public func atoms(_ text: String) -> [Atom] {
        var atoms: [Atom] = []
        var word = String.UnicodeScalarView()
        var previousWasCJK = false
        func flushWord() {
            guard !word.isEmpty else { return }
            var token = String(word)
            if token.unicodeScalars.count > Self.maximumTokenLength { token = String(String.UnicodeScalarView(token.unicodeScalars.prefix(Self.maximumTokenLength))) }
            atoms.append(Atom(text: token, isCJK: false, joinsPrevious: false))
            word = String.UnicodeScalarView()
        }
        for scalar in Self.normalised(text) {
            if Self.isCJK(scalar) {
                flushWord()
                let folded = ChineseVariants.simplified(scalar)
                atoms.append(Atom(text: String(Character(folded)), isCJK: true, joinsPrevious: previousWasCJK))
                previousWasCJK = true
            } else if Self.isWordScalar(scalar) {
                previousWasCJK = false
                Self.appendLowercased(scalar, to: &word)
            } else {
                previousWasCJK = false
                flushWord()
            }
        }
        flushWord()
        return atoms
    }

    /// Index tokens of `text`: words, and for CJK runs every character and every overlapping pair.
    public func indexTokens(_ text: String) -> [String] {
        Self.tokens(of: atoms(text))
    }

    /// The tokens joined by single spaces: what goes into the FTS5 table or the tsvector.
    public func indexText(_ text: String) -> String {
        indexTokens(text).joined(separator: " ")
    }

    static func tokens(of atoms: [Atom]) -> [String] {
        var tokens: [String] = []
        tokens.reserveCapacity(atoms.count * 2)
        for (index, atom) in atoms.enumerated() {
            if atom.isCJK, atom.joinsPrevious {
                tokens.append(atoms[index - 1].text + atom.text)
            }
            tokens.append(atom.text)
        }
        return tokens
    }

    // MARK: - Character classes

    /// Chinese ideographs (all planes), kana and Hangul syllables: scripts written without spaces.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30A0, 0x30FB:
            return false  // kana-range punctuation (゠ ・)
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x3134F, 0xF900...0xFAFF, 0x3040...0x30FF, 0xAC00...0xD7AF, 0x3005, 0x3007:
            return true
        default:
            return false
        }
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
        }
        // Letters and decimal digits only: exactly what FTS5's unicode61 tokenizer keeps inside a token, so no index
        // token is ever split again by the engine.
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: return true
        default: return false
        }
    }

    static func appendLowercased(_ scalar: Unicode.Scalar, to word: inout String.UnicodeScalarView) {
        let value = scalar.value
        if value < 0x80 {
            word.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(value + 0x20)! : scalar)
        } else if let folded = latinFolding[value] {
            word.append(folded)
        } else if scalar.properties.changesWhenLowercased {
            word.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars.filter(isWordScalar))
        } else {
            word.append(scalar)
        }
    }

    /// NFKC for everything but plain ASCII (full-width forms become ASCII, compatibility ideographs unified ones).
    static func normalised(_ text: String) -> String.UnicodeScalarView {
        CompatibilityNormalization.nfkc(text).unicodeScalars
    }

    /// Latin letters with diacritics (U+00C0–U+024F) mapped to their lower-case base letter: `é` → `e`, `Ł` → `l`.
    static let latinFolding: [UInt32: Unicode.Scalar] = {
        var table: [UInt32: Unicode.Scalar] = [:]
        let special: [UInt32: String] = [0xD8: "o", 0xF8: "o", 0x141: "l", 0x142: "l", 0x110: "d", 0x111: "d", 0xDF: "ss", 0xC6: "ae", 0xE6: "ae"]
        for value in UInt32(0xC0)...0x24F {
            guard let scalar = Unicode.Scalar(value), isWordScalar(scalar) else { continue }
            if let text = special[value], text.unicodeScalars.count == 1 {
                table[value] = text.unicodeScalars.first
                continue
            }
            let base = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? scalar
            guard base.value < 0x80 else { continue }
            let lower = base.value >= 0x41 && base.value <= 0x5A ? Unicode.Scalar(base.value + 0x20)! : base
            table[value] = lower
        }
        return table
    }()
}
