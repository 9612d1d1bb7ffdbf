import DeskCore
import DeskStore
import Foundation
import Hummingbird
import Logging

/// `/api/v1/tickets`: open, read, list, change and merge tickets; their messages and history.
struct TicketsController {
    let dependencies: Dependencies
    let metrics: DeskMetrics

    func addRoutes(to routes: GuardedRoutes) {
        routes.post("", .writeTickets, use: create)
        routes.get("", .readTickets, use: list)
        routes.get(":ticket", .readTickets, use: get)
        routes.patch(":ticket", .writeTickets, use: update)
        routes.post(":ticket/merge", .mergeTickets, use: merge)
        routes.get(":ticket/messages", .readTickets, use: listMessages)
        routes.post(":ticket/messages", .writeTickets, use: addMessage)
        routes.get(":ticket/events", .readTickets, use: history)
    }

    @Sendable func create(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: CreateTicketInput.self, limit: dependencies.limits.jsonBodyBytes)
        let author: Actor
        switch input.message.author {
        case .agent: author = context.actor
        case .customer, .system: author = Actor(kind: .customer, id: input.requester.id?.rawValue)
        }
        var crypto = CryptoDetails()
        input.crypto?.apply(to: &crypto)
        let draft = try TicketDraft(
            subject: input.subject, category: input.category, priority: input.priority, channel: input.channel,
            requester: input.requester.reference, assigneeID: input.assigneeId, teamID: input.teamId, tags: input.tags, crypto: crypto,
            firstMessage: MessageDraft(
                body: try MessageBody(text: input.message.text, html: input.message.html), visibility: input.message.visibility,
                author: author, attachmentIDs: input.message.attachmentIds
            )
        )
        let language = try await requesterLanguage(input.requester, fallback: request.language)
        let (ticket, message) = try await openTicket(draft, language: language, requestLanguage: request.language, by: context.caller)
        return try .json(
            TicketWithMessage(ticket: TicketResource(ticket, explorers: dependencies.explorers), message: try await verifiedResource(message, recordCode: true)), status: .created,
            headers: [.location: "/api/v1/tickets/\(ticket.number)", .eTag: "\"\(ticket.version)\""]
        )
    }

    /// Opens a ticket through every check of the API door: secrets removed (the customer warned, the ticket routed to
    /// security), scam moderation, crypto fields filled from the text. `language` is the requester's. The agent
    /// console's "new ticket" form and the customers' support pages open tickets through here too.
    func openTicket(_ draft: TicketDraft, language: Language, requestLanguage: Language, by caller: Caller) async throws -> (ticket: Ticket, message: Message) {
        var (cleanDraft, secrets) = SecretGuard().clean(draft, language: language)
        let scam = try await scamFinding(in: cleanDraft.firstMessage.body, author: cleanDraft.firstMessage.author)
        if scam?.action != .hold {
            // After the secrets are gone (a private key is also 64 hex digits), and not from an impostor's message (a
            // flagged one, such as a victim passing on a scammer's words, is the customer's own).
            cleanDraft.crypto = CryptoFieldExtractor().fill(cleanDraft.crypto, from: [cleanDraft.subject, cleanDraft.firstMessage.body.text])
        }
        Self.apply(scam, to: &cleanDraft.firstMessage)
        var (ticket, message) = try await dependencies.store.createTicket(cleanDraft, actor: caller.actor, now: dependencies.now())
        metrics.ticketCreated(channel: ticket.channel)
        if !secrets.isEmpty {
            let originals = [draft.subject, draft.firstMessage.body.text] + Self.cryptoTexts(draft.crypto) + Self.contactTexts(draft.requester)
            try await routeToSecurity(ticket.number, seenBefore: try await recordFingerprints(of: originals, on: ticket.number), language: language)
            ticket = try await warnAboutSecrets(secrets, on: ticket.number, language: language, logger: caller.logger)
        }
        if let scam { ticket = try await recordScam(scam, on: ticket.number, language: requestLanguage, logger: caller.logger) }
        return (ticket, message)
    }

    @Sendable func get(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let number = try context.ticketNumber()
        let cacheKey = ConversationCache.Key(ticket: number, view: .ticket)
        // The stamp first, as for the conversation (see ConversationCache).
        let stamp = try await dependencies.store.conversationStamp(of: number)
        if let stamp, let hit = dependencies.conversations.entry(for: cacheKey, stamp: stamp), let etag = hit.etag {
            return .json(encoded: hit.body, headers: [.eTag: etag])
        }
        let ticket = try await dependencies.store.ticket(number)
        let body = JSONWriter.encode(TicketResource(ticket, explorers: dependencies.explorers))
        let etag = "\"\(ticket.version)\""
        if let stamp { dependencies.conversations.store(body, etag: etag, for: cacheKey, stamp: stamp) }
        return .json(encoded: body, headers: [.eTag: etag])
    }

    @Sendable func list(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var query = TicketQuery()
        query.statuses = try request.query("status") { text in
            let values = text.split(separator: ",").map { TicketStatus(rawValue: String($0)) }
            return values.contains(nil) ? nil : values.compactMap { $0 }
        } ?? []
        query.priorities = try request.query("priority") { text in
            let values = text.split(separator: ",").map { TicketPriority(rawValue: String($0)) }
            return values.contains(nil) ? nil : values.compactMap { $0 }
        } ?? []
        query.category = try request.query("category", TicketCategory.init(rawValue:))
        query.channel = try request.query("channel", Channel.init(rawValue:))
        query.requesterID = try request.query("requesterId") { CustomerID($0) }
        if let assignee = try request.query("assigneeId", { text -> AgentID?? in text == "none" ? .some(nil) : AgentID(text).map { .some($0) } }) {
            query.assigneeID = assignee
        }
        query.teamID = try request.query("teamId") { TeamID($0) }
        query.tag = try request.query("tag") { $0.lowercased() }
        query.txID = try request.query("txId") { $0 }
        query.limit = try request.query("limit") { Int($0).flatMap { (1...TicketQuery.maxLimit).contains($0) ? $0 : nil } } ?? 50
        query.before = try request.query("cursor") { Cursor.decode($0).flatMap { TicketNumber(parsing: $0) } }
        let page = try await dependencies.store.tickets(matching: query)
        return try .json(PageResource(items: page.items.map { TicketResource($0, explorers: dependencies.explorers) }, nextCursor: Cursor.encode(page.nextCursor)))
    }

    @Sendable func update(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let number = try context.ticketNumber()
        var request = request
        let input = try await request.decodeJSON(as: UpdateTicketInput.self, limit: dependencies.limits.jsonBodyBytes)
        let expected = try request.expectedVersion(body: input.version)
        let lifecycle = dependencies.lifecycle
        let now = dependencies.now()
        let language = request.language
        let ticket = try await dependencies.store.updateTicket(number, expectedVersion: expected, actor: context.actor, now: now) { ticket in
            guard ticket.mergedInto == nil else { throw DeskError.ticketMerged(into: ticket.mergedInto!) }
            if let subject = input.subject {
                let trimmed = String(subject.trimmingWhitespace())
                guard !trimmed.isEmpty else { throw DeskError.invalidField("subject", reason: .required) }
                guard trimmed.count <= TicketDraft.maxSubjectLength else { throw DeskError.invalidField("subject", reason: .tooLong) }
                let (subject, secrets) = SecretGuard().clean(trimmed, language: language)
                ticket.subject = subject
                if !secrets.isEmpty { SecretGuard.flag(&ticket.priority, &ticket.tags) }
            }
            if let priority = input.priority { ticket.priority = priority }
            if let category = input.category { ticket.category = category }
            input.assigneeId.apply(to: &ticket.assigneeID)
            input.teamId.apply(to: &ticket.teamID)
            if let tags = input.tags { ticket.tags = try Tags.normalise(tags) }
            if let crypto = input.crypto {
                crypto.apply(to: &ticket.crypto)
                let (cleaned, secrets) = SecretGuard().clean(ticket.crypto, language: language)
                ticket.crypto = try CryptoDetails.validated(cleaned)
                if !secrets.isEmpty { SecretGuard.flag(&ticket.priority, &ticket.tags) }
            }
            if let status = input.status { try lifecycle.changeStatus(of: &ticket, to: status, now: now) }
        }
        return try .json(TicketResource(ticket, explorers: dependencies.explorers), headers: [.eTag: "\"\(ticket.version)\""])
    }

    @Sendable func merge(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let source = try context.ticketNumber()
        var request = request
        let input = try await request.decodeJSON(as: MergeInput.self, limit: dependencies.limits.jsonBodyBytes)
        let result = try await dependencies.store.merge(source, into: input.into, actor: context.actor, now: dependencies.now())
        return try .json(MergeResult(source: TicketResource(result.source, explorers: dependencies.explorers), target: TicketResource(result.target, explorers: dependencies.explorers)))
    }

    @Sendable func listMessages(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let number = try context.ticketNumber()
        let cacheKey = ConversationCache.Key(ticket: number, view: .conversation)
        // The stamp first: see ConversationCache for why this order never serves a stale conversation.
        let stamp = try await dependencies.store.conversationStamp(of: number)
        if let stamp, let hit = dependencies.conversations.entry(for: cacheKey, stamp: stamp) {
            return .json(encoded: hit.body)
        }
        let messages = try await dependencies.store.messages(of: number, includeInternal: true)
        let key = try await dependencies.safetyKeys.messageKey(store: dependencies.store)
        let body = JSONWriter.encode(PageResource(items: messages.map { Self.resource($0, key: key) }, nextCursor: nil))
        if let stamp { dependencies.conversations.store(body, for: cacheKey, stamp: stamp) }
        return .json(encoded: body)
    }

    @Sendable func addMessage(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let number = try context.ticketNumber()
        var request = request
        let input = try await request.decodeJSON(as: MessageInput.self, limit: dependencies.limits.jsonBodyBytes)
        let (message, ticket) = try await post(input, to: number, requestLanguage: request.language, by: context.caller)
        return try .json(
            MessageWithTicket(message: try await verifiedResource(message, recordCode: true), ticket: TicketResource(ticket, explorers: dependencies.explorers)), status: .created,
            headers: [.eTag: "\"\(ticket.version)\""]
        )
    }

    /// Adds a message through every check of the API door (secrets removed and the customer warned, scam moderation,
    /// crypto fields filled, a follow-up for a closed ticket). The agent console and the customers' support pages post
    /// replies through here too.
    func post(_ input: MessageInput, to number: TicketNumber, requestLanguage: Language, by caller: Caller) async throws -> (message: Message, ticket: Ticket) {
        let author: Actor
        if caller.actor.kind == .customer {
            // The customer themselves (the support pages): only their own words, never as an agent.
            author = caller.actor
        } else if input.author == .customer {
            // An integration relaying the customer's words (e.g. the wallet app's backend).
            author = Actor(kind: .customer, id: try await dependencies.store.ticket(number).requesterID.rawValue)
        } else {
            author = caller.actor
        }
        var draft = MessageDraft(
            body: try MessageBody(text: input.text, html: input.html), visibility: input.visibility, author: author, attachmentIDs: input.attachmentIds
        )
        let guardian = SecretGuard()
        var secrets: [SecretFinding] = []
        var language = requestLanguage
        let original = draft.body.text
        if !guardian.clean(draft.body, language: language).findings.isEmpty {
            // Only now is the customer's language worth a read: markers and the warning are written in it.
            language = try await dependencies.store.customer(try await dependencies.store.ticket(number).requesterID).language
            (draft.body, secrets) = guardian.clean(draft.body, language: language)
        }
        let scam = try await scamFinding(in: draft.body, author: author)
        Self.apply(scam, to: &draft)
        var message: Message
        var ticket: Ticket
        do {
            (message, ticket) = try await dependencies.store.addMessage(draft, to: number, setStatus: input.status, now: dependencies.now())
        } catch DeskError.ticketClosed where draft.kind == .customerReply {
            // The customer wrote again after the ticket was closed (or solved and past the reopen window): their words
            // start a follow-up ticket instead of being lost. Secrets were already removed from `draft`.
            let previous = try await dependencies.store.ticket(number)
            (ticket, message) = try await dependencies.store.createTicket(
                try TicketDraft.followUp(to: previous, message: draft), actor: caller.actor, now: dependencies.now()
            )
        }
        if !secrets.isEmpty {
            // On the ticket the message landed on: the follow-up, when one was opened.
            let target = ticket.number
            ticket = try await dependencies.store.updateTicket(target, expectedVersion: nil, actor: .system, now: dependencies.now()) {
                SecretGuard.flag(&$0.priority, &$0.tags)
            }
            try await routeToSecurity(target, seenBefore: try await recordFingerprints(of: [original], on: target), language: language)
            ticket = try await warnAboutSecrets(secrets, on: target, language: language, logger: caller.logger, agentAuthored: author.kind == .agent)
            message.ticket = target
        }
        if let scam { ticket = try await recordScam(scam, on: ticket.number, language: requestLanguage, logger: caller.logger) }
        if draft.kind == .customerReply, scam?.action != .hold {
            ticket = try await fillCryptoFields(of: ticket, from: draft.body.text)
        }
        if draft.kind == .agentReply, ticket.channel == .web { try await tellCustomerOfAnswer(on: ticket) }
        return (message, ticket)
    }

    /// Emails the requester of a request made on the support pages that it was answered: the number and where to read
    /// it, never the answer itself (see ``CustomerNotice``).
    func tellCustomerOfAnswer(on ticket: Ticket) async throws {
        guard let customer = try? await dependencies.store.customer(ticket.requesterID), let email = customer.email else { return }
        let notice = CustomerNotice.replied(ticket.number)
        try await dependencies.store.queueCustomerMail(
            to: email, language: customer.language, kind: notice.kind, message: notice.message(in: customer.language), now: dependencies.now()
        )
    }

    @Sendable func history(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let after = try request.query("cursor") { Cursor.decode($0).flatMap { Int64($0) } }
        let limit = try request.query("limit") { Int($0).flatMap { (1...1000).contains($0) ? $0 : nil } } ?? 200
        let events = try await dependencies.store.history(of: try context.ticketNumber(), after: after, limit: limit)
        let next = events.count == limit ? events.last.map { String($0.id) } : nil
        return try .json(PageResource(items: events.map(EventResource.init), nextCursor: Cursor.encode(next)))
    }
}

extension TicketsController {
    /// Fills the ticket's empty chain, tx id and wallet address from a customer's reply (after its secrets were
    /// removed), as one system change in the ticket's history. Agents' replies are not read: they quote addresses
    /// that are not the customer's.
    func fillCryptoFields(of ticket: Ticket, from text: String) async throws -> Ticket {
        let extractor = CryptoFieldExtractor()
        guard extractor.fill(ticket.crypto, from: [text]) != ticket.crypto else { return ticket }
        return try await dependencies.store.updateTicket(ticket.number, expectedVersion: nil, actor: .system, now: dependencies.now()) {
            $0.crypto = extractor.fill($0.crypto, from: [text])
        }
    }

    /// The language to write markers and warnings in: the one given, the known customer's, or the request's.
    func requesterLanguage(_ requester: RequesterInput, fallback: Language) async throws -> Language {
        if let language = requester.language { return language }
        if let id = requester.id, let customer = try? await dependencies.store.customer(id) { return customer.language }
        return fallback
    }

    /// Tells the customer, on the ticket, that a secret was removed and what to do now. Only kinds and positions are
    /// logged, never the text.
    ///
    /// When an agent's reply or note held it (a phrase read out on the phone, a customer's message quoted), the warning
    /// is an internal note for the team instead: telling the customer "we removed this from your message" would be
    /// false, and the agent decides how to tell them to move their funds.
    func warnAboutSecrets(
        _ secrets: [SecretFinding], on number: TicketNumber, language: Language, logger: Logger, agentAuthored: Bool = false
    ) async throws -> Ticket {
        logger.warning(
            "secret removed at the API door",
            metadata: ["ticket": "\(number)", "kinds": "\(Set(secrets.map(\.kind.rawValue)).sorted().joined(separator: ","))"]
        )
        let text = agentAuthored ? SecretGuard.agentWarning(for: secrets, language: language) : SecretGuard.warning(for: secrets, language: language)
        let warning = MessageDraft(
            body: try MessageBody(text: text, html: nil), visibility: agentAuthored ? .internal : .public, author: .system
        )
        return try await dependencies.store.addMessage(warning, to: number, setStatus: nil, now: dependencies.now()).ticket
    }
}

/// Who comes through a ticket door: the actor the history records and the request's logger. An agent (the API, the
/// console) or a signed-in customer (the support pages).
struct Caller: Sendable {
    var actor: Actor
    var logger: Logger
}

extension AgentRequestContext {
    var caller: Caller { Caller(actor: actor, logger: logger) }
}

struct MessageWithTicket: Codable, Sendable {
    var message: MessageResource
    var ticket: TicketResource
}
