import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// bcrypt for agent passwords, always on NIO's blocking thread pool: a hash takes a quarter of a second at the
/// production cost, and on an event loop it would stall every request sharing that loop.
struct PasswordHasher: Sendable {
    let cost: UInt8

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await Self.offLoop { Bcrypt.hash(password, cost: cost) }
    }

    /// Checks `password` against `hash`; with no hash (unknown email, no password yet) it checks against a dummy hash of
    /// the same cost, so the answer takes as long either way and does not reveal whether the account exists.
    func verify(_ password: String, hash: String?) async throws -> Bool {
        let target: String
        if let hash { target = hash } else { target = try await dummyHash() }
        let matches = try await Self.offLoop { Bcrypt.verify(password, hash: target) }
        return hash != nil && matches
    }

    private func dummyHash() async throws -> String {
        if let known = Self.dummies.withLock({ $0[cost] }) { return known }
        let made = try await self.hash("walletdesk-no-such-account")
        Self.dummies.withLock { $0[cost] = made }
        return made
    }

    private static let dummies = Mutex<[UInt8: String]>([:])

    /// Runs CPU-heavy work on the blocking pool, never on the calling event loop.
    static func offLoop<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}
