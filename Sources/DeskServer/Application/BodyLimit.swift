import DeskCore
import Hummingbird

extension Request {
    /// The whole body, at most `limit` bytes. Past it, ``DeskError/bodyTooLarge(limit:)``, whose problem names the limit
    /// in the caller's language (the collector's own error, NIO's `NIOTooManyBytesError`, names nothing).
    func limitedBody(upTo limit: Int) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw DeskError.bodyTooLarge(limit: limit)
        }
    }
}
