import DeskCore
import Foundation
import Logging
import SQLKit
import Synchronization

/// Tickets, their conversation and history.
public protocol TicketStore: Sendable {
    /// Stores a new ticket with its first message and history entries in one transaction.
    func createTicket(_ draft: TicketDraft, actor: Actor, now: Date) async throws -> (ticket: Ticket, message: Message)
    func ticket(_ number: TicketNumber) async throws -> Ticket
    func tickets(matching query: TicketQuery) async throws -> Page<Ticket>
    /// Reads the ticket under a lock, lets `change` apply domain rules, and stores the result with its history entry.
    /// Throws ``DeskError/versionConflict(current:)`` when `expectedVersion` is given and stale.
    func updateTicket(
        _ number: TicketNumber, expectedVersion: Int?, actor: Actor, now: Date,
        change: @escaping @Sendable (inout Ticket) throws -> Void
    ) async throws -> Ticket
    /// Adds a message and applies what it does to the ticket; `setStatus` then moves the ticket on in the same transaction
    /// ("reply and set pending").
    func addMessage(_ draft: MessageDraft, to number: TicketNumber, setStatus: TicketStatus?, now: Date) async throws -> (message: Message, ticket: Ticket)
    func messages(of number: TicketNumber, includeInternal: Bool) async throws -> [Message]
    /// A value that differs whenever anything the ticket's conversation shows may have changed, on any node: what a cache
    /// of encoded conversations checks before serving one. `nil` when none can be given (no such ticket, or a write to
    /// it is under way): then read, and keep nothing.
    func conversationStamp(of number: TicketNumber) async throws -> ConversationStamp?
    func merge(_ source: TicketNumber, into target: TicketNumber, actor: Actor, now: Date) async throws -> (source: Ticket, target: Ticket)
    func history(of number: TicketNumber, after: Int64?, limit: Int) async throws -> [TicketEvent]
    /// Events of every ticket after `id`, oldest first: what the event feed delivers.
    func events(after id: Int64, limit: Int) async throws -> [TicketEvent]
    func events(ids: [Int64]) async throws -> [TicketEvent]
    func latestEventID() async throws -> Int64
}

/// Customers, agents and teams.
public protocol DirectoryStore: Sendable {
    func createCustomer(_ customer: Customer) async throws -> Customer
    func customer(_ id: CustomerID) async throws -> Customer
    func customers(email: EmailAddress?, phone: PhoneNumber?, walletAccountID: String?, after cursor: String?, limit: Int) async throws -> Page<Customer>
    func updateCustomer(_ id: CustomerID, expectedVersion: Int?, now: Date, change: @escaping @Sendable (inout Customer) throws -> Void) async throws -> Customer

    func createAgent(_ agent: Agent, by actor: Actor) async throws -> Agent
    func agent(_ id: AgentID) async throws -> Agent
    func agents() async throws -> [Agent]
    func updateAgent(
        _ id: AgentID, expectedVersion: Int?, by actor: Actor, now: Date, change: @escaping @Sendable (inout Agent) throws -> Void
    ) async throws -> Agent

    func createTeam(_ team: Team, by actor: Actor) async throws -> Team
    func team(_ id: TeamID) async throws -> Team
    func teams() async throws -> [Team]
    func updateTeam(
        _ id: TeamID, expectedVersion: Int?, by actor: Actor, now: Date, change: @escaping @Sendable (inout Team) throws -> Void
    ) async throws -> Team
}

/// Attachment bytes, kept in the database so every node can serve them.
public protocol AttachmentStore: Sendable {
    func saveAttachment(_ attachment: Attachment, content: [UInt8], uploadedBy: Actor) async throws -> Attachment
    func attachment(_ id: AttachmentID) async throws -> (attachment: Attachment, ticket: TicketNumber?, content: [UInt8])
    /// Which of `ids` are uploads of `uploader` that no message has claimed yet (a customer may attach only their own).
    func unclaimedAttachments(_ ids: [AttachmentID], uploadedBy uploader: UUID) async throws -> Set<AttachmentID>
    /// Deletes uploads no message ever claimed that are older than `cutoff`; returns how many went.
    func purgeUnlinkedAttachments(uploadedBefore cutoff: Date) async throws -> Int
}

/// First-start setup and API tokens (until the accounts issue replaces the bootstrap token flow).
public protocol AccessStore: Sendable {
    func hasAdmin() async throws -> Bool
    func setSetting(_ key: String, _ value: String) async throws
    func setting(_ key: String) async throws -> String?
    /// Creates the first admin if `codeHash` matches the stored setup code and no admin exists yet; returns the agent.
    func completeSetup(codeHash: String, admin: Agent, tokenHash: String, now: Date) async throws -> Agent
}

/// The whole store: one value the server holds.
public typealias Store = TicketStore & DirectoryStore & AttachmentStore & AccessStore & AuditStore & SafetyStore & KnowledgeBaseStore
    & TicketSearchStore & AccountStore & SecondFactorStore & SignInSecurityStore & CustomerAccessStore & SendLimitStore
    & OutboxStore & SearchIndexStore

/// The store on either engine: queries are written once with SQLKit; ``Dialect`` holds what differs.
public final class SQLDeskStore: Sendable {
    public let database: any DeskDatabase
    public let feed: EventFeed
    let lifecycle: TicketLifecycle
    let creationQueue = TicketCreationQueue()
    /// Tickets written in multi-ticket batches, and batches that had to be written ticket by ticket (for tests).
    let batchedTickets = Atomic<Int>(0)
    let batchFallbacks = Atomic<Int>(0)
    /// The lifecycle rules this store applies to messages (reopen window and so on).
    public var lifecycleRules: TicketLifecycle { lifecycle }
    let logger: Logger
    /// Changes counted in memory, when this process is the database's only writer (see ``conversationStamp(of:)``).
    let localChanges: LocalTicketChanges?
    /// Conversation stamps read in rounds (PostgreSQL; see ``StampRounds``).
    let stampRounds: StampRounds?

    public init(database: any DeskDatabase, lifecycle: TicketLifecycle, logger: Logger) {
        self.database = database
        self.localChanges = database.isSoleWriter ? LocalTicketChanges() : nil
        self.stampRounds = (database as? PostgresDeskDatabase).map { StampRounds(database: $0, logger: logger) }
        self.lifecycle = lifecycle
        self.logger = logger
        self.feed = EventFeed(logger: logger)
    }

    var dialect: Dialect { database.dialect }

    /// Runs a write transaction that records events, then wakes this node's subscribers. Other nodes learn through NOTIFY
    /// (PostgreSQL), sent inside the transaction so it is delivered only if the transaction commits.
    ///
    /// `ticketBatch`: group commit's transaction, on the engine's batch writer (``DeskDatabase/writeTicketBatch(_:)``);
    /// its one statement of rows sends the NOTIFY itself (``Dialect/postgresTicketBatchSQL``).
    func writeWithEvents<T: Sendable>(
        ticketBatch: Bool = false, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let notify = dialect.announcesEventsWithNotify && !ticketBatch
        let transaction = { @Sendable (sql: any SQLDatabase) async throws -> T in
            let result = try await body(sql)
            if notify { try await sql.raw("SELECT pg_notify('walletdesk_events', '')").run() }
            return result
        }
        let write = {
            ticketBatch ? try await self.database.writeTicketBatch(transaction) : try await self.database.write(transaction)
        }
        let result: T
        if let localChanges {
            // The tickets this transaction touches are counted as changing until it has committed or rolled back.
            let scope = TicketWriteScope()
            defer { localChanges.finish(scope) }
            result = try await TicketWriteScope.$current.withValue(scope) { try await write() }
        } else {
            result = try await write()
        }
        feed.poke()
        return result
    }

    /// Tells the other nodes, when the transaction commits, that who may do what changed (a token revoked, an agent's
    /// role or activity changed), so they drop what they cached about bearer tokens at once instead of within 5 s.
    func announceAccessChange(on sql: any SQLDatabase) async throws {
        guard dialect.announcesEventsWithNotify else { return }
        try await sql.raw("SELECT pg_notify('walletdesk_events', \(literal: EventFeed.accessChangedPayload))").run()
    }

    /// Appends history entries for `ticket` inside the current transaction, in one statement.
    func record(_ events: [NewTicketEvent], ticket: TicketNumber, at: Date, on sql: any SQLDatabase) async throws {
        try await record(events.map { (ticket, $0, at) }, on: sql)
    }

    /// Appends history entries of several tickets inside the current transaction, in one statement.
    func record(_ entries: [(ticket: TicketNumber, event: NewTicketEvent, at: Date)], on sql: any SQLDatabase) async throws {
        guard !entries.isEmpty else { return }
        localChanges?.begin(Set(entries.map(\.ticket)))
        var rows = JSONRows(capacity: 256 * entries.count)
        for (ticket, event, at) in entries { Self.append(event, of: ticket, at: at, to: &rows) }
        try await sql.raw(dialect.insertRows(into: .ticketEvents, rows)).run()
    }

    /// A history entry's row for ``RowTable/ticketEvents``. Whoever writes one calls `localChanges?.begin` first.
    static func append<Rows: RowWriter>(_ event: NewTicketEvent, of ticket: TicketNumber, at: Date, to rows: inout Rows) {
        rows.startRow()
        rows.integer("ticket_number", ticket.rawValue)
        rows.text("kind", event.kind.rawValue)
        rows.text("actor_kind", event.actor.kind.rawValue)
        rows.text("actor_id", event.actor.id.map(FastUUID.format))
        rows.text("changes", ChangesJSON.encode(event.changes))
        rows.text("message_id", event.messageID?.description)
        rows.integer("at", at.microseconds)
        rows.endRow()
    }

    static let historyEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}

extension SQLDeskStore {
    /// True when the error is a unique-constraint violation, in either engine's words.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        let text = String(reflecting: error)
        return text.contains("UNIQUE constraint failed") || text.contains("23505") || text.contains("duplicate key")
    }
}
