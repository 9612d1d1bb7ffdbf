import DeskStore
import Hummingbird

/// Requests run their handler with their connection's event loop as the preferred executor when they wait for the
/// database on another thread: on SQLite those that change data (the writer has its own thread), on PostgreSQL all
/// (every query is answered on a database connection's loop).
///
/// Without a preference the answered task resumes on whichever event loop the global executor picks next, half the
/// time not the one that owns the connection, and writing the response then hops back to it: one more thread wake-up
/// per request on two busy cores. SQLite reads are left alone: a cached conversation never leaves its loop, and the
/// preference costs a little on every suspension (SQLite reads were ~10 % slower with it). Measured in BENCHMARKS.md
/// (session 6): creation +4–10 % on SQLite, PostgreSQL conversation reads +12–18 %.
struct ConnectionLoopMiddleware: RouterMiddleware {
    typealias Context = DeskRequestContext
    /// Whether reads (GET, HEAD) get the preference too.
    let includingReads: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if !includingReads, request.method == .get || request.method == .head { return try await next(request, context) }
        return try await withTaskExecutorPreference(EventLoopTaskExecutor(eventLoop: context.connectionLoop)) {
            try await next(request, context)
        }
    }
}
