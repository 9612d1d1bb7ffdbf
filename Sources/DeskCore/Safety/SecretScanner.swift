/// Finds and removes crypto secrets (recovery phrases, private keys, extended private keys,
/// keystore files, stated passwords and one-time codes) from free text.
///
/// One pass over the Unicode scalars splits the text into Latin words and alphanumeric runs,
/// Chinese characters, kana and Hangul words; every look-up happens only on such a candidate, with
/// allocation-free 64-bit keys for wordlist words. See `MnemonicRunTracker`,
/// `PrivateKeyDetector`, `StatedSecretDetector` and `KeystoreDetector` for the rules.
///
/// Use it at every door (chat, e-mail, forms, attachments' text, logs) before anything is stored.
public struct SecretScanner: Sendable {
    /// Asked about each bare 64-hex or Solana signature-shaped string that would otherwise be
    /// reported as a private key; return true for a transaction the wallet backend knows, and it
    /// is left alone. Called synchronously during `scan`.
    public var isKnownTransaction: (@Sendable (String) -> Bool)?

    /// Creates a scanner. The wordlists load on first use (once per process).
    public init() {}

    /// Scans `text` and returns it with every secret replaced by a marker in `language`.
    public func scan(_ text: String, language: RedactionLanguage = .en) -> ScanResult {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { scalars.append(scalar.value) }
        var pass = ScanPass(scalars: scalars, lists: BIP39Wordlists.shared)
        pass.run()
        let findings = pass.resolvedFindings(isKnownTransaction: isKnownTransaction)
        guard !findings.isEmpty else { return ScanResult(redacted: text, findings: []) }
        let original = Array(text.unicodeScalars)
        return ScanResult(redacted: RedactionMarker.redact(original, findings: findings, language: language), findings: findings)
    }

    /// Only the findings, without building the redacted text.
    public func findings(in text: String) -> [SecretFinding] {
        var pass = ScanPass(scalars: text.unicodeScalars.map(\.value), lists: BIP39Wordlists.shared)
        pass.run()
        return pass.resolvedFindings(isKnownTransaction: isKnownTransaction)
    }
}

/// The state of one scan: the tokenizer loop and the detectors it feeds.
struct ScanPass {
    let s: [UInt32]
    let lexicon: [UInt64: LexiconEntry]
    let hanSimplified: [UInt16]
    let hanTraditional: [UInt16]
    let startsChineseKeyword: [Bool]
    let stated: StatedSecretDetector
    var phrases: MnemonicRunTracker
    var keys = PrivateKeyDetector()
    var findings: [SecretFinding] = []
    /// End of the last word that qualifies a following "code" as a one-time code.
    var otpQualifierEnd = -1_000
    var keywordSuppressedUntil = 0

    init(scalars: [UInt32], lists: BIP39Wordlists) {
        s = scalars
        lexicon = lists.lexicon
        hanSimplified = lists.hanSimplified
        hanTraditional = lists.hanTraditional
        startsChineseKeyword = ChineseKeywords.startsKeyword
        stated = StatedSecretDetector(lexicon: lists.lexicon)
        phrases = MnemonicRunTracker(lists: lists)
    }

    mutating func run() {
        let count = s.count
        var i = 0
        while i < count {
            let c = s[i]
            if c < 0x80 {
                if ScalarClass.isASCIIAlnum(c) {
                    i = latinToken(from: i)
                } else {
                    phrases.gap.add(c)
                    i += 1
                }
            } else if c &- 0x4E00 < 0x5200 {
                hanCharacter(c, at: i)
                i += 1
            } else if ScalarClass.isLatinWordScalar(c) {
                i = latinToken(from: i)
            } else if ScalarClass.isKana(c) {
                i = scriptToken(from: i, isKana: true)
            } else if ScalarClass.isHangul(c) {
                i = scriptToken(from: i, isKana: false)
            } else if WordGap.isCircledNumber(c) {
                phrases.gap.addNumber(length: 1)
                i += 1
            } else {
                if ScalarClass.isHan(c) { phrases.breakRuns() } else { phrases.gap.add(c) }
                i += 1
            }
        }
        phrases.finish()
    }

    /// Reads a run of Latin word scalars and hands it to the detectors that care.
    private mutating func latinToken(from start: Int) -> Int {
        let count = s.count
        var end = start
        var key: UInt64 = 0
        var letters = 0
        var digits = 0
        var wordShaped = true
        var allASCII = true
        var allHex = true
        var allBase58 = true
        while end < count {
            let c = s[end]
            if c < 0x80 {
                if ScalarClass.isASCIIDigit(c) {
                    digits += 1
                    if c == 0x30 { allBase58 = false }
                } else if ScalarClass.isASCIILetter(c) {
                    letters += 1
                    if letters <= 12 { key = key << 5 | UInt64((c | 0x20) - 0x60) }
                    if (c | 0x20) &- 0x61 >= 6 { allHex = false }
                    if c == 0x4F || c == 0x49 || c == 0x6C { allBase58 = false } // O I l
                } else {
                    break
                }
            } else if ScalarClass.isLatinWordScalar(c) {
                allASCII = false
                if ScalarClass.isFullwidthDigit(c) {
                    digits += 1
                } else if let code = ScalarClass.latinLetterCode(c) {
                    if code != 0 {
                        letters += 1
                        if letters <= 12 { key = key << 5 | code }
                    }
                } else {
                    wordShaped = false
                    letters += 1
                }
            } else {
                break
            }
            end += 1
        }

        if letters == 0 {
            // A list number such as "12" in "12. abandon"; longer numbers end a phrase.
            if digits <= 2 { phrases.gap.addNumber(length: end - start) } else { phrases.breakRuns() }
            return end
        }
        if digits == 0 && wordShaped {
            if letters > 12 { key |= ScalarClass.longWordTag }
            let entry = lexicon[key]
            let flags = entry?.flags ?? []
            phrases.push(start: start, end: end, key: key, languages: entry?.languages ?? 0,
                         isFunctionWord: flags.contains(.functionWord))
            if !flags.isEmpty { keyword(flags, start: start, end: end) }
            return end
        }
        phrases.breakRuns()
        guard allASCII else { return end }
        if end - start == 3 && s[start] == 0x32 && s[start + 1] | 0x20 == 0x66 && s[start + 2] | 0x20 == 0x61 {
            keyword([.otpQualifier, .otpLead], start: start, end: end) // "2FA"
        } else if end - start >= 50 {
            keys.inspect(s, start: start, end: end, allHex: allHex && digits + letters == end - start, allBase58: allBase58)
        }
        return end
    }

    /// Reads a kana or Hangul word and feeds it to the phrase tracker.
    private mutating func scriptToken(from start: Int, isKana: Bool) -> Int {
        var end = start + 1
        if isKana {
            while end < s.count && (ScalarClass.isKana(s[end]) || s[end] == 0x3099 || s[end] == 0x309A) { end += 1 }
        } else {
            while end < s.count && ScalarClass.isHangul(s[end]) { end += 1 }
        }
        let key = isKana ? ScalarClass.kanaKey(s[start..<end]) : ScalarClass.hangulKey(s[start..<end])
        let languages = key.flatMap { lexicon[$0]?.languages } ?? 0
        phrases.push(start: start, end: end, key: key ?? 0, languages: languages, isFunctionWord: false)
        return end
    }

    /// One CJK Unified Ideograph: a Chinese wordlist word and perhaps the start of a keyword.
    @inline(__always)
    private mutating func hanCharacter(_ c: UInt32, at position: Int) {
        let slot = Int(c - BIP39Wordlists.hanBase)
        var languages: UInt16 = 0
        if hanSimplified[slot] != 0 { languages |= BIP39Language.chineseSimplified.bit }
        if hanTraditional[slot] != 0 { languages |= BIP39Language.chineseTraditional.bit }
        phrases.push(start: position, end: position + 1, key: UInt64(c), languages: languages, isFunctionWord: false)
        guard startsChineseKeyword[slot], position >= keywordSuppressedUntil,
              let match = ChineseKeywords.match(in: s, at: position) else { return }
        let end = position + match.scalars.count
        keywordSuppressedUntil = end
        switch match.role {
        case .txContext: keys.marks.append(ContextMark(start: position, end: end, role: .transaction))
        case .keyContext:
            keys.marks.append(ContextMark(start: position, end: end, role: .key))
            if let found = stated.authenticatorKey(in: s, after: end) { findings.append(found) }
        case .passwordLead:
            if let found = stated.password(in: s, after: end, chineseLead: true) { findings.append(found) }
        case .otpLead:
            if let found = stated.oneTimeCode(in: s, after: end) { findings.append(found) }
        }
    }

    /// Acts on an English word with a role.
    private mutating func keyword(_ flags: WordFlags, start: Int, end: Int) {
        if flags.contains(.txContext) { keys.marks.append(ContextMark(start: start, end: end, role: .transaction)) }
        if flags.contains(.keyContext) {
            keys.marks.append(ContextMark(start: start, end: end, role: .key))
            if let found = stated.authenticatorKey(in: s, after: end) { findings.append(found) }
        }
        if flags.contains(.passwordLead), !Self.isInsideCodeOrLink(s, wordStart: start, wordEnd: end),
           let found = stated.password(in: s, after: end, chineseLead: false) {
            findings.append(found)
        }
        let codeAfterQualifier = flags.contains(.codeWord) && start - otpQualifierEnd <= 30
        if flags.contains(.otpLead) || codeAfterQualifier, let found = stated.oneTimeCode(in: s, after: end) {
            findings.append(found)
        }
        if flags.contains(.otpQualifier) { otpQualifierEnd = end }
        if flags.contains(.keystoreKey), start > 0, s[start - 1] == 0x22, end < s.count, s[end] == 0x22,
           !findings.contains(where: { $0.kind == .keystore && $0.end > start }),
           let found = KeystoreDetector.detect(in: s, keyStart: start) {
            findings.append(found)
        }
    }

    /// True when a lead-in word is part of a name, a path or code rather than prose: `$(pwd)`, `` `pwd` ``,
    /// `app-password@host`, `/password/set`, `password-setup`.
    static func isInsideCodeOrLink(_ s: [UInt32], wordStart: Int, wordEnd: Int) -> Bool {
        if wordStart > 0, [0x60, 0x28, 0x24, 0x2F, 0x2D, 0x5F, 0x2E, 0x40, 0x3A].contains(s[wordStart - 1]) { return true } // ` ( $ / - _ . @ :
        guard wordEnd + 1 < s.count else { return false }
        let next = s[wordEnd], after = s[wordEnd + 1]
        return [0x2D, 0x5F, 0x2F, 0x40, 0x60].contains(next) && ScalarClass.isASCIIAlnum(after) // -x _x /x @x `x
    }

    /// All findings, sorted, with overlaps resolved in favour of the wider (then surer) one.
    mutating func resolvedFindings(isKnownTransaction: (@Sendable (String) -> Bool)?) -> [SecretFinding] {
        keys.resolve(s, phrases: phrases.findings.map { $0.start..<$0.end }, isKnownTransaction: isKnownTransaction)
        var all = findings + phrases.findings + keys.findings
        guard !all.isEmpty else { return [] }
        all.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var kept: [SecretFinding] = []
        for finding in all {
            guard let last = kept.last, finding.start < last.end else {
                kept.append(finding)
                continue
            }
            let lastWidth = last.end - last.start
            let width = finding.end - finding.start
            if width > lastWidth || (width == lastWidth && finding.confidence > last.confidence) {
                kept[kept.count - 1] = finding
                // The wider one may now overlap an earlier kept finding; merge it away.
                while kept.count >= 2 && kept[kept.count - 2].end > kept[kept.count - 1].start {
                    kept.remove(at: kept.count - 2)
                }
            }
        }
        return kept
    }
}
