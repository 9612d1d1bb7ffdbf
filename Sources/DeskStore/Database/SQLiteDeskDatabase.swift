import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import Synchronization

/// The embedded store: one SQLite file in WAL mode, one writer connection and a pool of reader connections.
///
/// SQLite allows one writer at a time; giving it a single connection behind an async lock turns contention into a queue
/// instead of `SQLITE_BUSY` retries, while WAL lets the readers go on during writes.
///
/// Statements run on the calling thread through ``SQLiteConnectionDirect`` (prepared once, no thread switch); they are
/// short, and a write transaction holds the lock only for its own statements.
///
/// Durability: `synchronous=NORMAL` in WAL mode. A committed transaction survives the process being killed (the WAL is
/// in the operating system's cache), which is what "acknowledged means durable" needs against crashes and `kill -9`.
/// Only a power loss can lose the last transactions; operators who need that too set `WALLETDESK_SQLITE_SYNC=full`.
public final class SQLiteDeskDatabase: DeskDatabase {
    public let kind = DatabaseKind.sqlite
    public let dialect = Dialect(kind: .sqlite)

    private let path: String
    private let writer: SQLiteConnectionDirect
    private let writeLock = AsyncMutex()
    /// Idle reader connections; a read checks one out and puts it back. More are opened when all are busy, and only
    /// `idleReaderLimit` are kept.
    private let idleReaders: NIOLockedValueBox<[SQLiteConnectionDirect]>
    private let idleReaderLimit: Int
    private let readersInUse = Atomic<Int>(0)
    private let writerInUse = Atomic<Int>(0)
    private let logger: Logger
    private let eventLoop: any EventLoop

    private init(path: String, writer: SQLiteConnectionDirect, readers: [SQLiteConnectionDirect], logger: Logger) {
        self.path = path
        self.writer = writer
        self.idleReaders = NIOLockedValueBox(readers)
        self.idleReaderLimit = max(readers.count, 1)
        self.logger = logger
        self.eventLoop = MultiThreadedEventLoopGroup.singleton.any()
    }

    /// Opens (creating when missing) the database file at `path`.
    public static func open(path: String, readerCount: Int = 4, synchronousFull: Bool = false, logger: Logger) async throws -> SQLiteDeskDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let writer = try SQLiteConnectionDirect(path: path, readOnly: false)
        try writer.execute(
            script: """
                PRAGMA journal_mode=WAL; PRAGMA synchronous=\(synchronousFull ? "FULL" : "NORMAL"); PRAGMA foreign_keys=ON;
                PRAGMA busy_timeout=5000; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-20000;
                """
        )
        var readers: [SQLiteConnectionDirect] = []
        for _ in 0..<readerCount { readers.append(try openReader(path: path)) }
        return SQLiteDeskDatabase(path: path, writer: writer, readers: readers, logger: logger)
    }

    private static func openReader(path: String) throws -> SQLiteConnectionDirect {
        let reader = try SQLiteConnectionDirect(path: path, readOnly: true)
        try reader.execute(script: "PRAGMA busy_timeout=5000; PRAGMA cache_size=-20000; PRAGMA temp_store=MEMORY;")
        return reader
    }

    private func sql(_ connection: SQLiteConnectionDirect) -> any SQLDatabase {
        SQLiteDirectDatabase(connection: connection, logger: logger, eventLoop: eventLoop)
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let reader = try idleReaders.withLockedValue { $0.popLast() } ?? Self.openReader(path: path)
        readersInUse.add(1, ordering: .relaxed)
        defer {
            readersInUse.subtract(1, ordering: .relaxed)
            let kept = idleReaders.withLockedValue { idle in
                guard idle.count < idleReaderLimit else { return false }
                idle.append(reader)
                return true
            }
            if !kept { reader.close() }
        }
        return try await body(sql(reader))
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        await writeLock.lock()
        writerInUse.store(1, ordering: .relaxed)
        defer { writerInUse.store(0, ordering: .relaxed) }
        let sql = sql(writer)
        do {
            try writer.execute(script: "BEGIN IMMEDIATE")
        } catch {
            await writeLock.unlock()
            throw error
        }
        do {
            let result = try await body(sql)
            try writer.execute(script: "COMMIT")
            await writeLock.unlock()
            return result
        } catch {
            do {
                try writer.execute(script: "ROLLBACK")
            } catch {
                logger.error("rollback failed", metadata: ["error": "\(error)"])
            }
            await writeLock.unlock()
            throw error
        }
    }

    public func ping() async throws {
        try await read { sql in try await sql.raw("SELECT 1").run() }
    }

    public func poolStatistics() -> PoolStatistics {
        PoolStatistics(
            connections: idleReaders.withLockedValue { $0.count } + readersInUse.load(ordering: .relaxed) + 1,
            inUse: readersInUse.load(ordering: .relaxed) + writerInUse.load(ordering: .relaxed),
            waiting: 0
        )
    }

    public func shutdown() async throws {
        for reader in idleReaders.withLockedValue({ idle in defer { idle.removeAll() }; return idle }) { reader.close() }
        await writeLock.lock()
        try? writer.execute(script: "PRAGMA wal_checkpoint(TRUNCATE)")
        writer.close()
        await writeLock.unlock()
    }
}
