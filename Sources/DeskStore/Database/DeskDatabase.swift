import Logging
import SQLKit

/// Which database engine a store runs on.
public enum DatabaseKind: String, Sendable {
    case sqlite, postgres
}

/// A connection source for the store: reads anywhere, writes in a transaction.
///
/// There are two implementations, ``SQLiteDeskDatabase`` and ``PostgresDeskDatabase``. The store's queries are written
/// once against SQLKit; what differs between the engines is collected in ``Dialect``.
public protocol DeskDatabase: Sendable {
    var kind: DatabaseKind { get }
    var dialect: Dialect { get }

    /// True when no other process can write this database while it is open here (SQLite opened for serving holds a lock
    /// on its file). The store may then learn of every change in memory instead of asking the database.
    var isSoleWriter: Bool { get }

    /// Runs `body` on a connection for reading. On SQLite this is one of several reader connections (WAL lets them
    /// read while the writer writes).
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` inside one transaction; commits when it returns, rolls back when it throws.
    ///
    /// The transaction is durable when this returns: callers acknowledge to clients only afterwards.
    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// A write transaction of group commit (a batch of new tickets), on the engine's writer where it has one: SQLite's
    /// only writer, PostgreSQL's batch connection. Same guarantees as ``write(_:)``.
    func writeTicketBatch<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Where ticket batches are written: SQLite's writer thread, the event loop of PostgreSQL's batch connection. Group
    /// commit's leader and drain run there, so between two statements of a batch they resume at once instead of
    /// queueing behind request handlers on the server's event loops.
    var writeExecutor: (any TaskExecutor)? { get }
    /// Checks that the database answers (for `/readyz`).
    func ping() async throws

    /// Pool statistics for `/metrics`.
    func poolStatistics() -> PoolStatistics

    /// Stops using the database. Further calls fail.
    func shutdown() async throws
}

/// How busy the connection pool is.
public struct PoolStatistics: Sendable {
    public var connections: Int
    public var inUse: Int
    public var waiting: Int
}

/// Errors of the database layer that the HTTP layer maps to 503.
public enum DatabaseError: Error, CustomStringConvertible {
    case invalidURL(String)
    case unsupportedSchemaVersion(found: Int, known: Int)

    public var description: String {
        switch self {
        case .invalidURL(let url): "not a database URL: \(url)"
        case .unsupportedSchemaVersion(let found, let known):
            "the database has schema version \(found) but this build only knows up to \(known); upgrade WalletDesk"
        }
    }
}
