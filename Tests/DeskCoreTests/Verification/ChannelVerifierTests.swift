@testable import DeskCore
import Foundation
import Testing

/// A registry like a wallet's: one brand, its domain, hotline, accounts and store listings, and two channels never used.
enum SampleRegistry {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func entry(_ kind: ChannelKind, _ value: String, _ use: ChannelUse = .official, _ label: String = "x") -> OfficialChannel {
        let valid = try! OfficialChannel.validated(kind: kind, value: value, use: use, label: label, hours: nil)
        return OfficialChannel(kind: kind, value: valid.value, use: use, label: label, createdAt: now, updatedAt: now)
    }

    static let entries: [OfficialChannel] = [
        entry(.web, "https://www.imwallet.com/"),
        entry(.emailDomain, "@imwallet.com"),
        entry(.phone, "+86 138 0013 8000"),
        entry(.phone, "400-820-8820"),
        entry(.telegram, "https://t.me/imwallet"),
        entry(.x, "@IMWallet_Official"),
        entry(.wechat, "imwallet-kefu"),
        entry(.weibo, "weibo.com/imwallet"),
        entry(.appStore, "https://apps.apple.com/cn/app/imwallet/id1234567890"),
        entry(.appStore, "google:com.imwallet.app"),
        entry(.whatsapp, "", .neverUsed, "WhatsApp"),
        entry(.telegram, "", .neverUsed, "Telegram direct messages offering help"),
    ]

    static let verifier = ChannelVerifier(registry: entries)
}

@Suite("Official channels: normal forms")
struct ChannelNormalizerTests {
    @Test("registry values are stored in one normal form", arguments: [
        (ChannelKind.web, "HTTPS://WWW.IMWALLET.COM./help?x=1#top", "imwallet.com"),
        (.web, "imwallet.com:8443", "imwallet.com"),
        (.web, "xn--fiq228c.com", "中文.com"),
        (.web, "ｉｍｗａｌｌｅｔ．ｃｏｍ", "imwallet.com"),
        (.emailDomain, "@IMWallet.com", "imwallet.com"),
        (.email, "mailto:Support@IMWallet.COM", "support@imwallet.com"),
        (.phone, "0086 138-0013-8000", "+8613800138000"),
        (.phone, "(+86) 138.0013.8000", "+8613800138000"),
        (.phone, "＋８６ １３８ ００１３ ８０００", "+8613800138000"),
        (.telegram, "@IMWallet", "imwallet"),
        (.telegram, "telegram.me/IMWallet", "imwallet"),
        (.x, "https://twitter.com/IMWallet_Official/status/1", "imwallet_official"),
        (.weibo, "https://m.weibo.cn/u/1234567", "u/1234567"),
        (.appStore, "https://apps.apple.com/us/app/imwallet-crypto/id1234567890?l=zh", "apple:id1234567890"),
        (.appStore, "https://play.google.com/store/apps/details?id=com.imwallet.app&hl=zh", "google:com.imwallet.app"),
    ])
    func normalForms(kind: ChannelKind, input: String, expected: String) {
        #expect(ChannelNormalizer.normalize(input, as: kind) == expected)
    }

    @Test("values that are not of the kind are refused", arguments: [
        (ChannelKind.web, "not a domain"), (.web, "localhost"), (.email, "no-at-sign"), (.email, "a@b"), (.phone, "12345"),
        (.phone, "call 138"), (.telegram, "two words"), (.appStore, "apple:idabc"), (.emailDomain, "imwallet.com/path"),
    ])
    func refused(kind: ChannelKind, input: String) {
        #expect(ChannelNormalizer.normalize(input, as: kind) == nil)
    }

    @Test("a never-used entry may name a whole platform; an official one may not")
    func emptyValues() throws {
        #expect(try OfficialChannel.validated(kind: .whatsapp, value: " ", use: .neverUsed, label: "WhatsApp", hours: nil).value == "")
        #expect(throws: DeskError.invalidField("value", reason: .required)) {
            try OfficialChannel.validated(kind: .whatsapp, value: "", use: .official, label: "WhatsApp", hours: nil)
        }
        #expect(throws: DeskError.invalidField("label", reason: .required)) {
            try OfficialChannel.validated(kind: .web, value: "imwallet.com", use: .official, label: "  ", hours: nil)
        }
    }

    @Test("free values are read as the kind they are")
    func detection() {
        #expect(ChannelNormalizer.parse("support@imwallet.com")?.kind == .email)
        #expect(ChannelNormalizer.parse("https://imwallet.com@evil.io")?.kind == .web)
        #expect(ChannelNormalizer.parse("https://imwallet.com@evil.io")?.value == "evil.io")
        #expect(ChannelNormalizer.parse("https://imwallet.com@evil.io")?.userinfo == "imwallet.com")
        #expect(ChannelNormalizer.parse("+1 (415) 555-0100")?.kind == .phone)
        #expect(ChannelNormalizer.parse("WhatsApp: +1 415 555 0100") == ParsedChannel(kind: .whatsapp, value: "+14155550100"))
        #expect(ChannelNormalizer.parse("https://api.whatsapp.com/send?phone=8613800138000")?.value == "+8613800138000")
        #expect(ChannelNormalizer.parse("微信：imwallet-kefu") == ParsedChannel(kind: .wechat, value: "imwallet-kefu"))
        #expect(ChannelNormalizer.parse("@someone") == ParsedChannel(kind: nil, value: "someone"))
        #expect(ChannelNormalizer.parse("http://xn--imwllet-4fg.com")?.value == "imwаllet.com")
        #expect(ChannelNormalizer.parse("http://xn--imwllet-4fg.com")?.hadPunycode == true)
        #expect(ChannelNormalizer.parse("evil.io\\@imwallet.com")?.value == "evil.io")
        #expect(ChannelNormalizer.parse("hello world") == nil)
        #expect(ChannelNormalizer.parse("") == nil)
    }
}

@Suite("Official channels: punycode (RFC 3492)")
struct PunycodeTests {
    @Test("RFC 3492 and IDN samples decode", arguments: [
        ("ihqwcrb4cv8a8dqg056pqjye", "他们为什么不说中文"),
        ("ihqwctvzc91f659drss3x8bo0yb", "他們爲什麽不說中文"),
        ("mnchen-3ya", "münchen"),
        ("bcher-kva", "bücher"),
        ("80ak6aa92e", "аррӏе"),
        ("fiq228c", "中文"),
        ("imwllet-4fg", "imwаllet"),
        ("egbpdaj6bu4bxfgehfvwxn", "ليهمابتكلموشعربي؟"),
        ("-> $1.00 <--", "-> $1.00 <-"),
    ])
    func decodes(encoded: String, decoded: String) {
        #expect(Punycode.decode(encoded) == decoded)
    }

    @Test("invalid input is refused, not trapped on", arguments: ["99999999999999999999999999", "ü-abc", "abc-!", "bcher-k"])
    func invalid(input: String) {
        #expect(Punycode.decode(input) == nil)
    }

    @Test("domains keep labels that fail to decode and say so")
    func domains() {
        let result = Punycode.decodeDomain("xn--fiq228c.xn--!!.com")
        #expect(result.hadPunycode && result.invalid)
        #expect(result.unicode.hasPrefix("中文."))
    }
}

@Suite("Official channels: verdicts")
struct ChannelVerifierTests {
    let verifier = SampleRegistry.verifier

    @Test("official channels in every spelling are verified", arguments: [
        "imwallet.com", "https://www.imwallet.com/zh/help?x=1", "HTTPS://IMWALLET.COM.", "support.imwallet.com", "imwallet.com:443",
        "http://anyone@imwallet.com/", "imwallet。com", "<https://imwallet.com>", "ｉｍｗａｌｌｅｔ.ｃｏｍ", "support@imwallet.com",
        "mailto:Security@IMWALLET.com", "+86 138 0013 8000", "0086-138-0013-8000", "138 0013 8000", "(+86) 13800138000", "400-820-8820",
        "@imwallet", "t.me/imwallet", "https://t.me/s/imwallet", "telegram: @IMWallet", "x.com/imwallet_official",
        "https://twitter.com/IMWallet_Official/status/123", "微信：imwallet-kefu", "weibo.com/imwallet",
        "https://apps.apple.com/cn/app/imwallet/id1234567890", "https://play.google.com/store/apps/details?id=com.imwallet.app&hl=zh",
    ])
    func verified(input: String) {
        let verdict = verifier.verify(input)
        #expect(verdict.outcome == .verified, "\(input): \(verdict)")
        #expect(verdict.match != nil)
    }

    @Test("look-alikes name what they imitate and why", arguments: [
        ("https://imwallet.com@evil.io", LookAlikeReason.userinfoTrick),
        ("imwallet.com@evil.io/login", .userinfoTrick),
        ("imwallet.com.evil.io", .brandInSubdomain),
        ("https://imwallet.com.wallet-check.top/verify", .brandInSubdomain),
        ("imwаllet.com", .homoglyph),
        ("http://xn--imwllet-4fg.com", .punycode),
        ("xn--mwallet-qog.com", .homoglyph),
        ("imwa11et.com", .homoglyph),
        ("IMWA1LET.COM", .homoglyph),
        ("lmwallet.com", .homoglyph),
        ("imvvallet.com", .homoglyph),
        ("ímwallet.com", .homoglyph),
        ("imwaIIet.com", .homoglyph),
        ("imwallet-support.com", .extraWords),
        ("official-imwallet.com", .extraWords),
        ("verify-imwallet.net", .extraWords),
        ("imwallethelp.com", .extraWords),
        ("imwallet-kefu.cn", .extraWords),
        ("imwallet.net", .otherSuffix),
        ("imwallet.com.cn", .otherSuffix),
        ("imwallet.github.io", .otherSuffix),
        ("imwalet.com", .typo),
        ("imwallte.com", .typo),
        ("imwallets.com", .extraWords),
        ("4008208821", .oneDigitOff),
        ("support@imwallet-help.com", .extraWords),
        ("imwallet.support@gmail.com", .brandInUsername),
        ("kefu-imwallet@163.com", .brandInUsername),
        ("@imwallet_support", .extraWords),
        ("t.me/imwallet_helpdesk", .extraWords),
        ("https://t.me/imwa11et", .homoglyph),
        ("@lMWALLET", .homoglyph),
        ("x.com/imwallet", .otherPlatform),
        ("@imwallet_0fficial", .homoglyph),
        ("+86 138 0013 8001", .oneDigitOff),
    ])
    func lookAlikes(input: String, reason: LookAlikeReason) {
        let verdict = verifier.verify(input)
        #expect(verdict.outcome == .lookAlike, "\(input): \(verdict)")
        #expect(verdict.lookAlikes.contains { $0.reason == reason }, "\(input): \(verdict.lookAlikes.map(\.reason))")
        #expect(verdict.match == nil)
    }

    @Test("the imitated entry is the one whose name is borrowed")
    func imitates() {
        let verdict = verifier.verify("https://imwallet.com@evil.io/login")
        #expect(verdict.lookAlikes.first?.imitates.value == "imwallet.com")
        #expect(verdict.lookAlikes.first?.detail == "evil.io")
        let homoglyph = verifier.verify("imwаllet.com").lookAlikes.first { $0.reason == .homoglyph }
        #expect(homoglyph?.detail == "а")
        let extra = verifier.verify("verify-imwallet-support.com").lookAlikes.first { $0.reason == .extraWords }
        #expect(extra?.detail == "verify support")
    }

    @Test("channels the company never uses are called out", arguments: [
        "wa.me/8613800138000", "WhatsApp +86 138 0013 8000", "https://chat.whatsapp.com/AbCdEf", "t.me/randomhelper", "tg:@walletfixer",
    ])
    func neverUsed(input: String) {
        let verdict = verifier.verify(input)
        #expect(verdict.outcome == .neverUsed, "\(input): \(verdict)")
        #expect(verdict.neverUsed?.use == .neverUsed)
    }

    @Test("a look-alike on a never-used platform is a look-alike and says both")
    func both() {
        let verdict = verifier.verify("https://t.me/imwallet_support")
        #expect(verdict.outcome == .lookAlike)
        #expect(verdict.neverUsed?.kind == .telegram)
    }

    @Test("unrelated values are unknown, not look-alikes", arguments: [
        "example.org", "random@gmail.com", "+1 415 555 0100", "@someone", "weibo.com/u/123456", "wallet.com", "imtoken.com",
        "walletconnect.com", "mywallet.com", "google.com", "https://apps.apple.com/app/other/id999", "hello world", "wechat: someone_else",
        "imwa.com", "metamask.io", "x.com/elonmusk", "mail@163.com",
    ])
    func unknown(input: String) {
        let verdict = verifier.verify(input)
        #expect(verdict.outcome == .unknown, "\(input): \(verdict.lookAlikes.map(\.reason))")
    }

    @Test("an empty registry verifies nothing and calls nothing a look-alike")
    func emptyRegistry() {
        let verifier = ChannelVerifier(registry: [])
        for input in ["imwallet.com", "+8613800138000", "@imwallet", "wa.me/123456789"] {
            #expect(verifier.verify(input).outcome == .unknown)
        }
    }

    @Test("skeletons fold the usual confusables")
    func skeletons() {
        #expect(Confusables.skeleton("раураl") == Confusables.skeleton("paypal"))
        #expect(Confusables.skeleton("0ff1c1al") == Confusables.skeleton("official"))
        #expect(Confusables.skeleton("rnetamask") == Confusables.skeleton("metamask"))
        #expect(Confusables.skeleton("binance") != Confusables.skeleton("coinbase"))
        #expect(Confusables.skeleton("ΟΚΧ") == Confusables.skeleton("okx"))
    }

    @Test("national and international phone spellings are the same number; other numbers are not")
    func phones() {
        #expect(ChannelVerifier.samePhone("+8613800138000", "13800138000"))
        #expect(ChannelVerifier.samePhone("+442079460000", "02079460000"))
        #expect(!ChannelVerifier.samePhone("+8613800138000", "3800138000000"))
        #expect(!ChannelVerifier.samePhone("+8613800138000", "138001"))
    }

    @Test("random and hostile input never traps")
    func robustness() {
        let pieces = ["xn--", "-", ".", "@", "/", "\\", ":", "+", "0", "9", "a", "z", "а", "ο", "中", "%", "%2", "%zz", "?", "=", "&", "#", " ",
                      "www.", "https://", "t.me/", "wa.me/", "imwallet", "。", "ｉ", "\u{0}", "\u{10FFFF}", "🙂", "..", "xn--a", "xn--99999999999"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let count = Int.random(in: 0...24, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            _ = verifier.verify(text)
            _ = ScamDetector(registry: SampleRegistry.entries).inspect(text)
        }
    }
}
