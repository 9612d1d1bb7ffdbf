import DeskCore
import DeskStore
import Foundation
import DeskChannels
import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the router with every route; tests and the server use the same function.
public func buildRouter(
    dependencies: Dependencies, database: any DeskDatabase, feed: EventFeed, logger: Logger, registry: RouteRegistry = RouteRegistry()
) -> Router<DeskRequestContext> {
    let metrics = DeskMetrics.shared
    let router = Router(context: DeskRequestContext.self)
    router.add(middleware: ConnectionLoopMiddleware(includingReads: database.kind == .postgres))
    // Outermost first (after the loop preference): security headers wrap everything, so problem responses carry them too.
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ClientAddressMiddleware(trusted: dependencies.accounts.trustedProxies))
    router.add(middleware: MetricsMiddleware())
    let allowedMethods = AllowedMethods()
    let entrance = SiteEntrance(dependencies: dependencies)
    router.add(middleware: ProblemMiddleware(logger: logger, allowedMethods: allowedMethods, pageNotFound: entrance.notFoundPage))
    entrance.addRoutes(to: router)

    OperationsController(database: database, feed: feed, metrics: metrics).addRoutes(to: router)
    SetupController(dependencies: dependencies).addRoutes(to: router)
    VerifyController(dependencies: dependencies).addRoutes(to: router)
    AgentVerificationController(dependencies: dependencies).addPublicRoutes(to: router)
    dependencies.pages.addAssetRoutes(to: router)
    router.get("api/v1/openapi.json") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: .init(string: OpenAPIDocument.json))
        )
    }

    SessionsController(dependencies: dependencies).addPublicRoutes(to: router)
    SecondFactorController(dependencies: dependencies).addPublicRoutes(to: router)
    SignInPages(dependencies: dependencies).addRoutes(to: router)
    let customers = CustomerController(dependencies: dependencies)
    customers.addPublicRoutes(to: router)
    customers.addRoutes(
        to: router.group("api/v1/customer").add(middleware: CustomerAuthenticator(dependencies: dependencies)).group(context: CustomerRequestContext.self),
        registry: registry
    )
    let api = router.group("api/v1").add(middleware: TokenAuthenticator(store: dependencies.store, cache: dependencies.tokenCache))
        .add(middleware: SessionAuthenticator(dependencies: dependencies))
    let routes = GuardedRoutes(group: api.group(context: AgentRequestContext.self), prefix: "/api/v1", registry: registry)
    TicketsController(dependencies: dependencies, metrics: metrics).addRoutes(to: routes.group("tickets"))
    AttachmentsController(dependencies: dependencies).addRoutes(to: routes.group("attachments"))
    DirectoryController(dependencies: dependencies).addRoutes(to: routes)
    TokensController(dependencies: dependencies).addRoutes(to: routes)
    ChannelsController(dependencies: dependencies).addRoutes(to: routes)
    AgentVerificationController(dependencies: dependencies).addRoutes(to: routes.group("tickets"))
    AntiPhishingController(dependencies: dependencies).addRoutes(to: routes)
    let helpSearch = HelpSearch(store: dependencies.store)
    let knowledgeBase = KnowledgeBaseController(dependencies: dependencies, search: helpSearch)
    knowledgeBase.addRoutes(to: routes)
    knowledgeBase.addPublicRoutes(to: router)
    HelpCenterPages(dependencies: dependencies, search: helpSearch).addRoutes(to: router)
    ConsolePages(dependencies: dependencies, metrics: metrics, search: helpSearch).addRoutes(to: router)
    SupportPages(dependencies: dependencies, metrics: metrics).addRoutes(to: router)
    SessionsController(dependencies: dependencies).addRoutes(to: routes)
    SecondFactorController(dependencies: dependencies).addRoutes(to: routes)
    SignInsController(dependencies: dependencies).addRoutes(to: routes)
    OutboxController(dependencies: dependencies).addRoutes(to: routes)
    allowedMethods.load(router.routes)
    return router
}

/// Opens the store named by the configuration and brings its schema up to date.
///
/// `serving` (the server, not the one-off commands) locks a SQLite file against a second server; see
/// ``SQLiteDeskDatabase/open(path:readerCount:synchronousFull:soleWriter:logger:)``.
public func openStore(configuration: ServerConfiguration, serving: Bool = false, logger: Logger) async throws -> SQLDeskStore {
    let database: any DeskDatabase
    if let url = configuration.databaseURL, url.hasPrefix("postgres") {
        database = try PostgresDeskDatabase(url: url, logger: logger)
    } else {
        database = try await SQLiteDeskDatabase.open(
            path: configuration.effectiveDatabaseURL, synchronousFull: configuration.sqliteSynchronousFull, soleWriter: serving, logger: logger
        )
    }
    return SQLDeskStore(
        database: database, lifecycle: TicketLifecycle(reopenWindow: configuration.reopenWindowDays * 86_400), logger: logger
    )
}

/// The HTTP side of WalletDesk as one service: migrations, the first-admin code, the event feed and the server.
///
/// The database pool is a separate service registered *before* this one in the same `ServiceGroup`: a group shuts its
/// services down in reverse order, so on SIGTERM the HTTP server drains its requests first and only then does the
/// pool close (see ``services(configuration:logger:onReady:)``).
public struct WalletDeskServer: Service {
    public let configuration: ServerConfiguration
    public let store: SQLDeskStore
    public let logger: Logger
    /// Called once the server listens, with the printed first-admin code if one was made.
    public var onReady: @Sendable (_ port: Int, _ setupCode: String?) async -> Void

    public init(
        configuration: ServerConfiguration, store: SQLDeskStore, logger: Logger,
        onReady: @escaping @Sendable (Int, String?) async -> Void = { _, _ in }
    ) {
        self.configuration = configuration
        self.store = store
        self.logger = logger
        self.onReady = onReady
    }

    public func run() async throws {
        let configuration = self.configuration
        let onReady = self.onReady
        try await Migrator(database: store.database, logger: logger).migrate()
        let setupCode = try await SetupController.prepare(store: store)
        if configuration.starterKnowledgeBase {
            try await StarterKnowledgeBase.loadIfEmpty(into: store, now: Date(), logger: logger)
        }
        if case .stale(let written) = try await store.searchIndexVersion() {
            let which = written < TextSegmenter.indexVersion ? "an older" : "a newer"
            logger.warning(
                "the search indexes were written by \(which) text segmenter: search may miss words of older tickets and articles until they are rebuilt; run walletdesk reindex (on SQLite with the server stopped)",
                metadata: ["written_by": "\(written)", "current": "\(TextSegmenter.indexVersion)"]
            )
        }
        var accounts = try configuration.accountSettings()
        accounts.secretSealer = try configuration.secretSealer(logger: logger)
        try await accounts.secretSealer.sealLegacyTOTPSecrets(store: store, logger: logger)
        let dependencies = Dependencies(
            store: store, lifecycle: store.lifecycleRules,
            limits: Limits(jsonBodyBytes: configuration.maxJSONBodyBytes, attachmentBytes: configuration.maxAttachmentBytes),
            accounts: accounts, explorers: configuration.explorers, publicChecksPerMinute: configuration.publicChecksPerMinute
        )
        // The safety keys are made on the first start (and read once per node), before any request needs them.
        _ = try await dependencies.safetyKeys.load(store: store)
        // A token revoked or an agent changed on another node: forget cached tokens now, not when they expire.
        let tokenCache = dependencies.tokenCache
        store.feed.onAccessChange { tokenCache.clear() }
        let router = buildRouter(dependencies: dependencies, database: store.database, feed: store.feed, logger: logger)
        var services: [any Service] = [EventFeedService(store: store, logger: logger), MaintenanceService(store: store, logger: logger)]
        if let delivery = try OutboxDeliveryService.configured(configuration.mail, store: store, logger: logger) { services.append(delivery) }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: "WalletDesk"),
            services: services,
            onServerRunning: { channel in await onReady(channel.localAddress?.port ?? configuration.port, setupCode) },
            logger: logger
        )
        // Signals belong to the command's outer service group, which stops the services in order (server first, then the
        // database pool). If this inner group listened too, it could finish first and the outer group would see the
        // server end unexpectedly and exit with an error.
        try await app.runService(gracefulShutdownSignals: [])
    }

    /// Everything `walletdesk serve` runs, in start order: the database pool (PostgreSQL) and then the server.
    public static func services(
        configuration: ServerConfiguration, logger: Logger, onReady: @escaping @Sendable (Int, String?) async -> Void
    ) async throws -> (services: [any Service], store: SQLDeskStore) {
        let store = try await openStore(configuration: configuration, serving: true, logger: logger)
        var services: [any Service] = []
        if let postgres = store.database as? PostgresDeskDatabase { services.append(postgres) }
        services.append(WalletDeskServer(configuration: configuration, store: store, logger: logger, onReady: onReady))
        return (services, store)
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
