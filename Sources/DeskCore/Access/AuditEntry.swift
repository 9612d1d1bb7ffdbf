import Foundation

/// One entry of the tamper-evident audit log of security-relevant actions.
///
/// Each entry's `hash` covers its own fields and the previous entry's hash, so editing, removing or reordering any
/// entry breaks the chain from that point on; ``AuditChain/verify(_:head:)`` finds where.
public struct AuditEntry: Codable, Sendable, Equatable {
    public var id: Int64
    public var at: Date
    public var actor: Actor
    /// A stable dotted name: `setup.completed`, `token.created`, `token.revoked`, `agent.created`, `agent.role_changed`…
    public var action: String
    /// What the action was about (`agent:<uuid>`, `token:<uuid>`…).
    public var target: String
    /// Extra facts, never secrets or customer text.
    public var details: [String: String]
    public var previousHash: String
    public var hash: String

    public init(
        id: Int64, at: Date, actor: Actor, action: String, target: String, details: [String: String], previousHash: String, hash: String
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.details = details
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The hash chain rules, pure so they can be checked anywhere (`walletdesk audit verify`, tests).
public enum AuditChain {
    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of an entry: SHA-256 over a canonical, unambiguous serialisation of its fields and the previous hash.
    public static func hash(
        previous: String, at: Date, actor: Actor, action: String, target: String, details: [String: String]
    ) -> String {
        var text = "walletdesk-audit-v1\n"
        func field(_ value: String) {
            // Length-prefixed, so no two different entries serialise alike.
            text += "\(value.utf8.count):\(value)\n"
        }
        field(previous)
        field(String(Int64((at.timeIntervalSince1970 * 1_000_000).rounded())))
        field(actor.kind.rawValue)
        field(actor.id.map(FastUUID.format) ?? "")
        field(action)
        field(target)
        for key in details.keys.sorted() {
            field(key)
            field(details[key] ?? "")
        }
        return SHA256.hash(Array(text.utf8)).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }

    /// Why a chain does not verify.
    public enum Break: Equatable, Sendable {
        /// The entry's contents no longer match its hash (edited).
        case edited(id: Int64)
        /// The entry does not follow the one before it (an entry before it was removed, or entries were reordered).
        case broken(id: Int64)
        /// The newest entry is not the one the chain head remembers (entries at the end were removed).
        case truncated(lastID: Int64?)
    }

    /// Checks a whole chain in id order against the remembered head hash; nil when intact.
    public static func verify(_ entries: [AuditEntry], head: String?) -> Break? {
        var previous = genesis
        for entry in entries {
            guard entry.previousHash == previous else { return .broken(id: entry.id) }
            let expected = hash(previous: previous, at: entry.at, actor: entry.actor, action: entry.action, target: entry.target, details: entry.details)
            guard expected == entry.hash else { return .edited(id: entry.id) }
            previous = entry.hash
        }
        if let head, head != previous { return .truncated(lastID: entries.last?.id) }
        return nil
    }
}
