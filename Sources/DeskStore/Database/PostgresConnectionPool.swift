import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// A small pool of PostgresNIO connections: at most `maximum` open, idle ones reused newest first, callers beyond that
/// wait in arrival order.
///
/// Connections idle longer than `idleTimeout` are closed (when a lease comes across one, and by ``closeIdle()``, which
/// the database's service calls periodically): a load balancer, NAT or firewall between a node and PostgreSQL may drop
/// an idle TCP connection without a word, and a query sent on it would hang until the kernel gives up (minutes). A
/// busy node keeps reusing its newest connections; a quiet one reconnects, which costs one handshake.
///
/// Why not `PostgresClient`: with postgres-nio 1.33 its pool kept about half a kilobyte to a kilobyte and a half per
/// lease that it never gave back (a loop of `SELECT 1` through `PostgresClient.query` grew 115 MB per 80,000 queries;
/// the same loop on plain `PostgresConnection`s stayed at 27 MB), so a busy node grew without bound. This pool does
/// only what WalletDesk needs: lazy connects, reuse, dropping closed connections, and closing everything on shutdown.
final class PostgresConnectionPool: Sendable {
    private struct Idle {
        let connection: PostgresConnection
        let since: ContinuousClock.Instant
    }

    private struct State {
        var idle: [Idle] = []
        var open = 0
        var waiters: [CheckedContinuation<PostgresConnection?, Never>] = []
        var head = 0
        var closed = false
        var nextID = 0
    }

    let configuration: PostgresConnection.Configuration
    let maximum: Int
    /// How long a connection may sit idle and still be handed out.
    let idleTimeout: Duration
    /// The loop every connection of this pool lives on; nil for PostgresNIO's shared group (the server's loops).
    let eventLoop: (any EventLoop)?
    private let logger: Logger
    private let state = Mutex(State())

    init(
        configuration: PostgresConnection.Configuration, maximum: Int, idleTimeout: Duration = .seconds(60), eventLoop: (any EventLoop)? = nil,
        logger: Logger
    ) {
        self.configuration = configuration
        self.maximum = max(1, maximum)
        self.idleTimeout = idleTimeout
        self.eventLoop = eventLoop
        self.logger = logger
    }

    /// Runs `body` with a connection of its own; the connection goes back to the pool afterwards (or is dropped if it
    /// closed meanwhile, e.g. the server restarted).
    func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await lease()
        defer { release(connection) }
        return try await body(connection)
    }

    /// Open connections (idle and in use).
    var openConnections: Int { state.withLock { $0.open } }

    private enum Next {
        case use(PostgresConnection)
        case connect(id: Int)
        case wait
        case closed
    }

    private func lease() async throws -> PostgresConnection {
        while true {
            var expired: [PostgresConnection] = []
            defer { closeInBackground(expired) }
            let now = ContinuousClock.now
            let next: Next = state.withLock { state in
                if state.closed { return .closed }
                while let idle = state.idle.popLast() {
                    if !idle.connection.isClosed, now - idle.since < idleTimeout { return .use(idle.connection) }
                    if !idle.connection.isClosed { expired.append(idle.connection) }
                    state.open -= 1
                }
                if state.open < maximum {
                    state.open += 1
                    state.nextID += 1
                    return .connect(id: state.nextID)
                }
                return .wait
            }
            switch next {
            case .use(let connection):
                return connection
            case .connect(let id):
                do {
                    return try await PostgresConnection.connect(on: eventLoop ?? PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: id, logger: logger)
                } catch {
                    state.withLock { $0.open -= 1 }
                    wakeOne(with: nil)  // a waiter may now connect in this one's place
                    throw error
                }
            case .closed:
                throw PostgresPoolError.shutDown
            case .wait:
                // Handed a connection by `release`, or nil: look again (a slot freed up, or the pool closed).
                let handed = await withCheckedContinuation { continuation in
                    let queued = state.withLock { state -> Bool in
                        guard !state.closed, state.idle.isEmpty, state.open >= maximum else { return false }
                        state.waiters.append(continuation)
                        return true
                    }
                    if !queued { continuation.resume(returning: nil) }
                }
                if let handed { return handed }
            }
        }
    }

    private func release(_ connection: PostgresConnection) {
        if connection.isClosed {
            state.withLock { $0.open -= 1 }
            wakeOne(with: nil)
            return
        }
        let waiter: CheckedContinuation<PostgresConnection?, Never>? = state.withLock { state in
            if state.closed {
                state.open -= 1
                return nil
            }
            if let waiter = Self.popWaiter(&state) { return waiter }
            state.idle.append(Idle(connection: connection, since: .now))
            return nil
        }
        if let waiter {
            waiter.resume(returning: connection)
        } else if state.withLock({ $0.closed }) {
            Task { try? await connection.close() }
        }
    }

    private func wakeOne(with connection: PostgresConnection?) {
        state.withLock { Self.popWaiter(&$0) }?.resume(returning: connection)
    }

    private static func popWaiter(_ state: inout State) -> CheckedContinuation<PostgresConnection?, Never>? {
        guard state.head < state.waiters.count else { return nil }
        let waiter = state.waiters[state.head]
        state.head += 1
        if state.head > 64, state.head * 2 > state.waiters.count {
            state.waiters.removeFirst(state.head)
            state.head = 0
        }
        return waiter
    }

    /// Closes the connections idle longer than ``idleTimeout`` (the oldest are at the front of the idle list).
    func closeIdle() async {
        let now = ContinuousClock.now
        let expired = state.withLock { state -> [PostgresConnection] in
            let count = state.idle.prefix { now - $0.since >= idleTimeout }.count
            let expired = state.idle.prefix(count).map(\.connection)
            state.idle.removeFirst(count)
            state.open -= count
            return expired
        }
        for _ in expired { wakeOne(with: nil) }
        for connection in expired { try? await connection.close() }
    }

    private func closeInBackground(_ connections: [PostgresConnection]) {
        guard !connections.isEmpty else { return }
        Task { for connection in connections { try? await connection.close() } }
    }

    /// Closes the idle connections (after one turned out dead: a server restart or failover ends them all, and each
    /// would fail one more request). The pool goes on; new connections open as needed.
    func discardIdle() async {
        let idle = state.withLock { state in
            let idle = state.idle.map(\.connection)
            state.open -= idle.count
            state.idle = []
            return idle
        }
        for _ in idle { wakeOne(with: nil) }  // their slots are free for waiting callers
        for connection in idle { try? await connection.close() }
    }

    /// Closes the idle connections and refuses new leases; connections in use close when they come back.
    func close() async {
        let (idle, waiters) = state.withLock { state -> ([PostgresConnection], [CheckedContinuation<PostgresConnection?, Never>]) in
            state.closed = true
            let idle = state.idle.map(\.connection)
            state.open -= idle.count
            state.idle = []
            let waiters = Array(state.waiters[state.head...])
            state.waiters = []
            state.head = 0
            return (idle, waiters)
        }
        for waiter in waiters { waiter.resume(returning: nil) }
        for connection in idle { try? await connection.close() }
    }
}

enum PostgresPoolError: Error, CustomStringConvertible {
    case shutDown

    var description: String { "the PostgreSQL connection pool is shut down" }
}

