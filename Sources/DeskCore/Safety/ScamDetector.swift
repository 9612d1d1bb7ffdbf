import Foundation

/// A reason an inbound message from a non-staff author looks like a fake-support scam.
public enum ScamSignal: String, Codable, Sendable, CaseIterable {
    /// Claims to be support, staff or an admin ("I am from support", "我是官方客服").
    case posesAsSupport = "poses_as_support"
    /// Pushes the conversation off the platform ("DM me", "add me on WhatsApp", wa.me / t.me links, "加我微信", "私聊").
    case offPlatformContact = "off_platform_contact"
    /// Sends people to "validate / sync / rectify your wallet" with a link.
    case walletValidationLink = "wallet_validation_link"
    /// Names a website, address or account that imitates an official channel in the registry.
    case lookAlikeChannel = "look_alike_channel"
    /// Asks for the recovery phrase or a private key ("请提供您的助记词", "send your seed phrase"): no genuine agent
    /// ever does.
    case asksForSecret = "asks_for_secret"

    /// Strong signals hold the message; a weak one only flags it (see ``ScamFinding/action``).
    public var isStrong: Bool { self != .offPlatformContact }
}

/// What to do with a suspected scam message.
public enum ScamAction: String, Codable, Sendable {
    /// Keep the message out of every public view (stored as an internal note), tag the ticket, record why.
    case hold
    /// Keep the message as it is, tag the ticket, record why. Used when the only signal is a request for off-platform
    /// contact: real customers sometimes ask to be called back on WeChat, so hiding their words would hurt them.
    case flag
}

/// The outcome of inspecting one message.
public struct ScamFinding: Sendable, Equatable {
    public var signals: [ScamSignal]
    /// The look-alike values found (normalised), for the agent's note. Never free text from the message otherwise.
    public var lookAlikes: [String]

    /// The writer seems to be passing on or asking about someone else's words ("他发给我：我是官方客服…，这是真的吗？",
    /// "someone claiming to be support told me to…"): a victim's report, kept visible to them and only flagged.
    public var reported = false

    public init(signals: [ScamSignal], lookAlikes: [String], reported: Bool = false) {
        self.signals = signals
        self.lookAlikes = lookAlikes
        self.reported = reported
    }

    public var action: ScamAction { signals.contains(where: \.isStrong) && !reported ? .hold : .flag }
}

/// Finds fake-support patterns in messages from customers and other non-staff authors (never applied to agents).
///
/// Patterns are phrased around the scammer's own voice — "I am support", "add *me*", "*your* wallet" — so customers
/// reporting a scam ("someone told me to add him on WhatsApp", "客服让我加他微信") are not flagged. Pure and fast: a
/// handful of regular expressions plus the official-channel verifier for links.
public struct ScamDetector: Sendable {
    public static let tag = "scam-suspected"

    let verifier: ChannelVerifier

    public init(registry: [OfficialChannel] = []) {
        verifier = ChannelVerifier(registry: registry)
    }

    /// Wallets and exchanges impostors name ("I am Trust Wallet support", "我是imToken官方客服"). English names only
    /// from this list: "I am contacting support" must not read as a claim. In Chinese any Latin name, or a Chinese
    /// one, may stand between "我是" and the support word, as a real customer's words there ("我是昨天联系过客服的")
    /// never make a name followed directly by 客服 / 官方.
    static let brandsEnglish = #"(trust ?wallet|metamask|meta mask|binance|coinbase|okx|bybit|kraken|kucoin|imtoken|token ?pocket|tp ?wallet|ledger|trezor|exodus|phantom|bitget|huobi|htx|gate\.io|gate|crypto\.com|blockchain\.com|atomic ?wallet|safepal|bitpie|tronlink|mexc|uniswap|opensea|wallet ?connect)"#
    static let brandsChinese = #"([A-Za-z][A-Za-z0-9.\-]{0,19}(\s+[A-Za-z][A-Za-z0-9.\-]{0,19}){0,2}|币安|幣安|火币|火幣|欧易|歐易|欧意|歐意|抹茶|库币|庫幣|比特派|波宝|波寶|派网|派網|芝麻开门|芝麻開門|小狐狸|狐狸)\s*(钱包|錢包|交易所|平台)?"#

    static let posesAsSupport: [String] = [
        #"\b(i am|i'm|im|this is|we are|we're|here is|i work (for|with|at)|i'm with|i am with)\s+(from\s+)?(an?\s+|the\s+|your\s+)?("#
            + brandsEnglish
            + #"\s+)?(official\s+|certified\s+|senior\s+|verified\s+)?(wallet\s+|exchange\s+|technical\s+|tech\s+|customer\s+)?(support|customer (service|care)|help ?desk|admin|administrator|moderator|mod|staff|agent|team)\b(?!\s+(ticket|request|page|email|article))"#,
        #"\b(official|verified|certified)\s+(support|admin|help ?desk|agent)\s+(here|speaking)\b"#,
        #"\bsupport (team|agent|admin) here\b"#,
        #"\b(contact|message|dm|pm)\s+(the\s+)?(official\s+)?(support|admin|help ?desk)\s+(on|at|via)\s+(whatsapp|telegram|signal|wechat)"#,
        #"(我是|我們是|我们是|本人是|本人系|这里是|這裡是)\s*(?:"# + brandsChinese
            + #")?\s*(官方|平台|钱包|錢包|交易所)?\s*(的)?\s*(客服|技术支持|技術支援|技術支持|管理员|管理員|工作人员|工作人員|官方)"#,
        #"(官方客服|客服专员|客服專員|官方技术|官方技術|官方管理员|官方管理員)\s*(在此|在这|在這|为您|為您|为你|為你|提醒|通知)"#,
    ]

    static let offPlatform: [String] = [
        #"\b(dm|pm|inbox)\s+me\b"#,
        #"\b(message|text|contact|reach|add|call|ping|msg|chat with)\s+me\s+(on|at|via|through|in)\s+(whatsapp|telegram|signal|wechat|discord|instagram|line|tg|wa|\+?\d)"#,
        #"\b(whatsapp|telegram|signal|wechat|discord)\s+me\b"#,
        #"\b(my|our)\s+(whatsapp|telegram|signal|wechat|discord)\s+(is|number|id|handle|account)\b"#,
        #"\b(whatsapp|telegram|signal|tg|wa)\s*[:：]?\s*\+?\d[\d\s\-]{6,}"#,
        #"\b(wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com|t\.me|telegram\.me|telegram\.dog)/"#,
        #"加\s*(我|本人)(的)?\s*(微信|威信|vx|v信|wx|weixin|qq|扣扣|电报|電報|飞机|飛機|tg|telegram|whatsapp|line)"#,
        #"(私聊|私信|私訊|密)\s*(我|本人)|私我"#,
        #"联系我(的)?\s*(微信|vx|wx|qq|电报|飞机|telegram|whatsapp)|聯繫我(的)?\s*(微信|vx|wx|qq|電報|飛機|telegram|whatsapp)"#,
        #"(微信|威信|vx|v信|wx|qq|电报|電報|飞机|飛機)\s*(号|號)?\s*[:：]\s*[A-Za-z0-9_\-+]{5,}"#,
    ]

    /// Asking for the phrase or a key in the asker's voice: "please send your …", "请提供您的助记词". Warnings
    /// ("never share your seed phrase", "请不要提供助记词") and questions ("需要提供助记词吗") do not match.
    static let asksForSecret: [String] = [
        #"(?<!never )(?<!not )(?<!n't )\b(send|provide|share|enter|type|submit|confirm|input|import|give|paste|tell)\s+(us\s+|me\s+|in\s+)?(your|ur)\s+((12|24|twelve|twenty[\s-]?four)[\s-]*words?\s+)?(seed|recovery|secret|backup|mnemonic|private)[\s-]*(phrase|words?|key)s?\b"#,
        #"(?<!never )(?<!not )(?<!n't )\b(send|provide|share|enter|type|submit|confirm|input|import|give|paste|tell)\s+(us\s+|me\s+|in\s+)?(your|ur)\s+(12|24|twelve|twenty[\s-]?four)[\s-]*words?\b"#,
        #"(请|請|麻烦|麻煩|务必|務必)\s*(您|你)?\s*(先|尽快|儘快|盡快)?\s*(提供|发送|發送|输入|輸入|导入|導入|填写|填寫|告诉|告訴|发给|發給|提交|上传|上傳|截图|截圖)\s*(一下|给我|給我|给我们|給我們)?\s*(您的|你的|钱包的|錢包的)?\s*(钱包)?\s*(助记词|助記詞|私钥|私鑰|密钥|密鑰|恢复短语|恢復短語|助记短语|助記短語)"#,
    ]

    static let walletValidation: [String] = [
        #"\b(validate|verify|sync|synchroni[sz]e|rectify|restore|connect|unlock|whitelist|migrate|activate|recover|fix|claim)\s+(your|ur|the)\s+(wallet|account|dapp|tokens?|funds|assets|airdrop)"#,
        #"\b(wallet|dapp)\s+(validation|verification|synchroni[sz]ation|sync|rectification|connect)\b"#,
        #"(验证|驗證|同步|修复|修復|激活|解锁|解鎖|认证|認證)\s*(您的|你的|您|你)\s*(钱包|錢包|账户|帳戶|资产|資產)"#,
        #"(钱包|錢包)\s*(验证|驗證|同步|修复|修復|激活|认证|認證)\s*(链接|鏈接|連結|网址|網址)"#,
        // A threat beside the link: "your wallet will be suspended", "您的钱包已被冻结".
        #"\b(your|ur)\s+(wallet|account|funds|assets)\s+(will be|has been|have been|is being|is|are|was)\s+(temporarily\s+|permanently\s+)?(suspended|locked|frozen|disabled|restricted|compromised|deactivated|blocked|flagged)"#,
        #"(您的|你的)\s*(钱包|錢包|账户|帳戶|账号|帳號|资产|資產)\s*(已被|将被|將被|已经被|已經被|被|即将被|即將被)\s*(冻结|凍結|锁定|鎖定|限制|停用|暂停|暫停|封禁)"#,
    ]

    /// Words of someone passing on or asking about another's message: who said it ("他说", "对方发来", "有人自称",
    /// "someone claiming to be"), that it was received ("我收到一条短信", "I got this message"), or the question
    /// ("这是真的吗", "is this legit", "是骗子吗"). Scammers write in their own voice and do not ask whether they are real.
    /// A bare "谨防假冒" or "beware of anyone pretending to be support" is not one: impostors write that too.
    static let reportedSpeech: [String] = [
        #"(他|她|对方|對方|那人|那个人|那個人|骗子|騙子|有人|有个人|有個人|陌生人)\s*(说|說|讲|講|发|發|私信|私訊|告诉|告訴|让我|讓我|要我|叫我|自称|自稱|冒充|声称|聲稱|加我)"#,
        #"(我|刚|剛|刚刚|剛剛|今天|昨天|早上|晚上)\s*(刚|剛)?\s*收到\s*(了)?\s*(一条|一條|一封|一个|一個|这条|這條|这个|這個|条|條|封)?\s*(短信|簡訊|消息|訊息|信息|邮件|郵件|私信|私訊|电话|電話)"#,
        #"(是|是不是)\s*(真的|官方|骗子|騙子|诈骗|詐騙)\s*(吗|嗎|的吗|的嗎)?\s*[？?]|(这是|這是|这|這)\s*(真的|官方的|诈骗|詐騙)\s*(吗|嗎)|是否\s*(属实|屬實|真实|真實|官方)"#,
        #"\b(someone|somebody|a guy|a man|a woman|a person|a stranger|he|she|they|this person|the scammer)\s+(said|says|told me|messaged|texted|emailed|sent|dm'?d|contacted|claimed|claiming|pretending|asked)\b"#,
        #"\b(i|we)\s+(got|received|have received|have got)\s+(a|an|this|these|the following|some)\s+(message|email|e-mail|dm|text|sms|call)"#,
        #"\bis\s+(this|it|that)\s+(real|legit|legitimate|official|genuine|a scam|you)\b"#,
    ]

    static let link = #"(https?://|www\.)\S+|\b[a-z0-9][a-z0-9\-]{1,62}\.(com|net|org|io|app|xyz|top|site|online|live|finance|link|pro|info|cc|me|co|vip|cn|dev|network|exchange|wallet)\b"#

    /// Each list runs as one alternation: one pass over the text per list instead of one per pattern (on Linux every
    /// pass also converts the text for ICU, which made the patterns one pass each cost ~5 % of a ticket creation).
    static let compiled: (
        support: [NSRegularExpression], off: [NSRegularExpression], wallet: [NSRegularExpression], secret: [NSRegularExpression],
        link: NSRegularExpression
    ) = {
        func make(_ patterns: [String]) -> [NSRegularExpression] {
            [try! NSRegularExpression(pattern: patterns.map { "(?:\($0))" }.joined(separator: "|"), options: [.caseInsensitive])]
        }
        return (
            make(posesAsSupport), make(offPlatform), make(walletValidation), make(asksForSecret),
            try! NSRegularExpression(pattern: link, options: [.caseInsensitive])
        )
    }()

    /// Run only once a strong signal was found (a few messages in a thousand), so it needs no anchor words.
    static let reported: [NSRegularExpression] = [
        try! NSRegularExpression(pattern: reportedSpeech.map { "(?:\($0))" }.joined(separator: "|"), options: [.caseInsensitive])
    ]

    /// Words every match of a list contains, and where they stand (see ``AnchorWords``): a text holding none of them
    /// cannot match the list, so its regular expressions are not run. Each alternative of each list above names one of
    /// these; the tests run every labelled message and a set of edge cases through both, so a pattern added without
    /// its anchor shows up there.
    static let anchors: (support: AnchorWords, off: AnchorWords, wallet: AnchorWords, secret: AnchorWords) = (
        support: AnchorWords([
            .wordStart: ["support", "customer", "help", "admin", "mod", "staff", "agent", "team"],
            .anywhere: ["客服", "技术", "技術", "管理", "工作人", "官方"],
        ]),
        off: AnchorWords([
            .shortWord: ["dm", "pm", "me", "tg", "wa"],
            .wordStart: ["inbox", "whatsapp", "telegram", "signal", "wechat", "discord"],
            .anywhere: ["vx", "v信", "wx", "qq", "联系我", "聯繫我", "微信", "威信", "电报", "電報", "飞机", "飛機"],
            .spacedOut: ["加我", "加本人", "私聊我", "私聊本人", "私信我", "私信本人", "私訊我", "私訊本人", "密我", "密本人", "私我"],
        ]),
        wallet: AnchorWords([
            .wordStart: ["wallet", "account", "dapp", "token", "fund", "asset", "airdrop"],
            .anywhere: ["钱包", "錢包", "账户", "帳戶", "账号", "帳號", "资产", "資產"],
        ]),
        // Not the numbers of "your 12 words": ticket texts are full of digits, and each hit would run the expressions.
        secret: AnchorWords([
            .wordStart: ["seed", "recovery", "secret", "backup", "mnemonic", "private"],
            .anywhere: ["word", "助记", "助記", "私钥", "私鑰", "密钥", "密鑰", "恢复短语", "恢復短語"],
        ])
    )

    /// False when `text` (normalised, lower case) cannot hold anything ``link`` matches: no "://", no "www." and no dot
    /// between a letter, digit or hyphen and a letter. Most messages end sentences with dots, few hold a domain.
    static func mayHoldLink(_ text: [Unicode.Scalar]) -> Bool {
        for index in text.indices where text[index] == "." && index > 0 {
            if index >= 3, text[(index - 3)..<index].elementsEqual("www".unicodeScalars) { return true }
            let before = text[index - 1]
            guard index + 1 < text.count, AnchorWords.isASCIIAlphanumeric(before) || before == "-" else { continue }
            if AnchorWords.isASCIILetter(text[index + 1]) { return true }
        }
        for index in text.indices.dropLast(2) where text[index] == ":" && text[index + 1] == "/" && text[index + 2] == "/" {
            return true
        }
        return false
    }

    static func matches(_ expressions: [NSRegularExpression], _ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return expressions.contains { $0.firstMatch(in: text, range: range) != nil }
    }

    /// The finding for `text`, or nil when nothing suspicious was seen.
    public func inspect(_ text: String) -> ScamFinding? {
        let text = CompatibilityNormalization.nfkc(text)
        let lowered = Array(text.lowercased().unicodeScalars)
        var signals: [ScamSignal] = []
        if Self.anchors.support.occur(in: lowered), Self.matches(Self.compiled.support, text) { signals.append(.posesAsSupport) }
        if Self.anchors.off.occur(in: lowered), Self.matches(Self.compiled.off, text) { signals.append(.offPlatformContact) }
        if Self.anchors.secret.occur(in: lowered), Self.matches(Self.compiled.secret, text) { signals.append(.asksForSecret) }
        var links: [String] = []
        if Self.mayHoldLink(lowered) {
            let range = NSRange(text.startIndex..., in: text)
            links = Self.compiled.link.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
        }
        if !links.isEmpty, Self.anchors.wallet.occur(in: lowered), Self.matches(Self.compiled.wallet, text) {
            signals.append(.walletValidationLink)
        }
        var lookAlikes: [String] = []
        if !verifier.registry.isEmpty {
            for candidate in links + (lowered.contains("@") ? Self.handles(in: text) : []) {
                let verdict = verifier.verify(candidate)
                if verdict.outcome == .lookAlike, let value = verdict.parsed?.value, !lookAlikes.contains(value) { lookAlikes.append(value) }
            }
            if !lookAlikes.isEmpty { signals.append(.lookAlikeChannel) }
        }
        guard !signals.isEmpty else { return nil }
        let reported = signals.contains(where: \.isStrong) && Self.matches(Self.reported, text)
        return ScamFinding(signals: signals, lookAlikes: lookAlikes, reported: reported)
    }

    /// `@name` tokens: handles that may imitate official accounts.
    static func handles(in text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || "，。,;；:：()（）".contains($0) }).filter { $0.hasPrefix("@") && $0.count > 3 }.map(String.init)
    }
}
