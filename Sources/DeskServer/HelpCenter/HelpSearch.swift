import DeskCore
import DeskStore
import Foundation
import Synchronization

/// Search for the help center: queries parsed once (segmenter, synonyms, typo correction), then answered either by
/// the store (ranked pages with snippets) or by this node's in-memory ``SuggestionIndex`` (suggestions while typing).
///
/// Several nodes stay correct without talking to each other: each one checks the store's knowledge-base version at most
/// once per ``recheckInterval`` and rebuilds its snapshot when the version moved (an article published, edited or
/// removed, or the synonyms changed on any node).
final class HelpSearch: Sendable {
    struct Snapshot: Sendable {
        var version: Int64
        var index: SuggestionIndex
        var articles: [Article]
        var synonyms: SynonymTable
        var checkedAt: Date
    }

    /// One suggested article in the language chosen for the reader.
    struct Suggestion: Sendable {
        var article: Article
        var language: Language
        var title: String
    }

    static let recheckInterval: TimeInterval = 1
    let store: any Store
    let segmenter = TextSegmenter()
    private let current = Mutex<Snapshot?>(nil)

    init(store: any Store) {
        self.store = store
    }

    /// The snapshot, rebuilt if the knowledge base changed since it was built.
    func snapshot(now: Date) async throws -> Snapshot {
        if let snapshot = current.withLock({ $0 }), now.timeIntervalSince(snapshot.checkedAt) < Self.recheckInterval, now >= snapshot.checkedAt {
            return snapshot
        }
        let version = try await store.knowledgeBaseVersion()
        if var snapshot = current.withLock({ $0 }), snapshot.version == version {
            snapshot.checkedAt = now
            current.withLock { $0 = snapshot }
            return snapshot
        }
        let articles = try await store.articles(category: nil, kind: .article, includeDrafts: false)
        var documents: [SuggestionIndex.Document] = []
        var owners: [Article] = []
        for article in articles {
            for translation in article.translations {
                documents.append(
                    SuggestionIndex.Document(
                        key: article.slug.rawValue, category: article.categorySlug.rawValue, language: translation.language.rawValue,
                        title: translation.title, titleTokens: segmenter.indexTokens(translation.title), bodyTokens: segmenter.indexTokens(translation.text)
                    )
                )
                owners.append(article)
            }
        }
        let snapshot = Snapshot(
            version: version, index: SuggestionIndex(documents: documents, version: version), articles: owners,
            synonyms: try await store.synonyms(), checkedAt: now
        )
        current.withLock { $0 = snapshot }
        return snapshot
    }

    /// Parses what a customer typed: segmentation, synonyms, then typo correction against the articles' vocabulary.
    func expression(_ text: String, snapshot: Snapshot, typing: Bool = false) -> SearchExpression? {
        guard let parsed = segmenter.query(text, mode: .anyTerms, synonyms: snapshot.synonyms) else { return nil }
        return snapshot.index.corrected(parsed, completeLast: typing && !(text.last?.isWhitespace ?? true))
    }

    /// The best articles for a partial request, one entry per article, in the reader's language where possible.
    func suggest(_ text: String, language: Language, limit: Int, now: Date) async throws -> [Suggestion] {
        let snapshot = try await snapshot(now: now)
        guard let expression = expression(text, snapshot: snapshot, typing: true) else { return [] }
        var seen = Set<String>()
        var result: [Suggestion] = []
        for hit in snapshot.index.search(expression, limit: limit * 4) {
            let article = snapshot.articles[hit.document]
            guard seen.insert(article.slug.rawValue).inserted, let (translation, _) = article.translation(for: language) else { continue }
            result.append(Suggestion(article: article, language: translation.language, title: translation.title))
            if result.count == limit { break }
        }
        return result
    }

    /// A ranked page of published articles from the store, one hit per article (the reader's language preferred).
    func search(_ text: String, language: Language, category: Slug?, page: Int, perPage: Int, now: Date) async throws -> [ArticleHit] {
        let snapshot = try await snapshot(now: now)
        guard let expression = expression(text, snapshot: snapshot) else { return [] }
        let hits = try await store.searchArticles(
            ArticleSearch(expression: expression, category: category, kind: .article, limit: ArticleSearch.maxLimit, offset: 0)
        )
        var best: [String: ArticleHit] = [:]
        var order: [String] = []
        let preference = Article.fallbackOrder(language)
        for hit in hits {
            let key = hit.article.slug.rawValue
            if let existing = best[key] {
                // Same article matched in two languages: keep the one the reader prefers.
                if preference.firstIndex(of: hit.language)! < preference.firstIndex(of: existing.language)! {
                    var preferred = hit
                    preferred.score = existing.score
                    best[key] = preferred
                }
            } else {
                best[key] = hit
                order.append(key)
            }
        }
        let start = max(0, (page - 1) * perPage)
        return order.dropFirst(start).prefix(perPage).compactMap { best[$0] }
    }
}
