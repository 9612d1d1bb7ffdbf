import ArgumentParser
import DeskServer
import DeskStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

@main
struct WalletDeskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walletdesk",
        abstract: "Self-hosted customer support for crypto wallets and exchanges.",
        subcommands: [Serve.self, Migrate.self, Maintenance.self, Reindex.self, Scan.self, Identify.self, AuditCommand.self, MailCommand.self],
        defaultSubcommand: Serve.self
    )
}

/// Flags shared by every command that opens the database.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on.") var hostname: String?
    @Option(help: "Port to listen on.") var port: Int?
    @Option(name: .customLong("data-dir"), help: "Folder for the SQLite database (default ./walletdesk-data).") var dataDir: String?
    @Option(help: "postgres://user:password@host:5432/db to use PostgreSQL instead of SQLite.") var database: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.") var logLevel: String?
    @Option(help: "A JSON configuration file.") var config: String?
    @Option(name: .customLong("secret-key-file"), help: "File with the key that seals TOTP secrets (default <data-dir>/secret.key).") var secretKeyFile: String?
    @Flag(name: .customLong("no-starter-kb"), help: "Do not load the starter knowledge base into an empty knowledge base.") var noStarterKB = false
    @Option(name: .customLong("smtp-url"), help: "smtp[s]://user:password@host:port of the server that delivers outgoing mail.") var smtpURL: String?
    @Option(name: .customLong("smtp-starttls"), help: "required, optional or off (default: required unless the SMTP host is this machine).")
    var smtpStartTLS: String?
    @Option(name: .customLong("smtp-ca-file"), help: "A PEM file of extra certificate authorities to trust for the SMTP server.") var smtpCAFile: String?
    @Option(name: .customLong("mail-from"), help: "The sender of outgoing mail: 'Name <address>' or an address.") var mailFrom: String?

    func load() throws -> ServerConfiguration {
        var flags = ServerConfiguration.Overrides(
            hostname: hostname, port: port, dataDirectory: dataDir, databaseURL: database, logLevel: logLevel, configFile: config,
            starterKnowledgeBase: noStarterKB ? false : nil, secretKeyFile: secretKeyFile
        )
        flags.mail = .init(smtpURL: smtpURL, startTLS: smtpStartTLS, caFile: smtpCAFile, from: mailFrom)
        return try ServerConfiguration.load(flags: flags)
    }
}

func bootstrapLogging(_ level: Logger.Level) -> Logger {
    LoggingSystem.bootstrap { label in LogfmtLogHandler(label: label, level: level) }
    return Logger(label: "walletdesk")
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the API, help center and consoles (the default).")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        // Run Swift concurrency on NIO's event loops: request handling then stays on the loop that read the request
        // instead of hopping to a separate thread pool (measured: see BENCHMARKS.md).
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let configuration = try options.load()
        let logger = bootstrapLogging(configuration.logLevel)
        let started = ContinuousClock.now
        let (services, store) = try await WalletDeskServer.services(configuration: configuration, logger: logger) { port, setupCode in
            let elapsed = ContinuousClock.now - started
            let base = "http://\(configuration.hostname):\(port)"
            var banner = "\nWalletDesk is ready on \(base) (database: \(configuration.databaseURL == nil ? "SQLite " + configuration.effectiveDatabaseURL : "PostgreSQL"), started in \(elapsed.formatted(.units(allowed: [.milliseconds]))))\n"
            if let setupCode {
                banner += """

                    First start: create the first admin.
                      Open \(base)/setup and enter the one-time code \(setupCode)
                      or: curl -X POST \(base)/api/v1/setup -H 'Content-Type: application/json' \\
                            -d '{"code":"\(setupCode)","name":"Your Name","email":"you@example.com"}'
                    The code works once; a restart before it is used prints a new one.

                    """
            }
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        var groupConfiguration = ServiceGroupConfiguration(
            // The server ending for any reason winds the rest down gracefully rather than counting as a failure.
            services: services.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        )
        // Requests get this long to finish after SIGTERM; then the rest is cancelled so a stuck request cannot keep a
        // node from stopping (a process supervisor would otherwise have to SIGKILL it).
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(8)
        let group = ServiceGroup(configuration: groupConfiguration)
        do {
            try await group.run()
        } catch {
            try? await store.database.shutdown()
            throw error
        }
        try await store.database.shutdown()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date and exit.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try options.load()
        let logger = bootstrapLogging(configuration.logLevel)
        let store = try await openStore(configuration: configuration, logger: logger)
        let database = store.database
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let postgres = database as? PostgresDeskDatabase { group.addTask { try await postgres.run() } }
            let applied = try await Migrator(database: database, logger: logger).migrate()
            print(applied.isEmpty ? "Schema is up to date (version \(Migrations.latestVersion))." : "Applied migrations: \(applied.map(String.init).joined(separator: ", ")).")
            try await database.shutdown()
            group.cancelAll()
        }
    }
}

struct Maintenance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the housekeeping jobs the server runs every hour (drop uploads no message claimed within a day) and exit."
    )

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try options.load()
        let logger = bootstrapLogging(configuration.logLevel)
        let store = try await openStore(configuration: configuration, logger: logger)
        let database = store.database
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let postgres = database as? PostgresDeskDatabase { group.addTask { try await postgres.run() } }
            do {
                try await Migrator(database: database, logger: logger).migrate()
                let results = try await MaintenanceService.runOnce(store: store, now: Date())
                for (job, count) in results.sorted(by: { $0.key < $1.key }) { print("\(job): \(count)") }
            } catch {
                try? await database.shutdown()
                group.cancelAll()
                throw error
            }
            try await database.shutdown()
            group.cancelAll()
        }
    }
}
