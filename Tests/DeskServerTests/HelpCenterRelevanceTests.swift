import DeskCore
@testable import DeskServer
import DeskStore
import Foundation
import Testing

/// Realistic queries (zh-CN, zh-TW, en; typos, synonyms, whole sentences) and the starter articles a good answer
/// would show in its top three. Written from what customers type, not from the articles' wording; a query may accept
/// more than one article when either answers it. Reports hit@3 for the store's ranked search and for suggestions.
@Suite("Help center relevance")
struct HelpCenterRelevanceTests {
    static let cases = """
        提现失败怎么办|zh-CN|withdrawal-failed
        提币失败|zh-CN|withdrawal-failed
        为什么我的提现被退回了|zh-CN|withdrawal-failed
        提现一直失败|zh-CN|withdrawal-failed
        出金失败|zh-CN|withdrawal-failed
        提現失敗|zh-TW|withdrawal-failed
        地址填错网络了|zh-CN|withdrawal-failed,transaction-pending-or-missing
        withdrawal failed|en|withdrawal-failed
        my withdrawal got rejected|en|withdrawal-failed
        withdraw failed what to do|en|withdrawal-failed
        withdrawl failed|en|withdrawal-failed
        cant withdraw usdt|en|withdrawal-failed
        转账一直没到账|zh-CN|transaction-pending-or-missing
        充值没到账|zh-CN|transaction-pending-or-missing
        交易一直在pending|zh-CN|transaction-pending-or-missing
        交易卡住了|zh-CN|transaction-pending-or-missing
        转账显示成功但对方没收到|zh-CN|transaction-pending-or-missing
        交易未到帳|zh-TW|transaction-pending-or-missing
        transaction pending for hours|en|transaction-pending-or-missing
        deposit not received|en|transaction-pending-or-missing
        transfer not arrived|en|transaction-pending-or-missing
        transaction stuck|en|transaction-pending-or-missing
        txid not found|en|transaction-pending-or-missing
        my transaction is missing|en|transaction-pending-or-missing
        trasaction pending|en|transaction-pending-or-missing
        区块浏览器查不到交易|zh-CN|transaction-pending-or-missing
        忘记填memo|zh-CN|transaction-pending-or-missing,withdrawal-failed
        提现要多久到账|zh-CN|transaction-pending-or-missing,withdrawal-failed
        账户被锁定|zh-CN|account-locked
        账号被锁了怎么办|zh-CN|account-locked
        密码输错太多次|zh-CN|account-locked
        登录不了账户被锁|zh-CN|account-locked
        帳戶被鎖定|zh-TW|account-locked
        account locked|en|account-locked
        locked out of my account|en|account-locked
        too many wrong password attempts|en|account-locked
        how to unlock account|en|account-locked
        acount locked|en|account-locked
        忘记密码|zh-CN|account-locked
        账户被盗|zh-CN|stolen-funds-freeze-account
        币被盗了怎么办|zh-CN|stolen-funds-freeze-account
        有人转走了我的币|zh-CN|stolen-funds-freeze-account
        冻结账户|zh-CN|stolen-funds-freeze-account
        如何冻结我的账户|zh-CN|stolen-funds-freeze-account
        帳戶被盜|zh-TW|stolen-funds-freeze-account
        資金被轉走|zh-TW|stolen-funds-freeze-account
        my account was hacked|en|stolen-funds-freeze-account
        stolen funds|en|stolen-funds-freeze-account
        freeze my account|en|stolen-funds-freeze-account
        unauthorized withdrawal|en|stolen-funds-freeze-account
        someone stole my crypto|en|stolen-funds-freeze-account
        盗币能追回吗|zh-CN|stolen-funds-freeze-account
        紧急冻结|zh-CN|stolen-funds-freeze-account
        开启谷歌验证器|zh-CN|enable-two-factor-authentication
        怎么绑定两步验证|zh-CN|enable-two-factor-authentication
        双重验证怎么设置|zh-CN|enable-two-factor-authentication
        雙重驗證|zh-TW|enable-two-factor-authentication
        2FA|zh-CN|enable-two-factor-authentication
        enable 2fa|en|enable-two-factor-authentication
        google authenticator|en|enable-two-factor-authentication
        two factor authentication setup|en|enable-two-factor-authentication
        lost phone authenticator|en|enable-two-factor-authentication
        换手机后谷歌验证怎么办|zh-CN|enable-two-factor-authentication
        authenticater|en|enable-two-factor-authentication
        手续费多少|zh-CN|deposit-withdrawal-conversion-fees
        提现手续费|zh-CN|deposit-withdrawal-conversion-fees
        兑换手续费是多少|zh-CN|deposit-withdrawal-conversion-fees
        充值收费吗|zh-CN|deposit-withdrawal-conversion-fees
        手續費|zh-TW|deposit-withdrawal-conversion-fees
        withdrawal fee|en|deposit-withdrawal-conversion-fees
        deposit fees|en|deposit-withdrawal-conversion-fees
        conversion fee|en|deposit-withdrawal-conversion-fees
        how much is the swap fee|en|deposit-withdrawal-conversion-fees
        network fee too high|en|deposit-withdrawal-conversion-fees
        fees for withdrawl|en|deposit-withdrawal-conversion-fees
        闪兑收费|zh-CN|deposit-withdrawal-conversion-fees
        客服电话|zh-CN|official-support-channels-and-hours
        怎么联系人工客服|zh-CN|official-support-channels-and-hours
        客服工作时间|zh-CN|official-support-channels-and-hours
        在线客服几点下班|zh-CN|official-support-channels-and-hours
        客服邮箱|zh-CN|official-support-channels-and-hours
        聯繫客服|zh-TW|official-support-channels-and-hours
        contact support|en|official-support-channels-and-hours
        customer service hours|en|official-support-channels-and-hours
        support phone number|en|official-support-channels-and-hours
        how to reach support|en|official-support-channels-and-hours
        is support available on weekends|en|official-support-channels-and-hours
        周末有客服吗|zh-CN|official-support-channels-and-hours
        suport email|en|official-support-channels-and-hours
        联系客服前要准备什么|zh-CN|before-you-contact-support
        需要提供哪些资料|zh-CN|before-you-contact-support
        提交工单要什么信息|zh-CN|before-you-contact-support
        what information do I need for support|en|before-you-contact-support
        what to prepare before contacting support|en|before-you-contact-support
        screenshot app version|en|before-you-contact-support
        假客服|zh-CN|recognise-fake-support
        怎么辨别真假客服|zh-CN|recognise-fake-support
        有人冒充客服|zh-CN|recognise-fake-support
        官方渠道|zh-CN|recognise-fake-support,official-support-channels-and-hours
        骗子让我转账验证钱包|zh-CN|recognise-fake-support
        fake support|en|recognise-fake-support
        scam support account telegram|en|recognise-fake-support
        is this official support|en|recognise-fake-support,official-support-channels-and-hours
        phishing|en|recognise-fake-support
        有人私信我说是客服|zh-CN|recognise-fake-support
        助记词可以告诉客服吗|zh-CN|never-share-your-secrets
        私钥泄露了怎么办|zh-CN|never-share-your-secrets
        助記詞|zh-TW|never-share-your-secrets
        seed phrase|en|never-share-your-secrets
        should i share my recovery phrase|en|never-share-your-secrets
        someone asked for my private key|en|never-share-your-secrets
        mnemonic|en|never-share-your-secrets
        验证码能给别人吗|zh-CN|never-share-your-secrets
        客服问我要验证码|zh-CN|never-share-your-secrets,recognise-fake-support
        recovry phrase|en|never-share-your-secrets
        """

    struct Case {
        var query: String
        var language: Language
        var expected: Set<String>
    }

    static var parsed: [Case] {
        cases.split(separator: "\n").map { line in
            let parts = line.split(separator: "|").map(String.init)
            return Case(query: parts[0], language: Language(rawValue: parts[1])!, expected: Set(parts[2].split(separator: ",").map(String.init)))
        }
    }

    @Test("hit@3 over at least 100 realistic queries (store search and suggestions)")
    func hitAtThree() async throws {
        try await TestApp.withSession { session in
            try await StarterKnowledgeBase.loadIfEmpty(into: session.store, now: Date(), logger: TestApp.logger)
            let search = HelpSearch(store: session.store)
            let cases = Self.parsed
            #expect(cases.count >= 100)
            var searchHits = 0
            var suggestHits = 0
            var misses: [String] = []
            for item in cases {
                let ranked = try await search.search(item.query, language: item.language, category: nil, page: 1, perPage: 3, now: Date())
                let suggested = try await search.suggest(item.query, language: item.language, limit: 3, now: Date())
                if ranked.contains(where: { item.expected.contains($0.article.slug.rawValue) }) {
                    searchHits += 1
                } else {
                    misses.append("search: \(item.query) → \(ranked.map(\.article.slug.rawValue))")
                }
                if suggested.contains(where: { item.expected.contains($0.article.slug.rawValue) }) {
                    suggestHits += 1
                } else {
                    misses.append("suggest: \(item.query) → \(suggested.map(\.article.slug.rawValue))")
                }
            }
            let searchRate = Double(searchHits) / Double(cases.count)
            let suggestRate = Double(suggestHits) / Double(cases.count)
            print("relevance: \(cases.count) queries, hit@3 search \(searchHits) (\(searchRate)), suggest \(suggestHits) (\(suggestRate))")
            for miss in misses { print("relevance miss: \(miss)") }
            #expect(searchRate >= 0.9)
            #expect(suggestRate >= 0.9)
        }
    }
}
