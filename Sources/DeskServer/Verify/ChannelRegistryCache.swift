import DeskCore
import DeskStore
import Foundation
import Synchronization

/// This node's snapshot of the official-channel registry, so the public verify endpoints (which anyone may call as
/// often as they like) read memory, not the database. Cleared here on every registry change; other nodes refresh
/// within ``lifetime``.
final class ChannelRegistryCache: Sendable {
    static let lifetime: TimeInterval = 5
    private let state = Mutex<(entries: [OfficialChannel], loadedAt: Date)?>(nil)

    func entries(store: any Store, now: Date) async throws -> [OfficialChannel] {
        if let cached = state.withLock({ $0 }), now.timeIntervalSince(cached.loadedAt) < Self.lifetime, now >= cached.loadedAt {
            return cached.entries
        }
        let entries = try await store.channels()
        state.withLock { $0 = (entries, now) }
        return entries
    }

    func clear() {
        state.withLock { $0 = nil }
    }
}
