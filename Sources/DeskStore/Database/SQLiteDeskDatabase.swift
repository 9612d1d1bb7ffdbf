import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// The embedded store: one SQLite file in WAL mode, one writer connection and a few reader connections.
///
/// SQLite allows one writer at a time; giving it a single connection behind an async lock turns contention into a queue
/// instead of `SQLITE_BUSY` retries, while WAL lets the readers go on during writes.
///
/// Durability: `synchronous=NORMAL` in WAL mode. A committed transaction survives the process being killed (the WAL is
/// in the operating system's cache), which is what "acknowledged means durable" needs against crashes and `kill -9`.
/// Only a power loss can lose the last transactions; operators who need that too set `WALLETDESK_SQLITE_SYNC=full`.
public final class SQLiteDeskDatabase: DeskDatabase {
    public let kind = DatabaseKind.sqlite
    public let dialect = Dialect(kind: .sqlite)

    private let writer: SQLiteWriterConnection
    /// SQLKit's view of ``writer``; its statements run on the calling thread, the writer's event loop.
    private let writerDatabase: SQLiteWriterDatabase
    private let readers: [SQLiteConnection]
    private let writeLock = AsyncMutex()
    private let threadPool: NIOThreadPool
    private let nextReader = Atomic<Int>(0)
    private let readersInUse = Atomic<Int>(0)
    private let writerInUse = Atomic<Int>(0)
    private let logger: Logger
    private let fileLock: SoleWriterLock?
    public var isSoleWriter: Bool { fileLock != nil }
    /// The writer's own event loop, where write transactions run (see ``EventLoopTaskExecutor``).
    private let writerLoop: MultiThreadedEventLoopGroup
    private let writerExecutor: EventLoopTaskExecutor
    /// Checkpoints the log on its own thread, so the writer does not wait for the disk (see ``SQLiteCheckpointer``).
    private let checkpointer: SQLiteCheckpointer

    private init(
        writer: SQLiteWriterConnection, readers: [SQLiteConnection], threadPool: NIOThreadPool, writerLoop: MultiThreadedEventLoopGroup,
        checkpointer: SQLiteCheckpointer, fileLock: SoleWriterLock?, logger: Logger
    ) {
        self.writer = writer
        self.checkpointer = checkpointer
        self.writerDatabase = SQLiteWriterDatabase(connection: writer, logger: logger, eventLoop: writerLoop.next())
        self.readers = readers
        self.threadPool = threadPool
        self.writerLoop = writerLoop
        self.writerExecutor = EventLoopTaskExecutor(eventLoop: writerLoop.next())
        self.fileLock = fileLock
        self.logger = logger
    }

    /// Opens (creating when missing) the database file at `path`.
    ///
    /// `soleWriter` (what `walletdesk serve` asks for) takes an exclusive lock beside the file first, so a second server
    /// on the same file stops with a clear error instead of running beside the first unseen; see ``isSoleWriter``.
    public static func open(
        path: String, readerCount: Int = 3, synchronousFull: Bool = false, soleWriter: Bool = false, logger: Logger
    ) async throws -> SQLiteDeskDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fileLock = soleWriter ? try SoleWriterLock(databasePath: path) : nil
        let threadPool = NIOThreadPool(numberOfThreads: readerCount)
        threadPool.start()
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        let writerLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var sqliteLogger = logger
        sqliteLogger[metadataKey: "db"] = "sqlite"
        let writer = try SQLiteWriterConnection(path: path)
        let setup = SQLiteWriterDatabase(connection: writer, logger: sqliteLogger, eventLoop: writerLoop.next())
        for statement in [
            "PRAGMA journal_mode=WAL", "PRAGMA synchronous=\(synchronousFull ? "FULL" : "NORMAL")", "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=5000", "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-20000",
        ] + Dialect.sqliteTicketBatchSetup {
            try await setup.raw(SQLQueryString(statement)).run()
        }
        let checkpointer = try SQLiteCheckpointer(path: path, synchronousFull: synchronousFull, logger: sqliteLogger)
        writer.handCheckpoints(to: checkpointer)
        var readers: [SQLiteConnection] = []
        for _ in 0..<readerCount {
            let reader = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: sqliteLogger, on: eventLoop)
            for pragma in ["PRAGMA query_only=ON", "PRAGMA busy_timeout=5000", "PRAGMA cache_size=-20000", "PRAGMA temp_store=MEMORY"] {
                try await reader.sql(queryLogLevel: nil).raw(SQLQueryString(pragma)).run()
            }
            readers.append(reader)
        }
        return SQLiteDeskDatabase(
            writer: writer, readers: readers, threadPool: threadPool, writerLoop: writerLoop, checkpointer: checkpointer, fileLock: fileLock,
            logger: logger
        )
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        let reader = readers[abs(index) % readers.count]
        readersInUse.add(1, ordering: .relaxed)
        defer { readersInUse.subtract(1, ordering: .relaxed) }
        return try await body(reader.sql(queryLogLevel: nil))
    }

    public var writeExecutor: (any TaskExecutor)? { writerExecutor }

    /// Checkpoints run so far by the checkpointer's thread and finished by the writer (for tests).
    var checkpoints: (checkpointer: Int, writer: Int) { checkpointer.checkpoints }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(writerExecutor) { try await transaction(body) }
    }

    /// The single writer writes batches like any other transaction.
    public func writeTicketBatch<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await write(body)
    }

    private func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        await writeLock.lock()
        writerInUse.store(1, ordering: .relaxed)
        defer { writerInUse.store(0, ordering: .relaxed) }
        let sql = writerDatabase
        do {
            try await sql.raw("BEGIN IMMEDIATE").run()
        } catch {
            await writeLock.unlock()
            throw error
        }
        do {
            let result = try await body(sql)
            try await sql.raw("COMMIT").run()
            await writeLock.unlock()
            return result
        } catch {
            do {
                try await sql.raw("ROLLBACK").run()
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
            connections: readers.count + 1,
            inUse: readersInUse.load(ordering: .relaxed) + writerInUse.load(ordering: .relaxed),
            waiting: 0
        )
    }

    public func shutdown() async throws {
        for reader in readers { try? await reader.close() }
        await checkpointer.shutdown()
        await writeLock.lock()
        try? await writerDatabase.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
        writer.close()
        await writeLock.unlock()
        try await threadPool.shutdownGracefully()
        try await writerLoop.shutdownGracefully()
        fileLock?.release()
    }
}

/// An exclusive `flock` on `<database>.lock`, held while a server uses the file. The kernel drops it when the process
/// ends however it ends (also on `kill -9`), so a crash never leaves a stale lock behind.
final class SoleWriterLock: Sendable {
    private let descriptor: Int32

    init(databasePath: String) throws {
        let path = databasePath + ".lock"
        let descriptor = Foundation.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SQLiteOpenError.lockUnavailable(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            Foundation.close(descriptor)
            throw busy ? SQLiteOpenError.inUse(path: databasePath) : SQLiteOpenError.lockUnavailable(path: path, reason: reason)
        }
        self.descriptor = descriptor
    }

    func release() {
        flock(descriptor, LOCK_UN)
    }

    deinit {
        Foundation.close(descriptor)
    }
}

/// Why a SQLite database could not be opened for serving.
public enum SQLiteOpenError: Error, CustomStringConvertible {
    case inUse(path: String)
    case lockUnavailable(path: String, reason: String)

    public var description: String {
        switch self {
        case .inUse(let path):
            "another walletdesk server is using \(path); stop it first, or give this one its own --data-dir (several nodes share a PostgreSQL database, not a SQLite file)"
        case .lockUnavailable(let path, let reason):
            "could not lock \(path): \(reason)"
        }
    }
}
