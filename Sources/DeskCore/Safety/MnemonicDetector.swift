import Foundation

/// What lies between two words, as far as a recovery phrase is concerned.
///
/// People write phrases with spaces, commas, line breaks, ideographic spaces and numbering
/// (`1. abandon 2) ability`, `(3)`, `①`, `4、`), and also joined by hyphens, slashes, bars, full stops or as a
/// quoted list (`["abandon","ability",…]`). Anything else between two words, such as a colon or a bracket that is not
/// after a list number, or more than 16 scalars of separators, ends the phrase.
struct WordGap {
    var length = 0
    var broken = false
    var numbered = false
    /// A hyphen, slash, bar, full stop or quote: how machines and some people join a phrase, and also how prose joins
    /// words ("one-thing", "and/or"), so a Latin run joined so must pass the checksum (see `judgeSpaced`).
    var joined = false
    /// Quote marks and commas seen: a quote around a phrase ends it, but `","` between two words is a quoted list.
    var quotes = 0
    var comma = false

    @inline(__always) mutating func reset() {
        length = 0
        broken = false
        numbered = false
        joined = false
        quotes = 0
        comma = false
    }

    /// Whether the gap ends a phrase: anything not a separator, or a quote that is not part of `","`.
    var ends: Bool { broken || (quotes > 0 && !isQuotedListSeparator) }

    var isQuotedListSeparator: Bool { quotes == 2 && comma }

    @inline(__always) mutating func add(_ c: UInt32) {
        length += 1
        switch c {
        case 0x2C:
            comma = true // , (also inside a quoted list)
        case 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x3000, 0xFF0C, 0x3001, 0x3B, 0xFF1B, 0x28, 0xFF08, 0x5B, 0x23:
            break // space, tab, newlines, NBSP, ideographic space, commas, 、, semicolons, ( （ [ #
        case 0x2D, 0x2F, 0x7C, 0xB7, 0x2022, 0x2E:
            joined = true // - / | · • . : "word-word-…", "word / word", "word. word."
        case 0x22, 0x27, 0x201C, 0x201D, 0x2018, 0x2019:
            quotes += 1 // " ' “ ” ‘ ’ : around a phrase, or `","` in a quoted list
        case 0x29, 0x3A, 0xFF09, 0xFF1A, 0x5D, 0xFF0E:
            if !numbered { broken = true } // ) : （ ： ] ． only right after a list number
        default:
            broken = true
        }
        if length > 16 { broken = true }
    }

    @inline(__always) mutating func addNumber(length digits: Int) {
        length += digits
        numbered = true
        if length > 16 { broken = true }
    }

    /// ① … ⑳, ⑴ … ⒇, ⒈ … ⒛ and ㉑ … ㊿.
    @inline(__always) static func isCircledNumber(_ c: UInt32) -> Bool {
        c &- 0x2460 < 0x3C || c &- 0x3251 < 0x0F || c &- 0x32B1 < 0x0F
    }
}

/// A word the phrase tracker holds while it may still belong to a phrase.
struct PhraseWord {
    var start: Int
    var end: Int
    /// The word key (Latin, kana, Hangul) or the scalar itself for a Chinese character.
    var key: UInt64
    var isFunctionWord: Bool
    var gapNonEmpty: Bool
    var gapNumbered: Bool
    var gapJoined = false
    /// Not in the English list but one slip from a list word (see ``BIP39Wordlists/slipCorrection(_:)``); `key` is
    /// then that word's key when only one list word is that close.
    var isSlip = false
}

/// Finds BIP39 recovery phrases in the stream of words the scanner feeds it.
///
/// The tracker keeps, for each of the ten languages, the run of consecutive words that are all in
/// that language's list with only phrase separators between them. When a run ends it is judged:
///
/// **Latin, Japanese and Korean lists** (words separated by spaces):
/// - fewer than 8 words: ignored;
/// - prose test: English prose is full of list words ("about, above, all, also, can, have,
///   that…") but every such sentence also needs function words. A run is prose when it has two
///   or more function words and they make up 20 % or more of it (a third or more when the run is
///   exactly a 12–24-word phrase with a valid checksum). About 60 of the 2048 English words are
///   function words, so a random phrase rarely trips this. A run whose
///   gaps are mostly list numbers (`1.`, `2)`, `①`) is a phrase whatever its words;
/// - English phrases copied by hand carry typing slips ("garbge" for "garbage"): a word in no list but one slip from
///   an English list word keeps an English run going, standing for that word when only one is in reach (so the
///   checksum can still pass). A run with slips needs 11 words or more (or numbering) and at most one slip in four;
///   slips at its edges are weighed by ``trimEdgeSlips(_:lead:)``;
/// - otherwise it is a phrase. Confidence 0.99 when some 12/15/18/21/24-word window passes the
///   BIP39 checksum, else 0.85 for 12+ words (wrong checksum, a word missing) and 0.7 for 8–11
///   (0.8 when numbered).
///
/// **Chinese lists** (one character a word; prose draws on the same 2048 common characters):
/// - separated stretches (a separator after every character, ≥ 8 characters, e.g. `的 一 是 在`,
///   `1.的 2.一`, `的、一、是`): Chinese prose never does that, so it is a phrase (0.99 with checksum,
///   else 0.85);
/// - unseparated stretches of 11+ adjacent list characters are judged by sliding windows of 12
///   (or the whole stretch if shorter). Prose is made of words; a random phrase is not. A window
///   is phrase material when all three hold:
///   1. at most 1 adjacent pair is a pair from a common Chinese word (`chinese_word_pairs.txt`,
///      28k pairs from jieba's dictionary): prose windows have several, random ones ~0.1;
///   2. at most 2 characters are among the 40 most frequent (的 一 是 在 不 了 有 和 人 这 …, the
///      lists are ordered by frequency): prose is full of them, a random draw has ~0.2;
///   3. the mean of ln(index + 10) is at least 5.7: prose sits near the top of the list
///      (≈ 4–5), a uniform draw averages ≈ 6.65.
///   Measured on the four seed articles and the corpus prose, 2 of 387 long prose stretches pass,
///   while 0.3–0.5 % of random 12-character phrases fail. The union of passing windows is the
///   finding (0.95 when it is exactly a checksum-valid phrase, else 0.75). The checksum alone is
///   never enough: any 12 characters pass it one time in sixteen.
struct MnemonicRunTracker {
    static let minimumWords = 8
    static let minimumWordsWithSlips = 11
    static let minimumUnseparatedHan = 11
    static let hanWindow = 12
    static let hanWindowThreshold: Float = 5.7
    static let commonCharacterRank = 40
    static let maximumCommonCharacters = 2
    static let maximumWordPairs = 1
    static let phraseLengths = [24, 21, 18, 15, 12]

    /// ln(index + 10) for each list position, the per-character score of the Chinese rule.
    static let hanScore: [Float] = (0..<2048).map { Float(log(Double($0) + 10)) }

    let lists: BIP39Wordlists
    var gap = WordGap()
    var findings: [SecretFinding] = []
    private var words: [PhraseWord] = []
    private var runStart = [Int](repeating: -1, count: BIP39Language.allCases.count)
    private var active: UInt16 = 0
    /// The last word that was in no list, while nothing but separators followed it.
    private var unlisted: PhraseWord?
    /// The word in no list right before the open English run (see ``judgeSpaced(_:language:)``).
    private var englishLead: PhraseWord?

    init(lists: BIP39Wordlists) {
        self.lists = lists
        words.reserveCapacity(64)
    }

    /// Feeds one word and the languages whose list contains it (0 for none).
    @inline(__always) mutating func push(start: Int, end: Int, key: UInt64, languages: UInt16, isFunctionWord: Bool) {
        if gap.ends {
            closeAll()
            unlisted = nil
        }
        var word = PhraseWord(start: start, end: end, key: key, isFunctionWord: isFunctionWord,
                              gapNonEmpty: gap.length > 0, gapNumbered: gap.numbered,
                              gapJoined: (gap.joined || gap.isQuotedListSeparator) && !gap.numbered)
        gap.reset()
        var languages = languages
        let english = BIP39Language.english.bit
        if languages == 0, active & english != 0, !isFunctionWord, let corrected = lists.slipCorrection(key) {
            // A phrase copied by hand with a typing slip goes on; ``judgeSpaced`` decides whether it still reads as one.
            languages |= english
            word.isSlip = true
            if corrected != 0 { word.key = corrected }
        }
        if languages == 0 {
            if active != 0 { closeAll() }
            unlisted = word
            return
        }
        var ending = active & ~languages
        while ending != 0 {
            let language = ending.trailingZeroBitCount
            close(language)
            ending &= ending - 1
        }
        if active == 0 { words.removeAll(keepingCapacity: true) }
        words.append(word)
        var starting = languages & ~active
        while starting != 0 {
            runStart[starting.trailingZeroBitCount] = words.count - 1
            starting &= starting - 1
        }
        // The word just before an English run may be its first word with a slip; judged only if the run is long.
        if languages & ~active & english != 0 { englishLead = unlisted }
        unlisted = nil
        active |= languages
    }

    /// Ends every open run: something that is not a word separator came along.
    @inline(__always) mutating func breakRuns() {
        gap.reset()
        unlisted = nil
        if active != 0 { closeAll() }
    }

    /// Judges all open runs at the end of the text.
    mutating func finish() {
        closeAll()
    }

    private mutating func closeAll() {
        var ending = active
        while ending != 0 {
            close(ending.trailingZeroBitCount)
            ending &= ending - 1
        }
        words.removeAll(keepingCapacity: true)
    }

    private mutating func close(_ languageIndex: Int) {
        active &= ~(1 << UInt16(languageIndex))
        let start = runStart[languageIndex]
        runStart[languageIndex] = -1
        let lead = languageIndex == BIP39Language.english.rawValue ? englishLead.take() : nil
        // A lead word can add one word to the run; shorter runs are not judged.
        guard start >= 0, words.count - start + 1 >= Self.minimumWords, let language = BIP39Language(rawValue: languageIndex) else { return }
        var run = words[start...]
        if language == .english { run = trimEdgeSlips(run, lead: lead) }
        guard run.count >= Self.minimumWords else { return }
        if language.isChinese {
            judgeChinese(run, language: language)
        } else {
            judgeSpaced(run, language: language)
        }
    }

    /// Slips at the edges of an English run are ordinary words ("… buyer thanks", "I typed <phrase>") as often as a
    /// phrase's mistyped first or last word. `lead` is the word in no list just before the run.
    /// - A long run (11 words or more without its edge slips) keeps the edges that make a phrase passing the checksum
    ///   (the leading slip tried before the trailing ones); failing that it keeps them all: removing a word too many is
    ///   better than leaving a word of the phrase in the text.
    /// - A shorter run keeps the edges that make it a phrase's length (12, 15 … 24 words), else none.
    private func trimEdgeSlips(_ run: ArraySlice<PhraseWord>, lead: PhraseWord?) -> ArraySlice<PhraseWord> {
        var core = run
        while let last = core.last, last.isSlip { core = core.dropLast() }
        let trailing = Array(run.suffix(run.count - core.count))
        var leading: [PhraseWord] = []
        if let lead, !lead.isFunctionWord, let corrected = lists.slipCorrection(lead.key) {
            var first = lead
            first.isSlip = true
            if corrected != 0 { first.key = corrected }
            leading = [first]
        }
        if leading.isEmpty && trailing.isEmpty { return run }
        let choices: [(lead: Bool, trail: Bool)] = [(true, true), (true, false), (false, true), (false, false)]
        let options = choices.filter { (!$0.lead || !leading.isEmpty) && (!$0.trail || !trailing.isEmpty) }
            .map { (($0.lead ? leading : []) + core + ($0.trail ? trailing : []))[...] }
            .filter { Self.phraseLengths.contains($0.count) }
        if core.count >= Self.minimumWordsWithSlips {
            let english = lists.indexByKey[BIP39Language.english.rawValue]
            if let exact = options.first(where: { option in Self.checksumValid(option.map { english[$0.key] ?? 0 }[...]) }) { return exact }
            return (leading + run)[...]
        }
        return options.first ?? core
    }

    // MARK: - Spaced languages

    private mutating func judgeSpaced(_ run: ArraySlice<PhraseWord>, language: BIP39Language) {
        let count = run.count
        let numberedGaps = run.dropFirst().filter(\.gapNumbered).count
        let numbered = numberedGaps * 2 >= count - 1
        let indices = run.map { lists.indexByKey[language.rawValue][$0.key] ?? 0 }
        // Slips (a word one typo from a list word) are for phrases copied by hand: a long run, mostly list words.
        let slips = run.filter(\.isSlip).count
        if slips > 0 && ((count < Self.minimumWordsWithSlips && !numbered) || slips * 4 > count) { return }
        // Joined by hyphens, slashes, full stops or quotes: a phrase only when the checksum says so.
        if !numbered, run.dropFirst().contains(where: \.gapJoined), !Self.hasValidWindow(indices) { return }
        if !numbered {
            let functionWords = Double(run.filter(\.isFunctionWord).count)
            // An exact phrase that passes the checksum only loses to clearly prose-like text.
            let exactValid = Self.phraseLengths.contains(count) && Self.checksumValid(indices[...])
            var prose = exactValid ? functionWords >= 0.34 * Double(count) : functionWords >= max(2, 0.2 * Double(count))
            if prose, !exactValid, let window = Self.validWindow(indices) {
                // A checksum-valid phrase inside a longer run ("again <phrase>", "my <phrase>"): the list word said
                // before it must not make the phrase read as prose, so the window is judged like an exact phrase.
                let windowFunctionWords = Double(run.dropFirst(window.lowerBound).prefix(window.count).filter(\.isFunctionWord).count)
                prose = windowFunctionWords >= 0.34 * Double(window.count)
            }
            if prose { return }
        }
        let confidence: Double
        if Self.hasValidWindow(indices) {
            confidence = 0.99
        } else if count >= 12 {
            confidence = numbered ? 0.9 : 0.85
        } else {
            confidence = numbered ? 0.8 : 0.7
        }
        var span = run
        if slips > 0, let window = Self.validWindow(indices), count - window.count <= 2 {
            // A slip just outside the phrase the checksum found is an ordinary word next to it ("phone; said
            // <phrase>"): the phrase alone is removed. Only at most two words from the run's edges: any 12 words pass
            // the checksum one time in sixteen, so a window inside a longer run with a mistyped word can be chance.
            let inside = run.dropFirst(window.lowerBound).prefix(window.count)
            if inside.filter(\.isSlip).count < slips { span = inside }
        }
        guard let first = span.first, let last = span.last else { return }
        findings.append(SecretFinding(kind: .mnemonic, start: first.start, end: last.end, confidence: confidence))
    }

    // MARK: - Chinese

    private func hanIndex(_ word: PhraseWord, _ language: BIP39Language) -> Int {
        let slot = Int(UInt32(truncatingIfNeeded: word.key) &- BIP39Wordlists.hanBase)
        guard slot >= 0, slot < BIP39Wordlists.hanCount else { return 0 }
        let table = language == .chineseSimplified ? lists.hanSimplified : lists.hanTraditional
        return max(Int(table[slot]) - 1, 0)
    }

    private mutating func judgeChinese(_ run: ArraySlice<PhraseWord>, language: BIP39Language) {
        // Separated stretches: every gap inside is non-empty ("的 一 是", "1.的 2.一", "的、一、是").
        var separatedStart = run.startIndex
        var adjacentStart = run.startIndex
        for position in run.indices.dropFirst() {
            if !run[position].gapNonEmpty {
                judgeSeparated(run[separatedStart..<position], language: language)
                separatedStart = position
            } else {
                judgeUnseparated(run[adjacentStart..<position], language: language)
                adjacentStart = position
            }
        }
        judgeSeparated(run[separatedStart...], language: language)
        judgeUnseparated(run[adjacentStart...], language: language)
    }

    private mutating func judgeSeparated(_ stretch: ArraySlice<PhraseWord>, language: BIP39Language) {
        guard stretch.count >= Self.minimumWords, let first = stretch.first, let last = stretch.last else { return }
        let indices = stretch.map { UInt16(hanIndex($0, language)) }
        let confidence = Self.hasValidWindow(indices) ? 0.99 : 0.85
        findings.append(SecretFinding(kind: .mnemonic, start: first.start, end: last.end, confidence: confidence))
    }

    private mutating func judgeUnseparated(_ stretch: ArraySlice<PhraseWord>, language: BIP39Language) {
        let count = stretch.count
        guard count >= Self.minimumUnseparatedHan else { return }
        let indices = stretch.map { hanIndex($0, language) }
        let scalars = stretch.map { UInt64(UInt32(truncatingIfNeeded: $0.key)) }
        // Per-position signals, summed over a sliding window.
        let score = indices.map { Self.hanScore[$0] }
        let common = indices.map { $0 < Self.commonCharacterRank ? 1 : 0 }
        let pair = (0..<count).map { k in k + 1 < count && lists.chineseWordPairs.contains(scalars[k] << 32 | scalars[k + 1]) ? 1 : 0 }
        let window = min(Self.hanWindow, count)
        var scoreSum: Float = score[0..<window].reduce(0, +)
        var commonSum = common[0..<window].reduce(0, +)
        var pairSum = pair[0..<(window - 1)].reduce(0, +)
        var firstPass = -1
        var lastPassEnd = -1
        var offset = 0
        while true {
            if pairSum <= Self.maximumWordPairs && commonSum <= Self.maximumCommonCharacters
                && scoreSum / Float(window) >= Self.hanWindowThreshold {
                if firstPass < 0 { firstPass = offset }
                lastPassEnd = offset + window
            }
            guard offset + window < count else { break }
            scoreSum += score[offset + window] - score[offset]
            commonSum += common[offset + window] - common[offset]
            pairSum += pair[offset + window - 1] - pair[offset]
            offset += 1
        }
        guard firstPass >= 0 else { return }
        let base = stretch.startIndex
        let length = lastPassEnd - firstPass
        let spanIndices = indices[firstPass..<lastPassEnd].map { UInt16($0) }
        let confidence = Self.phraseLengths.contains(length) && Self.checksumValid(spanIndices[...]) ? 0.95 : 0.75
        findings.append(SecretFinding(kind: .mnemonic, start: stretch[base + firstPass].start,
                                      end: stretch[base + lastPassEnd - 1].end, confidence: confidence))
    }

    // MARK: - Checksum

    /// True when some window of a valid phrase length inside `indices` passes the checksum.
    /// Runs longer than 48 words are prose or pasted lists; only their edges are tried.
    static func hasValidWindow(_ indices: [UInt16]) -> Bool {
        for length in phraseLengths where length <= indices.count {
            let lastOffset = indices.count - length
            let offsets = lastOffset <= 24 ? Array(0...lastOffset) : [0, lastOffset]
            for offset in offsets where checksumValid(indices[offset..<(offset + length)]) { return true }
        }
        return false
    }

    /// The first window of a valid phrase length inside `indices` that passes the checksum (longest first).
    static func validWindow(_ indices: [UInt16]) -> Range<Int>? {
        for length in phraseLengths where length <= indices.count {
            let lastOffset = indices.count - length
            let offsets = lastOffset <= 24 ? Array(0...lastOffset) : [0, lastOffset]
            for offset in offsets where checksumValid(indices[offset..<(offset + length)]) { return offset..<(offset + length) }
        }
        return nil
    }

    /// The BIP39 checksum: the first words·11/33 bits of SHA-256(entropy) follow the entropy.
    static func checksumValid(_ indices: ArraySlice<UInt16>) -> Bool {
        let count = indices.count
        guard count >= 12, count <= 24, count % 3 == 0 else { return false }
        let totalBits = count * 11
        let checksumBits = totalBits / 33
        let entropyBytes = (totalBits - checksumBits) / 8
        var bytes = [UInt8](repeating: 0, count: (totalBits + 7) / 8)
        var bit = 0
        for index in indices {
            for shift in stride(from: 10, through: 0, by: -1) {
                if (index >> UInt16(shift)) & 1 == 1 { bytes[bit >> 3] |= 0x80 >> UInt8(bit & 7) }
                bit += 1
            }
        }
        let digest = SHA256.hash(bytes[..<entropyBytes])
        let expected = digest[0] >> UInt8(8 - checksumBits)
        let stored = bytes[entropyBytes] >> UInt8(8 - checksumBits)
        return expected == stored
    }
}
