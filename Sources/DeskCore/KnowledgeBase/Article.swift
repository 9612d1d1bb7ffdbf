import Foundation

/// The id of a knowledge-base article (stable across its translations and edits).
public typealias ArticleID = UUID

/// Whether customers can see an article.
public enum ArticleStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case published
}

/// A help article, or a security notice / announcement shown on the help center's front page and in the widget.
public enum ArticleKind: String, Sendable, Codable, CaseIterable {
    case article
    case notice
}

/// A URL-safe name: lower-case ASCII letters, digits and single hyphens, 1–80 characters.
public struct Slug: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init?(rawValue: String) {
        let bytes = Array(rawValue.utf8)
        guard (1...80).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return nil }
        var previousHyphen = false
        for byte in bytes {
            let isHyphen = byte == UInt8(ascii: "-")
            guard isHyphen || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39), !(isHyphen && previousHyphen) else { return nil }
            previousHyphen = isHyphen
        }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}

/// One language's text of an article: the Markdown an editor wrote, and the sanitised HTML and plain text made from it.
public struct ArticleTranslation: Sendable, Equatable {
    public var language: Language
    public var title: String
    public var markdown: String
    /// Rendered and sanitised by the server (``HTMLSanitizer``); safe to put in a page as is.
    public var html: String
    /// The readable text (what search indexes and snippets are cut from).
    public var text: String
    public var updatedAt: Date

    public init(language: Language, title: String, markdown: String, html: String, text: String, updatedAt: Date) {
        self.language = language
        self.title = title
        self.markdown = markdown
        self.html = html
        self.text = text
        self.updatedAt = updatedAt
    }
}

/// A knowledge-base article with its translations.
public struct Article: Sendable, Equatable {
    public var id: ArticleID
    public var slug: Slug
    public var categorySlug: Slug
    public var section: String?
    public var kind: ArticleKind
    public var status: ArticleStatus
    public var position: Int
    public var translations: [ArticleTranslation]
    public var helpfulVotes: Int
    public var unhelpfulVotes: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var publishedAt: Date?
    public var version: Int

    public init(
        id: ArticleID = FastUUID.random(), slug: Slug, categorySlug: Slug, section: String? = nil, kind: ArticleKind = .article,
        status: ArticleStatus = .draft, position: Int = 0, translations: [ArticleTranslation], helpfulVotes: Int = 0,
        unhelpfulVotes: Int = 0, createdAt: Date, updatedAt: Date, publishedAt: Date? = nil, version: Int = 1
    ) {
        self.id = id
        self.slug = slug
        self.categorySlug = categorySlug
        self.section = section
        self.kind = kind
        self.status = status
        self.position = position
        self.translations = translations
        self.helpfulVotes = helpfulVotes
        self.unhelpfulVotes = unhelpfulVotes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.publishedAt = publishedAt
        self.version = version
    }

    /// The translation to show a reader of `language`: their own, else simplified/traditional Chinese for each other,
    /// else English, else whatever exists. `fellBack` says a different language is shown (the page explains why).
    public func translation(for language: Language) -> (translation: ArticleTranslation, fellBack: Bool)? {
        for candidate in Self.fallbackOrder(language) {
            if let found = translations.first(where: { $0.language == candidate }) { return (found, candidate != language) }
        }
        return nil
    }

    /// Languages to try, in order, for a reader of `language`.
    public static func fallbackOrder(_ language: Language) -> [Language] {
        switch language {
        case .zhCN: [.zhCN, .zhTW, .en]
        case .zhTW: [.zhTW, .zhCN, .en]
        case .en: [.en, .zhCN, .zhTW]
        }
    }
}

/// A knowledge-base category (sections are free-form names inside a category).
public struct ArticleCategory: Sendable, Equatable {
    public var slug: Slug
    public var names: [Language: String]
    public var descriptions: [Language: String]
    public var position: Int

    public init(slug: Slug, names: [Language: String], descriptions: [Language: String] = [:], position: Int = 0) {
        self.slug = slug
        self.names = names
        self.descriptions = descriptions
        self.position = position
    }

    public func name(_ language: Language) -> String {
        Article.fallbackOrder(language).lazy.compactMap { names[$0] }.first ?? slug.rawValue
    }

    public func description(_ language: Language) -> String {
        Article.fallbackOrder(language).lazy.compactMap { descriptions[$0] }.first ?? ""
    }
}

/// One saved state of one translation of an article, kept on every edit.
public struct ArticleRevision: Sendable, Equatable {
    public var number: Int
    public var language: Language
    public var title: String
    public var markdown: String
    public var status: ArticleStatus
    public var actor: Actor
    public var at: Date

    public init(number: Int, language: Language, title: String, markdown: String, status: ArticleStatus, actor: Actor, at: Date) {
        self.number = number
        self.language = language
        self.title = title
        self.markdown = markdown
        self.status = status
        self.actor = actor
        self.at = at
    }
}

/// A search hit: an article in the language that matched, with a snippet already highlighted and escaped.
public struct ArticleHit: Sendable, Equatable {
    public var article: Article
    public var language: Language
    public var title: String
    public var snippetHTML: String
    public var score: Double

    public init(article: Article, language: Language, title: String, snippetHTML: String, score: Double) {
        self.article = article
        self.language = language
        self.title = title
        self.snippetHTML = snippetHTML
        self.score = score
    }
}

/// What a help-center or API search asks for.
public struct ArticleSearch: Sendable {
    public var expression: SearchExpression
    public var language: Language?
    public var category: Slug?
    public var includeDrafts: Bool
    public var kind: ArticleKind?
    public var limit: Int
    public var offset: Int

    public static let maxLimit = 50

    public init(
        expression: SearchExpression, language: Language? = nil, category: Slug? = nil, includeDrafts: Bool = false, kind: ArticleKind? = nil,
        limit: Int = 10, offset: Int = 0
    ) {
        self.expression = expression
        self.language = language
        self.category = category
        self.includeDrafts = includeDrafts
        self.kind = kind
        self.limit = limit
        self.offset = offset
    }
}

/// What an agent's ticket search asks for.
public struct TicketSearch: Sendable {
    public var expression: SearchExpression
    public var statuses: [TicketStatus]
    public var limit: Int
    /// Continue after this hit (the `nextCursor` of the previous page).
    public var after: Int64?

    public static let maxLimit = 100

    public init(expression: SearchExpression, statuses: [TicketStatus] = [], limit: Int = 25, after: Int64? = nil) {
        self.expression = expression
        self.statuses = statuses
        self.limit = limit
        self.after = after
    }
}
