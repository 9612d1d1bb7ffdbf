import Logging
import NIOPosix
import SQLiteNIO
import Synchronization
import VaporCSQLite

/// Copies the write-ahead log back into the database file mostly on its own connection and thread, so the single
/// writer seldom waits for the disk.
///
/// SQLite's automatic checkpoint runs inside the commit that pushed the log past 1,000 pages, on the committing
/// connection: it syncs the log, copies every page to the database file and syncs that. On the writer that meant
/// waiting for the disk: during a create storm the writer's blocking waits were almost all those syncs, while requests
/// queued up behind it and the two cores sat idle (BENCHMARKS.md, session 6).
///
/// Here the bulk of that work, a passive checkpoint, runs on the checkpointer's own connection while the writer goes on
/// appending. A passive checkpoint only copies what was in the log when it started, and SQLite starts the log afresh
/// only once every page was copied; under steady writes that never happens, and the log would grow. So once the
/// checkpointer has copied all but the last few pages, the writer finishes the job itself after its next commit: a
/// short checkpoint of those pages alone, after which its next transaction starts the log afresh, as it would have
/// after SQLite's own checkpoint. If the log still grows past ``writerFrames`` (the writer outruns the checkpointer:
/// a slow disk, or a thread starved of CPU), the writer waits for the checkpointer's checkpoint to end and checkpoints
/// after every commit, as SQLite would, so the log stays near 20 MB.
final class SQLiteCheckpointer: Sendable {
    /// SQLite's own automatic checkpoint threshold (about 4 MB of log with 4 KB pages).
    static let startFrames = 1_000
    /// The writer finishes a checkpoint when no more than this many pages of the log wait to be copied.
    static let finishFrames = 400
    /// About 20 MB of log: past this the writer checkpoints after every commit. (Create storms on two cores kept the
    /// log under ~15 MB with the checkpointer keeping up; the test suite's parallel load once took it to 37 MB
    /// with a limit of 64 MB.)
    static let writerFrames = 5_000

    private let connection: SQLiteWriterConnection
    private let thread: NIOThreadPool
    private let running = Atomic<Bool>(false)
    /// How many pages of the log the checkpointer's last checkpoint left copied while more waited; zero when it copied
    /// everything or the writer finished (either way the writer's next transaction starts the log afresh).
    private let copied = Atomic<Int>(0)
    private let completed = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let logger: Logger

    init(path: String, synchronousFull: Bool, logger: Logger) throws {
        connection = try SQLiteWriterConnection(path: path)
        for pragma in ["PRAGMA synchronous=\(synchronousFull ? "FULL" : "NORMAL")", "PRAGMA busy_timeout=5000"] {
            try connection.run(pragma, []) { _ in }
        }
        thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        self.logger = logger
    }

    /// Checkpoints run by the checkpointer, and finished by the writer (for tests).
    var checkpoints: (checkpointer: Int, writer: Int) { (completed.load(ordering: .relaxed), finished.load(ordering: .relaxed)) }

    /// Called by the writer after each commit, on its thread, with the log's length in pages. Returns SQLite's status
    /// for the WAL hook.
    func committed(walFrames: Int, writer: OpaquePointer?) -> Int32 {
        guard walFrames >= Self.startFrames, let writer else { return SQLITE_OK }
        let copied = copied.load(ordering: .acquiring)
        if walFrames >= Self.writerFrames || (copied > 0 && walFrames - copied <= Self.finishFrames && !running.load(ordering: .acquiring)) {
            if walFrames >= Self.writerFrames { waitForRunningCheckpoint() }
            var log: Int32 = 0
            var done: Int32 = 0
            let status = sqlite_nio_sqlite3_wal_checkpoint_v2(writer, nil, SQLITE_CHECKPOINT_PASSIVE, &log, &done)
            if status == SQLITE_OK, log == done {
                self.copied.store(0, ordering: .releasing)
                finished.add(1, ordering: .relaxed)
            }
            return SQLITE_OK
        }
        schedule()
        return SQLITE_OK
    }

    /// Blocks the writer until the checkpointer's running checkpoint ends (at most 5 s), as SQLite's own checkpoint would
    /// have blocked this commit. Only one connection can checkpoint at a time: without the wait the writer's checkpoint
    /// found the checkpointer busy after every commit while it crawled through a long log on a loaded machine, and the
    /// log grew to 43 MB in the test suite instead of staying near 20 MB.
    private func waitForRunningCheckpoint() {
        let deadline = ContinuousClock.now + .seconds(5)
        while running.load(ordering: .acquiring), ContinuousClock.now < deadline {
            usleep(500)
        }
    }

    /// Starts a checkpoint on the checkpointer's thread unless one is running.
    func schedule() {
        guard running.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        thread.submit { [self] state in
            defer { running.store(false, ordering: .releasing) }
            guard case .active = state else { return }
            checkpoint()
        }
    }

    /// One passive checkpoint now, on the calling thread.
    func checkpoint() {
        do {
            var copiedFrames = 0
            try connection.run("PRAGMA wal_checkpoint(PASSIVE)", []) { row in
                let log = (try? row.decode(column: "log", as: Int.self)) ?? 0
                let checkpointed = (try? row.decode(column: "checkpointed", as: Int.self)) ?? 0
                copiedFrames = checkpointed < log ? checkpointed : 0
            }
            copied.store(copiedFrames, ordering: .releasing)
            completed.add(1, ordering: .relaxed)
        } catch {
            logger.warning("checkpoint failed; the writer checkpoints if the log keeps growing", metadata: ["error": "\(error)"])
        }
    }

    /// Waits for a running checkpoint and closes the connection.
    func shutdown() async {
        try? await thread.shutdownGracefully()
        connection.close()
    }
}
