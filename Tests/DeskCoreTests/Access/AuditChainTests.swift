import DeskCore
import Foundation
import Testing

@Suite("Audit chain")
struct AuditChainTests {
    static func chain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        var previous = AuditChain.genesis
        for index in 1...count {
            let at = Date(timeIntervalSince1970: 1_790_000_000 + Double(index))
            let actor = Actor(kind: .agent, id: UUID())
            let hash = AuditChain.hash(previous: previous, at: at, actor: actor, action: "token.created", target: "token:\(index)", details: ["n": "\(index)"])
            entries.append(AuditEntry(id: Int64(index), at: at, actor: actor, action: "token.created", target: "token:\(index)", details: ["n": "\(index)"], previousHash: previous, hash: hash))
            previous = hash
        }
        return entries
    }

    @Test("an untouched chain verifies")
    func intact() {
        let entries = Self.chain(5)
        #expect(AuditChain.verify(entries, head: entries.last?.hash) == nil)
        #expect(AuditChain.verify([], head: AuditChain.genesis) == nil)
    }

    @Test("edits, removals, reordering and truncation are each detected")
    func tampering() {
        let entries = Self.chain(5)
        var edited = entries
        edited[2].details["n"] = "999"
        #expect(AuditChain.verify(edited, head: entries.last?.hash) == .edited(id: 3))
        var removed = entries
        removed.remove(at: 1)
        #expect(AuditChain.verify(removed, head: entries.last?.hash) == .broken(id: 3))
        var reordered = entries
        reordered.swapAt(1, 2)
        #expect(AuditChain.verify(reordered, head: entries.last?.hash) == .broken(id: 3))
        #expect(AuditChain.verify(Array(entries.dropLast()), head: entries.last?.hash) == .truncated(lastID: 4))
        var rehashed = entries
        rehashed[4].action = "token.revoked"  // changed and not re-hashed
        #expect(AuditChain.verify(rehashed, head: entries.last?.hash) == .edited(id: 5))
    }

    @Test("field boundaries are unambiguous")
    func unambiguous() {
        let at = Date(timeIntervalSince1970: 0)
        let a = AuditChain.hash(previous: AuditChain.genesis, at: at, actor: .system, action: "a", target: "bc", details: [:])
        let b = AuditChain.hash(previous: AuditChain.genesis, at: at, actor: .system, action: "ab", target: "c", details: [:])
        #expect(a != b)
    }
}

@Suite("Permission matrix")
struct PermissionMatrixTests {
    @Test("roles and scopes both have to allow")
    func matrix() {
        #expect(PermissionMatrix.allows(.agent, .writeTickets))
        #expect(!PermissionMatrix.allows(.agent, .mergeTickets))
        #expect(PermissionMatrix.allows(.specialist, .mergeTickets))
        #expect(!PermissionMatrix.allows(.supervisor, .manageAgents))
        #expect(PermissionMatrix.allows(.supervisor, .manageTeams))
        #expect(PermissionMatrix.allows(.security, .readAudit))
        #expect(!PermissionMatrix.allows(.specialist, .readAudit))
        #expect(PermissionMatrix.allows(.admin, scopes: [.admin], .manageAgents))
        #expect(!PermissionMatrix.allows(.admin, scopes: [.ticketsRead], .writeTickets))
        #expect(!PermissionMatrix.allows(.agent, scopes: [.admin], .manageAgents))
    }

    @Test("docs/PERMISSIONS.md shows exactly this matrix")
    func documentation() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/PERMISSIONS.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        for permission in Permission.allCases {
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("| `\(permission.rawValue)`") }, "\(permission.rawValue) missing")
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            for (index, role) in AgentRole.allCases.enumerated() {
                let documented = cells[2 + index] == "yes"
                #expect(documented == PermissionMatrix.allows(role, permission), "\(permission.rawValue) / \(role.rawValue)")
            }
        }
    }
}
