import ArgumentParser
import DeskCore
import DeskServer
import DeskStore
import Foundation

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Work with the tamper-evident audit log.", subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log's hash chain; exits 1 and names the first bad entry if any entry was edited, removed or reordered."
        )

        @OptionGroup var options: ServerOptions

        func run() async throws {
            let configuration = try options.load()
            let logger = bootstrapLogging(.warning)
            let store = try await openStore(configuration: configuration, logger: logger)
            let database = store.database
            let outcome: (count: Int, problem: AuditChain.Break?) = try await withThrowingTaskGroup(of: Void.self) { group in
                if let postgres = database as? PostgresDeskDatabase { group.addTask { try await postgres.run() } }
                defer { group.cancelAll() }
                let head = try await store.auditHead()
                var entries: [AuditEntry] = []
                var after: Int64?
                while true {
                    let page = try await store.auditEntries(after: after, action: nil, limit: 10_000)
                    entries += page
                    guard page.count == 10_000, let last = page.last else { break }
                    after = last.id
                }
                return (entries.count, AuditChain.verify(entries, head: head))
            }
            try await database.shutdown()
            switch outcome.problem {
            case nil:
                print("Audit log intact: \(outcome.count) entries, chain verified.")
            case .edited(let id):
                print("Audit log TAMPERED: entry \(id) was changed after it was written.")
                throw ExitCode(1)
            case .broken(let id):
                print("Audit log TAMPERED: entry \(id) does not follow the entry before it (an entry was removed or entries were reordered).")
                throw ExitCode(1)
            case .truncated(let last):
                print("Audit log TAMPERED: the newest entries after \(last.map(String.init) ?? "the start") were removed.")
                throw ExitCode(1)
            }
        }
    }
}
