import DeskCore
import Foundation
import SQLKit

/// Help-center articles, categories, revisions, votes, deflections and the admins' synonym table.
public protocol KnowledgeBaseStore: Sendable {
    /// Creates or replaces a category.
    func saveCategory(_ category: ArticleCategory, now: Date) async throws
    func categories() async throws -> [ArticleCategory]
    /// Stores a new article with its translations, indexes them and keeps revision 1 of each.
    func createArticle(_ article: Article, actor: Actor) async throws -> Article
    /// Applies `change` under a lock; changed translations are re-indexed and kept as a new revision.
    func updateArticle(
        _ id: ArticleID, expectedVersion: Int?, actor: Actor, now: Date, change: @escaping @Sendable (inout Article) throws -> Void
    ) async throws -> Article
    func article(_ id: ArticleID) async throws -> Article
    func article(slug: Slug) async throws -> Article
    /// Articles in display order (category position, then article position).
    func articles(category: Slug?, kind: ArticleKind?, includeDrafts: Bool) async throws -> [Article]
    func revisions(of id: ArticleID) async throws -> [ArticleRevision]
    /// Records a "was this helpful?" answer (the comment must already have passed the secret scanner).
    func vote(on id: ArticleID, language: Language, helpful: Bool, comment: String?, now: Date) async throws -> Article
    /// Records that a customer saw suggestions and left the request form without sending it.
    func recordDeflection(query: String, language: Language, articleIDs: [ArticleID], openedArticle: ArticleID?, now: Date) async throws
    func deflections(since: Date) async throws -> Int
    /// Ranked article search (title weighted above body) with highlighted snippets.
    func searchArticles(_ search: ArticleSearch) async throws -> [ArticleHit]
    /// The synonym table admins edit; ``SynonymTable/standard`` until they first save one.
    func synonyms() async throws -> SynonymTable
    func setSynonyms(_ table: SynonymTable) async throws
    /// A counter bumped by every change that affects search, so each node knows when to rebuild its suggestion index.
    func knowledgeBaseVersion() async throws -> Int64
    func isKnowledgeBaseEmpty() async throws -> Bool
}

/// Agents' search over tickets: subjects, messages (internal notes too), customer identifiers, tx ids and addresses.
public protocol TicketSearchStore: Sendable {
    /// Tickets whose indexed text matches, newest match first; `nextCursor` continues after the last match read.
    func searchTickets(_ search: TicketSearch) async throws -> Page<Ticket>
}

extension SQLDeskStore: KnowledgeBaseStore {
    static let segmenter = TextSegmenter()

    public func saveCategory(_ category: ArticleCategory, now: Date) async throws {
        let names = try Self.encodeLanguageMap(category.names)
        let descriptions = try Self.encodeLanguageMap(category.descriptions)
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO kb_categories (slug, names, descriptions, position, created_at)
                VALUES (\(bind: category.slug.rawValue), \(bind: names), \(bind: descriptions), \(bind: category.position), \(bind: now.microseconds))
                ON CONFLICT (slug) DO UPDATE SET names = excluded.names, descriptions = excluded.descriptions, position = excluded.position
                """
            ).run()
            try await self.bumpKnowledgeBaseVersion(on: sql)
        }
    }

    public func categories() async throws -> [ArticleCategory] {
        try await database.read { sql in
            try await sql.raw("SELECT slug, names, descriptions, position FROM kb_categories ORDER BY position, slug").all().map { row in
                guard let slug = Slug(rawValue: try row.decode(column: "slug", as: String.self)) else {
                    throw StoreError.corruptRow(table: "kb_categories", column: "slug")
                }
                return ArticleCategory(
                    slug: slug, names: try Self.decodeLanguageMap(row.decode(column: "names", as: String.self)),
                    descriptions: try Self.decodeLanguageMap(row.decode(column: "descriptions", as: String.self)),
                    position: try row.decode(column: "position", as: Int.self)
                )
            }
        }
    }

    public func createArticle(_ article: Article, actor: Actor) async throws -> Article {
        guard !article.translations.isEmpty else { throw DeskError.invalidField("translations", reason: .required) }
        do {
            return try await database.write { sql in
                guard try await sql.raw("SELECT slug FROM kb_categories WHERE slug = \(bind: article.categorySlug.rawValue)").first() != nil else {
                    throw DeskError.invalidField("category", reason: .unknownReference)
                }
                try await sql.raw(
                    """
                    INSERT INTO kb_articles (id, slug, category, section, kind, status, position, helpful, unhelpful, created_at, updated_at,
                      published_at, version)
                    VALUES (\(bind: article.id.uuidString.lowercased()), \(bind: article.slug.rawValue), \(bind: article.categorySlug.rawValue),
                      \(bind: article.section), \(bind: article.kind.rawValue), \(bind: article.status.rawValue), \(bind: article.position), 0, 0,
                      \(bind: article.createdAt.microseconds), \(bind: article.updatedAt.microseconds), \(bind: article.publishedAt?.microseconds),
                      \(bind: article.version))
                    """
                ).run()
                for translation in article.translations {
                    try await self.writeTranslation(translation, of: article.id, replacing: false, on: sql)
                    try await self.recordRevision(of: article, translation, actor: actor, at: article.createdAt, on: sql)
                }
                try await self.bumpKnowledgeBaseVersion(on: sql)
                return article
            }
        } catch where SQLDeskStore.isUniqueViolation(error) {
            throw DeskError.duplicate(field: "slug")
        }
    }

    public func updateArticle(
        _ id: ArticleID, expectedVersion: Int?, actor: Actor, now: Date, change: @escaping @Sendable (inout Article) throws -> Void
    ) async throws -> Article {
        do {
            return try await database.write { sql in
                guard let before = try await self.loadArticles(where: "a.id = ", id.uuidString.lowercased(), lock: true, on: sql).first else {
                    throw DeskError.notFound(entity: "article")
                }
                if let expectedVersion, expectedVersion != before.version { throw DeskError.versionConflict(current: before.version) }
                var after = before
                try change(&after)
                after.id = before.id
                after.createdAt = before.createdAt
                after.helpfulVotes = before.helpfulVotes
                after.unhelpfulVotes = before.unhelpfulVotes
                guard after != before else { return before }
                guard !after.translations.isEmpty else { throw DeskError.invalidField("translations", reason: .required) }
                if after.categorySlug != before.categorySlug,
                    try await sql.raw("SELECT slug FROM kb_categories WHERE slug = \(bind: after.categorySlug.rawValue)").first() == nil
                {
                    throw DeskError.invalidField("category", reason: .unknownReference)
                }
                after.version = before.version + 1
                after.updatedAt = now
                if after.status == .published, before.status != .published { after.publishedAt = now }
                try await sql.raw(
                    """
                    UPDATE kb_articles SET slug = \(bind: after.slug.rawValue), category = \(bind: after.categorySlug.rawValue),
                      section = \(bind: after.section), kind = \(bind: after.kind.rawValue), status = \(bind: after.status.rawValue),
                      position = \(bind: after.position), updated_at = \(bind: now.microseconds), published_at = \(bind: after.publishedAt?.microseconds),
                      version = \(bind: after.version)
                    WHERE id = \(bind: id.uuidString.lowercased())
                    """
                ).run()
                for language in Set(before.translations.map(\.language)).subtracting(after.translations.map(\.language)) {
                    try await self.deleteTranslation(of: id, language: language, on: sql)
                }
                for translation in after.translations {
                    let old = before.translations.first { $0.language == translation.language }
                    if old != translation {
                        try await self.writeTranslation(translation, of: id, replacing: old != nil, on: sql)
                    }
                    if old?.title != translation.title || old?.markdown != translation.markdown || before.status != after.status {
                        try await self.recordRevision(of: after, translation, actor: actor, at: now, on: sql)
                    }
                }
                try await self.bumpKnowledgeBaseVersion(on: sql)
                return after
            }
        } catch where SQLDeskStore.isUniqueViolation(error) {
            throw DeskError.duplicate(field: "slug")
        }
    }

    public func article(_ id: ArticleID) async throws -> Article {
        try await database.read { sql in
            guard let article = try await self.loadArticles(where: "a.id = ", id.uuidString.lowercased(), lock: false, on: sql).first else {
                throw DeskError.notFound(entity: "article")
            }
            return article
        }
    }

    public func article(slug: Slug) async throws -> Article {
        try await database.read { sql in
            guard let article = try await self.loadArticles(where: "a.slug = ", slug.rawValue, lock: false, on: sql).first else {
                throw DeskError.notFound(entity: "article")
            }
            return article
        }
    }

    public func articles(category: Slug?, kind: ArticleKind?, includeDrafts: Bool) async throws -> [Article] {
        try await database.read { sql in
            var articles = try await self.loadArticles(where: category == nil ? nil : "a.category = ", category?.rawValue, lock: false, on: sql)
            if let kind { articles.removeAll { $0.kind != kind } }
            if !includeDrafts { articles.removeAll { $0.status != .published } }
            return articles
        }
    }

    public func revisions(of id: ArticleID) async throws -> [ArticleRevision] {
        try await database.read { sql in
            guard try await sql.raw("SELECT id FROM kb_articles WHERE id = \(bind: id.uuidString.lowercased())").first() != nil else {
                throw DeskError.notFound(entity: "article")
            }
            return try await sql.raw(
                """
                SELECT number, language, title, markdown, status, actor_kind, actor_id, at FROM kb_revisions
                WHERE article_id = \(bind: id.uuidString.lowercased()) ORDER BY id DESC
                """
            ).all().map { row in
                guard let language = Language(rawValue: try row.decode(column: "language", as: String.self)),
                    let status = ArticleStatus(rawValue: try row.decode(column: "status", as: String.self)),
                    let kind = AuthorKind(rawValue: try row.decode(column: "actor_kind", as: String.self))
                else { throw StoreError.corruptRow(table: "kb_revisions", column: "language/status/actor_kind") }
                let actorID = try row.decodeNil(column: "actor_id") ? nil : UUID(uuidString: try row.decode(column: "actor_id", as: String.self))
                return ArticleRevision(
                    number: try row.decode(column: "number", as: Int.self), language: language, title: try row.decode(column: "title", as: String.self),
                    markdown: try row.decode(column: "markdown", as: String.self), status: status, actor: Actor(kind: kind, id: actorID),
                    at: Date(microseconds: try row.decode(column: "at", as: Int64.self))
                )
            }
        }
    }

    public func vote(on id: ArticleID, language: Language, helpful: Bool, comment: String?, now: Date) async throws -> Article {
        try await database.write { sql in
            let column = helpful ? "helpful" : "unhelpful"
            let updated = try await sql.raw(
                """
                UPDATE kb_articles SET \(unsafeRaw: column) = \(unsafeRaw: column) + 1
                WHERE id = \(bind: id.uuidString.lowercased()) AND status = 'published' RETURNING id
                """
            ).first()
            guard updated != nil else { throw DeskError.notFound(entity: "article") }
            try await sql.raw(
                """
                INSERT INTO kb_votes (id, article_id, language, helpful, comment, at) VALUES (\(bind: FastUUID.format(FastUUID.random())),
                  \(bind: id.uuidString.lowercased()), \(bind: language.rawValue), \(bind: helpful ? 1 : 0), \(bind: comment), \(bind: now.microseconds))
                """
            ).run()
            guard let article = try await self.loadArticles(where: "a.id = ", id.uuidString.lowercased(), lock: false, on: sql).first else {
                throw DeskError.notFound(entity: "article")
            }
            return article
        }
    }

    public func recordDeflection(query: String, language: Language, articleIDs: [ArticleID], openedArticle: ArticleID?, now: Date) async throws {
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO kb_deflections (id, query, language, article_ids, opened_article, at) VALUES (\(bind: FastUUID.format(FastUUID.random())),
                  \(bind: query), \(bind: language.rawValue), \(bind: articleIDs.map { $0.uuidString.lowercased() }.joined(separator: ",")),
                  \(bind: openedArticle?.uuidString.lowercased()), \(bind: now.microseconds))
                """
            ).run()
        }
    }

    public func deflections(since: Date) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM kb_deflections WHERE at >= \(bind: since.microseconds)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func searchArticles(_ search: ArticleSearch) async throws -> [ArticleHit] {
        let limit = max(1, min(search.limit, ArticleSearch.maxLimit))
        let offset = max(0, min(search.offset, 1000))
        let tokens = Set(search.expression.tokens)
        return try await database.read { sql in
            var statement = self.dialect.articleSearchStart(search.expression)
            if !search.includeDrafts { statement.appendLiteral(" AND a.status = 'published'") }
            if let language = search.language {
                statement.appendLiteral(" AND t.language = ")
                statement.appendInterpolation(bind: language.rawValue)
            }
            if let category = search.category {
                statement.appendLiteral(" AND a.category = ")
                statement.appendInterpolation(bind: category.rawValue)
            }
            if let kind = search.kind {
                statement.appendLiteral(" AND a.kind = ")
                statement.appendInterpolation(bind: kind.rawValue)
            }
            statement.appendLiteral(" ORDER BY score DESC, t.id LIMIT ")
            statement.appendInterpolation(bind: limit)
            statement.appendLiteral(" OFFSET ")
            statement.appendInterpolation(bind: offset)
            let rows = try await sql.raw(statement).all()
            let ids = try rows.map { try $0.decode(column: "article_id", as: String.self) }
            let articles = try await self.loadArticles(ids: ids, on: sql)
            return try rows.compactMap { row in
                guard let article = articles[try row.decode(column: "article_id", as: String.self)],
                    let language = Language(rawValue: try row.decode(column: "language", as: String.self)),
                    let translation = article.translations.first(where: { $0.language == language })
                else { return nil }
                return ArticleHit(
                    article: article, language: language, title: translation.title,
                    snippetHTML: Snippet.html(translation.text, tokens: tokens), score: try row.decode(column: "score", as: Double.self)
                )
            }
        }
    }

    public func synonyms() async throws -> SynonymTable {
        try await database.read { sql in
            guard try await sql.raw("SELECT value FROM settings WHERE key = 'kb.synonyms-saved'").first() != nil else { return .standard }
            let rows = try await sql.raw("SELECT terms FROM kb_synonyms ORDER BY position").all()
            return SynonymTable(groups: try rows.map { try $0.decode(column: "terms", as: String.self).components(separatedBy: "\n") })
        }
    }

    public func setSynonyms(_ table: SynonymTable) async throws {
        try await database.write { sql in
            try await sql.raw("DELETE FROM kb_synonyms").run()
            for (position, group) in table.groups.enumerated() {
                try await sql.raw("INSERT INTO kb_synonyms (position, terms) VALUES (\(bind: position), \(bind: group.joined(separator: "\n")))").run()
            }
            try await sql.raw(
                "INSERT INTO settings (key, value) VALUES ('kb.synonyms-saved', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ).run()
            try await self.bumpKnowledgeBaseVersion(on: sql)
        }
    }

    public func knowledgeBaseVersion() async throws -> Int64 {
        try await database.read { sql in
            try await sql.raw("SELECT version FROM kb_state WHERE id = 1").first()?.decode(column: "version", as: Int64.self) ?? 0
        }
    }

    public func isKnowledgeBaseEmpty() async throws -> Bool {
        try await database.read { sql in
            try await sql.raw("SELECT id FROM kb_articles LIMIT 1").first() == nil
        }
    }

    // MARK: - Pieces used inside transactions

    func bumpKnowledgeBaseVersion(on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE kb_state SET version = version + 1 WHERE id = 1").run()
    }

    /// Inserts or replaces one translation and its index entry (title tokens weighted above body tokens).
    func writeTranslation(_ translation: ArticleTranslation, of id: ArticleID, replacing: Bool, on sql: any SQLDatabase) async throws {
        if replacing { try await deleteTranslation(of: id, language: translation.language, on: sql) }
        let row = try await sql.raw(
            """
            INSERT INTO kb_translations (article_id, language, title, markdown, html, body_text, updated_at)
            VALUES (\(bind: id.uuidString.lowercased()), \(bind: translation.language.rawValue), \(bind: translation.title),
              \(bind: translation.markdown), \(bind: translation.html), \(bind: translation.text), \(bind: translation.updatedAt.microseconds))
            RETURNING id
            """
        ).first()
        guard let translationID = try row?.decode(column: "id", as: Int64.self) else {
            throw StoreError.corruptRow(table: "kb_translations", column: "id")
        }
        try await indexTranslation(id: translationID, title: translation.title, text: translation.text, on: sql)
    }

    /// Writes a translation's index entry (title tokens weighted above body tokens); edits and rebuilds both come here.
    func indexTranslation(id: Int64, title: String, text: String, on sql: any SQLDatabase) async throws {
        try await sql.raw(dialect.articleIndexWrite(id: id, title: Self.segmenter.indexTokens(title), body: Self.segmenter.indexTokens(text))).run()
    }

    func deleteTranslation(of id: ArticleID, language: Language, on sql: any SQLDatabase) async throws {
        let row = try await sql.raw(
            "SELECT id FROM kb_translations WHERE article_id = \(bind: id.uuidString.lowercased()) AND language = \(bind: language.rawValue)"
        ).first()
        guard let translationID = try row?.decode(column: "id", as: Int64.self) else { return }
        if let statement = dialect.articleIndexDelete(id: translationID) { try await sql.raw(statement).run() }
        try await sql.raw("DELETE FROM kb_translations WHERE id = \(bind: translationID)").run()
    }

    func recordRevision(of article: Article, _ translation: ArticleTranslation, actor: Actor, at: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO kb_revisions (article_id, number, language, title, markdown, status, actor_kind, actor_id, at)
            VALUES (\(bind: article.id.uuidString.lowercased()), \(bind: article.version), \(bind: translation.language.rawValue),
              \(bind: translation.title), \(bind: translation.markdown), \(bind: article.status.rawValue), \(bind: actor.kind.rawValue),
              \(bind: actor.id.map(FastUUID.format)), \(bind: at.microseconds))
            """
        ).run()
    }

    static let articleColumns = """
        a.id, a.slug, a.category, a.section, a.kind, a.status, a.position, a.helpful, a.unhelpful, a.created_at, a.updated_at,
        a.published_at, a.version
        """

    /// Articles (with translations) matching one equality condition, or all of them, in display order.
    func loadArticles(where condition: String?, _ value: String?, lock: Bool, on sql: any SQLDatabase) async throws -> [Article] {
        var statement = SQLQueryString(
            "SELECT \(unsafeRaw: Self.articleColumns) FROM kb_articles a LEFT JOIN kb_categories c ON c.slug = a.category WHERE 1 = 1"
        )
        if let condition, let value {
            statement.appendLiteral(" AND ")
            statement.appendInterpolation(unsafeRaw: condition)
            statement.appendInterpolation(bind: value)
        }
        statement.appendLiteral(" ORDER BY c.position, a.category, a.position, a.slug")
        if lock { statement.appendInterpolation(unsafeRaw: dialect.forUpdate.isEmpty ? "" : " FOR UPDATE OF a") }
        let rows = try await sql.raw(statement).all()
        var articles = try rows.map(Self.decodeArticle)
        guard !articles.isEmpty else { return [] }
        let translations = try await loadTranslations(of: articles.map { $0.id.uuidString.lowercased() }, on: sql)
        for index in articles.indices {
            articles[index].translations = translations[articles[index].id.uuidString.lowercased()] ?? []
        }
        return articles
    }

    func loadArticles(ids: [String], on sql: any SQLDatabase) async throws -> [String: Article] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.raw("SELECT \(unsafeRaw: Self.articleColumns) FROM kb_articles a WHERE a.id IN (\(binds: Array(Set(ids))))").all()
        var articles = try rows.map(Self.decodeArticle)
        let translations = try await loadTranslations(of: articles.map { $0.id.uuidString.lowercased() }, on: sql)
        var result: [String: Article] = [:]
        for index in articles.indices {
            let key = articles[index].id.uuidString.lowercased()
            articles[index].translations = translations[key] ?? []
            result[key] = articles[index]
        }
        return result
    }

    func loadTranslations(of ids: [String], on sql: any SQLDatabase) async throws -> [String: [ArticleTranslation]] {
        var result: [String: [ArticleTranslation]] = [:]
        // Chunks keep the bind count well under both engines' limits.
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(ids.count, start + 500)])
            start += 500
            let rows = try await sql.raw(
                """
                SELECT article_id, language, title, markdown, html, body_text, updated_at FROM kb_translations
                WHERE article_id IN (\(binds: chunk)) ORDER BY id
                """
            ).all()
            for row in rows {
                guard let language = Language(rawValue: try row.decode(column: "language", as: String.self)) else {
                    throw StoreError.corruptRow(table: "kb_translations", column: "language")
                }
                let translation = ArticleTranslation(
                    language: language, title: try row.decode(column: "title", as: String.self),
                    markdown: try row.decode(column: "markdown", as: String.self), html: try row.decode(column: "html", as: String.self),
                    text: try row.decode(column: "body_text", as: String.self),
                    updatedAt: Date(microseconds: try row.decode(column: "updated_at", as: Int64.self))
                )
                result[try row.decode(column: "article_id", as: String.self), default: []].append(translation)
            }
        }
        for key in result.keys {
            result[key]?.sort { Language.allCases.firstIndex(of: $0.language)! < Language.allCases.firstIndex(of: $1.language)! }
        }
        return result
    }

    static func decodeArticle(_ row: any SQLRow) throws -> Article {
        guard let id = UUID(uuidString: try row.decode(column: "id", as: String.self)),
            let slug = Slug(rawValue: try row.decode(column: "slug", as: String.self)),
            let category = Slug(rawValue: try row.decode(column: "category", as: String.self)),
            let kind = ArticleKind(rawValue: try row.decode(column: "kind", as: String.self)),
            let status = ArticleStatus(rawValue: try row.decode(column: "status", as: String.self))
        else { throw StoreError.corruptRow(table: "kb_articles", column: "id/slug/category/kind/status") }
        return Article(
            id: id, slug: slug, categorySlug: category,
            section: try row.decodeNil(column: "section") ? nil : try row.decode(column: "section", as: String.self), kind: kind, status: status,
            position: try row.decode(column: "position", as: Int.self), translations: [], helpfulVotes: try row.decode(column: "helpful", as: Int.self),
            unhelpfulVotes: try row.decode(column: "unhelpful", as: Int.self),
            createdAt: Date(microseconds: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(microseconds: try row.decode(column: "updated_at", as: Int64.self)),
            publishedAt: try row.decodeNil(column: "published_at") ? nil : Date(microseconds: try row.decode(column: "published_at", as: Int64.self)),
            version: try row.decode(column: "version", as: Int.self)
        )
    }

    static func encodeLanguageMap(_ map: [Language: String]) throws -> String {
        let plain = Dictionary(uniqueKeysWithValues: map.map { ($0.key.rawValue, $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(plain), as: UTF8.self)
    }

    static func decodeLanguageMap(_ text: String) throws -> [Language: String] {
        let plain = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        var result: [Language: String] = [:]
        for (key, value) in plain { if let language = Language(rawValue: key) { result[language] = value } }
        return result
    }
}
