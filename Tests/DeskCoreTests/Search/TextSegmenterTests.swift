import Testing

@testable import DeskCore

@Suite struct TextSegmenterTests {
    let segmenter = TextSegmenter()

    @Test func chineseRunsGiveCharactersAndOverlappingPairs() {
        #expect(segmenter.indexTokens("提现失败") == ["提", "提现", "现", "现失", "失", "失败", "败"])
    }

    @Test func punctuationAndLatinBreakChineseRuns() {
        #expect(segmenter.indexTokens("提现，失败") == ["提", "提现", "现", "失", "失败", "败"])
        #expect(segmenter.indexTokens("USDT提现") == ["usdt", "提", "提现", "现"])
    }

    @Test func latinWordsAreLowerCasedAndFolded() {
        #expect(segmenter.indexTokens("Café Withdrawal ÉCHEC naïve") == ["cafe", "withdrawal", "echec", "naive"])
    }

    @Test func fullWidthFormsBecomeASCII() {
        #expect(segmenter.indexTokens("ＵＳＤＴ　１２３ ２ＦＡ") == ["usdt", "123", "2fa"])
    }

    @Test func transactionIdsAndAddressesStayWhole() {
        let tx = "0x5f3a9c2e7b1d4f6a8c0e2b4d6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f3a"
        let address = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"
        #expect(segmenter.indexTokens("tx \(tx) 到 \(address)") == ["tx", tx, "到", address])
        #expect(segmenter.indexTokens("TXID: 9F8E7D6C") == ["txid", "9f8e7d6c"])
    }

    @Test func traditionalCharactersFoldToSimplified() {
        #expect(segmenter.indexText("提現失敗") == segmenter.indexText("提现失败"))
        #expect(segmenter.indexText("凍結帳戶") == segmenter.indexText("冻结账户"))
        #expect(segmenter.indexText("助記詞") == segmenter.indexText("助记词"))
        #expect(segmenter.indexText("驗證碼") == segmenter.indexText("验证码"))
        // The simplified variant 帐 is folded too.
        #expect(segmenter.indexText("帐户") == segmenter.indexText("账户"))
    }

    @Test func variantTableIsAligned() {
        // The table is written as pairs; one missing character would shift every later pair.
        for (traditional, simplified) in [("現", "现"), ("鎖", "锁"), ("錄", "录"), ("獵", "猎"), ("驗", "验"), ("擬", "拟"), ("繼", "继"), ("敗", "败"), ("遲", "迟")] {
            #expect(ChineseVariants.simplified(traditional) == simplified)
        }
        #expect(ChineseVariants.simplified("现金") == "现金")
        // OpenCC's whole character table, not only the characters of wallet support; the hand-written pairs win.
        #expect(ChineseVariants.table.count > 4_000)
        for (traditional, simplified) in [("階", "阶"), ("齣", "出"), ("鬱", "郁"), ("帳", "账"), ("帐", "账"), ("賬", "账")] {
            #expect(ChineseVariants.simplified(traditional) == simplified, "\(traditional)")
        }
        // No simplified character is itself folded into something else.
        for target in ChineseVariants.table.values { #expect(ChineseVariants.table[target.value] == nil, "\(target)") }
    }

    @Test func emptyAndSymbolOnlyTextGiveNoTokens() {
        #expect(segmenter.indexTokens("").isEmpty)
        #expect(segmenter.indexTokens("!!! ??? ——").isEmpty)
        #expect(segmenter.query("  ", mode: .anyTerms) == nil)
    }

    @Test func overlongTokensAreCut() {
        let long = String(repeating: "a", count: 500)
        #expect(segmenter.indexTokens(long) == [String(repeating: "a", count: TextSegmenter.maximumTokenLength)])
    }

    @Test func allTermsQueryNeedsEveryPair() {
        #expect(segmenter.query("提现失败", mode: .allTerms) == .all([.token("提现"), .token("现失"), .token("失败")]))
        #expect(segmenter.query("提现", mode: .allTerms) == .token("提现"))
        #expect(segmenter.query("Wallet 冻结", mode: .allTerms) == .all([.token("wallet"), .token("冻结")]))
        #expect(segmenter.query("币", mode: .allTerms) == .token("币"))
    }

    @Test func anyTermsQueryDropsFiller() {
        let expression = segmenter.query("我的提现怎么还没到", mode: .anyTerms)
        let tokens = Set(expression?.tokens ?? [])
        #expect(tokens.contains("提现"))
        #expect(!tokens.contains("我的"))
        #expect(!tokens.contains("怎么"))
        #expect(segmenter.query("how do I enable 2FA", mode: .anyTerms) == .any([.token("enable"), .token("2fa")]))
        // Only filler: keep it rather than search for nothing.
        #expect(segmenter.query("how", mode: .anyTerms) == .token("how"))
    }

    @Test func synonymsWidenTheQuery() {
        let table = SynonymTable(groups: [["提现", "提币", "withdrawal"], ["2FA", "双重验证", "谷歌验证器"], ["助记词", "seed phrase", "注记词"]])
        #expect(
            segmenter.query("提现失败", mode: .allTerms, synonyms: table)
                == .all([.any([.token("提现"), .token("提币"), .token("withdrawal")]), .token("失败")])
        )
        let twoFactor = segmenter.query("开启谷歌验证器", mode: .anyTerms, synonyms: table)
        let twoFactorTokens = Set(twoFactor?.tokens ?? [])
        #expect(twoFactorTokens.isSuperset(of: ["2fa", "双重", "重验", "验证"]))
        // Written in traditional characters and with other spacing/case, the same group is found.
        let seed = segmenter.query("Seed  Phrase 註記詞", mode: .allTerms, synonyms: table)
        let seedTokens = Set(seed?.tokens ?? [])
        #expect(seedTokens.isSuperset(of: ["助记", "记词", "seed", "phrase", "注记"]))
    }

    @Test func singleCharacterSynonymsOnlyMatchStandingAlone() {
        let table = SynonymTable(groups: [["币", "coin"]])
        #expect(segmenter.query("提币", mode: .allTerms, synonyms: table) == .token("提币"))
        #expect(segmenter.query("币", mode: .allTerms, synonyms: table) == .any([.token("币"), .token("coin")]))
    }

    @Test func renderingForBothEngines() {
        let expression = SearchExpression.all([.token("提现"), .any([.token("2fa"), .token("双重")])])
        #expect(expression.fts5 == #"("提现" AND ("2fa" OR "双重"))"#)
        #expect(expression.tsquery == "('提现' & ('2fa' | '双重'))")
    }

    @Test func standardSynonymsAreWellFormed() {
        #expect(SynonymTable.standard.groups.count >= 15)
        let expression = segmenter.query("google authenticator", mode: .anyTerms, synonyms: .standard)
        #expect(expression?.tokens.contains("2fa") == true)
    }

    @Test("Taiwan words widen to the mainland ones: 提領 finds 提现, 儲值 finds 充值, 二階段驗證 finds 2FA")
    func taiwanUsage() {
        for (query, expected) in [("提領", "提现"), ("儲值", "充值"), ("二階段驗證", "2fa"), ("雙因子認證", "2fa"), ("交易雜湊", "txid")] {
            let tokens = segmenter.query(query, mode: .allTerms, synonyms: .standard)?.tokens ?? []
            #expect(tokens.contains(expected), "\(query): \(tokens)")
        }
    }
}

@Suite struct SuggestionIndexTests {
    let segmenter = TextSegmenter()

    func document(_ key: String, _ title: String, _ body: String) -> SuggestionIndex.Document {
        SuggestionIndex.Document(
            key: key, category: "c", language: "en", title: title, titleTokens: segmenter.indexTokens(title),
            bodyTokens: segmenter.indexTokens(body)
        )
    }

    var index: SuggestionIndex {
        SuggestionIndex(documents: [
            document("withdrawal", "Withdrawal failed", "If a withdrawal fails, check the fund record for the reason."),
            document("twofactor", "Turn on two-factor authentication", "Use an authenticator app. Withdrawal needs it."),
            document("locked", "账户被锁定怎么办", "多次输错密码后账户会被锁定，请验证身份后解锁。"),
        ])
    }

    @Test func titleMatchesRankFirst() {
        let hits = index.search(.token("withdrawal"), limit: 3)
        #expect(hits.map(\.document) == [0, 1])
    }

    @Test func chineseTwoCharacterWord() {
        let hits = index.search(segmenter.query("锁定", mode: .anyTerms)!, limit: 3)
        #expect(hits.map(\.document) == [2])
        let traditional = index.search(segmenter.query("帳戶鎖定", mode: .anyTerms)!, limit: 3)
        #expect(traditional.first?.document == 2)
    }

    @Test func typosAreCorrectedAgainstTheVocabulary() {
        let raw = segmenter.query("withdrawl faild", mode: .anyTerms)!
        #expect(index.search(raw, limit: 3).isEmpty)
        #expect(index.search(index.corrected(raw), limit: 3).first?.document == 0)
    }

    @Test func lastWordIsCompletedWhileTyping() {
        let raw = segmenter.query("authent", mode: .anyTerms)!
        #expect(index.search(index.corrected(raw, completeLast: true), limit: 3).first?.document == 1)
    }

    @Test func filtersAndLimits() {
        #expect(index.search(.token("withdrawal"), limit: 1).count == 1)
        #expect(index.search(.token("withdrawal"), limit: 3) { $0.key != "withdrawal" }.map(\.document) == [1])
        #expect(index.search(.all([.token("withdrawal"), .token("authenticator")]), limit: 3).map(\.document) == [1])
    }

    @Test func editDistance() {
        func d(_ a: String, _ b: String) -> Int { SuggestionIndex.editDistance(Array(a.utf8), Array(b.utf8), limit: 3) }
        #expect(d("recieve", "receive") == 1)
        #expect(d("withdrawl", "withdrawal") == 1)
        #expect(d("kitten", "sitting") == 3)
        #expect(d("", "abc") == 3)
    }
}
