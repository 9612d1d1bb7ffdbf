import DeskCore
import Foundation
import SQLKit

/// Sliding-window limits on how often something is sent (customer sign-in codes), shared by every node.
public protocol SendLimitStore: Sendable {
    /// Records a send under every key at `now` if all their limits allow it and returns nil; otherwise records nothing and
    /// returns when the send would be allowed. Sends older than `memory` are forgotten.
    func claimSend(_ limits: [String: [SendLimit]], memory: TimeInterval, now: Date) async throws -> Date?
}

extension SQLDeskStore: SendLimitStore {
    public func claimSend(_ limits: [String: [SendLimit]], memory: TimeInterval, now: Date) async throws -> Date? {
        let keys = limits.keys.sorted()
        return try await database.write { sql in
            var retryAt: Date?
            let cutoff = now.addingTimeInterval(-memory).microseconds
            // Every key's old sends go, not just these keys', so emails never asked for again do not linger.
            try await sql.raw("DELETE FROM code_sends WHERE sent_at <= \(bind: cutoff)").run()
            for key in keys {
                // Sorted keys: two nodes claiming overlapping keys take the locks in one order.
                try await self.dialect.lock(key: key, on: sql)
                let sends = try await sql.raw("SELECT sent_at FROM code_sends WHERE key = \(bind: key) AND sent_at > \(bind: cutoff)").all().map {
                    Date(microseconds: try $0.decode(column: "sent_at", as: Int64.self))
                }
                if let at = SendLimit.retryAt(limits[key] ?? [], after: sends, now: now) { retryAt = max(retryAt ?? at, at) }
            }
            guard retryAt == nil else { return retryAt }
            for key in keys {
                try await sql.raw("INSERT INTO code_sends (key, sent_at) VALUES (\(bind: key), \(bind: now.microseconds))").run()
            }
            return nil
        }
    }
}
