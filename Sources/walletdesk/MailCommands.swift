import ArgumentParser
import DeskChannels
import DeskCore
import DeskServer
import DeskStore
import Foundation

struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Outgoing email: check the SMTP settings, deliver the outbox by hand.", subcommands: [Test.self, Deliver.self]
    )

    /// Sends one message with the configured server and says what happened: the quickest check of `--smtp-url`.
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a test email with the configured SMTP server; exit 1 with the reason if it fails.")

        @OptionGroup var options: ServerOptions
        @Option(help: "Where to send it.") var to: String
        @Option(help: "zh-CN, zh-TW or en.") var language = "zh-CN"

        func run() async throws {
            let configuration = try options.load()
            guard let (server, from) = try configuration.mail.delivery() else {
                throw ValidationError("no SMTP server configured: give --smtp-url (or WALLETDESK_SMTP_URL) and --mail-from")
            }
            guard let language = Language(rawValue: language) else { throw ValidationError("unknown language \(language)") }
            let recipient: MailAddress
            do {
                recipient = try MailAddress(address: to)
            } catch {
                throw ValidationError("not an address SMTP can carry: \(to)")
            }
            let l = Localizer.shared
            let message = MailMessage(
                from: from, to: recipient, subject: l.text("mail.test-subject", language), body: l.text("mail.test-body", language), date: Date(),
                messageIDLocalPart: "test-" + FastUUID.format(FastUUID.random()), language: language
            )
            print("Sending to \(recipient.address) through \(server) …")
            do {
                try await SMTPClient(server: server, heloName: from.domain).withSession { try await $0.send(message) }
                print("Accepted by the server.")
            } catch let error as SMTPError {
                print("Not sent (\(error.isPermanent ? "permanent" : "transient")): \(error)")
                throw ExitCode(1)
            }
        }
    }

    /// One delivery pass over the outbox, as the server does several times a second.
    struct Deliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deliver the due outbox rows once (what every server node does continuously) and exit.")

        @OptionGroup var options: ServerOptions

        func run() async throws {
            let configuration = try options.load()
            let logger = bootstrapLogging(configuration.logLevel)
            let store = try await openStore(configuration: configuration, logger: logger)
            let database = store.database
            try await withThrowingTaskGroup(of: Void.self) { group in
                if let postgres = database as? PostgresDeskDatabase { group.addTask { try await postgres.run() } }
                defer { group.cancelAll() }
                try await Migrator(database: database, logger: logger).migrate()
                guard let service = try OutboxDeliveryService.configured(configuration.mail, store: store, logger: logger) else { return }
                var claimed = 0
                while true {
                    let round = try await service.runOnce()
                    claimed += round
                    if round < configuration.mail.policy.batchSize { break }
                }
                print("outbox rows tried: \(claimed)")
            }
            try await database.shutdown()
        }
    }
}
