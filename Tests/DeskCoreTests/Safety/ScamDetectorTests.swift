@testable import DeskCore
import Foundation
import Testing

/// Labelled fake-support messages (positives) and hard negatives: customers asking for support, reporting scams,
/// quoting what a scammer said about someone else. Precision and recall are printed and reported in BENCHMARKS.md.
@Suite("Scam detector")
struct ScamDetectorTests {
    static let positives: [(String, ScamSignal)] = [
        ("Hi, I am from support. Please DM me your issue on Telegram.", .posesAsSupport),
        ("I'm the official support admin, contact me on WhatsApp +1 415 555 0199", .posesAsSupport),
        ("This is the wallet support team, we saw your complaint.", .posesAsSupport),
        ("Official support here, what seems to be the problem?", .posesAsSupport),
        ("Support team here. Your case was escalated to me.", .posesAsSupport),
        ("hello i'm a certified tech support agent, i can fix your withdrawal", .posesAsSupport),
        ("We are the exchange support, your account is flagged.", .posesAsSupport),
        ("I work for the help desk, give me your details", .posesAsSupport),
        ("Contact the official support on WhatsApp for faster help", .posesAsSupport),
        ("我是官方客服，请加我微信处理您的问题", .posesAsSupport),
        ("您好，我是客服，您的提现需要人工处理", .posesAsSupport),
        ("本人是交易所技术支持，可以帮你找回资产", .posesAsSupport),
        ("我們是官方客服，請私訊我", .posesAsSupport),
        ("官方客服提醒：您的账户存在风险", .posesAsSupport),
        ("這裡是錢包管理員，請提供您的資料", .posesAsSupport),
        ("DM me and I will help you recover the funds", .offPlatformContact),
        ("pm me for help, I solved the same problem", .offPlatformContact),
        ("Message me on WhatsApp, I can help", .offPlatformContact),
        ("whatsapp me, it's faster", .offPlatformContact),
        ("Reach me at telegram @fastfix_help", .offPlatformContact),
        ("WhatsApp: +44 7700 900123", .offPlatformContact),
        ("Join https://t.me/wallet_recovery_team for instant help", .offPlatformContact),
        ("Click wa.me/447700900123 to chat", .offPlatformContact),
        ("My telegram is @recoverpro, message there", .offPlatformContact),
        ("加我微信 abc12345 帮你解决", .offPlatformContact),
        ("有问题私聊我", .offPlatformContact),
        ("加我的电报 @cryptofix", .offPlatformContact),
        ("联系我的飞机，秒处理", .offPlatformContact),
        ("vx：wallet_fix888", .offPlatformContact),
        ("私我，帮你解冻", .offPlatformContact),
        ("You need to validate your wallet at https://dapp-sync.io to unlock withdrawals", .walletValidationLink),
        ("Please sync your wallet here: walletrectify.app", .walletValidationLink),
        ("Rectify your wallet on www.dappsfix.net and the error goes away", .walletValidationLink),
        ("Go to https://secure-node.xyz and connect your wallet to fix it", .walletValidationLink),
        ("wallet validation required: https://validate-now.top", .walletValidationLink),
        ("请到 https://wallet-fix.top 验证您的钱包", .walletValidationLink),
        ("点击 www.sync-dapp.com 同步你的钱包即可到账", .walletValidationLink),
        ("钱包认证链接 https://auth-wallet.site", .walletValidationLink),
        // Impostors naming a wallet or exchange, asking for the phrase or key, threatening beside a link.
        ("您好，我是imToken官方客服，请添加客服微信 kf8888 处理", .posesAsSupport),
        ("我是币安客服，您的账户需要升级", .posesAsSupport),
        ("我们是 TP 钱包的技术支持", .posesAsSupport),
        ("Hello, this is Trust Wallet support, how can I help?", .posesAsSupport),
        ("We are the MetaMask support team", .posesAsSupport),
        ("请提供您的助记词以便我们为您恢复资产", .asksForSecret),
        ("請發送你的私鑰給我們核實", .asksForSecret),
        ("麻烦先输入一下钱包助记词进行验证", .asksForSecret),
        ("Please send your 12-word phrase so we can verify the wallet", .asksForSecret),
        ("To restore access, enter your recovery phrase below", .asksForSecret),
        ("Your wallet will be suspended, please go to https://tw-verify.app now", .walletValidationLink),
        ("您的钱包已被冻结，请访问 https://unlock-wallet.top 解冻", .walletValidationLink),
        ("The real site is imwallet-support.com, log in there", .lookAlikeChannel),
        ("Use https://imwallet.com@login-secure.io to restore access", .lookAlikeChannel),
        ("官方网站是 imwa11et.com 请登录", .lookAlikeChannel),
        ("Follow @imwallet_helpdesk for updates", .lookAlikeChannel),
    ]

    static let negatives: [String] = [
        "I need support, my withdrawal has been pending for two days.",
        "Is this the official support? I want to check.",
        "Someone on WhatsApp said he was support and asked for my seed phrase. Is that you?",
        "A guy told me to add him on Telegram to fix my wallet, I didn't.",
        "客服你好，我的USDT提现一直没有到账",
        "请问客服，手续费是多少？",
        "有人自称客服让我加他微信，这是你们吗？",
        "我收到一条私信说我的钱包需要验证，是真的吗？",
        "你们客服说三天内处理，现在已经五天了",
        "Please contact me by email, I don't use WhatsApp.",
        "Can you call me back? My number is in my profile.",
        "I tried to verify my identity but the upload failed.",
        "How do I connect my hardware wallet to the app?",
        "I want to restore my wallet from my backup on a new phone.",
        "The support team was very helpful last time, thank you.",
        "This is urgent, my account was stolen! Please freeze it.",
        "I am a long-time user and this is the first time I have a problem.",
        "I'm with my family abroad, can I still withdraw?",
        "Thanks for the answer, the article on imwallet.com helped.",
        "Your agent asked me to verify my email, done.",
        "My transaction hash is 0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060",
        "我想修改绑定的手机号",
        "我是新用户，怎么充值？",
        "我是在官网下载的APP，为什么登录不了？",
        "我是小白，不会操作提现",
        "官方客服电话是多少？",
        "请问官方的微信公众号是哪个？",
        "我的钱包地址是 TXYZ1234567890abcdefghijklmnopqrs，请帮我查一下",
        "交易哈希：5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060",
        "Please escalate this to a supervisor.",
        "Where can I see the fee for withdrawals to TRON?",
        "The app says 'network error' when I sync my balance.",
        "I'm the account owner and I lost access to my email.",
        "Could you check whether https://imwallet.com/help/fees is up to date?",
        "我在 Telegram 群里看到有人冒充你们，提醒一下",
        "客服让我等待，请问还要多久？",
        "谢谢客服的耐心解答",
        "WhatsApp scammers keep messaging me, please warn users.",
        "I am from Shanghai and the app is slow here.",
        "Our team uses the wallet for payroll; can we get an invoice?",
        "Never share your seed phrase, right? Someone asked me for it.",
        "You always say do not share your recovery phrase, so I did not.",
        "请不要向任何人提供助记词，这是你们说的吧？",
        "需要提供助记词吗？我不敢给",
        "请问导入助记词后余额为什么是0？",
        "我是昨天联系过客服的用户，问题还没解决",
        "我是Binance的老用户，客服能帮我看看吗",
        "我是通过官网联系的，请回复邮件",
        "I am contacting support because my withdrawal failed",
        "I'm writing to support about a failed transfer",
        "This is my third message to support.",
        "My account has been locked since yesterday, see https://imwallet.com/help",
        "我的钱包被冻结了，截图在这里 https://imwallet.com/help/freeze",
    ]

    static let registry: [OfficialChannel] = [
        SampleRegistry.entry(.web, "imwallet.com"), SampleRegistry.entry(.telegram, "imwallet"),
    ]

    @Test("precision and recall on the labelled set (zh and en)")
    func accuracy() {
        let detector = ScamDetector(registry: Self.registry)
        var truePositives = 0
        var missed: [String] = []
        for (text, signal) in Self.positives {
            if let finding = detector.inspect(text), finding.signals.contains(signal) { truePositives += 1 } else { missed.append(text) }
        }
        var falsePositives: [String] = []
        for text in Self.negatives where detector.inspect(text) != nil { falsePositives.append(text) }
        let recall = Double(truePositives) / Double(Self.positives.count)
        let precision = Double(truePositives) / Double(truePositives + falsePositives.count)
        print("scam detector: positives=\(Self.positives.count) negatives=\(Self.negatives.count) recall=\(recall) precision=\(precision) "
            + "false-positive-rate=\(Double(falsePositives.count) / Double(Self.negatives.count))")
        #expect(missed.isEmpty, "missed: \(missed)")
        #expect(falsePositives.isEmpty, "false positives: \(falsePositives)")
    }

    @Test("the anchor words let through every text a pattern list matches")
    func anchorsAreSound() {
        let lists: [(anchors: AnchorWords, expressions: [NSRegularExpression])] = [
            (ScamDetector.anchors.support, ScamDetector.compiled.support), (ScamDetector.anchors.off, ScamDetector.compiled.off),
            (ScamDetector.anchors.wallet, ScamDetector.compiled.wallet), (ScamDetector.anchors.secret, ScamDetector.compiled.secret),
        ]
        // Every labelled text plus texts written to hit each alternative with odd casing and full-width forms.
        let extra = [
            "This is the OFFICIAL Help Desk", "I'm with the MODERATOR", "Verified Agent Speaking", "dm ME", "PM me now",
            "my WeChat is abc", "TG: +44 7700 900123", "see wa.me/123", "t.me/x", "加我ＶＸ", "私我", "聯繫我微信",
            "QQ号：12345678", "Claim your AIRDROP", "restore the FUNDS", "激活你的资产", "wallet SYNC", "钱包验证链接",
            // Where short and spaced anchors stand: next to digits, punctuation, CJK and odd white space.
            "tg12345678", "wa:+447700900123", "(WA) 7700 900123", "私聊 我", "加\u{3000}本人微信", "密 我", "加 我 ｗｘ",
            "xwx: abcdef", "联系我 telegram", "Contact me via tg", "chat with me in discord", "inbox me", "我是 官方 客服",
            "I am your Administrator", "we're the mods", "I work with the Helpdesk", "@@support team here",
            "verify your TOKENS", "migrate the assets now", "鏈接：錢包同步鏈接",
            "Type in your Twenty-Four words", "give me ur PRIVATE KEY", "paste your 24 word", "請務必上傳您的恢復短語",
            "请尽快发给我们私钥", "YOUR ACCOUNT IS FROZEN", "你的帳號即將被封禁", "我是 OKX 官方客服", "this is Binance Support",
        ]
        for text in Self.positives.map(\.0) + Self.negatives + extra {
            let normalised = text.precomposedStringWithCompatibilityMapping
            for list in lists where ScamDetector.matches(list.expressions, normalised) {
                #expect(list.anchors.occur(in: Array(normalised.lowercased().unicodeScalars)), "anchors would skip: \(text)")
            }
            if ScamDetector.compiled.link.firstMatch(in: normalised, range: NSRange(normalised.startIndex..., in: normalised)) != nil {
                #expect(ScamDetector.mayHoldLink(Array(normalised.lowercased().unicodeScalars)), "link filter would skip: \(text)")
            }
        }
    }

    @Test("ordinary messages skip the regular expressions (the point of the anchors)")
    func anchorsFilter() {
        let ordinary = [
            "My withdrawal has not arrived, the message says it was sent.", "I want to remove my email from the account",
            "我在 3 号提交的提现一直没有到账，交易哈希请见截图。", "加密货币提现要多久？", "密码忘了怎么办", "Wait, was it the same wallet?",
        ]
        for text in ordinary {
            let lowered = Array(text.lowercased().unicodeScalars)
            #expect(!ScamDetector.anchors.off.occur(in: lowered), "off-platform anchors hit: \(text)")
            #expect(!ScamDetector.mayHoldLink(lowered), "link filter hit: \(text)")
        }
        #expect(!ScamDetector.anchors.support.occur(in: Array("my transfer to steam failed".unicodeScalars)))
        // Numbers (order ids, amounts, "12 号") do not wake the phrase-request expressions.
        #expect(!ScamDetector.anchors.secret.occur(in: Array("我在 12 号提交的提现 24 小时没到账 order 1224".unicodeScalars)))
        #expect(ScamDetector.anchors.off.occur(in: Array("wa.me/1".unicodeScalars)))
    }

    @Test("strong signals hold the message; off-platform contact alone only flags it")
    func actions() {
        let detector = ScamDetector(registry: Self.registry)
        #expect(detector.inspect("我是官方客服")?.action == .hold)
        #expect(detector.inspect("validate your wallet at https://x-sync.io")?.action == .hold)
        #expect(detector.inspect("加我微信 abc12345")?.action == .flag)
        #expect(detector.inspect("请提供您的助记词")?.action == .hold)
        #expect(detector.inspect("see imwallet-support.com")?.lookAlikes == ["imwallet-support.com"])
        #expect(detector.inspect("see imwallet-support.com")?.action == .hold)
        #expect(ScamDetector().inspect("see imwallet-support.com") == nil)
    }

    @Test("a customer passing on or asking about a scammer's words is flagged, not hidden from them")
    func reportedSpeechIsFlaggedOnly() {
        let detector = ScamDetector(registry: Self.registry)
        let reports = [
            "他发给我：我是imToken官方客服，请提供您的助记词，这是真的吗？",
            "有人自称币安客服加我，发来：请提供您的助记词，否则账户将被冻结",
            "我刚收到一条短信：您好，我是官方客服，请验证您的钱包 https://x-sync.io",
            "Someone messaged me saying \"I am from MetaMask support, send your seed phrase\" - is this legit?",
            "I got this message: This is Trust Wallet support, validate your wallet at https://tw-sync.io",
            "对方说：我是官方管理员，请提供您的助记词。是不是骗子？",
        ]
        for text in reports {
            let finding = detector.inspect(text)
            #expect(finding != nil, "\(text)")
            #expect(finding?.reported == true && finding?.action == .flag, "\(text)")
        }
        // Impostors write in their own voice, and often add a warning against impostors: still held.
        let impostors = [
            "您好，我是币安官方客服，谨防假冒，请提供您的助记词完成验证",
            "This is Trust Wallet support. Beware of anyone pretending to be support. Validate your wallet at https://tw-sync.io",
            "我是官方客服，您收到这条短信是因为您的账户异常，请验证您的钱包 https://x-sync.io",
        ]
        for text in impostors {
            #expect(detector.inspect(text)?.action == .hold, "\(text)")
        }
    }
}
