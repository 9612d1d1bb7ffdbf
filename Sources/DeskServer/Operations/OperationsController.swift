import DeskStore
import Foundation
import Hummingbird
import NIOCore

/// `/healthz` (the process answers), `/readyz` (the database answers too) and `/metrics` (Prometheus).
struct OperationsController {
    let database: any DeskDatabase
    let feed: EventFeed
    let metrics: DeskMetrics

    func addRoutes(to router: Router<DeskRequestContext>) {
        router.get("healthz") { _, _ in try Response.json(["status": "ok"]) }
        router.get("readyz") { _, _ in
            do {
                try await database.ping()
                return try Response.json(["status": "ready", "database": database.kind.rawValue])
            } catch {
                return try Response.json(["status": "unavailable", "database": database.kind.rawValue], status: .serviceUnavailable)
            }
        }
        router.get("metrics") { _, _ in
            let bytes = metrics.exposition(pool: database.poolStatistics(), subscribers: feed.subscriberCount)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: bytes))
            )
        }
    }
}
