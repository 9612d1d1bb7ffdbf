import DeskCore
import DeskStore
import Metrics
import Prometheus
import Synchronization

/// Process-wide metrics: swift-metrics backed by one Prometheus registry, bootstrapped once per process.
///
/// Hummingbird's `MetricsMiddleware` reports requests and latency (`hb_requests_total`, `hb_request_duration_seconds`);
/// this adds WalletDesk's own counters and the database pool gauges. The store reports its group commit itself
/// (`walletdesk_ticket_batch_size`, `walletdesk_ticket_batch_duration_seconds`, see `TicketBatchMetrics`).
public final class DeskMetrics: Sendable {
    public static let shared = DeskMetrics()

    let registry: PrometheusCollectorRegistry
    private let ticketsCreated: Mutex<[Channel: Metrics.Counter]> = Mutex([:])
    private let poolConnections: Metrics.Gauge
    private let poolInUse: Metrics.Gauge
    private let poolWaiting: Metrics.Gauge
    private let eventSubscribers: Metrics.Gauge

    private init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        factory.valueHistogramBuckets[TicketBatchMetrics.sizeLabel] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        MetricsSystem.bootstrap(factory)
        poolConnections = Metrics.Gauge(label: "walletdesk_db_pool_connections")
        poolInUse = Metrics.Gauge(label: "walletdesk_db_pool_in_use")
        poolWaiting = Metrics.Gauge(label: "walletdesk_db_pool_waiting")
        eventSubscribers = Metrics.Gauge(label: "walletdesk_event_subscribers")
    }

    func ticketCreated(channel: Channel) {
        let counter = ticketsCreated.withLock { counters in
            if let counter = counters[channel] { return counter }
            let counter = Metrics.Counter(label: "walletdesk_tickets_created_total", dimensions: [("channel", channel.rawValue)])
            counters[channel] = counter
            return counter
        }
        counter.increment()
    }

    /// The Prometheus text exposition, with the gauges refreshed first.
    func exposition(pool: PoolStatistics, subscribers: Int) -> [UInt8] {
        poolConnections.record(pool.connections)
        poolInUse.record(pool.inUse)
        poolWaiting.record(pool.waiting)
        eventSubscribers.record(subscribers)
        return registry.emitToBuffer()
    }
}
