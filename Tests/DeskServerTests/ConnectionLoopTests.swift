import Dispatch
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DeskServer

@Suite("Connection loop preference")
struct ConnectionLoopTests {
    /// Suspends until a thread outside every event loop resumes the task (as the SQLite writer or a database
    /// connection's loop does).
    static func resumeFromAnotherThread() async {
        await withCheckedContinuation { continuation in DispatchQueue.global().async { continuation.resume() } }
    }

    @Test("a handler that changes data resumes on its connection's event loop after waiting elsewhere; reads only if asked", arguments: [false, true])
    func resumesOnConnectionLoop(includingReads: Bool) async throws {
        let router = Router(context: DeskRequestContext.self)
        router.add(middleware: ConnectionLoopMiddleware(includingReads: includingReads))
        @Sendable func probe(_ request: Request, _ context: DeskRequestContext) async -> String {
            var home = 0
            for _ in 0..<20 {
                await Self.resumeFromAnotherThread()
                if context.connectionLoop.inEventLoop { home += 1 }
            }
            return "\(home)"
        }
        router.post("probe") { request, context in await probe(request, context) }
        router.get("probe") { request, context in await probe(request, context) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestApp.logger)
        try await app.test(.live) { client in
            for _ in 0..<5 {
                let write = try await client.execute(uri: "/probe", method: .post)
                #expect(String(buffer: write.body) == "20")
            }
            // Without the preference the task resumes wherever the global executor runs it: not the connection's loop
            // every time (here, in tests, never: the global executor is Swift's own thread pool).
            let read = try await client.execute(uri: "/probe", method: .get)
            #expect((String(buffer: read.body) == "20") == includingReads)
        }
    }
}
