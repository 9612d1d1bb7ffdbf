import NIOCore

/// Runs Swift concurrency jobs on one NIO event loop: the SQLite writer's own thread, or (for the server's
/// `ConnectionLoopMiddleware`) the loop of a request's connection.
///
/// The writer connection completes its statements on this loop, and a write transaction runs with this executor as its
/// preference, so between two statements of a transaction the writing task resumes at once here instead of queueing
/// behind request handlers on the server's event loops. Group commit depends on that: while a batch waited for a busy
/// event loop after each statement, the tickets arriving meanwhile waited for the whole batch (BENCHMARKS.md).
public final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    public let eventLoop: any EventLoop

    public init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
