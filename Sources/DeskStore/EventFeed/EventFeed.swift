import DeskCore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Tells subscribers on this node about every new ticket event, whichever node wrote it.
///
/// The database is the source of truth: a wake-up ("poke") only says "look again"; the feed then reads the events after
/// the last one it delivered. Pokes come from this node's own writes, from PostgreSQL NOTIFY (other nodes' writes) and
/// from a once-a-second safety poll, and many pokes collapse into one read. Because PostgreSQL may commit a lower event
/// id after a higher one, ids skipped in a read are remembered for a few seconds and looked for again.
public final class EventFeed: Sendable {
    private struct State {
        var subscribers: [UUID: AsyncStream<TicketEvent>.Continuation] = [:]
        var lastDelivered: Int64 = -1
        var gaps: [Int64: ContinuousClock.Instant] = [:]
    }

    private let state = Mutex(State())
    private let accessHandlers = Mutex<[@Sendable () -> Void]>([])
    private let pokes: AsyncStream<Void>
    private let pokeContinuation: AsyncStream<Void>.Continuation
    private let logger: Logger

    init(logger: Logger) {
        (pokes, pokeContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.logger = logger
    }

    /// Asks the feed to look for new events soon. Cheap; call it as often as you like.
    public func poke() {
        pokeContinuation.yield()
    }

    /// The NOTIFY payload that says access changed (see `SQLDeskStore.announceAccessChange`), not that events were written.
    static let accessChangedPayload = "access"

    /// Runs `handler` whenever another node announces that access changed (and after LISTEN reconnects, when a change
    /// may have been missed). The server drops its bearer-token cache there.
    public func onAccessChange(_ handler: @escaping @Sendable () -> Void) {
        accessHandlers.withLock { $0.append(handler) }
    }

    func accessChanged() {
        for handler in accessHandlers.withLock({ $0 }) { handler() }
    }

    /// Events from now on, until the returned stream is dropped.
    public func subscribe() -> AsyncStream<TicketEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: TicketEvent.self, bufferingPolicy: .bufferingNewest(10_000))
        let id = UUID()
        state.withLock { $0.subscribers[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Whether the feed has read its starting point: events written from now on will be delivered.
    public var isReady: Bool { state.withLock { $0.lastDelivered >= 0 } }

    /// Reads and delivers until `pokes` ends (at shutdown).
    func run(store: any TicketStore) async throws {
        let start = try await store.latestEventID()
        state.withLock { $0.lastDelivered = start }
        for await _ in pokes.cancelOnGracefulShutdown() {
            do {
                try await deliverNewEvents(from: store)
            } catch {
                logger.warning("event feed read failed; will retry", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }

    func finish() {
        pokeContinuation.finish()
        state.withLock { state in
            for continuation in state.subscribers.values { continuation.finish() }
            state.subscribers.removeAll()
        }
    }

    private func deliverNewEvents(from store: any TicketStore) async throws {
        let (hasSubscribers, last, gapIDs) = state.withLock { state -> (Bool, Int64, [Int64]) in
            let now = ContinuousClock.now
            state.gaps = state.gaps.filter { now - $0.value < .seconds(10) }
            return (!state.subscribers.isEmpty, state.lastDelivered, Array(state.gaps.keys))
        }
        guard hasSubscribers else {
            // Nobody listens: skip ahead so a later subscriber is not flooded with old events.
            let latest = try await store.latestEventID()
            state.withLock { $0.lastDelivered = max($0.lastDelivered, latest); $0.gaps.removeAll() }
            return
        }
        var events = try await store.events(ids: gapIDs)
        var cursor = last
        while true {
            let batch = try await store.events(after: cursor, limit: 500)
            events += batch
            guard let lastInBatch = batch.last, batch.count == 500 else { break }
            cursor = lastInBatch.id
        }
        guard !events.isEmpty else { return }
        let subscribers = state.withLock { state -> [AsyncStream<TicketEvent>.Continuation] in
            var expected = state.lastDelivered + 1
            let now = ContinuousClock.now
            for event in events where event.id > state.lastDelivered {
                while expected < event.id {
                    state.gaps[expected] = now
                    expected += 1
                }
                expected = event.id + 1
            }
            for event in events { state.gaps.removeValue(forKey: event.id) }
            state.lastDelivered = max(state.lastDelivered, events.map(\.id).max() ?? state.lastDelivered)
            return Array(state.subscribers.values)
        }
        for event in events.sorted(by: { $0.id < $1.id }) {
            for subscriber in subscribers { subscriber.yield(event) }
        }
    }
}

/// Runs the event feed for the application's lifetime: the reader loop, the safety poll and, on PostgreSQL, LISTEN.
public struct EventFeedService: Service {
    let store: SQLDeskStore
    let logger: Logger

    public init(store: SQLDeskStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    public func run() async throws {
        let feed = store.feed
        let database = store.database
        let logger = self.logger
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                try await feed.run(store: store)
            }
            group.addTask {
                // The safety poll: catches anything a lost notification would have hidden.
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    try? await Task.sleep(for: .seconds(1))
                    feed.poke()
                }
            }
            if let postgres = database as? PostgresDeskDatabase {
                group.addTask {
                    while !Task.isCancelled && !Task.isShuttingDownGracefully {
                        do {
                            try await cancelWhenGracefulShutdown {
                                try await postgres.listen(channel: "walletdesk_events") { payload in
                                    if payload != EventFeed.accessChangedPayload { feed.poke() }
                                    if payload == nil || payload == EventFeed.accessChangedPayload { feed.accessChanged() }
                                }
                            }
                        } catch is CancellationError {
                            return
                        } catch {
                            logger.warning("LISTEN connection lost; reconnecting", metadata: ["error": "\(String(reflecting: error))"])
                            try? await Task.sleep(for: .seconds(1))
                        }
                    }
                }
            }
            try? await gracefulShutdown()
            feed.finish()
            group.cancelAll()
        }
    }
}
