import DeskCore
import Foundation

/// Request and response shapes of the knowledge-base API.
struct TranslationInput: JSONBody {
    var language: Language
    var title: String
    var markdown: String

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["language", "title", "markdown"])
        language = try json.required("language") { key throws(DeskError) in try json.value(key, as: Language.self) }
        title = String(try json.required("title", json.string).trimmingWhitespace())
        markdown = try json.required("markdown", json.string)
        // Refused under the names the API has always given, whichever translation is at fault ("translations.title").
        guard !title.contains("\u{0}"), !markdown.contains("\u{0}") else { throw DeskError.invalidField("translations", reason: .invalidValue) }
        guard !title.isEmpty else { throw DeskError.invalidField("translations.title", reason: .required) }
        guard title.count <= 200 else { throw DeskError.invalidField("translations.title", reason: .tooLong) }
        guard markdown.utf8.count <= 200_000 else { throw DeskError.invalidField("translations.markdown", reason: .tooLong) }
    }

    func rendered(now: Date) -> ArticleTranslation {
        ArticleRendering.translation(language: language, title: title, markdown: markdown, now: now)
    }
}

/// Create (slug, category and translations required) or patch (everything optional) an article.
struct ArticleInput: JSONBody {
    var slug: Slug?
    var category: Slug?
    var section: String?
    var kind: ArticleKind?
    var status: ArticleStatus?
    var position: Int?
    var translations: [TranslationInput]?
    var removeLanguages: [Language]?
    var version: Int?

    /// Display positions (both engines store a 32-bit integer).
    static let positions = -1_000_000...1_000_000

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["slug", "category", "section", "kind", "status", "position", "translations", "removeLanguages", "version"])
        slug = try json.value("slug")
        category = try json.value("category")
        section = try json.string("section")
        if let section, section.count > 100 { throw DeskError.invalidField(json.field("section"), reason: .tooLong) }
        if let section, section.contains("\u{0}") { throw DeskError.invalidField(json.field("section"), reason: .invalidValue) }
        kind = try json.value("kind")
        status = try json.value("status")
        position = try json.int("position")
        if let position, !ArticleInput.positions.contains(position) { throw DeskError.invalidField(json.field("position"), reason: .invalidValue) }
        translations = try json.bodies("translations")
        if let translations, Set(translations.map(\.language)).count != translations.count {
            throw DeskError.invalidField(json.field("translations"), reason: .invalidValue)
        }
        removeLanguages = try json.values("removeLanguages")
        version = try json.int("version")
    }
}

struct CategoryInput: JSONBody {
    var slug: Slug
    var names: [Language: String]
    var descriptions: [Language: String]?
    var position: Int?

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["slug", "names", "descriptions", "position"])
        slug = try json.required("slug") { key throws(DeskError) in try json.value(key, as: Slug.self) }
        // An object of language tags to short texts.
        func texts(_ key: String) throws(DeskError) -> [Language: String]? {
            guard let map = try json.object(key) else { return nil }
            var result: [Language: String] = [:]
            for member in map.object.members {
                let text = try map.required(member.key, map.string)
                guard let language = Language(rawValue: member.key), text.count <= 300, !text.contains("\u{0}") else {
                    throw DeskError.invalidField(json.field(key), reason: .invalidValue)
                }
                result[language] = text
            }
            return result
        }
        guard let names = try texts("names"), !names.isEmpty else { throw DeskError.invalidField(json.field("names"), reason: .required) }
        self.names = names
        descriptions = try texts("descriptions")
        position = try json.int("position")
        if let position, !ArticleInput.positions.contains(position) { throw DeskError.invalidField(json.field("position"), reason: .invalidValue) }
    }
}

struct VoteInput: JSONBody {
    var helpful: Bool
    var comment: String?
    var language: Language?

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["helpful", "comment", "language"])
        helpful = try json.required("helpful", json.bool)
        comment = try json.string("comment")
        language = try json.value("language")
    }
}

struct DeflectionInput: JSONBody {
    var query: String
    var language: Language?
    var articles: [Slug]
    var opened: Slug?

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["query", "language", "articles", "opened"])
        query = try json.required("query", json.string)
        language = try json.value("language")
        let raw = try json.required("articles", json.strings)
        guard raw.count <= 10 else { throw DeskError.invalidField(json.field("articles"), reason: .tooMany) }
        var articles: [Slug] = []
        for text in raw {
            guard let slug = Slug(rawValue: text) else { throw DeskError.invalidField(json.field("articles"), reason: .invalidValue) }
            articles.append(slug)
        }
        self.articles = articles
        opened = try json.value("opened")
    }
}

struct CategoryResource: Codable, Sendable {
    var slug: String
    var names: [String: String]
    var descriptions: [String: String]
    var position: Int

    init(_ category: ArticleCategory) {
        slug = category.slug.rawValue
        names = Dictionary(uniqueKeysWithValues: category.names.map { ($0.key.rawValue, $0.value) })
        descriptions = Dictionary(uniqueKeysWithValues: category.descriptions.map { ($0.key.rawValue, $0.value) })
        position = category.position
    }
}

struct TranslationResource: Codable, Sendable {
    var language: String
    var title: String
    var markdown: String?
    var html: String?
    var updatedAt: Date
}

struct ArticleResource: Codable, Sendable {
    var id: String
    var slug: String
    var category: String
    var section: String?
    var kind: String
    var status: String
    var position: Int
    var translations: [TranslationResource]
    var helpfulVotes: Int
    var unhelpfulVotes: Int
    var createdAt: Date
    var updatedAt: Date
    var publishedAt: Date?
    var version: Int

    init(_ article: Article, full: Bool) {
        id = article.id.uuidString.lowercased()
        slug = article.slug.rawValue
        category = article.categorySlug.rawValue
        section = article.section
        kind = article.kind.rawValue
        status = article.status.rawValue
        position = article.position
        translations = article.translations.map {
            TranslationResource(language: $0.language.rawValue, title: $0.title, markdown: full ? $0.markdown : nil, html: full ? $0.html : nil, updatedAt: $0.updatedAt)
        }
        helpfulVotes = article.helpfulVotes
        unhelpfulVotes = article.unhelpfulVotes
        createdAt = article.createdAt
        updatedAt = article.updatedAt
        publishedAt = article.publishedAt
        version = article.version
    }
}

/// A published article as the public sees it: one language (with fallback said), sanitised HTML.
struct PublicArticleResource: Codable, Sendable {
    var slug: String
    var category: String
    var kind: String
    var language: String
    var requestedLanguage: String
    var title: String
    var html: String?
    var updatedAt: Date
    var url: String

    init?(_ article: Article, language: Language, full: Bool) {
        guard let (translation, _) = article.translation(for: language) else { return nil }
        slug = article.slug.rawValue
        category = article.categorySlug.rawValue
        kind = article.kind.rawValue
        self.language = translation.language.rawValue
        requestedLanguage = language.rawValue
        title = translation.title
        html = full ? translation.html : nil
        updatedAt = translation.updatedAt
        url = "/help/articles/\(article.slug.rawValue)"
    }
}

struct RevisionResource: Codable, Sendable {
    var number: Int
    var language: String
    var title: String
    var markdown: String
    var status: String
    var actorKind: String
    var actorId: String?
    var at: Date

    init(_ revision: ArticleRevision) {
        number = revision.number
        language = revision.language.rawValue
        title = revision.title
        markdown = revision.markdown
        status = revision.status.rawValue
        actorKind = revision.actor.kind.rawValue
        actorId = revision.actor.id?.uuidString.lowercased()
        at = revision.at
    }
}

struct SynonymsResource: Codable, Sendable {
    var groups: [[String]]
}

/// A new synonym table: groups of words that mean the same.
struct SynonymsInput: JSONBody {
    var groups: [[String]]

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["groups"])
        groups = try json.required("groups") { key throws(DeskError) in
            try json.array(key) { value, place throws(DeskError) in
                guard case .array(let words) = value else { throw DeskError.invalidField(place, reason: .wrongType) }
                var group: [String] = []
                for (index, word) in words.enumerated() {
                    guard case .string(let text) = word else { throw DeskError.invalidField("\(place)[\(index)]", reason: .wrongType) }
                    group.append(text)
                }
                return group
            }
        }
    }
}

struct SearchHitResource: Codable, Sendable {
    var slug: String
    var title: String
    var language: String
    var snippetHtml: String
    var score: Double
    var url: String

    init(_ hit: ArticleHit) {
        slug = hit.article.slug.rawValue
        title = hit.title
        language = hit.language.rawValue
        snippetHtml = hit.snippetHTML
        score = hit.score
        url = "/help/articles/\(hit.article.slug.rawValue)"
    }
}

struct SuggestionResource: Codable, Sendable {
    var slug: String
    var title: String
    var language: String
    var url: String
}

struct VoteResource: Codable, Sendable {
    var helpful: Int
    var unhelpful: Int
}

extension String {
    /// The text without NUL characters, which PostgreSQL cannot store (free text from customers is cleaned, not refused).
    var withoutNUL: String { contains("\u{0}") ? replacingOccurrences(of: "\u{0}", with: "") : self }
}
