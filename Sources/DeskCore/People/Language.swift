/// The languages WalletDesk speaks. Simplified Chinese comes first: most of our customers write it.
public enum Language: String, Codable, Sendable, CaseIterable {
    case zhCN = "zh-CN"
    case zhTW = "zh-TW"
    case en

    /// Picks the best language from an `Accept-Language` header; zh-HK/zh-MO/zh-Hant count as traditional.
    public static func negotiate(_ header: String?, fallback: Language = .zhCN) -> Language {
        guard let header, !header.isEmpty else { return fallback }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";")
            guard let tag = pieces.first?.trimmingWhitespace().lowercased(), !tag.isEmpty else { return nil }
            var quality = 1.0
            for piece in pieces.dropFirst() {
                let kv = piece.trimmingWhitespace()
                if kv.hasPrefix("q="), let q = Double(kv.dropFirst(2)) { quality = q }
            }
            return (tag, quality)
        }
        .sorted { $0.1 > $1.1 }
        for (tag, quality) in ranked where quality > 0 {
            if let language = match(tag) { return language }
        }
        return fallback
    }

    /// Maps one BCP 47 tag to a language we speak, or nil.
    public static func match(_ tag: String) -> Language? {
        let tag = tag.lowercased()
        if tag == "*" { return nil }
        if tag.hasPrefix("zh") {
            if tag.contains("hant") || tag.hasSuffix("-tw") || tag.hasSuffix("-hk") || tag.hasSuffix("-mo") { return .zhTW }
            return .zhCN
        }
        if tag.hasPrefix("en") { return .en }
        return nil
    }
}
