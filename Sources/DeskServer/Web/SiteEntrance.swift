import Hummingbird

/// The site's front door: `/` and what a browser sees at an address that has no page.
///
/// Someone who opens the server's address lands on the first-admin setup page until an admin exists, then on the help
/// center. A browser that asks for a page that does not exist gets a page (with a way back and a warning about links
/// sent by fake support), not a JSON problem; API clients and `/api/` paths keep the problem document.
struct SiteEntrance {
    let dependencies: Dependencies

    func addRoutes(to router: Router<DeskRequestContext>) {
        router.get("/") { _, _ in
            let location = try await dependencies.store.hasAdmin() ? "/help" : "/setup"
            return Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
        }
    }

    /// The page for a route-level 404, or nil when the client should get the problem document instead.
    @Sendable func notFoundPage(for request: Request) -> Response? {
        guard request.method == .get || request.method == .head, !request.uri.path.hasPrefix("/api/"),
            Self.prefersHTML(request.headers[.accept])
        else { return nil }
        let chrome = PageChrome(request: request, titleKey: "web.not-found-title")
        return dependencies.pages.render("not_found", [:], chrome: chrome, status: .notFound)
    }

    /// Whether an `Accept` header names HTML (browsers send `text/html,…` for page loads; API clients do not).
    static func prefersHTML(_ accept: String?) -> Bool {
        guard let accept else { return false }
        return accept.split(separator: ",").contains { range in
            let type = range.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
            return type == "text/html" || type == "application/xhtml+xml"
        }
    }
}
