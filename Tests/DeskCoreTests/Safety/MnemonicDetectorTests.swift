import Testing
@testable import DeskCore

/// Phrases for entropy 000102…0f made with the reference `mnemonic` package (python-mnemonic 0.21).
@Suite("Recovery phrases")
struct MnemonicDetectorTests {
    let scanner = SecretScanner()

    static let phrases: [(BIP39Language, String)] = [
        (.english, "abandon amount liar amount expire adjust cage candy arch gather drum buyer"),
        (.chineseSimplified, "的 三 欧 三 考 于 据 保 量 损 破 战"),
        (.chineseTraditional, "的 三 歐 三 考 於 據 保 量 損 破 戰"),
        (.japanese, "あいこくしん\u{3000}いくぶん\u{3000}そなた\u{3000}いくぶん\u{3000}こぜん\u{3000}あぶら\u{3000}おおう\u{3000}おきる\u{3000}いたみ\u{3000}さんすう\u{3000}けたば\u{3000}おうたい"),
        (.korean, "가격 걱정 심부름 걱정 별도 갈색 기법 기운 경력 산길 미술 기념"),
        (.spanish, "ábaco álbum líquido álbum espuma acudir bolero bosque amante gaita dictar boca"),
        (.french, "abaisser agréable inductif agréable éligible achat bolide boucle amateur exister dérober bloquer"),
        (.italian, "abaco alogeno mitigare alogeno fenomeno affetto bravura bronzina ampio gonfio elaborato bottino"),
        (.czech, "abdikace bidlo obvykle bidlo kopnout bachor doma doprovod bojovat lobista kachna dokola"),
        (.portuguese, "abacate afivelar inativo afivelar donzela achatar barulho beber albergue exalar cuidado banir"),
    ]

    @Test func wordlistsLoad() {
        let lists = BIP39Wordlists.shared
        for language in BIP39Language.allCases {
            #expect(lists.words[language.rawValue].count == 2048, "\(language)")
        }
        #expect(lists.words[BIP39Language.english.rawValue].first == "abandon")
        #expect(lists.words[BIP39Language.chineseSimplified.rawValue].prefix(3) == ["的", "一", "是"])
    }

    @Test(arguments: 0..<10)
    func everyLanguageWithChecksum(_ index: Int) {
        let (language, phrase) = Self.phrases[index]
        let text = "Please help: \(phrase) thanks"
        let findings = scanner.scan(text).findings
        #expect(findings.count == 1, "\(language)")
        #expect(findings.first?.kind == .mnemonic)
        #expect(findings.first?.confidence == 0.99, "\(language)")
        #expect(findings.first?.start == 13)
        #expect(findings.first?.end == 13 + phrase.unicodeScalars.count)
    }

    @Test func decomposedInputMatches() {
        // NFD input (as the Spanish and Japanese files are published) must match as well.
        for index in [3, 5, 6] {
            let decomposed = Self.phrases[index].1.decomposedStringWithCanonicalMapping
            #expect(scanner.scan(decomposed).findings.first?.confidence == 0.99)
        }
    }

    @Test func accentsMayBeOmitted() {
        let phrase = "abaco album liquido album espuma acudir bolero bosque amante gaita dictar boca"
        #expect(scanner.scan(phrase).findings.first?.confidence == 0.99)
    }

    @Test func checksumVectors() {
        let valid = [
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
            "legal winner thank year wave sausage worth useful legal winner thank yellow",
            "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong",
            "letter advice cage absurd amount doctor acoustic avoid letter advice cage above",
        ]
        for phrase in valid {
            let finding = scanner.scan(phrase).findings.first
            #expect(finding?.confidence == 0.99, "\(phrase)")
        }
    }

    @Test func numberingCapitalsAndFullWidthPunctuation() {
        let layouts = [
            "1. abandon 2. amount 3. liar 4. amount 5. expire 6. adjust 7. cage 8. candy 9. arch 10. gather 11. drum 12. buyer",
            "1) Abandon\n2) Amount\n3) Liar\n4) Amount\n5) Expire\n6) Adjust\n7) Cage\n8) Candy\n9) Arch\n10) Gather\n11) Drum\n12) Buyer",
            "ABANDON，AMOUNT，LIAR，AMOUNT，EXPIRE，ADJUST，CAGE，CANDY，ARCH，GATHER，DRUM，BUYER",
            "(1) abandon (2) amount (3) liar (4) amount (5) expire (6) adjust (7) cage (8) candy (9) arch (10) gather (11) drum (12) buyer",
            "①abandon ②amount ③liar ④amount ⑤expire ⑥adjust ⑦cage ⑧candy ⑨arch ⑩gather ⑪drum ⑫buyer",
            "abandon,amount,  liar , amount\u{3000}expire adjust cage candy arch gather drum buyer",
            "１. abandon ２. amount 3: liar 4: amount 5: expire 6: adjust 7: cage 8: candy 9: arch 10: gather 11: drum 12: buyer",
        ]
        for text in layouts {
            let findings = scanner.scan(text).findings
            #expect(findings.count == 1 && findings[0].kind == .mnemonic && findings[0].confidence == 0.99, "\(text)")
        }
    }

    @Test func wrongChecksumAndMissingWord() {
        let wrong = "abandon amount liar amount expire adjust cage candy arch gather drum drum"
        #expect(scanner.scan(wrong).findings.first?.kind == .mnemonic)
        let missing = "abandon amount liar amount expire adjust cage candy arch gather drum"
        #expect(scanner.scan(missing).findings.first?.kind == .mnemonic)
    }

    @Test func phrasesJoinedByHyphensSlashesStopsOrAsAQuotedList() {
        let words = Self.phrases[0].1.split(separator: " ")
        for text in [words.joined(separator: "-"), words.joined(separator: " / "), words.joined(separator: ". "), words.joined(separator: "|"),
                     "[\"" + words.joined(separator: "\",\"") + "\"]"] {
            let findings = scanner.scan("backup: \(text) ok").findings
            #expect(findings.count == 1 && findings.first?.kind == .mnemonic && findings.first?.confidence == 0.99, "\(text)")
        }
        // Joined so, a phrase must pass the checksum: prose joins list words with hyphens and slashes too.
        let wrong = words.dropLast().joined(separator: "-") + "-drum"
        #expect(scanner.scan(wrong).findings.isEmpty)
        #expect(scanner.scan("parse one-thing one-thing\" gives the same thing twice (when one-thing is used)").findings.isEmpty)
    }

    @Test func chineseWithoutSeparators() {
        let unseparated = "我的助记词是帝妇啦曲婆读极机凡赵处烟，谢谢"
        let findings = scanner.scan(unseparated).findings
        #expect(findings.count == 1)
        #expect(findings.first?.kind == .mnemonic)
    }

    @Test func englishProseIsNotAPhrase() {
        let prose = [
            "above all, also remember that every wallet has a secret key and you can never recover it",
            "they found a little cat near the old house and gave it some milk and fish",
            "I want to know about the fee for this transfer because my balance is wrong after the last deposit.",
            "Blue sky, warm sun, fresh air, green grass: the perfect day for a walk in the park",
        ]
        for text in prose { #expect(scanner.scan(text).findings.isEmpty, "\(text)") }
    }

    @Test func chineseProseIsNotAPhrase() {
        let prose = [
            "我们的目标是为全球用户提供安全、快速、方便的数字资产服务。",
            "这是一个非常重要的问题，关系到很多用户的资金安全。我们会在一到三个工作日内回复您的邮件。",
            "中国的春节假期期间，部分业务的处理时间会延长。",
        ]
        for text in prose { #expect(scanner.scan(text).findings.isEmpty, "\(text)") }
    }

    @Test func redactionMarkers() {
        let text = "seed: abandon amount liar amount expire adjust cage candy arch gather drum buyer ok"
        #expect(scanner.scan(text, language: .en).redacted == "seed: [removed: recovery phrase] ok")
        #expect(scanner.scan(text, language: .zhCN).redacted == "seed: [已移除：助记词] ok")
        #expect(scanner.scan(text, language: .zhTW).redacted == "seed: [已移除：助記詞] ok")
    }

    @Test func checksumValidPhraseAfterAListWord() {
        // "again" is itself a list word: the run has 13 words and several function words ("near", "between"), but a
        // 12-word window passes the checksum, so it is a phrase, not prose. Found by the end-to-end secret test.
        for phrase in [
            "penalty pretty spend reunion near quantum fit between puppy flame animal major",
            "yellow meadow judge century feel rigid million later ill such sort accuse",
            "habit traffic ready when crush mother stone supply climb entry access there",
        ] {
            #expect(SecretScanner().findings(in: "again " + phrase).contains { $0.kind == .mnemonic }, "\(phrase)")
        }
    }
}

/// Phrases copied by hand from paper: a letter dropped, added, changed or two swapped. The phrase is the suite's
/// English one ("abandon amount liar … buyer"), so a corrected slip restores the checksum.
@Suite("Recovery phrases with typing slips")
struct MnemonicSlipTests {
    let scanner = SecretScanner()
    static let words = MnemonicDetectorTests.phrases[0].1.split(separator: " ").map(String.init)

    func phrase(replacing position: Int, with slip: String) -> String {
        var words = Self.words
        words[position] = slip
        return words.joined(separator: " ")
    }

    @Test func slipCorrectionFindsTheListWord() {
        let lists = BIP39Wordlists.shared
        func corrected(_ word: String) -> String? {
            guard let key = ScalarClass.latinKey(word.unicodeScalars.map(\.value)), let found = lists.slipCorrection(key), found != 0,
                  let index = lists.indexByKey[BIP39Language.english.rawValue][found] else { return nil }
            return lists.words[BIP39Language.english.rawValue][Int(index)]
        }
        #expect(corrected("garbae") == "garbage") // dropped
        #expect(corrected("garbagge") == "garbage") // added
        #expect(corrected("garbege") == "garbage") // changed
        #expect(corrected("garbgae") == "garbage") // swapped
        // One slip from two list words (garage, garbage): a slip, but no single correction.
        if let key = ScalarClass.latinKey("garbge".unicodeScalars.map(\.value)) { #expect(lists.slipCorrection(key) == 0) }
        #expect(corrected("Jelous") == "jealous")
        #expect(corrected("the") == nil) // three letters: never a slip
        #expect(corrected("transaction") == nil)
        #expect(corrected("blockchain") == nil)
    }

    /// "lair" is also one slip from "hair", "drun" from "drum" and "dune": found, with the lower confidence of a
    /// phrase whose checksum cannot be tried.
    @Test(arguments: [(2, "lair", 0.85), (4, "expier", 0.99), (6, "cagge", 0.99), (7, "cndy", 0.99), (10, "drun", 0.85)])
    func slipInsideThePhrase(_ position: Int, _ slip: String, _ confidence: Double) {
        let text = "我的助记词是 \(phrase(replacing: position, with: slip)) 请帮忙"
        let findings = scanner.scan(text).findings
        #expect(findings.count == 1 && findings.first?.kind == .mnemonic, "\(slip)")
        #expect(findings.first?.start == 7)
        #expect(findings.first?.end == 7 + phrase(replacing: position, with: slip).unicodeScalars.count)
        // A slip with one list word in reach restores the checksum.
        #expect(findings.first?.confidence == confidence, "\(slip)")
    }

    @Test func slipInTheFirstOrLastWord() {
        for text in [phrase(replacing: 0, with: "abandn"), phrase(replacing: 11, with: "buyre")] {
            let scanned = scanner.scan("seed: \(text) ok")
            #expect(scanned.findings.count == 1 && scanned.findings.first?.confidence == 0.99, "\(text)")
            #expect(scanned.redacted == "seed: [removed: recovery phrase] ok", "\(text)")
        }
    }

    @Test func numberedPhraseWithSlips() {
        var words = Self.words
        words[3] = "amout"
        words[8] = "acrh"
        let text = words.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
        let findings = scanner.scan(text).findings
        #expect(findings.count == 1 && findings.first?.kind == .mnemonic)
        #expect(findings.first?.end == text.unicodeScalars.count)
    }

    @Test func aWordOneSlipFromTheListBeforeThePhraseIsLeftAlone() {
        // "said" is one letter from "sad", "phone" a list word: the checksum finds the phrase, and only it is removed.
        let phrase = String(repeating: "abandon ", count: 11) + "about"
        #expect(scanner.scan("caller verified by phone; said \(phrase)").redacted == "caller verified by phone; said [removed: recovery phrase]")
    }

    @Test func aWordAfterThePhraseIsNotTakenIn() {
        let text = MnemonicDetectorTests.phrases[0].1 + " thanks"
        #expect(scanner.scan(text).redacted == "[removed: recovery phrase] thanks")
    }

    @Test func proseWithTyposIsNotAPhrase() {
        let prose = [
            "I recieved a notice that my acount was frozen after the withdrawl, please check the transfer",
            "Menu: wallet, token, swap, bridge, stake, reward, history, settings, security, support, language, theme",
            "symptoms: balance missing tokens frozen address wrong network slow deposit pending withdraw failed",
            "Scam report: fake support agent asked seed, sent link, promised refund, demanded fees, blocked account",
            "steps tried: restart phone, reinstall app, clear cache, switch network, update version, check balance",
        ]
        for text in prose { #expect(scanner.scan(text).findings.isEmpty, "\(text)") }
    }

    @Test func tooManySlipsIsNotAPhrase() {
        // Four slips in twelve words: more than one in four.
        var words = Self.words
        for (position, slip) in [(1, "amout"), (3, "amout"), (5, "adjst"), (7, "cndy")] { words[position] = slip }
        let findings = scanner.scan(words.joined(separator: " ")).findings
        #expect(!findings.contains { $0.start == 0 && $0.end == words.joined(separator: " ").unicodeScalars.count })
    }
}
