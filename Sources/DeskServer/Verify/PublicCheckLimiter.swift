import DeskCore
import Foundation
import Synchronization

/// How often one client address may use the public checks (is this channel official, is this message code or call
/// code genuine) on this node: a token bucket per address, `perMinute` checks a minute with bursts of as many.
///
/// The checks need no sign-in, so without a limit they are an oracle anyone can script: trying message codes or
/// call codes in bulk, or mapping the registry. A person checks a handful of values; a script is told to wait
/// (429 `too-many-requests` with `Retry-After`). The buckets live in this node's memory: several nodes each allow
/// `perMinute`, which only loosens the limit and never refuses a legitimate check. At most ``maxAddresses`` buckets
/// are kept; full ones (idle a minute) are dropped first.
final class PublicCheckLimiter: Sendable {
    struct Bucket {
        var tokens: Double
        var updated: Date
    }

    static let maxAddresses = 20_000

    /// Checks a minute per address; 0 turns the limit off.
    let perMinute: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Takes one check for `address` at `now`, or throws ``DeskError/tooManyRequests(retryAfterSeconds:)``.
    func admit(_ address: String, now: Date) throws(DeskError) {
        guard perMinute > 0 else { return }
        let capacity = Double(perMinute)
        let rate = capacity / 60
        let wait: Double? = buckets.withLock { buckets in
            var bucket = buckets[address] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * rate)
            bucket.updated = now
            defer {
                buckets[address] = bucket
                if buckets.count > Self.maxAddresses { Self.prune(&buckets, capacity: capacity, rate: rate, now: now) }
            }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / rate }
            bucket.tokens -= 1
            return nil
        }
        if let wait { throw .tooManyRequests(retryAfterSeconds: Int(wait.rounded(.up))) }
    }

    /// Drops the buckets that have refilled; if an attack from many addresses leaves too many, starts afresh.
    private static func prune(_ buckets: inout [String: Bucket], capacity: Double, rate: Double, now: Date) {
        buckets = buckets.filter { $0.value.tokens + now.timeIntervalSince($0.value.updated) * rate < capacity }
        if buckets.count > maxAddresses { buckets.removeAll(keepingCapacity: true) }
    }

    /// The number of addresses tracked, for tests.
    var trackedAddresses: Int { buckets.withLock { $0.count } }
}
