import Foundation
import Hummingbird
import NIOConcurrencyHelpers

/// Which methods each registered path answers, so a known path asked with another method gets 405 and an `Allow`
/// header instead of 404. Filled once from the finished router (see ``buildRouter(dependencies:database:feed:logger:registry:)``).
final class AllowedMethods: Sendable {
    private struct Route {
        var segments: [Substring]
        var methods: Set<String>
    }

    private let routes = NIOLockedValueBox<[Route]>([])

    func load(_ descriptions: [Router<DeskRequestContext>.RouteDescription]) {
        var byPath: [String: Set<String>] = [:]
        for description in descriptions {
            byPath[description.path.description, default: []].insert(description.method.rawValue)
        }
        let routes = byPath.map { path, methods in
            Route(segments: path.split(separator: "/", omittingEmptySubsequences: true), methods: methods)
        }
        self.routes.withLockedValue { $0 = routes }
    }

    /// The methods some route answers at `path`, sorted; empty when no route matches the path at all.
    func methods(for path: String) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        var result: Set<String> = []
        for route in routes.withLockedValue({ $0 }) where Self.matches(route.segments, parts) {
            result.formUnion(route.methods)
        }
        return result.sorted()
    }

    private static func matches(_ pattern: [Substring], _ parts: [Substring]) -> Bool {
        for (index, segment) in pattern.enumerated() {
            if segment == "**" { return true }
            guard index < parts.count else { return false }
            if segment.hasPrefix(":") || segment == "*" || segment.hasPrefix("{") { continue }
            if segment != parts[index] { return false }
        }
        return pattern.count == parts.count
    }
}
