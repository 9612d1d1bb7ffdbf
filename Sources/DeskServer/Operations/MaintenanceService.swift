import DeskStore
import Foundation
import Logging
import ServiceLifecycle

/// Periodic housekeeping every node runs; each job is idempotent, so several nodes on one PostgreSQL may run it at once.
/// Operators can run the same jobs by hand with `walletdesk maintenance`.
public struct MaintenanceService: Service {
    let store: any Store
    let logger: Logger
    let now: @Sendable () -> Date
    /// How often the jobs run.
    var interval: Duration = .seconds(3600)

    public init(store: any Store, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.logger = logger
        self.now = now
    }

    /// Uploads no message claimed within a day are dropped: a client that uploads and never sends must not fill the
    /// database with files (which may hold personal data) nobody can see.
    public static let unlinkedUploadLifetime: TimeInterval = 24 * 3600

    /// Runs every job once and returns what each did, for logs and the command line.
    public static func runOnce(store: any Store, now: Date) async throws -> [String: Int] {
        let purged = try await store.purgeUnlinkedAttachments(uploadedBefore: now.addingTimeInterval(-unlinkedUploadLifetime))
        return ["unlinked_uploads_purged": purged]
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let results = try await Self.runOnce(store: store, now: now())
                if results.values.contains(where: { $0 > 0 }) {
                    logger.info("maintenance done", metadata: results.mapValues { "\($0)" })
                }
            } catch {
                logger.warning("maintenance failed; will retry", metadata: ["error": "\(type(of: error))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
