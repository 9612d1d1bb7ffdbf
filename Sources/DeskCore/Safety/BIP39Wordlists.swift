import Foundation

/// One of the ten official BIP39 wordlists.
public enum BIP39Language: Int, CaseIterable, Sendable {
    case english, chineseSimplified, chineseTraditional, japanese, korean
    case spanish, french, italian, czech, portuguese

    /// The resource file name (without `.txt`) under `Safety/Wordlists`.
    public var resourceName: String {
        switch self {
        case .english: "english"
        case .chineseSimplified: "chinese_simplified"
        case .chineseTraditional: "chinese_traditional"
        case .japanese: "japanese"
        case .korean: "korean"
        case .spanish: "spanish"
        case .french: "french"
        case .italian: "italian"
        case .czech: "czech"
        case .portuguese: "portuguese"
        }
    }

    /// This language's bit in a `LanguageMask`.
    var bit: UInt16 { 1 << UInt16(rawValue) }

    /// Chinese lists are single characters, matched by a per-character table.
    var isChinese: Bool { self == .chineseSimplified || self == .chineseTraditional }
}

/// Flags the scanner attaches to ASCII words it cares about besides wordlist membership.
struct WordFlags: OptionSet, Sendable {
    let rawValue: UInt16
    /// Names a transaction ("tx", "hash", "explorer"): a nearby 64-hex string is an identifier.
    static let txContext = WordFlags(rawValue: 1 << 0)
    /// Names a key ("private", "key", "import"): a nearby 64-hex string is a secret.
    static let keyContext = WordFlags(rawValue: 1 << 1)
    /// Introduces a password ("password", "pwd").
    static let passwordLead = WordFlags(rawValue: 1 << 2)
    /// Qualifies a following "code" as a one-time code ("verification", "sms", "google").
    static let otpQualifier = WordFlags(rawValue: 1 << 3)
    /// Introduces a one-time code on its own ("otp", "2fa", "authenticator").
    static let otpLead = WordFlags(rawValue: 1 << 4)
    /// The word "code", a lead-in only after a qualifier.
    static let codeWord = WordFlags(rawValue: 1 << 5)
    /// An English function word; many of these in a run of wordlist words means prose.
    static let functionWord = WordFlags(rawValue: 1 << 6)
    /// "crypto" / "Crypto", the key of an Ethereum keystore's encrypted section.
    static let keystoreKey = WordFlags(rawValue: 1 << 7)
    /// Connects a lead-in to its value ("is", "was").
    static let connector = WordFlags(rawValue: 1 << 8)
}

/// A fixed map of word keys to keys, probed with a multiplicative hash: the slip check asks it up to 19 times for a
/// word, and `Dictionary`'s seeded hashing made that a tenth of the scanner's time on mixed support text.
struct KeyTable: Sendable {
    private let keys: [UInt64]
    private let values: [UInt64]
    private let shift: UInt64

    init(_ entries: [UInt64: UInt64]) {
        var bits = 4
        while 1 << bits < entries.count * 2 { bits += 1 }
        var keys = [UInt64](repeating: .max, count: 1 << bits)
        var values = [UInt64](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
        for (key, value) in entries {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[slot] != .max { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
    }

    subscript(key: UInt64) -> UInt64? {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == .max { return nil }
            slot = (slot + 1) & (keys.count - 1)
        }
    }
}

/// What the scanner knows about one word key.
struct LexiconEntry: Sendable {
    var languages: UInt16
    var flags: WordFlags
}

/// The BIP39 wordlists, loaded once from the bundle and indexed for the scanner.
///
/// `shared` is a `static let`, so Swift initialises it lazily and exactly once, thread-safely.
final class BIP39Wordlists: Sendable {
    static let shared = BIP39Wordlists()

    /// Words of each language in list order, composed (NFC).
    let words: [[String]]
    /// Every Latin, kana and Hangul word key (plus flagged English keywords) → languages, flags.
    let lexicon: [UInt64: LexiconEntry]
    /// Per language: word key → index in the list (unused for Chinese).
    let indexByKey: [[UInt64: UInt16]]
    /// For each scalar U+4E00…U+9FFF: index + 1 in the simplified list (0 = absent).
    let hanSimplified: [UInt16]
    /// For each scalar U+4E00…U+9FFF: index + 1 in the traditional list (0 = absent).
    let hanTraditional: [UInt16]
    /// Adjacent character pairs of common Chinese words (`first << 32 | second`), see
    /// scripts/generate-chinese-word-pairs.py.
    let chineseWordPairs: Set<UInt64>
    /// English list words with one letter dropped (a 4–8-letter word's key without one of its letters) → the word's
    /// key, or 0 when two list words drop to the same key; and each English word's own key → itself. See
    /// ``slipCorrection(_:)``.
    let englishDrops: KeyTable
    let englishWords: KeyTable

    static let hanBase: UInt32 = 0x4E00
    static let hanCount = 0x5200

    private init() {
        var words: [[String]] = []
        var lexicon: [UInt64: LexiconEntry] = [:]
        var indexByKey: [[UInt64: UInt16]] = []
        var simplified = [UInt16](repeating: 0, count: Self.hanCount)
        var traditional = [UInt16](repeating: 0, count: Self.hanCount)
        for language in BIP39Language.allCases {
            let list = Self.load(language)
            words.append(list)
            var index: [UInt64: UInt16] = [:]
            for (position, word) in list.enumerated() {
                let scalars = word.unicodeScalars.map(\.value)
                if language.isChinese {
                    guard let scalar = scalars.first, scalar &- Self.hanBase < UInt32(Self.hanCount) else { continue }
                    let slot = Int(scalar - Self.hanBase)
                    if language == .chineseSimplified { simplified[slot] = UInt16(position + 1) } else { traditional[slot] = UInt16(position + 1) }
                    continue
                }
                let key: UInt64?
                switch language {
                case .japanese: key = ScalarClass.kanaKey(scalars)
                case .korean: key = ScalarClass.hangulKey(scalars)
                default: key = ScalarClass.latinKey(scalars)
                }
                guard let key else { continue }
                index[key] = UInt16(position)
                lexicon[key, default: LexiconEntry(languages: 0, flags: [])].languages |= language.bit
            }
            indexByKey.append(index)
        }
        var drops: [UInt64: UInt64] = [:]
        for key in indexByKey[BIP39Language.english.rawValue].keys {
            let letters = ScalarClass.letterCount(key)
            guard letters >= 4 else { continue }
            for position in 0..<letters {
                let dropped = ScalarClass.dropLetter(position, from: key, letters: letters)
                drops[dropped] = drops[dropped].map { $0 == key ? key : 0 } ?? key
            }
        }
        self.englishDrops = KeyTable(drops)
        self.englishWords = KeyTable(Dictionary(uniqueKeysWithValues: indexByKey[BIP39Language.english.rawValue].keys.map { ($0, $0) }))
        for (word, flags) in Self.keywords {
            guard let key = ScalarClass.latinKey(word.unicodeScalars.map(\.value)) else { continue }
            lexicon[key, default: LexiconEntry(languages: 0, flags: [])].flags.formUnion(flags)
        }
        self.words = words
        self.lexicon = lexicon
        self.indexByKey = indexByKey
        self.hanSimplified = simplified
        self.hanTraditional = traditional
        var pairs = Set<UInt64>()
        for line in Self.readLines("chinese_word_pairs") {
            let scalars = line.unicodeScalars.map(\.value)
            if scalars.count == 2 { pairs.insert(UInt64(scalars[0]) << 32 | UInt64(scalars[1])) }
        }
        self.chineseWordPairs = pairs
    }

    /// The English list word a hand-copied word is one slip away from: a letter dropped ("garbge"), added
    /// ("garbagge"), changed ("garbege") or two swapped ("garbgae"). Returns the list word's key, 0 when several list
    /// words are that close, nil when none is. Words of 4–9 letters are tried, and 3-letter ones only as a 4-letter word
    /// with a letter dropped. (BIP39's English list was chosen so that slips rarely make another list word.)
    func slipCorrection(_ key: UInt64) -> UInt64? {
        guard key & ScalarClass.longWordTag == 0 else { return nil }
        let letters = ScalarClass.letterCount(key)
        // Three letters: only a 4-letter word with one dropped ("gft"); other slips of short words make another
        // short word too often.
        if letters == 3 { return englishDrops[key] }
        guard letters >= 4, letters <= 9 else { return nil }
        var found: UInt64?
        func consider(_ candidate: UInt64) {
            // The tables also pair words two edits apart ("garbae" and "garage" both drop to "garae"); keep one slip.
            guard candidate == 0 || Self.oneSlipApart(key, letters, candidate) else { return }
            if let earlier = found, earlier != candidate { found = 0 } else { found = candidate }
        }
        if let word = englishDrops[key] { consider(word) } // a letter dropped
        for position in 0..<letters {
            let dropped = ScalarClass.dropLetter(position, from: key, letters: letters)
            if let word = englishWords[dropped] { consider(word) } // a letter added
            if let word = englishDrops[dropped] { consider(word) } // changed or swapped
        }
        return found
    }

    /// True when two word keys differ by one dropped, added or changed letter, or two adjacent letters swapped.
    static func oneSlipApart(_ a: UInt64, _ aLetters: Int, _ b: UInt64) -> Bool {
        let bLetters = ScalarClass.letterCount(b)
        func letter(_ key: UInt64, _ letters: Int, _ position: Int) -> UInt64 { (key >> UInt64(5 * (letters - 1 - position))) & 31 }
        let x = (0..<aLetters).map { letter(a, aLetters, $0) }
        let y = (0..<bLetters).map { letter(b, bLetters, $0) }
        var first = 0
        while first < min(x.count, y.count) && x[first] == y[first] { first += 1 }
        if first == min(x.count, y.count) { return abs(x.count - y.count) == 1 } // equal, or one letter added at the end
        if x.count == y.count {
            if x[(first + 1)...] == y[(first + 1)...] { return true } // changed
            return first + 1 < x.count && x[first] == y[first + 1] && x[first + 1] == y[first] && x[(first + 2)...] == y[(first + 2)...] // swapped
        }
        let (long, short) = x.count > y.count ? (x, y) : (y, x)
        return long.count == short.count + 1 && long[(first + 1)...] == short[first...] // dropped or added
    }

    /// Reads one list from the bundle. A missing resource is a packaging error; an empty list
    /// keeps the scanner working for the other kinds instead of crashing the server.
    private static func load(_ language: BIP39Language) -> [String] {
        readLines(language.resourceName).map { $0.precomposedStringWithCanonicalMapping }
    }

    private static func readLines(_ resource: String) -> [String] {
        guard let url = Bundle.module.url(forResource: resource, withExtension: "txt", subdirectory: "Wordlists")
            ?? Bundle.module.url(forResource: resource, withExtension: "txt"),
            let data = try? Data(contentsOf: url)
        else {
            assertionFailure("\(resource).txt missing from the DeskCore bundle (Safety/Wordlists)")
            return []
        }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
    }

    /// English words with a role beyond wordlist membership. Lower case; matching folds case.
    private static let keywords: [(String, WordFlags)] = {
        var table: [(String, WordFlags)] = []
        for word in ["tx", "txid", "txids", "txn", "txhash", "hash", "hashes", "transaction", "transactions", "explorer",
                     "etherscan", "bscscan", "tronscan", "solscan", "mempool", "blockchair", "signature", "sig",
                     "block", "receipt", "deposit", "withdrawal", "withdraw", "transfer", "payment", "sent", "confirmations"] {
            table.append((word, .txContext))
        }
        for word in ["key", "keys", "private", "privkey", "privatekey", "secret", "import", "imported", "importing",
                     "export", "exported", "seed", "wif", "backup"] {
            table.append((word, .keyContext))
        }
        for word in ["password", "passwd", "pwd", "passcode", "passphrase", "pin", "passwort", "contraseña"] {
            table.append((word, .passwordLead))
        }
        for word in ["verification", "verify", "sms", "auth", "authentication", "security", "login", "confirmation",
                     "google", "email", "text", "one", "time", "onetime", "mfa", "totp", "otp", "authenticator"] {
            table.append((word, .otpQualifier))
        }
        for word in ["otp", "totp", "mfa", "authenticator"] { table.append((word, .otpLead)) }
        table.append(("code", .codeWord))
        table.append(("codes", .codeWord))
        table.append(("crypto", .keystoreKey))
        for word in ["is", "was", "are", "be", "now", "here", "it", "s", "number", "no", "as", "of", "my", "the", "new", "current", "old"] {
            table.append((word, .connector))
        }
        // English function words (closed-class: prepositions, adverbs, pronouns, modals). Prose is
        // full of them; a random BIP39 phrase rarely has two. Content words such as "thank",
        // "year" or "help" are deliberately absent: they are as likely in a phrase as any other.
        for word in ["about", "above", "across", "after", "again", "against", "all", "almost", "alone", "along",
                     "already", "also", "always", "among", "and", "any", "around", "because", "before", "behind",
                     "below", "between", "beyond", "both", "but", "can", "could", "during", "each", "either", "else",
                     "enough", "even", "ever", "every", "few", "for", "from", "have", "here", "how", "into", "just",
                     "later", "less", "like", "little", "more", "most", "much", "must", "near", "never", "next", "not",
                     "now", "often", "only", "other", "over", "own", "same", "some", "soon", "still", "such", "than",
                     "that", "then", "there", "these", "they", "this", "though", "through", "too", "under", "until",
                     "upon", "very", "what", "when", "where", "which", "while", "who", "why", "will", "with", "within",
                     "without", "would", "yet", "you", "your", "may", "might", "shall", "should", "maybe", "since"] {
            table.append((word, .functionWord))
        }
        return table
    }()
}
