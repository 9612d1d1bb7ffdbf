import DeskCore
import DeskServer
import DeskStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization

/// Builds the real router on a fresh SQLite store, exactly as the server does, and signs in the first admin.
enum TestApp {
    static let logger: Logger = {
        var logger = Logger(label: "server-tests")
        logger.logLevel = .critical
        return logger
    }()

    struct Session: Sendable {
        let client: any TestClientProtocol
        let token: String
        let store: SQLDeskStore
        let registry: RouteRegistry

        var auth: HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

        func json(_ method: HTTPRequest.Method, _ path: String, _ body: String? = nil, headers: HTTPFields = [:]) async throws -> (TestResponse, [String: Any]) {
            var all = auth
            for field in headers { all[field.name] = field.value }
            let response = try await client.execute(uri: path, method: method, headers: all, body: body.map { ByteBuffer(string: $0) })
            let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
            return (response, object)
        }
    }

    /// Account settings for tests: the lowest bcrypt cost, so tests spend no time hashing.
    static let fastAccounts = AccountSettings(bcryptCost: 4)

    static func withSession(
        limits: Limits = Limits(), accounts: AccountSettings = fastAccounts, clock: TestClock? = nil,
        _ body: @Sendable (Session) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wd-server-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try await SQLiteDeskDatabase.open(path: folder.appendingPathComponent("t.sqlite").path, soleWriter: true, logger: logger)
        let store = SQLDeskStore(database: database, lifecycle: TicketLifecycle(), logger: logger)
        do {
            try await Migrator(database: database, logger: logger).migrate()
            try await store.setSetting("setup_code_sha256", sha256Hex("ABCDE-FGHJK"))
            // Every suite's servers share this process's one hashing pool; the 503 limit is for one real server's sign-ins.
            var accounts = accounts
            accounts.hashingQueueLimit = 10_000
            let dependencies = Dependencies(store: store, lifecycle: TicketLifecycle(), limits: limits, accounts: accounts, now: { clock?.now ?? Date() })
            let registry = RouteRegistry()
            let router = buildRouter(dependencies: dependencies, database: database, feed: store.feed, logger: logger, registry: registry)
            let app = Application(router: router, logger: logger)
            try await app.test(.router) { client in
                let response = try await client.execute(
                    uri: "/api/v1/setup", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"code":"abcde fghjk","name":"Root","email":"root@example.com"}"#)
                )
                let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                guard let token = object?["token"] as? String else { throw TestFailure("setup failed: \(String(buffer: response.body))") }
                try await body(Session(client: client, token: token, store: store, registry: registry))
            }
            try await database.shutdown()
        } catch {
            try? await database.shutdown()
            throw error
        }
    }

    static func sha256Hex(_ text: String) -> String {
        DeskCore.SHA256.hash(Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// The tests' clock: "now" is whatever the test sets, so expiry is tested without sleeping.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date()) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
