import DeskCore
import DeskStore
import NIOCore
import Synchronization

/// Encoded conversations (`GET /api/v1/tickets/{id}/messages`) and tickets (`GET /api/v1/tickets/{id}`) this node
/// served recently, kept with the ticket's ``ConversationStamp`` at the time of the read. The stamp covers the ticket's
/// own fields too: every change to them appends to its history in the same transaction.
///
/// Opening a ticket is the agent console's most frequent request, and reading twenty messages with their attachments,
/// decoding the rows and writing the JSON costs several times what checking the stamp does. The stamp is read from the
/// database on every request, before the conversation, so an entry is served only while the ticket's history has not
/// grown — on any node: a change made elsewhere grows the history in the same transaction. Reading the stamp first
/// means a change committed during the read leaves an entry stored under the older stamp, which the next request
/// no longer matches: the cache can hold a useless entry, never serve a stale one.
final class ConversationCache: Sendable {
    struct Key: Hashable, Sendable {
        var ticket: TicketNumber
        var view: View
    }

    enum View: Hashable, Sendable {
        /// The whole conversation, internal notes included (agents).
        case conversation
        /// The ticket resource.
        case ticket
    }

    struct Entry: Sendable {
        var stamp: ConversationStamp
        var body: ByteBuffer
        /// The response's `ETag`, when it has one.
        var etag: String?
    }

    private struct State: Sendable {
        var entries: [Key: Entry] = [:]
        var bytes = 0
    }

    /// Upper bound on the encoded bytes kept; past it the cache starts over (cheap, and rare at this size).
    let byteBudget: Int
    private let state = Mutex(State())

    init(byteBudget: Int = 16 << 20) {
        self.byteBudget = byteBudget
    }

    /// What was stored for `key`, if it was stored under `stamp`.
    func entry(for key: Key, stamp: ConversationStamp) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[key], entry.stamp == stamp else { return nil }
            return entry
        }
    }

    func store(_ body: ByteBuffer, etag: String? = nil, for key: Key, stamp: ConversationStamp) {
        guard body.readableBytes <= byteBudget / 16 else { return }
        state.withLock { state in
            if let old = state.entries[key] { state.bytes -= old.body.readableBytes }
            if state.bytes + body.readableBytes > byteBudget {
                state.entries.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            state.entries[key] = Entry(stamp: stamp, body: body, etag: etag)
            state.bytes += body.readableBytes
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
}
