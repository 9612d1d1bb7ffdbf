import DeskCore
import DeskStore
import Foundation
import Logging

/// The knowledge base WalletDesk ships with (Markdown in `HelpCenter/Starter`), loaded on first start when the
/// knowledge base is empty, unless the operator turned it off (`--no-starter-kb`, `WALLETDESK_STARTER_KB=0`).
/// Written in simplified Chinese, traditional Chinese (Taiwan) and English, one `<slug>.<language>.md` per language.
enum StarterKnowledgeBase {
    struct Index: Decodable {
        struct CategoryEntry: Decodable {
            var slug: String
            var position: Int
            var names: [String: String]
            var descriptions: [String: String]
        }
        struct ArticleEntry: Decodable {
            var slug: String
            var category: String
            var position: Int
            var kind: String
        }
        var categories: [CategoryEntry]
        var articles: [ArticleEntry]
    }

    enum LoadError: Error { case missingResources, invalid(String) }

    /// Categories and published articles, built from the shipped files.
    static func content(now: Date) throws -> (categories: [ArticleCategory], articles: [Article]) {
        guard let directory = Bundle.module.url(forResource: "Starter", withExtension: nil, subdirectory: "HelpCenter")
            ?? Bundle.module.url(forResource: "Starter", withExtension: nil)
        else { throw LoadError.missingResources }
        let index = try JSONDecoder().decode(Index.self, from: Data(contentsOf: directory.appendingPathComponent("kb.json")))
        func languageMap(_ map: [String: String]) -> [Language: String] {
            Dictionary(uniqueKeysWithValues: map.compactMap { key, value in Language(rawValue: key).map { ($0, value) } })
        }
        let categories = try index.categories.map { entry in
            guard let slug = Slug(rawValue: entry.slug) else { throw LoadError.invalid(entry.slug) }
            return ArticleCategory(slug: slug, names: languageMap(entry.names), descriptions: languageMap(entry.descriptions), position: entry.position)
        }
        let articles = try index.articles.map { entry in
            guard let slug = Slug(rawValue: entry.slug), let category = Slug(rawValue: entry.category), let kind = ArticleKind(rawValue: entry.kind) else {
                throw LoadError.invalid(entry.slug)
            }
            var translations: [ArticleTranslation] = []
            for language in Language.allCases {
                let file = directory.appendingPathComponent("\(entry.slug).\(language.rawValue).md")
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                guard let (title, body) = ArticleRendering.titleAndBody(text) else { throw LoadError.invalid(file.lastPathComponent) }
                translations.append(ArticleRendering.translation(language: language, title: title, markdown: body, now: now))
            }
            guard !translations.isEmpty else { throw LoadError.invalid(entry.slug) }
            return Article(
                slug: slug, categorySlug: category, kind: kind, status: .published, position: entry.position, translations: translations,
                createdAt: now, updatedAt: now, publishedAt: now
            )
        }
        return (categories, articles)
    }

    /// Loads the starter content if the knowledge base has no article yet. Returns how many articles were added.
    @discardableResult
    static func loadIfEmpty(into store: any KnowledgeBaseStore, now: Date, logger: Logger) async throws -> Int {
        guard try await store.isKnowledgeBaseEmpty() else { return 0 }
        let (categories, articles) = try content(now: now)
        for category in categories { try await store.saveCategory(category, now: now) }
        var added = 0
        for article in articles {
            do {
                _ = try await store.createArticle(article, actor: .system)
                added += 1
            } catch DeskError.duplicate {
                // Another node loaded it at the same moment.
            }
        }
        logger.info("loaded the starter knowledge base", metadata: ["articles": "\(added)"])
        return added
    }
}
