import DeskCore
import HTTPTypes
import Hummingbird
import Synchronization

/// Every API route with the permission it needs, as registered. The authorisation matrix test walks this list, so a
/// route added without a permission cannot exist, and one added without a test entry fails the test.
public final class RouteRegistry: Sendable {
    public struct Entry: Sendable, Hashable {
        public var method: String
        public var path: String
        public var permission: Permission
    }

    /// A route of the customer's own API (`CustomerRequestContext`): no permission, only "is it theirs".
    public struct CustomerEntry: Sendable, Hashable {
        public var method: String
        public var path: String
    }

    private let storage = Mutex<[Entry]>([])
    private let customerStorage = Mutex<[CustomerEntry]>([])

    public init() {}

    public var entries: [Entry] { storage.withLock { $0 } }
    public var customerEntries: [CustomerEntry] { customerStorage.withLock { $0 } }

    func add(_ entry: Entry) { storage.withLock { $0.append(entry) } }
    func addCustomer(_ entry: CustomerEntry) { customerStorage.withLock { $0.append(entry) } }
}

/// Adds agent routes that check their permission first: the one place where permissions are enforced.
struct GuardedRoutes {
    let group: RouterGroup<AgentRequestContext>
    let prefix: String
    let registry: RouteRegistry

    typealias Handler = @Sendable (Request, AgentRequestContext) async throws -> Response

    func on(_ method: HTTPRequest.Method, _ path: String, _ permission: Permission, use handler: @escaping Handler) {
        registry.add(.init(method: method.rawValue, path: path.isEmpty ? prefix : "\(prefix)/\(path)", permission: permission))
        group.on(RouterPath(path), method: method) { request, context in
            try context.require(permission)
            return try await handler(request, context)
        }
    }

    func get(_ path: String = "", _ permission: Permission, use handler: @escaping Handler) { on(.get, path, permission, use: handler) }
    func post(_ path: String = "", _ permission: Permission, use handler: @escaping Handler) { on(.post, path, permission, use: handler) }
    func patch(_ path: String = "", _ permission: Permission, use handler: @escaping Handler) { on(.patch, path, permission, use: handler) }
    func put(_ path: String = "", _ permission: Permission, use handler: @escaping Handler) { on(.put, path, permission, use: handler) }
    func delete(_ path: String = "", _ permission: Permission, use handler: @escaping Handler) { on(.delete, path, permission, use: handler) }

    func group(_ path: String) -> GuardedRoutes {
        GuardedRoutes(group: group.group(RouterPath(path)), prefix: "\(prefix)/\(path)", registry: registry)
    }
}
