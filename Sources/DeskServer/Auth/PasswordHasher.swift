import DeskCore
import HummingbirdBcrypt
import NIOCore
import NIOPosix
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// bcrypt for agent passwords, never on an event loop: a hash takes about a quarter of a second at the production cost,
/// and on an event loop it would stall every request sharing that loop.
///
/// Hashes run on their own NIO thread pool whose threads run at a lower scheduling priority (Linux `nice` is per
/// thread): when sign-ins pile up (a credential-stuffing wave) the event loops and the database threads still get the
/// CPU first, and at most `maxWaiting` hashes wait; beyond that sign-in answers 503 at once instead of queueing.
public struct PasswordHasher: Sendable {
    public static let defaultMaxWaiting = 16
    let cost: UInt8
    var maxWaiting = Self.defaultMaxWaiting

    init(cost: UInt8, maxWaiting: Int = Self.defaultMaxWaiting) {
        self.cost = cost
        self.maxWaiting = maxWaiting
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await Self.offLoop(limit: maxWaiting) { Bcrypt.hash(password, cost: cost) }
    }

    /// Checks `password` against `hash`; with no hash (unknown email, no password yet) it checks against a dummy hash of
    /// the same cost, so the answer takes as long either way and does not reveal whether the account exists.
    func verify(_ password: String, hash: String?) async throws -> Bool {
        let target: String
        if let hash { target = hash } else { target = try await dummyHash() }
        let matches = try await Self.offLoop(limit: maxWaiting) { Bcrypt.verify(password, hash: target) }
        return hash != nil && matches
    }

    private func dummyHash() async throws -> String {
        if let known = Self.dummies.withLock({ $0[cost] }) { return known }
        let made = try await self.hash("walletdesk-no-such-account")
        Self.dummies.withLock { $0[cost] = made }
        return made
    }

    private static let dummies = Mutex<[UInt8: String]>([:])

    private static let waiting = Atomic<Int>(0)
    private static let pool: NIOThreadPool = {
        // Half the cores: the other half stays free for the event loops and the database whatever the sign-in load.
        let pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount / 2))
        pool.start()
        return pool
    }()

    /// Runs CPU-heavy work on the hashing pool at a lower priority, never on the calling event loop.
    /// `limit`: hashes waiting or running at most; more are refused with 503 rather than queued for many seconds.
    static func offLoop<T: Sendable>(limit: Int = defaultMaxWaiting, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        guard waiting.add(1, ordering: .relaxed).newValue <= limit else {
            waiting.subtract(1, ordering: .relaxed)
            throw DeskError.unavailable
        }
        defer { waiting.subtract(1, ordering: .relaxed) }
        return try await pool.runIfActive {
            lowerThreadPriority()
            return try body()
        }
    }

    /// Sets this thread's nice value to 19, the lowest priority (Linux: per thread; elsewhere a no-op).
    private static func lowerThreadPriority() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
    }
}
