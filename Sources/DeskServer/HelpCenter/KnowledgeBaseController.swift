import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// `/api/v1/kb/…` for agents (articles, categories, revisions, synonyms), `/api/v1/search/tickets`, and the public
/// `/api/v1/help/…` the help center and the portal's request form call (published articles, search, suggestions,
/// votes, deflections).
struct KnowledgeBaseController {
    let dependencies: Dependencies
    let search: HelpSearch

    func addRoutes(to routes: GuardedRoutes) {
        routes.get("kb/categories", .readKnowledgeBase, use: listCategories)
        routes.post("kb/categories", .writeKnowledgeBase, use: saveCategory)
        routes.get("kb/articles", .readKnowledgeBase, use: listArticles)
        routes.post("kb/articles", .writeKnowledgeBase, use: createArticle)
        routes.get("kb/articles/:article", .readKnowledgeBase, use: getArticle)
        routes.patch("kb/articles/:article", .writeKnowledgeBase, use: updateArticle)
        routes.get("kb/articles/:article/revisions", .readKnowledgeBase, use: revisions)
        routes.get("kb/synonyms", .readKnowledgeBase, use: getSynonyms)
        routes.on(.put, "kb/synonyms", .manageKnowledgeBase, use: putSynonyms)
        routes.get("search/tickets", .readTickets, use: searchTickets)
    }

    func addPublicRoutes(to router: Router<DeskRequestContext>) {
        router.get("api/v1/help/articles", use: publicArticles)
        router.get("api/v1/help/articles/:slug", use: publicArticle)
        router.post("api/v1/help/articles/:slug/votes", use: vote)
        router.get("api/v1/help/search", use: publicSearch)
        router.get("api/v1/help/suggest", use: suggest)
        router.post("api/v1/help/deflections", use: deflection)
    }

    // MARK: - Agents

    @Sendable func listCategories(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try .json(PageResource(items: try await dependencies.store.categories().map(CategoryResource.init), nextCursor: nil))
    }

    @Sendable func saveCategory(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: CategoryInput.self, limit: 16 * 1024)
        let category = ArticleCategory(slug: input.slug, names: input.names, descriptions: input.descriptions ?? [:], position: input.position ?? 0)
        try await dependencies.store.saveCategory(category, now: dependencies.now())
        return try .json(CategoryResource(category), status: .created)
    }

    @Sendable func listArticles(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let category = try request.query("category") { Slug(rawValue: $0) }
        let kind = try request.query("kind") { ArticleKind(rawValue: $0) }
        let articles = try await dependencies.store.articles(category: category, kind: kind, includeDrafts: true)
        return try .json(PageResource(items: articles.map { ArticleResource($0, full: false) }, nextCursor: nil))
    }

    @Sendable func createArticle(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: ArticleInput.self, limit: 512 * 1024)
        let now = dependencies.now()
        guard let slug = input.slug else { throw DeskError.invalidField("slug", reason: .required) }
        guard let category = input.category else { throw DeskError.invalidField("category", reason: .required) }
        guard let translations = input.translations, !translations.isEmpty else { throw DeskError.invalidField("translations", reason: .required) }
        let status = input.status ?? .draft
        let article = Article(
            slug: slug, categorySlug: category, section: input.section, kind: input.kind ?? .article, status: status, position: input.position ?? 0,
            translations: translations.map { $0.rendered(now: now) }, createdAt: now, updatedAt: now, publishedAt: status == .published ? now : nil
        )
        let created = try await dependencies.store.createArticle(article, actor: context.actor)
        return try .json(ArticleResource(created, full: true), status: .created)
    }

    @Sendable func getArticle(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try .json(ArticleResource(try await dependencies.store.article(try articleID(context)), full: true))
    }

    @Sendable func updateArticle(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let id = try articleID(context)
        let input = try await request.decodeJSON(as: ArticleInput.self, limit: 512 * 1024)
        let now = dependencies.now()
        let updated = try await dependencies.store.updateArticle(id, expectedVersion: input.version, actor: context.actor, now: now) { article in
            if let slug = input.slug { article.slug = slug }
            if let category = input.category { article.categorySlug = category }
            if let section = input.section { article.section = section.isEmpty ? nil : section }
            if let kind = input.kind { article.kind = kind }
            if let status = input.status { article.status = status }
            if let position = input.position { article.position = position }
            for translation in input.translations ?? [] {
                let rendered = translation.rendered(now: now)
                if let index = article.translations.firstIndex(where: { $0.language == rendered.language }) {
                    if article.translations[index].title != rendered.title || article.translations[index].markdown != rendered.markdown {
                        article.translations[index] = rendered
                    }
                } else {
                    article.translations.append(rendered)
                }
            }
            for language in input.removeLanguages ?? [] { article.translations.removeAll { $0.language == language } }
        }
        return try .json(ArticleResource(updated, full: true))
    }

    @Sendable func revisions(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let revisions = try await dependencies.store.revisions(of: try articleID(context))
        return try .json(PageResource(items: revisions.map(RevisionResource.init), nextCursor: nil))
    }

    @Sendable func getSynonyms(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try .json(SynonymsResource(groups: try await dependencies.store.synonyms().groups))
    }

    @Sendable func putSynonyms(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: SynonymsInput.self, limit: 256 * 1024)
        guard input.groups.count <= 1000,
            input.groups.allSatisfy({ $0.count <= 50 && $0.allSatisfy { $0.count <= 100 && !$0.contains("\n") && !$0.contains("\u{0}") } })
        else {
            throw DeskError.invalidField("groups", reason: .tooMany)
        }
        let table = SynonymTable(groups: input.groups)
        try await dependencies.store.setSynonyms(table)
        return try .json(SynonymsResource(groups: table.groups))
    }

    @Sendable func searchTickets(_ request: Request, context: AgentRequestContext) async throws -> Response {
        guard let text = request.uri.queryParameters.get("q"), !text.isEmpty, text.count <= 200 else {
            throw DeskError.invalidField("q", reason: .required)
        }
        let statuses: [TicketStatus] = try request.query("status") { (raw: String) -> [TicketStatus]? in
            let parsed = raw.split(separator: ",").map { TicketStatus(rawValue: String($0)) }
            return parsed.contains(nil) ? nil : parsed.compactMap { $0 }
        } ?? []
        let limit = try request.query("limit") { Int($0).flatMap { (1...TicketSearch.maxLimit).contains($0) ? $0 : nil } } ?? 25
        let after = try request.query("cursor") { Cursor.decode($0).flatMap { Int64($0) } }
        let synonyms = try await search.snapshot(now: dependencies.now()).synonyms
        guard let expression = TextSegmenter().query(text, mode: .allTerms, synonyms: synonyms) else {
            return try .json(PageResource<TicketResource>(items: [], nextCursor: nil))
        }
        let page = try await dependencies.store.searchTickets(TicketSearch(expression: expression, statuses: statuses, limit: limit, after: after))
        return try .json(PageResource(items: page.items.map { TicketResource($0, explorers: dependencies.explorers) }, nextCursor: Cursor.encode(page.nextCursor)))
    }

    func articleID(_ context: AgentRequestContext) throws -> ArticleID {
        guard let raw = context.parameters.get("article"), let id = UUID(uuidString: raw) else { throw DeskError.notFound(entity: "article") }
        return id
    }

    // MARK: - Public

    static func language(_ request: Request) -> Language {
        PageChrome.language(for: request).language
    }

    @Sendable func publicArticles(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let language = Self.language(request)
        let category = try request.query("category") { Slug(rawValue: $0) }
        let kind = try request.query("kind") { ArticleKind(rawValue: $0) }
        let articles = try await dependencies.store.articles(category: category, kind: kind, includeDrafts: false)
        return try .json(PageResource(items: articles.compactMap { PublicArticleResource($0, language: language, full: false) }, nextCursor: nil))
    }

    @Sendable func publicArticle(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let article = try await publishedArticle(context)
        guard let resource = PublicArticleResource(article, language: Self.language(request), full: true) else {
            throw DeskError.notFound(entity: "article")
        }
        return try .json(resource)
    }

    func publishedArticle(_ context: DeskRequestContext) async throws -> Article {
        guard let raw = context.parameters.get("slug"), let slug = Slug(rawValue: raw) else { throw DeskError.notFound(entity: "article") }
        let article = try await dependencies.store.article(slug: slug)
        guard article.status == .published else { throw DeskError.notFound(entity: "article") }
        return article
    }

    @Sendable func vote(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var request = request
        let article = try await publishedArticle(context)
        let input = try await request.decodeJSON(as: VoteInput.self, limit: 8 * 1024)
        let language = input.language ?? Self.language(request)
        // A comment is free text from anyone: secrets come out before it is stored.
        let comment = input.comment.map { SecretGuard().clean(String($0.withoutNUL.prefix(1000)), language: language).text }
        let updated = try await dependencies.store.vote(
            on: article.id, language: language, helpful: input.helpful, comment: comment?.isEmpty == true ? nil : comment, now: dependencies.now()
        )
        return try .json(VoteResource(helpful: updated.helpfulVotes, unhelpful: updated.unhelpfulVotes), status: .created)
    }

    @Sendable func publicSearch(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let language = Self.language(request)
        let text = String((request.uri.queryParameters.get("q") ?? "").prefix(200))
        let category = try request.query("category") { Slug(rawValue: $0) }
        let page = try request.query("page") { Int($0).flatMap { (1...20).contains($0) ? $0 : nil } } ?? 1
        let hits = try await search.search(text, language: language, category: category, page: page, perPage: 10, now: dependencies.now())
        return try .json(PageResource(items: hits.map(SearchHitResource.init), nextCursor: hits.count == 10 ? String(page + 1) : nil))
    }

    @Sendable func suggest(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let language = Self.language(request)
        let text = String((request.uri.queryParameters.get("q") ?? "").prefix(200))
        let limit = try request.query("limit") { Int($0).flatMap { (1...10).contains($0) ? $0 : nil } } ?? 5
        let suggestions = try await search.suggest(text, language: language, limit: limit, now: dependencies.now())
        var response = try Response.json(
            PageResource(items: suggestions.map { SuggestionResource(slug: $0.article.slug.rawValue, title: $0.title, language: $0.language.rawValue,
                                                                       url: "/help/articles/\($0.article.slug.rawValue)") }, nextCursor: nil)
        )
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func deflection(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: DeflectionInput.self, limit: 8 * 1024)
        let language = input.language ?? Self.language(request)
        // The abandoned request text may hold a recovery phrase or a password: cleaned before it is kept for reports.
        let query = SecretGuard().clean(String(input.query.withoutNUL.prefix(500)), language: language).text
        var ids: [ArticleID] = []
        var opened: ArticleID?
        for slug in input.articles.prefix(10) {
            guard let article = try? await dependencies.store.article(slug: slug), article.status == .published else {
                throw DeskError.invalidField("articles", reason: .unknownReference)
            }
            ids.append(article.id)
            if slug == input.opened { opened = article.id }
        }
        try await dependencies.store.recordDeflection(query: query, language: language, articleIDs: ids, openedArticle: opened, now: dependencies.now())
        return Response(status: .noContent)
    }
}
