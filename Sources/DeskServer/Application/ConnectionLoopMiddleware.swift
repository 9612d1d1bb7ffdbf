import DeskStore
import Hummingbird

/// Requests that change data run their handler with their connection's event loop as the preferred executor.
///
/// Such a handler waits for the database on another thread (the SQLite writer's, or a PostgreSQL connection's loop).
/// Without a preference the answered task resumes on whichever event loop the global executor picks next, half the
/// time not the one that owns the connection, and writing the response then hops back to it: one more thread wake-up
/// per request on two busy cores. Reads are left alone: they mostly do not leave their loop, and the preference costs
/// a little on every suspension (measured in BENCHMARKS.md, session 6: creation +7–15 % on SQLite and PostgreSQL,
/// conversation reads unchanged).
struct ConnectionLoopMiddleware: RouterMiddleware {
    typealias Context = DeskRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .get || request.method == .head { return try await next(request, context) }
        return try await withTaskExecutorPreference(EventLoopTaskExecutor(eventLoop: context.connectionLoop)) {
            try await next(request, context)
        }
    }
}
