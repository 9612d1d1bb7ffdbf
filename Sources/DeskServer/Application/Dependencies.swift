import DeskCore
import DeskStore
import Foundation

/// What handlers need from the outside world, passed in so tests can control it (the clock above all).
public struct Dependencies: Sendable {
    public var store: any Store
    public var lifecycle: TicketLifecycle
    public var now: @Sendable () -> Date
    public var limits: Limits
    /// This node's cache of recently seen tokens; cleared here when a token is revoked or an agent changes.
    let tokenCache = TokenCache()
    /// This node's snapshot of the official-channel registry for the public verify endpoints.
    let channelCache = ChannelRegistryCache()
    /// The workspace's message-signing key and fingerprint salt, loaded once.
    let safetyKeys = SafetyKeys()
    /// The server-rendered pages' templates, loaded once.
    let pages: WebPages

    public init(store: any Store, lifecycle: TicketLifecycle, limits: Limits, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.lifecycle = lifecycle
        self.limits = limits
        self.now = now
        do {
            self.pages = try WebPages.load()
        } catch {
            preconditionFailure("the page templates shipped with WalletDesk could not be loaded: \(error)")
        }
    }
}

/// Size limits for request bodies.
public struct Limits: Sendable {
    /// Largest JSON body.
    public var jsonBodyBytes: Int
    /// Largest attachment.
    public var attachmentBytes: Int

    public init(jsonBodyBytes: Int = 1 << 20, attachmentBytes: Int = Attachment.defaultMaxSize) {
        self.jsonBodyBytes = jsonBodyBytes
        self.attachmentBytes = attachmentBytes
    }
}
