import Foundation

/// What the verify page answers.
public enum VerdictOutcome: String, Codable, Sendable {
    /// The value is in the registry as an official channel.
    case verified
    /// The value imitates an official channel.
    case lookAlike = "look_alike"
    /// The company says it never contacts anyone this way.
    case neverUsed = "never_used"
    /// Not in the registry: not verified.
    case unknown
}

/// Why a value was called a look-alike.
public enum LookAlikeReason: String, Codable, Sendable, CaseIterable {
    /// Written with `xn--` labels that decode to letters imitating the official name.
    case punycode
    /// Letters from another script (Cyrillic а, Greek ο …) or digits (0, 1) standing in for Latin letters.
    case homoglyph
    /// The official name with words added (`official-support`, `verify-official`, `officialhelp`).
    case extraWords = "extra_words"
    /// The official name under another ending (`official.net`, `official.com.cn`).
    case otherSuffix = "other_suffix"
    /// The official name as a subdomain of someone else's domain (`official.com.evil.io`).
    case brandInSubdomain = "brand_in_subdomain"
    /// The official name before an `@` in a link (`https://official.com@evil.io` goes to evil.io).
    case userinfoTrick = "userinfo_trick"
    /// The official name as the user part of an address or account elsewhere (`official.support@gmail.com`).
    case brandInUsername = "brand_in_username"
    /// One letter changed, added, dropped or swapped (`offical`, `officail`).
    case typo
    /// A phone number one digit away from an official number.
    case oneDigitOff = "one_digit_off"
    /// An official account name, but on a platform where it is not ours.
    case otherPlatform = "other_platform"
}

/// One way a value imitates one registry entry.
public struct LookAlike: Sendable, Equatable {
    public var reason: LookAlikeReason
    /// The official entry it imitates.
    public var imitates: OfficialChannel
    /// The specifics: the extra words, the foreign letters, the real host … (not localised; values, not prose).
    public var detail: String?

    public init(reason: LookAlikeReason, imitates: OfficialChannel, detail: String? = nil) {
        self.reason = reason
        self.imitates = imitates
        self.detail = detail
    }
}

/// The answer for one value.
public struct ChannelVerdict: Sendable, Equatable {
    public var outcome: VerdictOutcome
    /// What the value was read as; nil when it could not be read at all.
    public var parsed: ParsedChannel?
    /// The registry entry it matches (verified).
    public var match: OfficialChannel?
    /// What it imitates and why (look-alike), strongest first.
    public var lookAlikes: [LookAlike]
    /// A never-used entry covering it (never used; also set beside a look-alike).
    public var neverUsed: OfficialChannel?
}

/// Decides whether a value is one of the registry's official channels, a channel never used, a look-alike, or unknown.
///
/// Precedence: an exact match wins; then look-alikes (the most dangerous case: something built to be mistaken for us);
/// then never-used channels; otherwise unknown. Pure: the registry is passed in.
public struct ChannelVerifier: Sendable {
    public let registry: [OfficialChannel]

    public init(registry: [OfficialChannel]) {
        self.registry = registry
    }

    /// Two-level public suffixes common in the markets WalletDesk serves; the brand label is the one before them.
    static let twoLevelSuffixes: Set<String> = [
        "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "com.hk", "org.hk", "net.hk", "com.tw", "org.tw", "net.tw", "idv.tw",
        "co.uk", "org.uk", "co.jp", "ne.jp", "or.jp", "co.kr", "or.kr", "com.au", "net.au", "com.sg", "com.my", "co.in", "com.br",
        "co.id", "com.ph", "com.vn", "co.th", "com.tr", "com.mx", "com.ar", "co.nz", "co.za", "com.ua", "com.ru",
    ]

    /// Hosting platforms where anyone can get a subdomain: there the subdomain is the name, not the platform.
    static let sharedHosts: Set<String> = [
        "github.io", "gitbook.io", "netlify.app", "vercel.app", "pages.dev", "web.app", "firebaseapp.com", "herokuapp.com",
        "blogspot.com", "wixsite.com", "weebly.com", "notion.site", "glitch.me", "repl.co", "azurewebsites.net", "ngrok.io", "ngrok-free.app",
    ]

    /// Splits a host into the labels before the brand, the brand label and the suffix.
    static func split(_ host: String) -> (sub: [String], brand: String, suffix: String) {
        let labels = host.split(separator: ".").map(String.init)
        guard labels.count >= 2 else { return ([], host, "") }
        var suffixCount = 1
        if labels.count >= 3 {
            let lastTwo = labels.suffix(2).joined(separator: ".")
            if twoLevelSuffixes.contains(lastTwo) || sharedHosts.contains(lastTwo) { suffixCount = 2 }
        }
        if labels.count >= 4, sharedHosts.contains(labels.suffix(3).joined(separator: ".")) { suffixCount = 3 }
        guard labels.count > suffixCount else { return ([], labels[0], labels.dropFirst().joined(separator: ".")) }
        let brandIndex = labels.count - suffixCount - 1
        return (Array(labels[..<brandIndex]), labels[brandIndex], labels[(brandIndex + 1)...].joined(separator: "."))
    }

    public func verify(_ text: String) -> ChannelVerdict {
        guard let parsed = ChannelNormalizer.parse(text) else {
            return ChannelVerdict(outcome: .unknown, parsed: nil, match: nil, lookAlikes: [], neverUsed: nil)
        }
        return verify(parsed)
    }

    public func verify(_ parsed: ParsedChannel) -> ChannelVerdict {
        let official = registry.filter { $0.use == .official }
        if let match = official.first(where: { matches($0, parsed) }) {
            return ChannelVerdict(outcome: .verified, parsed: parsed, match: match, lookAlikes: [], neverUsed: nil)
        }
        let lookAlikes = lookAlikes(of: parsed, among: official)
        let neverUsed = registry.first { entry in
            entry.use == .neverUsed && entry.kind == parsed.kind && (entry.value.isEmpty || entry.value == parsed.value)
        }
        let outcome: VerdictOutcome = !lookAlikes.isEmpty ? .lookAlike : (neverUsed != nil ? .neverUsed : .unknown)
        return ChannelVerdict(outcome: outcome, parsed: parsed, match: nil, lookAlikes: lookAlikes, neverUsed: neverUsed)
    }

    // MARK: - Exact matches

    func matches(_ entry: OfficialChannel, _ parsed: ParsedChannel) -> Bool {
        guard !entry.value.isEmpty else { return false }
        switch (entry.kind, parsed.kind) {
        case (.web, .web?):
            // The host decides where a link goes; whatever comes before `@` does not (`official.com@evil.io` is evil.io).
            return Self.isSameOrSubdomain(parsed.value, of: entry.value)
        case (.email, .email?):
            return entry.value == parsed.value
        case (.emailDomain, .email?):
            return parsed.domain.map { Self.isSameOrSubdomain($0, of: entry.value) } ?? false
        case (.phone, .phone?):
            return Self.samePhone(entry.value, parsed.value)
        case (.whatsapp, .whatsapp?):
            return Self.samePhone(entry.value, parsed.value) || entry.value == parsed.value
        case (let kind, let input):
            if kind.isHandle, input == nil || input == kind { return entry.value == parsed.value && (input != nil || Self.handleKindsUnique(entry, in: registry)) }
            return kind == input && entry.value == parsed.value
        }
    }

    /// A bare `@name` verifies only when no other platform has an entry of the same name with another meaning.
    static func handleKindsUnique(_ entry: OfficialChannel, in registry: [OfficialChannel]) -> Bool {
        !registry.contains { $0.kind.isHandle && $0.value == entry.value && $0.use != entry.use }
    }

    static func isSameOrSubdomain(_ host: String, of domain: String) -> Bool {
        host == domain || host.hasSuffix("." + domain)
    }

    /// Equal digits, or one written nationally (`0`-prefixed or without country code) and the other internationally.
    static func samePhone(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let (intl, national) = a.hasPrefix("+") ? (a, b) : (b, a)
        guard intl.hasPrefix("+"), !national.hasPrefix("+") else { return false }
        let nationalDigits = national.hasPrefix("0") ? String(national.drop { $0 == "0" }) : national
        guard nationalDigits.count >= 6, intl.hasSuffix(nationalDigits) else { return false }
        let countryCode = intl.dropFirst().dropLast(nationalDigits.count)
        return (1...3).contains(countryCode.count)
    }

    // MARK: - Look-alikes

    func lookAlikes(of parsed: ParsedChannel, among official: [OfficialChannel]) -> [LookAlike] {
        var found: [LookAlike] = []
        func add(_ reason: LookAlikeReason, _ entry: OfficialChannel, _ detail: String? = nil) {
            if !found.contains(where: { $0.reason == reason && $0.imitates.id == entry.id }) {
                found.append(LookAlike(reason: reason, imitates: entry, detail: detail))
            }
        }
        let domainEntries = official.filter { ($0.kind == .web || $0.kind == .emailDomain || $0.kind == .email) && !$0.value.isEmpty }
        let handleEntries = official.filter { $0.kind.isHandle && !$0.value.isEmpty }

        // Domains: a web host, or the domain of an email address.
        if let host = parsed.domain {
            for entry in domainEntries {
                let officialHost = entry.kind == .email ? String(entry.value.split(separator: "@").last ?? "") : entry.value
                guard !officialHost.isEmpty, !Self.isSameOrSubdomain(host, of: officialHost) else { continue }
                for (reason, detail) in Self.domainLookAlike(host: host, official: officialHost, hadPunycode: parsed.hadPunycode) {
                    add(reason, entry, detail)
                }
            }
        }
        // The official name in the user part: `official.com@evil.io` links, `official-support@gmail.com` addresses.
        if let userinfo = parsed.userinfo, !userinfo.isEmpty {
            for entry in domainEntries + handleEntries
            where Self.containsBrand(userinfo, brand: Self.brand(of: entry)) || Self.isSameOrSubdomain(userinfo, of: entry.value) {
                add(.userinfoTrick, entry, parsed.domain)
            }
        } else if parsed.kind == .email, let local = parsed.value.split(separator: "@").first {
            for entry in domainEntries + handleEntries where Self.containsBrand(String(local), brand: Self.brand(of: entry)) {
                add(.brandInUsername, entry, parsed.domain)
            }
        }
        // Handles: compare with official handles (and domain brands: `@official_help` imitates official.com).
        if parsed.kind == nil || parsed.kind?.isHandle == true, !parsed.value.isEmpty {
            for entry in handleEntries {
                if entry.value == parsed.value {
                    if parsed.kind != nil, parsed.kind != entry.kind { add(.otherPlatform, entry, entry.kind.rawValue) }
                    continue
                }
                if let (reason, detail) = Self.nameLookAlike(parsed.value, official: entry.value) { add(reason, entry, detail) }
            }
            for entry in domainEntries where entry.kind == .web {
                let brand = Self.split(entry.value).brand
                guard parsed.value != brand else { continue }
                if let (reason, detail) = Self.nameLookAlike(parsed.value, official: brand) { add(reason, entry, detail) }
            }
        }
        // Phones one digit away from an official number.
        if parsed.kind == .phone || parsed.kind == .whatsapp {
            for entry in official where entry.kind == .phone && Self.oneDigitOff(entry.value, parsed.value) { add(.oneDigitOff, entry) }
        }
        // App listings: another listing whose name carries the brand cannot be ours (names are in the Apple URL only).
        return found
    }

    /// Look-alike reasons for a host against one official domain.
    static func domainLookAlike(host: String, official: String, hadPunycode: Bool) -> [(LookAlikeReason, String?)] {
        var reasons: [(LookAlikeReason, String?)] = []
        let input = split(host)
        let target = split(official)
        let brandSkeleton = Confusables.skeleton(target.brand)
        let inputSkeleton = Confusables.skeleton(input.brand)
        guard !brandSkeleton.isEmpty else { return [] }
        if input.brand == target.brand {
            if input.suffix != target.suffix { reasons.append((.otherSuffix, input.suffix)) }
        } else if inputSkeleton == brandSkeleton {
            let foreign = Confusables.nonLatinLookAlikes(in: input.brand)
            if hadPunycode { reasons.append((.punycode, input.brand)) }
            reasons.append((.homoglyph, foreign.isEmpty ? input.brand : String(foreign)))
        } else if let (reason, detail) = nameLookAlike(input.brand, official: target.brand) {
            if hadPunycode, !Confusables.nonLatinLookAlikes(in: input.brand).isEmpty { reasons.append((.punycode, input.brand)) }
            reasons.append((reason, detail))
        }
        // The brand (or the whole official domain) as a label in front of someone else's domain.
        let subSkeletons = input.sub.map(Confusables.skeleton)
        if input.brand != target.brand,
            subSkeletons.contains(where: { $0 == brandSkeleton || (brandSkeleton.count >= 4 && $0.contains(brandSkeleton)) })
        {
            reasons.append((.brandInSubdomain, input.brand + "." + input.suffix))
        }
        return reasons
    }

    /// A name (handle, domain label) against an official one: same skeleton, official name plus words, or one typo.
    static func nameLookAlike(_ name: String, official: String) -> (LookAlikeReason, String?)? {
        let skeleton = Confusables.skeleton(name)
        let target = Confusables.skeleton(official)
        guard !target.isEmpty, name != official else { return nil }
        if skeleton == target {
            let foreign = Confusables.nonLatinLookAlikes(in: name)
            return (.homoglyph, foreign.isEmpty ? name : String(foreign))
        }
        if containsBrand(name, brand: official) {
            // Name the added words as written (`verify`, `support`), falling back to the skeleton for run-together names.
            let tokens = name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            var extra = tokens.filter { !containsBrand(String($0), brand: official) }.joined(separator: " ")
            if tokens.count < 2 {
                extra = skeleton.replacingOccurrences(of: target, with: " ").split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
            }
            return (.extraWords, extra.isEmpty ? nil : extra)
        }
        if target.count >= 5, editDistanceIsOne(skeleton, target) { return (.typo, name) }
        return nil
    }

    /// Whether `text` carries `brand` (by skeleton): as a whole word for short brands, anywhere for longer ones.
    static func containsBrand(_ text: String, brand: String) -> Bool {
        let skeleton = Confusables.skeleton(text)
        let target = Confusables.skeleton(brand)
        guard !target.isEmpty else { return false }
        if target.count >= 4 { return skeleton.contains(target) }
        return skeleton.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { $0 == target }
    }

    static func brand(of entry: OfficialChannel) -> String {
        switch entry.kind {
        case .web, .emailDomain: split(entry.value).brand
        case .email: split(String(entry.value.split(separator: "@").last ?? "")).brand
        default: entry.value
        }
    }

    /// Optimal-string-alignment distance exactly one (one insertion, deletion, substitution or adjacent swap).
    static func editDistanceIsOne(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        if x == y || abs(x.count - y.count) > 1 { return false }
        if x.count == y.count {
            let diffs = x.indices.filter { x[$0] != y[$0] }
            if diffs.count == 1 { return true }
            return diffs.count == 2 && diffs[1] == diffs[0] + 1 && x[diffs[0]] == y[diffs[1]] && x[diffs[1]] == y[diffs[0]]
        }
        let (long, short) = x.count > y.count ? (x, y) : (y, x)
        var i = 0
        while i < short.count && long[i] == short[i] { i += 1 }
        return Array(long[(i + 1)...]) == Array(short[i...])
    }

    static func oneDigitOff(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        guard x.count == y.count, x.count >= 6 else { return false }
        return x.indices.filter { x[$0] != y[$0] }.count == 1
    }
}
