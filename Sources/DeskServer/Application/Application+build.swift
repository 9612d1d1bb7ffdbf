import DeskCore
import DeskStore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the router with every route; tests and the server use the same function.
public func buildRouter(dependencies: Dependencies, database: any DeskDatabase, feed: EventFeed, logger: Logger) -> Router<DeskRequestContext> {
    let metrics = DeskMetrics.shared
    let router = Router(context: DeskRequestContext.self)
    // Outermost first: security headers wrap everything, so problem responses carry them too.
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ProblemMiddleware(logger: logger))

    OperationsController(database: database, feed: feed, metrics: metrics).addRoutes(to: router)
    SetupController(dependencies: dependencies).addRoutes(to: router)
    router.get("api/v1/openapi.json") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: .init(string: OpenAPIDocument.json))
        )
    }

    let api = router.group("api/v1").add(middleware: TokenAuthenticator(store: dependencies.store))
    let agents = api.group(context: AgentRequestContext.self)
    let admins = api.group(context: AdminRequestContext.self)
    TicketsController(dependencies: dependencies, metrics: metrics).addRoutes(to: agents.group("tickets"))
    AttachmentsController(dependencies: dependencies).addRoutes(to: agents.group("attachments"))
    DirectoryController(dependencies: dependencies).addRoutes(agents: agents, admins: admins)
    return router
}

/// Opens the store named by the configuration and brings its schema up to date.
public func openStore(configuration: ServerConfiguration, logger: Logger) async throws -> SQLDeskStore {
    let database: any DeskDatabase
    if let url = configuration.databaseURL, url.hasPrefix("postgres") {
        database = try PostgresDeskDatabase(url: url, logger: logger)
    } else {
        database = try await SQLiteDeskDatabase.open(
            path: configuration.effectiveDatabaseURL, synchronousFull: configuration.sqliteSynchronousFull, logger: logger
        )
    }
    return SQLDeskStore(
        database: database, lifecycle: TicketLifecycle(reopenWindow: configuration.reopenWindowDays * 86_400), logger: logger
    )
}

/// The whole server as one service group: the database pool, the migrations, the event feed and the HTTP server.
public struct WalletDeskServer: Service {
    public let configuration: ServerConfiguration
    public let logger: Logger
    /// Called once the server listens, with the printed first-admin code if one was made.
    public var onReady: @Sendable (_ port: Int, _ setupCode: String?) async -> Void

    public init(configuration: ServerConfiguration, logger: Logger, onReady: @escaping @Sendable (Int, String?) async -> Void = { _, _ in }) {
        self.configuration = configuration
        self.logger = logger
        self.onReady = onReady
    }

    public func run() async throws {
        let store = try await openStore(configuration: configuration, logger: logger)
        let database = store.database
        let logger = self.logger
        let configuration = self.configuration
        let onReady = self.onReady
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                if let postgres = database as? PostgresDeskDatabase {
                    group.addTask { try await postgres.run() }
                }
                try await Migrator(database: database, logger: logger).migrate()
                let setupCode = try await SetupController.prepare(store: store)
                let dependencies = Dependencies(
                    store: store, lifecycle: store.lifecycleRules,
                    limits: Limits(jsonBodyBytes: configuration.maxJSONBodyBytes, attachmentBytes: configuration.maxAttachmentBytes)
                )
                let router = buildRouter(dependencies: dependencies, database: database, feed: store.feed, logger: logger)
                let app = Application(
                    router: router,
                    configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: "WalletDesk"),
                    services: [EventFeedService(store: store, logger: logger)],
                    onServerRunning: { channel in await onReady(channel.localAddress?.port ?? configuration.port, setupCode) },
                    logger: logger
                )
                group.addTask {
                    try await app.runService()
                }
                // The HTTP server finishes first on shutdown; then the pool may close.
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch {
            try? await database.shutdown()
            throw error
        }
        try await database.shutdown()
    }
}

/// Headers every response carries.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        if response.headers[.init("X-Frame-Options")!] == nil { response.headers[.init("X-Frame-Options")!] = "DENY" }
        return response
    }
}
