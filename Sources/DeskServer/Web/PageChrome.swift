import DeskCore
import Foundation
import Hummingbird

/// What every page needs besides its own content: the language, the localised strings, the language switch.
struct PageChrome {
    var language: Language
    /// The page title (already localised); the layout appends the product name.
    var title: String
    /// Whether the response should set the language cookie (the visitor chose a language with `?lang=`).
    var rememberLanguage = false
    /// The path of this page without the query, for the language switch links.
    var path: String
    /// The page's query without `lang` (already percent-encoded), kept by the language switch so a search survives it.
    var otherQuery: String = ""

    /// The language for a page request: `?lang=` first, then the `wd_lang` cookie, then `Accept-Language`.
    static func language(for request: Request) -> (language: Language, chosen: Bool) {
        if let tag = request.uri.queryParameters["lang"].map(String.init), let language = Language.match(tag) {
            return (language, true)
        }
        if let cookie = request.cookies["wd_lang"]?.value, let language = Language(rawValue: cookie) {
            return (language, false)
        }
        return (Language.negotiate(request.headers[.acceptLanguage]), false)
    }

    init(request: Request, titleKey: String) {
        let (language, chosen) = Self.language(for: request)
        self.language = language
        self.rememberLanguage = chosen
        self.title = Localizer.shared.text(titleKey, language)
        self.path = request.uri.path
        self.otherQuery = (request.uri.query ?? "").split(separator: "&")
            .filter { !$0.isEmpty && !$0.hasPrefix("lang=") && $0 != "lang" }
            .joined(separator: "&")
    }

    /// Template values: `lang`, `title`, `t` (every localised string, keys with `.` and `-` turned into `_`, so
    /// `help.search-placeholder` is `{{t.help_search_placeholder}}`), and `languages` for the switch.
    var values: [String: Any] {
        let languages: [[String: Any]] = Language.allCases.map { option in
            [
                "code": option.rawValue, "name": Self.nativeName(option), "current": option == language,
                "href": "\(path)?\(otherQuery.isEmpty ? "" : otherQuery + "&")lang=\(option.rawValue)",
            ]
        }
        return ["lang": language.rawValue, "title": title, "t": Self.strings(for: language), "languages": languages]
    }

    static func nativeName(_ language: Language) -> String {
        switch language {
        case .zhCN: "简体中文"
        case .zhTW: "繁體中文"
        case .en: "English"
        }
    }

    /// Every string of the localisation table in one language, keyed for templates. Built once per language.
    static func strings(for language: Language) -> [String: String] {
        switch language {
        case .zhCN: stringsZhCN
        case .zhTW: stringsZhTW
        case .en: stringsEn
        }
    }

    private static let stringsZhCN = makeStrings(.zhCN)
    private static let stringsZhTW = makeStrings(.zhTW)
    private static let stringsEn = makeStrings(.en)

    private static func makeStrings(_ language: Language) -> [String: String] {
        var result: [String: String] = [:]
        for key in Localizer.shared.keys {
            let templateKey = key.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "-", with: "_")
            result[templateKey] = Localizer.shared.text(key, language)
        }
        return result
    }
}
