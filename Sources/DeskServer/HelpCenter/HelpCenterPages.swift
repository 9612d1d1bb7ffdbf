import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// The public help center: `/help`, `/help/categories/{slug}`, `/help/articles/{slug}`, `/help/search?q=`.
///
/// Server-rendered with the shared layout, no script, nothing from other hosts. Article bodies are HTML the server
/// sanitised when the article was saved, and snippets are escaped by ``Snippet``; everything else is escaped by Mustache.
struct HelpCenterPages {
    let dependencies: Dependencies
    let search: HelpSearch

    func addRoutes(to router: Router<DeskRequestContext>) {
        router.get("help", use: home)
        router.get("help/categories/:slug", use: category)
        router.get("help/articles/:slug", use: article)
        router.post("help/articles/:slug/vote", use: vote)
        router.get("help/search", use: searchPage)
    }

    static func languageName(_ language: Language, in reader: Language) -> String {
        Localizer.shared.text("help.language-\(language.rawValue)", reader)
    }

    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    @Sendable func home(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let chrome = PageChrome(request: request, titleKey: "help.home-title")
        let language = chrome.language
        let categories = try await dependencies.store.categories()
        let articles = try await dependencies.store.articles(category: nil, kind: nil, includeDrafts: false)
        let notices: [[String: Any]] = articles.filter { $0.kind == .notice }.compactMap { notice in
            guard let (translation, _) = notice.translation(for: language) else { return nil }
            return ["title": translation.title, "summaryHTML": translation.html]
        }
        let categoryValues: [[String: Any]] = categories.map { category in
            let list: [[String: Any]] = articles.filter { $0.kind == .article && $0.categorySlug == category.slug }.compactMap { article in
                guard let (translation, _) = article.translation(for: language) else { return nil }
                return ["slug": article.slug.rawValue, "title": translation.title]
            }
            return ["slug": category.slug.rawValue, "name": category.name(language), "description": category.description(language), "articles": list]
        }
        let l = Localizer.shared
        // The admins' registry of official channels when it has entries (the same per-node snapshot /verify reads, so
        // this public page costs no query); otherwise the generic ways in.
        let official = try await dependencies.channelCache.entries(store: dependencies.store, now: dependencies.now()).filter { $0.use == .official }
        let channels: [[String: Any]] = official.isEmpty
            ? ["chat", "phone", "email"].map {
                ["name": l.text("help.contact-\($0)", language), "hours": l.text("help.contact-\($0)-hours", language)]
            }
            : official.map { ["name": $0.label, "value": $0.value, "hours": $0.hours ?? ""] }
        return dependencies.pages.render(
            "help_home", ["notices": notices, "hasNotices": !notices.isEmpty, "categories": categoryValues, "channels": channels], chrome: chrome
        )
    }

    @Sendable func category(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var chrome = PageChrome(request: request, titleKey: "help.home-title")
        let language = chrome.language
        guard let raw = context.parameters.get("slug"), let slug = Slug(rawValue: raw),
            let category = try await dependencies.store.categories().first(where: { $0.slug == slug })
        else { return notFound(request) }
        chrome.title = category.name(language)
        let articles: [[String: Any]] = try await dependencies.store.articles(category: slug, kind: .article, includeDrafts: false).compactMap { article in
            guard let (translation, fellBack) = article.translation(for: language) else { return nil }
            return [
                "slug": article.slug.rawValue, "title": translation.title, "fellBack": fellBack, "language": translation.language.rawValue,
                "languageName": Self.languageName(translation.language, in: language),
            ]
        }
        return dependencies.pages.render(
            "help_category",
            ["categoryName": category.name(language), "categoryDescription": category.description(language), "articles": articles], chrome: chrome
        )
    }

    @Sendable func article(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var chrome = PageChrome(request: request, titleKey: "help.home-title")
        let language = chrome.language
        guard let raw = context.parameters.get("slug"), let slug = Slug(rawValue: raw),
            let article = try? await dependencies.store.article(slug: slug), article.status == .published,
            let (translation, fellBack) = article.translation(for: language)
        else { return notFound(request) }
        chrome.title = translation.title
        let category = try await dependencies.store.categories().first { $0.slug == article.categorySlug }
        let related: [[String: Any]] = try await dependencies.store.articles(category: article.categorySlug, kind: .article, includeDrafts: false)
            .filter { $0.id != article.id }.prefix(5).compactMap { other in
                guard let (otherTranslation, _) = other.translation(for: language) else { return nil }
                return ["slug": other.slug.rawValue, "title": otherTranslation.title]
            }
        let l = Localizer.shared
        var values: [String: Any] = [
            "slug": article.slug.rawValue, "articleTitle": translation.title, "articleHTML": translation.html,
            "articleLanguage": translation.language.rawValue, "updatedNote": l.format("help.updated", language, Self.day(translation.updatedAt)),
            "related": related, "hasRelated": !related.isEmpty, "voted": request.uri.queryParameters.get("voted") == "1",
        ]
        if let category {
            values["categoryName"] = category.name(language)
            values["categorySlug"] = category.slug.rawValue
        }
        if fellBack { values["fallbackNote"] = l.format("help.fallback", language, Self.languageName(translation.language, in: language)) }
        return dependencies.pages.render("help_article", values, chrome: chrome)
    }

    @Sendable func vote(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let raw = context.parameters.get("slug"), let slug = Slug(rawValue: raw),
            let article = try? await dependencies.store.article(slug: slug), article.status == .published
        else { return notFound(request) }
        let buffer = try await request.limitedBody(upTo: 16 * 1024)
        let form = FormData(String(buffer: buffer))
        let language = form["lang"].flatMap { Language(rawValue: $0) } ?? PageChrome.language(for: request).language
        guard let answer = form["helpful"], answer == "yes" || answer == "no" else { throw DeskError.invalidField("helpful", reason: .required) }
        let comment = form["comment"].map { SecretGuard().clean(String($0.withoutNUL.prefix(1000)), language: language).text }.flatMap { $0.isEmpty ? nil : $0 }
        _ = try await dependencies.store.vote(on: article.id, language: language, helpful: answer == "yes", comment: comment, now: dependencies.now())
        return Response(status: .seeOther, headers: [.location: "/help/articles/\(slug.rawValue)?voted=1&lang=\(language.rawValue)"])
    }

    @Sendable func searchPage(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let chrome = PageChrome(request: request, titleKey: "help.search-title")
        let language = chrome.language
        let query = String((request.uri.queryParameters.get("q") ?? "").prefix(200))
        let page = request.uri.queryParameters.get("page").flatMap { Int($0) }.map { min(max($0, 1), 20) } ?? 1
        let hits = query.isEmpty ? [] : try await search.search(query, language: language, category: nil, page: page, perPage: 10, now: dependencies.now())
        let results: [[String: Any]] = hits.map { hit in
            [
                "slug": hit.article.slug.rawValue, "title": hit.title, "snippetHTML": hit.snippetHTML, "fellBack": hit.language != language,
                "languageName": Self.languageName(hit.language, in: language),
            ]
        }
        var values: [String: Any] = ["query": query, "results": results, "noResults": !query.isEmpty && hits.isEmpty]
        if !query.isEmpty { values["resultsTitle"] = Localizer.shared.format("help.results-title", language, query) }
        if hits.count == 10 {
            values["nextPage"] = page + 1
            values["queryEncoded"] = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        }
        return dependencies.pages.render("help_search", values, chrome: chrome)
    }

    func notFound(_ request: Request) -> Response {
        var chrome = PageChrome(request: request, titleKey: "help.not-found")
        chrome.title = Localizer.shared.text("help.not-found", chrome.language)
        return dependencies.pages.render(
            "help_category", ["categoryName": chrome.title, "categoryDescription": "", "articles": [[String: Any]]()], chrome: chrome,
            status: .notFound
        )
    }
}
