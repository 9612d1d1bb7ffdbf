import ArgumentParser
import DeskServer
import DeskStore
import Foundation

/// `walletdesk reindex`: rebuilds the ticket search index and the help-center article index from the rows they index.
struct Reindex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild the ticket search index and the help-center article index, then exit.",
        discussion: """
            Use it after an upgrade that changed how text is segmented, or for tickets written before the index existed.

            PostgreSQL: runs beside running servers (each batch of tickets is locked briefly, as a reply would lock it).

            SQLite: the server holds the database's single writer, so stop it first. Search misses what is not yet \
            rewritten until the command ends; a rebuild cut short is completed by running it again.
            """
    )

    @OptionGroup var options: ServerOptions
    @Option(name: .customLong("batch-size"), help: "Tickets (or article translations) per transaction.") var batchSize = 500

    func validate() throws {
        guard (1...5_000).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 5000") }
    }

    func run() async throws {
        let configuration = try options.load()
        let logger = bootstrapLogging(configuration.logLevel)
        let engine = configuration.databaseURL?.hasPrefix("postgres") == true ? "PostgreSQL" : "SQLite"
        let store: SQLDeskStore
        do {
            // SQLite: take the lock a serving process holds, so the rebuild (which empties the index first) never runs
            // beside a server, and a server cannot start while it runs.
            store = try await openStore(configuration: configuration, serving: true, logger: logger)
        } catch SQLiteOpenError.inUse(let path) {
            print(
                """
                walletdesk reindex: a walletdesk server is using \(path).
                On SQLite the rebuild needs the database's single writer, which the server holds: stop the server, run
                walletdesk reindex, then start the server again. (On PostgreSQL reindex runs beside running servers.)
                """
            )
            throw ExitCode(1)
        }
        let database = store.database
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let postgres = database as? PostgresDeskDatabase { group.addTask { try await postgres.run() } }
            defer { group.cancelAll() }
            do {
                try await Migrator(database: database, logger: logger).migrate()
                print("Rebuilding the ticket search index (\(engine), \(batchSize) tickets per transaction) …")
                var started = ContinuousClock.now
                let tickets = try await store.rebuildTicketSearchIndex(batchSize: batchSize) { total in
                    if total.transactions % 100 == 0 { print("  \(total.tickets) tickets, \(total.messages) messages …") }
                }
                print(
                    "Ticket search index: \(tickets.tickets) tickets and \(tickets.messages) messages in \(tickets.transactions) transactions, \(Self.seconds(since: started))."
                )
                started = ContinuousClock.now
                let articles = try await store.rebuildArticleSearchIndex(batchSize: batchSize)
                print("Help-center index: \(articles) article translations, \(Self.seconds(since: started)).")
                try await store.recordSearchIndexRebuilt()
            } catch {
                try? await database.shutdown()
                throw error
            }
            try await database.shutdown()
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return String(format: "%.2f s", seconds)
    }
}
