import Foundation

/// A value someone wants checked, parsed into the channel kind it names and that kind's normal form.
public struct ParsedChannel: Sendable, Equatable {
    /// The kind; nil for a bare `@name` whose platform the input does not say.
    public var kind: ChannelKind?
    /// The normal form: what registry values are compared with.
    public var value: String
    /// Tricks noticed while parsing (e.g. the `official.com@evil.io` userinfo form); they feed look-alike reasons.
    public var userinfo: String?
    /// Whether a domain was written with `xn--` labels.
    public var hadPunycode = false
    /// The domain (web host, or the domain of an email address), in Unicode, when the value has one.
    public var domain: String?

    public init(kind: ChannelKind?, value: String, userinfo: String? = nil, hadPunycode: Bool = false, domain: String? = nil) {
        self.kind = kind
        self.value = value
        self.userinfo = userinfo
        self.hadPunycode = hadPunycode
        self.domain = domain
    }
}

/// Turns the many ways people write a contact point into one normal form per kind.
///
/// - Web: scheme, `www.`, userinfo, port, path, query, trailing dot and case are dropped; `xn--` labels are decoded
///   (RFC 3492), full-width dots folded; the host is kept in Unicode so look-alike letters stay visible.
/// - Email: the domain normalised as above, the whole address lower-cased.
/// - Phone: `+` and digits (`0086…` becomes `+86…`), spaces, dashes, dots and brackets dropped.
/// - Handles: `@`, `t.me/`, `x.com/`, `twitter.com/`, `weibo.com/` dropped, lower-cased.
/// - App stores: `apple:id123456789` or `google:com.example.wallet`, from listing URLs too.
public enum ChannelNormalizer {
    /// The normal form of `text` as a value of `kind`; nil when it is not one.
    public static func normalize(_ text: String, as kind: ChannelKind) -> String? {
        let input = clean(text)
        switch kind {
        case .web:
            guard let url = parseURL(input), isHostname(url.host) else { return nil }
            return stripWWW(url.host)
        case .emailDomain:
            let host = input.hasPrefix("@") ? String(input.dropFirst()) : input
            guard let url = parseURL(host), url.path.isEmpty, url.userinfo == nil, isHostname(url.host) else { return nil }
            return stripWWW(url.host)
        case .email:
            return parseEmail(input.lowercased().hasPrefix("mailto:") ? String(input.dropFirst(7)) : input)?.value
        case .phone, .whatsapp:
            if kind == .whatsapp, let parsed = parse(input), parsed.kind == .whatsapp { return parsed.value }
            return normalizePhone(input)
        case .telegram, .x, .wechat, .weibo:
            if let parsed = parse(input), parsed.kind == kind { return parsed.value }
            return normalizeHandle(input)
        case .appStore:
            let lower = input.lowercased()
            if lower.hasPrefix("apple:id"), lower.dropFirst(8).allSatisfy(\.isASCIIDigit), lower.count > 8 { return lower }
            if lower.hasPrefix("google:"), isPackageName(String(input.dropFirst(7))) { return "google:" + input.dropFirst(7) }
            if let parsed = parse(input), parsed.kind == .appStore { return parsed.value }
            return nil
        }
    }

    /// Reads a free value (what a customer pastes into the verify page) and decides which kind it is.
    public static func parse(_ text: String) -> ParsedChannel? {
        var input = clean(text)
        guard !input.isEmpty, input.count <= 2048 else { return nil }
        var forcedKind: ChannelKind?
        if let (kind, rest) = platformPrefix(input) {
            forcedKind = kind
            input = rest
        }
        let lower = input.lowercased()
        if lower.hasPrefix("mailto:") { return parseEmail(String(input.dropFirst(7))) }
        if lower.hasPrefix("tel:") { return normalizePhone(String(input.dropFirst(4))).map { ParsedChannel(kind: forcedKind == .whatsapp ? .whatsapp : .phone, value: $0) } }
        if let forcedKind, forcedKind == .phone || forcedKind == .whatsapp, let phone = normalizePhone(input) {
            return ParsedChannel(kind: forcedKind, value: phone)
        }
        if let forcedKind, forcedKind.isHandle, !input.contains("/"), !input.contains("."), let handle = normalizeHandle(input) {
            return ParsedChannel(kind: forcedKind, value: handle)
        }
        let hasScheme = lower.range(of: "^[a-z][a-z0-9+.-]*://", options: .regularExpression) != nil
        if !hasScheme, !input.contains("/"), input.filter({ $0 == "@" }).count == 1, !input.hasPrefix("@"), let email = parseEmail(input) {
            return email
        }
        if let phone = normalizePhone(input), !input.contains("/") { return ParsedChannel(kind: forcedKind == .whatsapp ? .whatsapp : .phone, value: phone) }
        if hasScheme || input.contains(".") || input.contains("/") {
            guard let url = parseURL(input), isHostname(url.host) || url.host.contains(".") else { return nil }
            if let special = platformURL(url) { return special }
            return ParsedChannel(kind: .web, value: stripWWW(url.host), userinfo: url.userinfo, hadPunycode: url.hadPunycode, domain: stripWWW(url.host))
        }
        guard let handle = normalizeHandle(input) else { return nil }
        return ParsedChannel(kind: forcedKind?.isHandle == true ? forcedKind : nil, value: handle)
    }

    // MARK: - Pieces

    /// Trims, drops surrounding brackets/quotes and folds full-width punctuation that IDNA also folds.
    static func clean(_ text: String) -> String {
        var value = String(text.trimmingWhitespace())
        let wrappers: [(Character, Character)] = [("<", ">"), ("\"", "\""), ("'", "'"), ("“", "”"), ("「", "」"), ("(", ")")]
        for (open, close) in wrappers where value.count >= 2 && value.first == open && value.last == close {
            value = String(value.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        var folded = ""
        for character in value {
            switch character {
            case "。", "．", "｡": folded.append(".")
            case "＠": folded.append("@")
            case "／": folded.append("/")
            case "：": folded.append(":")
            case "＋": folded.append("+")
            default: folded.append(character)
            }
        }
        return folded
    }

    /// "WhatsApp: +1 …", "微信 abc", "tg:@abc": a platform named in front of the value.
    static func platformPrefix(_ input: String) -> (ChannelKind, String)? {
        let names: [(String, ChannelKind, Bool)] = [
            ("whatsapp", .whatsapp, false), ("wa", .whatsapp, true), ("telegram", .telegram, false), ("tg", .telegram, true),
            ("电报", .telegram, false), ("電報", .telegram, false), ("wechat", .wechat, false), ("weixin", .wechat, false), ("微信", .wechat, false),
            ("weibo", .weibo, false), ("微博", .weibo, false), ("twitter", .x, false), ("x", .x, true), ("phone", .phone, false),
            ("电话", .phone, false), ("電話", .phone, false), ("hotline", .phone, false), ("热线", .phone, false), ("熱線", .phone, false),
        ]
        let lower = input.lowercased()
        for (name, kind, needsColon) in names where lower.hasPrefix(name) {
            var rest = lower.dropFirst(name.count)
            let separated: Bool
            if rest.first == ":" {
                rest = rest.dropFirst()
                separated = true
            } else {
                separated = !needsColon && (rest.first?.isWhitespace ?? false || name.unicodeScalars.first!.value > 0x2E80)
            }
            guard separated else { continue }
            let original = String(input.dropFirst(input.count - rest.count)).trimmingCharacters(in: .whitespaces)
            if !original.isEmpty { return (kind, original) }
        }
        return nil
    }

    struct URLParts {
        var host: String
        var path: [String]
        var query: [String: String]
        var userinfo: String?
        var hadPunycode: Bool
    }

    /// Host, path segments and query of anything URL-shaped, read the way a browser reads it (backslashes are slashes,
    /// the host is what follows the last `@` of the authority).
    static func parseURL(_ input: String) -> URLParts? {
        var rest = Substring(input.replacingOccurrences(of: "\\", with: "/"))
        if let scheme = rest.range(of: "://") , rest[..<scheme.lowerBound].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }) {
            rest = rest[scheme.upperBound...]
        } else if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        let tail = rest[authorityEnd...]
        var userinfo: String?
        if let at = authority.lastIndex(of: "@") {
            userinfo = String(authority[..<at])
            authority = authority[authority.index(after: at)...]
        }
        if let colon = authority.lastIndex(of: ":"), authority[authority.index(after: colon)...].allSatisfy(\.isASCIIDigit) {
            authority = authority[..<colon]
        }
        var host = (String(authority).removingPercentEncoding ?? String(authority)).precomposedStringWithCompatibilityMapping.lowercased()
        while host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace }) else { return nil }
        let decoded = Punycode.decodeDomain(host)
        host = decoded.unicode.precomposedStringWithCanonicalMapping.lowercased()
        let pathEnd = tail.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? tail.endIndex
        let path = tail[..<pathEnd].split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        var query: [String: String] = [:]
        if pathEnd < tail.endIndex, tail[pathEnd] == "?" {
            let queryText = tail[tail.index(after: pathEnd)...].prefix { $0 != "#" }
            for pair in queryText.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { query[String(parts[0])] = String(parts[1]).removingPercentEncoding ?? String(parts[1]) }
            }
        }
        return URLParts(host: host, path: path, query: query, userinfo: userinfo, hadPunycode: decoded.hadPunycode)
    }

    /// Links that name an account on a platform rather than a website.
    static func platformURL(_ url: URLParts) -> ParsedChannel? {
        let host = stripWWW(url.host)
        let first = url.path.first.map { $0.lowercased() }
        switch host {
        case "t.me", "telegram.me", "telegram.dog":
            guard var name = first else { return ParsedChannel(kind: .telegram, value: "") }
            if name == "s", url.path.count > 1 { name = url.path[1].lowercased() }
            return normalizeHandle(name).map { ParsedChannel(kind: .telegram, value: $0) }
        case "x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com":
            guard let name = first else { return ParsedChannel(kind: .x, value: "") }
            return normalizeHandle(name).map { ParsedChannel(kind: .x, value: $0) }
        case "weibo.com", "weibo.cn", "m.weibo.cn":
            guard let name = first else { return ParsedChannel(kind: .weibo, value: "") }
            if name == "u", url.path.count > 1 { return ParsedChannel(kind: .weibo, value: "u/" + url.path[1]) }
            return normalizeHandle(name).map { ParsedChannel(kind: .weibo, value: $0) }
        case "wa.me", "api.whatsapp.com", "whatsapp.com", "chat.whatsapp.com", "web.whatsapp.com":
            if host == "wa.me", let number = first.flatMap({ normalizePhone("+" + $0) }) { return ParsedChannel(kind: .whatsapp, value: number) }
            if let phone = url.query["phone"].flatMap({ normalizePhone("+" + $0) }) { return ParsedChannel(kind: .whatsapp, value: phone) }
            return ParsedChannel(kind: .whatsapp, value: "")
        case "apps.apple.com", "itunes.apple.com":
            guard let id = url.path.last(where: { $0.lowercased().hasPrefix("id") && $0.dropFirst(2).allSatisfy(\.isASCIIDigit) && $0.count > 2 })
            else { return nil }
            return ParsedChannel(kind: .appStore, value: "apple:" + id.lowercased())
        case "play.google.com":
            guard let id = url.query["id"], isPackageName(id) else { return nil }
            return ParsedChannel(kind: .appStore, value: "google:" + id)
        default:
            return nil
        }
    }

    static func parseEmail(_ input: String) -> ParsedChannel? {
        let parts = input.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, !parts[0].contains(where: { $0.isWhitespace || $0 == "/" || $0 == "\\" }),
            let url = parseURL(String(parts[1])), url.path.isEmpty, url.userinfo == nil, isHostname(url.host)
        else { return nil }
        let local = parts[0].lowercased()
        return ParsedChannel(kind: .email, value: "\(local)@\(url.host)", hadPunycode: url.hadPunycode, domain: url.host)
    }

    /// `+` and digits; nil unless 6–15 digits and only phone punctuation besides.
    static func normalizePhone(_ input: String) -> String? {
        // "(+86) 138…": the plus may sit inside brackets; PhoneNumber wants it first.
        let cleaned = input.replacingOccurrences(of: ".", with: " ").replacingOccurrences(of: "\u{2011}", with: "-")
            .replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ").trimmingCharacters(in: .whitespaces)
        guard cleaned.contains(where: { $0.isNumber }) else { return nil }
        return PhoneNumber(rawValue: cleaned)?.rawValue
    }

    /// A handle without `@`, lower-cased; letters (any script), digits, `_`, `.` and `-` only.
    static func normalizeHandle(_ input: String) -> String? {
        var name = Substring(input)
        if name.hasPrefix("@") { name = name.dropFirst() }
        guard !name.isEmpty, name.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }) else {
            return nil
        }
        return name.lowercased()
    }

    static func isHostname(_ host: String) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, host.count <= 253 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        }
    }

    static func isPackageName(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } }
    }

    static func stripWWW(_ host: String) -> String {
        host.hasPrefix("www.") && host.split(separator: ".").count > 2 ? String(host.dropFirst(4)) : host
    }
}
