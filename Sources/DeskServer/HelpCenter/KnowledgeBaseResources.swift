import DeskCore
import Foundation

/// Request and response shapes of the knowledge-base API.
struct TranslationInput: Decodable, Sendable {
    var language: Language
    var title: String
    var markdown: String

    enum CodingKeys: String, CodingKey, CaseIterable { case language, title, markdown }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        language = try c.decode(Language.self, forKey: .language)
        title = String(try c.decode(String.self, forKey: .title).trimmingWhitespace())
        markdown = try c.decode(String.self, forKey: .markdown)
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
struct ArticleInput: Decodable, Sendable {
    var slug: Slug?
    var category: Slug?
    var section: String?
    var kind: ArticleKind?
    var status: ArticleStatus?
    var position: Int?
    var translations: [TranslationInput]?
    var removeLanguages: [Language]?
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case slug, category, section, kind, status, position, translations, removeLanguages, version }

    /// Display positions (both engines store a 32-bit integer).
    static let positions = -1_000_000...1_000_000

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func slug(_ key: CodingKeys) throws -> Slug? {
            guard let raw = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let slug = Slug(rawValue: raw) else { throw DeskError.invalidField(key.rawValue, reason: .invalidValue) }
            return slug
        }
        self.slug = try slug(.slug)
        self.category = try slug(.category)
        section = try c.decodeIfPresent(String.self, forKey: .section)
        if let section, section.count > 100 { throw DeskError.invalidField("section", reason: .tooLong) }
        if let section, section.contains("\u{0}") { throw DeskError.invalidField("section", reason: .invalidValue) }
        kind = try c.decodeIfPresent(ArticleKind.self, forKey: .kind)
        status = try c.decodeIfPresent(ArticleStatus.self, forKey: .status)
        position = try c.decodeIfPresent(Int.self, forKey: .position)
        if let position, !ArticleInput.positions.contains(position) { throw DeskError.invalidField("position", reason: .invalidValue) }
        translations = try c.decodeIfPresent([TranslationInput].self, forKey: .translations)
        if let translations, Set(translations.map(\.language)).count != translations.count {
            throw DeskError.invalidField("translations", reason: .invalidValue)
        }
        removeLanguages = try c.decodeIfPresent([Language].self, forKey: .removeLanguages)
        version = try c.decodeIfPresent(Int.self, forKey: .version)
    }
}

struct CategoryInput: Decodable, Sendable {
    var slug: Slug
    var names: [Language: String]
    var descriptions: [Language: String]?
    var position: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case slug, names, descriptions, position }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let slug = Slug(rawValue: try c.decode(String.self, forKey: .slug)) else { throw DeskError.invalidField("slug", reason: .invalidValue) }
        self.slug = slug
        func map(_ key: CodingKeys) throws -> [Language: String]? {
            guard let raw = try c.decodeIfPresent([String: String].self, forKey: key) else { return nil }
            var result: [Language: String] = [:]
            for (tag, text) in raw {
                guard let language = Language(rawValue: tag), text.count <= 300, !text.contains("\u{0}") else {
                    throw DeskError.invalidField(key.rawValue, reason: .invalidValue)
                }
                result[language] = text
            }
            return result
        }
        guard let names = try map(.names), !names.isEmpty else { throw DeskError.invalidField("names", reason: .required) }
        self.names = names
        descriptions = try map(.descriptions)
        position = try c.decodeIfPresent(Int.self, forKey: .position)
        if let position, !ArticleInput.positions.contains(position) { throw DeskError.invalidField("position", reason: .invalidValue) }
    }
}

struct VoteInput: Decodable, Sendable {
    var helpful: Bool
    var comment: String?
    var language: Language?

    enum CodingKeys: String, CodingKey, CaseIterable { case helpful, comment, language }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        helpful = try c.decode(Bool.self, forKey: .helpful)
        comment = try c.decodeIfPresent(String.self, forKey: .comment)
        language = try c.decodeIfPresent(Language.self, forKey: .language)
    }
}

struct DeflectionInput: Decodable, Sendable {
    var query: String
    var language: Language?
    var articles: [Slug]
    var opened: Slug?

    enum CodingKeys: String, CodingKey, CaseIterable { case query, language, articles, opened }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        query = try c.decode(String.self, forKey: .query)
        language = try c.decodeIfPresent(Language.self, forKey: .language)
        let raw = try c.decode([String].self, forKey: .articles)
        guard raw.count <= 10 else { throw DeskError.invalidField("articles", reason: .tooMany) }
        articles = try raw.map { guard let slug = Slug(rawValue: $0) else { throw DeskError.invalidField("articles", reason: .invalidValue) }; return slug }
        opened = try c.decodeIfPresent(String.self, forKey: .opened).map {
            guard let slug = Slug(rawValue: $0) else { throw DeskError.invalidField("opened", reason: .invalidValue) }
            return slug
        }
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
