import DeskCore
import DeskStore
import Foundation
import HTTPTypes
import Hummingbird

/// The agent console:
/// - `/console`: the queue (what needs work, the agent's own, any status) and a search box;
/// - `/console/tickets/{number}`: one ticket (facts, conversation, the customer's other tickets, history); reply or add
///   an internal note, change status and priority, take it;
/// - `/console/new`: open a ticket for a caller.
///
/// Server-rendered pages with plain forms, so it works without script under the site's content policy. Agents sign in at
/// `/signin`; the session cookie is the credential and every form carries the session's CSRF token. Permissions are
/// the API's (`tickets.read` to see, `tickets.write` to act), and replies and new tickets go through the API's own
/// doors (``TicketsController/post(_:to:requestLanguage:context:)``,
/// ``TicketsController/openTicket(_:language:requestLanguage:context:)``): secrets removed, scam moderation, crypto
/// fields filled, verification codes recorded.
struct ConsolePages {
    let dependencies: Dependencies
    let metrics: DeskMetrics
    /// For the queue's search box (the synonyms admins keep, as `/api/v1/search/tickets` uses them).
    let search: HelpSearch

    var tickets: TicketsController { TicketsController(dependencies: dependencies, metrics: metrics) }

    func addRoutes(to router: Router<DeskRequestContext>) {
        router.get("console", use: queue)
        router.get("console/new", use: newTicketForm)
        router.post("console/new", use: openTicket)
        router.get("console/tickets/:ticket", use: ticket)
        router.post("console/tickets/:ticket/reply", use: reply)
        router.post("console/tickets/:ticket/update", use: update)
        router.post("console/tickets/:ticket/merge", use: merge)
    }

    /// Tickets per queue page.
    static let pageSize = 50

    // MARK: The queue

    /// The queue's filters: what still needs work (the default), the agent's own share of it, each status, everything.
    static let filters: [(value: String, statuses: [TicketStatus])] =
        [("active", activeStatuses), ("mine", activeStatuses)] + TicketStatus.allCases.map { ($0.rawValue, [$0]) } + [("all", [])]
    static let activeStatuses: [TicketStatus] = [.new, .open, .pending, .onHold]

    @Sendable func queue(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let agent = try await signedIn(request, context: context) else { return Self.toSignIn }
        let chrome = PageChrome(request: request, titleKey: "console.queue")
        guard agent.may(.readTickets) else { return forbidden(chrome) }
        let filterValue = request.uri.queryParameters["status"].map(String.init) ?? "active"
        let filter = Self.filters.first { $0.value == filterValue } ?? Self.filters[0]
        let text = (request.uri.queryParameters["q"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        let page: Page<Ticket>
        if !text.isEmpty {
            // Words, a ticket number, a tx id, an address or a customer's email, as the API's ticket search takes them.
            let synonyms = try await search.snapshot(now: dependencies.now()).synonyms
            if let expression = TextSegmenter().query(String(text.prefix(200)), mode: .allTerms, synonyms: synonyms) {
                page = try await dependencies.store.searchTickets(TicketSearch(expression: expression, statuses: filter.statuses, limit: Self.pageSize))
            } else {
                page = Page(items: [], nextCursor: nil)
            }
        } else {
            var query = TicketQuery()
            query.statuses = filter.statuses
            if filter.value == "mine" { query.assigneeID = .some(agent.agent.id) }
            query.limit = Self.pageSize
            query.before = request.uri.queryParameters["before"].flatMap { TicketNumber(parsing: $0) }
            page = try await dependencies.store.tickets(matching: query)
        }
        let l = Localizer.shared
        let rows: [[String: Any]] = page.items.map { ticket in
            [
                "number": ticket.number.description, "subject": ticket.subject, "status": ticket.status.rawValue,
                "statusLabel": l.text("console.status.\(ticket.status.rawValue)", chrome.language),
                "priority": ticket.priority.rawValue, "priorityLabel": l.text("console.priority.\(ticket.priority.rawValue)", chrome.language),
                "updated": Self.time(ticket.updatedAt), "scam": ticket.tags.contains(ScamDetector.tag),
                "security": ticket.tags.contains(SecretGuard.tag),
            ]
        }
        var values: [String: Any] = [
            "tickets": rows, "hasTickets": !rows.isEmpty, "q": text,
            "filters": Self.filters.map { option in
                ["value": option.value, "label": l.text("console.filter.\(option.value)", chrome.language), "selected": option.value == filter.value]
            },
            "signedInAs": l.format("account.signed-in-as", chrome.language, agent.agent.name, agent.agent.email.rawValue),
        ]
        if text.isEmpty, page.nextCursor != nil, let last = page.items.last {
            values["older"] = "/console?status=\(filter.value)&before=\(last.number.description)"
        }
        return dependencies.pages.render("console_queue", values, chrome: chrome)
    }

    // MARK: A new ticket (a phone call, a chat elsewhere, a letter)

    /// Files on one reply or note from the console.
    static let maxFiles = 10

    /// The channels an agent opens a ticket for by hand, the phone first.
    static let manualChannels: [Channel] = [.phone, .email, .chat, .web, .telegram, .wechat, .weibo, .x, .forum]

    @Sendable func newTicketForm(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let agent = try await signedIn(request, context: context) else { return Self.toSignIn }
        let chrome = PageChrome(request: request, titleKey: "console.new")
        guard agent.may(.writeTickets) else { return forbidden(chrome) }
        return renderNewTicket(request, chrome: chrome, fields: FormData(""), error: nil, status: .ok)
    }

    @Sendable func openTicket(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let agent = try await signedIn(request, context: context) else { return Self.toSignIn }
        let chrome = PageChrome(request: request, titleKey: "console.new")
        let body = try await request.limitedBody(upTo: dependencies.limits.jsonBodyBytes)
        var fields = FormData(String(buffer: body))
        // Whatever comes back in the form on an error has had its secrets removed first.
        for key in ["subject", "text", "name", "email", "phone"] {
            if let value = fields[key] { fields.fields[key] = SecretGuard().clean(value, language: chrome.language).text }
        }
        guard Self.csrfMatches(request, fields) else {
            return renderNewTicket(request, chrome: chrome, fields: fields, error: Localizer.shared.text("signin.expired-form", chrome.language), status: .forbidden)
        }
        guard agent.may(.writeTickets) else { return forbidden(chrome) }
        do {
            let (draft, language) = try Self.draft(fromForm: String(buffer: body))
            let (ticket, message) = try await tickets.openTicket(draft, language: language, requestLanguage: chrome.language, by: agent.caller)
            _ = try await tickets.verifiedResource(message, recordCode: true)
            return SignInPages.redirect("/console/tickets/\(ticket.number.description)?done=console.ticket-opened")
        } catch let error as DeskError {
            return renderNewTicket(request, chrome: chrome, fields: fields, error: error.detail(in: chrome.language), status: HTTPResponse.Status(code: error.status))
        }
    }

    /// The ticket a new-ticket form describes, from the form as posted (the API door removes secrets from it, and
    /// warns the customer); the customer is found by email or phone, or created.
    static func draft(fromForm body: String) throws(DeskError) -> (TicketDraft, Language) {
        let raw = FormData(body)
        func text(_ key: String) -> String? { raw[key].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 } }
        let language = text("language").flatMap(Language.init(rawValue:)) ?? .zhCN
        var email: EmailAddress?
        if let value = text("email") {
            guard let parsed = EmailAddress(rawValue: value) else { throw DeskError.invalidField("email", reason: .invalidValue) }
            email = parsed
        }
        var phone: PhoneNumber?
        if let value = text("phone") {
            guard let parsed = PhoneNumber(rawValue: value) else { throw DeskError.invalidField("phone", reason: .invalidValue) }
            phone = parsed
        }
        guard email != nil || phone != nil else { throw DeskError.invalidField("email", reason: .required) }
        let contact = CustomerContact(name: text("name"), email: email, phone: phone, telegramID: nil, wechatID: nil, walletAccountID: nil, language: language)
        let channel = text("channel").flatMap(Channel.init(rawValue:)) ?? .phone
        let category = text("category").flatMap(TicketCategory.init(rawValue:)) ?? .general
        let priority = text("priority").flatMap(TicketPriority.init(rawValue:))
        let draft = try TicketDraft(
            subject: text("subject") ?? "", category: category, priority: priority, channel: channel, requester: .contact(contact),
            assigneeID: nil, teamID: nil, tags: [], crypto: CryptoDetails(),
            firstMessage: MessageDraft(body: try MessageBody(text: text("text"), html: nil), visibility: .public, author: Actor(kind: .customer, id: nil), attachmentIDs: [])
        )
        return (draft, language)
    }

    private func renderNewTicket(_ request: Request, chrome: PageChrome, fields: FormData, error: String?, status: HTTPResponse.Status) -> Response {
        let l = Localizer.shared
        let secret = request.cookies[SessionCookie.name]?.value ?? ""
        let chosenChannel = fields["channel"] ?? Channel.phone.rawValue
        let chosenCategory = fields["category"] ?? TicketCategory.general.rawValue
        let chosenLanguage = fields["language"] ?? Language.zhCN.rawValue
        var values: [String: Any] = [
            "csrf": SessionCookie.csrfToken(for: secret),
            "subject": fields["subject"] ?? "", "text": fields["text"] ?? "", "name": fields["name"] ?? "",
            "email": fields["email"] ?? "", "phone": fields["phone"] ?? "",
            "channels": Self.manualChannels.map { ["value": $0.rawValue, "label": l.text("console.channel.\($0.rawValue)", chrome.language), "selected": $0.rawValue == chosenChannel] },
            "categories": TicketCategory.allCases.map {
                ["value": $0.rawValue, "label": l.text("console.category.\($0.rawValue)", chrome.language), "selected": $0.rawValue == chosenCategory]
            },
            "customerLanguages": Language.allCases.map { ["value": $0.rawValue, "label": PageChrome.nativeName($0), "selected": $0.rawValue == chosenLanguage] },
        ]
        if let error { values["error"] = error }
        return dependencies.pages.render("console_new", values, chrome: chrome, status: status)
    }

    // MARK: One ticket

    @Sendable func ticket(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let agent = try await signedIn(request, context: context) else { return Self.toSignIn }
        let chrome = PageChrome(request: request, titleKey: "console.queue")
        guard agent.may(.readTickets) else { return forbidden(chrome) }
        guard let number = context.parameters.get("ticket").flatMap({ TicketNumber(parsing: $0) }) else { return notFound(chrome) }
        return try await renderTicket(number, agent: agent, request: request, notice: nil, error: nil, status: .ok)
    }

    @Sendable func reply(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try await act(request, context: context) { number, fields, agent in
            let text = fields["text"] ?? ""
            let visibility = MessageVisibility(rawValue: fields["visibility"] ?? "") ?? .public
            let status = (fields["status"]).flatMap { $0.isEmpty ? nil : TicketStatus(rawValue: $0) }
            let language = PageChrome.language(for: request).language
            // The text is checked before any file is kept, so a refused reply leaves no upload behind.
            _ = try MessageBody(text: text, html: nil)
            let files = try await fields.keepFiles(
                maxFiles: Self.maxFiles, language: language, uploadedBy: agent.actor, dependencies: dependencies, logger: agent.logger
            )
            let (message, _) = try await tickets.post(
                MessageInput(agentText: text, visibility: visibility, status: status, attachmentIds: files), to: number,
                requestLanguage: language, by: agent.caller
            )
            _ = try await tickets.verifiedResource(message, recordCode: true)
            return visibility == .internal ? "console.note-added" : "console.reply-sent"
        }
    }

    @Sendable func update(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try await act(request, context: context) { number, fields, agent in
            let status = fields["status"].flatMap { TicketStatus(rawValue: $0) }
            let priority = fields["priority"].flatMap { TicketPriority(rawValue: $0) }
            let version = fields["version"].flatMap { Int($0) }
            let assignee: AgentID?? = switch fields["assignee"] {
            case "me": .some(agent.agent.id)
            case "none": .some(nil)
            default: nil
            }
            let lifecycle = dependencies.lifecycle
            let now = dependencies.now()
            _ = try await dependencies.store.updateTicket(number, expectedVersion: version, actor: agent.actor, now: now) { ticket in
                guard ticket.mergedInto == nil else { throw DeskError.ticketMerged(into: ticket.mergedInto!) }
                if let priority { ticket.priority = priority }
                if let assignee { ticket.assigneeID = assignee }
                if let status, status != ticket.status { try lifecycle.changeStatus(of: &ticket, to: status, now: now) }
            }
            return "console.saved"
        }
    }

    /// Merges this ticket into another (a customer who wrote twice): history kept, the customer told, as
    /// `POST /api/v1/tickets/{ticket}/merge` does. Needs `tickets.merge`.
    @Sendable func merge(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try await act(request, context: context, permission: .mergeTickets) { number, fields, agent in
            guard let target = fields["into"].flatMap({ TicketNumber(parsing: $0.trimmingCharacters(in: .whitespaces)) }) else {
                throw DeskError.invalidField("into", reason: .invalidValue)
            }
            _ = try await dependencies.store.merge(number, into: target, actor: agent.actor, now: dependencies.now())
            return "console.merged-done"
        }
    }

    /// A ticket form's post: signed in, the permission (`tickets.write` unless said), the session's CSRF token; then
    /// `action`, and back to the ticket (303) with what happened, or the ticket page again with the error and the status
    /// it deserves.
    private func act(
        _ request: Request, context: DeskRequestContext, permission: Permission = .writeTickets,
        _ action: (TicketNumber, PostedForm, AgentRequestContext) async throws -> String
    ) async throws -> Response {
        guard let agent = try await signedIn(request, context: context) else { return Self.toSignIn }
        let chrome = PageChrome(request: request, titleKey: "console.queue")
        guard let number = context.parameters.get("ticket").flatMap({ TicketNumber(parsing: $0) }) else { return notFound(chrome) }
        let fields: PostedForm
        do {
            fields = try await PostedForm.read(
                request, textLimit: dependencies.limits.jsonBodyBytes, formLimit: dependencies.limits.attachmentBytes + dependencies.limits.jsonBodyBytes
            )
        } catch let error as DeskError {
            return try await renderTicket(
                number, agent: agent, request: request, notice: nil, error: error.detail(in: chrome.language), status: HTTPResponse.Status(code: error.status)
            )
        }
        // What the agent typed comes back with an error, so a refused reply is not lost (secrets removed first).
        let draft = SecretGuard().clean(fields["text"] ?? "", language: chrome.language).text
        guard Self.csrfMatches(request, fields.fields) else {
            let message = Localizer.shared.text("signin.expired-form", chrome.language)
            return try await renderTicket(number, agent: agent, request: request, notice: nil, error: message, status: .forbidden, draft: draft)
        }
        guard agent.may(permission) else { return forbidden(chrome) }
        do {
            let notice = try await action(number, fields, agent)
            return SignInPages.redirect("/console/tickets/\(number.description)?done=\(notice)")
        } catch let error as DeskError {
            if case .notFound = error { return notFound(chrome) }
            return try await renderTicket(
                number, agent: agent, request: request, notice: nil, error: error.detail(in: chrome.language),
                status: HTTPResponse.Status(code: error.status), draft: draft
            )
        }
    }

    private func renderTicket(
        _ number: TicketNumber, agent: AgentRequestContext, request: Request, notice: String?, error: String?, status: HTTPResponse.Status,
        draft: String = ""
    ) async throws -> Response {
        var chrome = PageChrome(request: request, titleKey: "console.queue")
        let language = chrome.language
        let l = Localizer.shared
        let ticket: Ticket
        do {
            ticket = try await dependencies.store.ticket(number)
        } catch DeskError.notFound {
            return notFound(chrome)
        }
        chrome.title = "\(ticket.number.description) · \(ticket.subject)"
        let requester = try? await dependencies.store.customer(ticket.requesterID)
        let messages = try await dependencies.store.messages(of: number, includeInternal: true)
        let history = try await dependencies.store.history(of: number, after: nil, limit: 200)
        var agentNames: [UUID: String] = [:]
        func agentName(_ id: UUID?) async -> String {
            guard let id else { return l.text("console.author.system", language) }
            if let known = agentNames[id] { return known }
            let name = (try? await dependencies.store.agent(AgentID(rawValue: id)).name) ?? l.text("console.author.agent", language)
            agentNames[id] = name
            return name
        }
        // Contact details as the API shows them to this agent: masked unless the role may see customers' personal data.
        let pii = agent.may(.seeCustomerPII)
        let email = requester?.email.map { pii ? $0.rawValue : PIIMask.email($0.rawValue) }
        let phone = requester?.phone.map { pii ? $0.rawValue : PIIMask.phone($0.rawValue) }
        let requesterName = requester?.name ?? email ?? phone ?? ticket.requesterID.description
        var conversation: [[String: Any]] = []
        for message in messages {
            let author: String
            switch message.authorKind {
            case .customer: author = requesterName
            case .agent: author = await agentName(message.authorID)
            case .system: author = l.text("console.author.system", language)
            }
            conversation.append([
                "author": author, "kind": message.authorKind.rawValue, "internal": message.visibility == .internal,
                "time": Self.time(message.createdAt), "text": message.bodyText,
                "attachments": message.attachments.map {
                    ["name": $0.filename, "href": "/api/v1/attachments/\($0.id.description)", "size": SupportUploads.sizeText($0.size)]
                },
            ])
        }
        var events: [[String: Any]] = []
        for event in history.reversed() {
            let actor: String
            switch event.actor.kind {
            case .agent: actor = await agentName(event.actor.id)
            case .customer: actor = requesterName
            case .system: actor = l.text("console.author.system", language)
            }
            events.append([
                "time": Self.time(event.at), "actor": actor, "kind": l.text("console.event.\(event.kind.rawValue)", language),
                "changes": event.changes.map { ["field": $0.field, "before": $0.before ?? "—", "after": $0.after ?? "—"] },
            ])
        }
        // The customer's other tickets, newest first: what they asked before is often why they write now.
        var others = TicketQuery()
        others.requesterID = ticket.requesterID
        others.limit = 11
        let earlier: [[String: Any]] = try await dependencies.store.tickets(matching: others).items.filter { $0.number != ticket.number }.prefix(10).map {
            [
                "number": $0.number.description, "subject": $0.subject, "updated": Self.time($0.updatedAt),
                "statusLabel": l.text("console.status.\($0.status.rawValue)", language),
            ]
        }
        let links = dependencies.explorers.links(for: ticket.crypto)
        let crypto: [[String: Any]] = ticket.crypto.fields.compactMap { field in
            guard let value = field.value else { return nil }
            var row: [String: Any] = ["name": l.text("console.\(field.name)", language), "value": value]
            if field.name == "crypto.txId", let link = links.tx { row["href"] = link }
            if field.name == "crypto.walletAddress", let link = links.address { row["href"] = link }
            return row
        }
        let assignee = ticket.assigneeID == nil ? "—" : await agentName(ticket.assigneeID?.rawValue)
        let secret = request.cookies[SessionCookie.name]?.value ?? ""
        var values: [String: Any] = [
            "number": ticket.number.description, "subject": ticket.subject, "version": String(ticket.version),
            "csrf": SessionCookie.csrfToken(for: secret),
            "statusLabel": l.text("console.status.\(ticket.status.rawValue)", language),
            "priorityLabel": l.text("console.priority.\(ticket.priority.rawValue)", language),
            "category": l.text("console.category.\(ticket.category.rawValue)", language),
            "channel": l.text("console.channel.\(ticket.channel.rawValue)", language),
            "requester": requesterName, "requesterEmail": email ?? phone ?? "", "requesterLanguage": requester?.language.rawValue ?? "",
            "assignee": assignee, "assignedToMe": ticket.assigneeID == agent.agent.id, "unassigned": ticket.assigneeID == nil, "tags": ticket.tags.joined(separator: ", "), "hasTags": !ticket.tags.isEmpty,
            "scam": ticket.tags.contains(ScamDetector.tag), "security": ticket.tags.contains(SecretGuard.tag),
            "crypto": crypto, "hasCrypto": !crypto.isEmpty,
            "created": Self.time(ticket.createdAt), "reopenCount": ticket.reopenCount,
            "messages": conversation, "events": events, "otherTickets": earlier, "hasOtherTickets": !earlier.isEmpty,
            "statuses": TicketStatus.allCases.map { option in
                ["value": option.rawValue, "label": l.text("console.status.\(option.rawValue)", language), "selected": option == ticket.status]
            },
            "priorities": TicketPriority.allCases.map { option in
                ["value": option.rawValue, "label": l.text("console.priority.\(option.rawValue)", language), "selected": option == ticket.priority]
            },
            "afterReply": [("", "console.after-reply.keep"), ("pending", "console.after-reply.pending"), ("solved", "console.after-reply.solved")].map {
                ["value": $0.0, "label": l.text($0.1, language)]
            },
            "merged": ticket.mergedInto?.description ?? "", "isMerged": ticket.mergedInto != nil, "draft": draft,
            "mayMerge": agent.may(.mergeTickets) && ticket.mergedInto == nil,
        ]
        let done = request.uri.queryParameters["done"].map(String.init)
        if let notice = notice ?? done.flatMap({ ["console.saved", "console.reply-sent", "console.note-added", "console.ticket-opened", "console.merged-done"].contains($0) ? $0 : nil }) {
            values["notice"] = l.text(notice, language)
        }
        if let error { values["error"] = error }
        return dependencies.pages.render("console_ticket", values, chrome: chrome, status: status)
    }

    // MARK: Helpers

    /// The signed-in agent behind the session cookie, as the API would see them; nil when nobody is signed in.
    private func signedIn(_ request: Request, context: DeskRequestContext) async throws -> AgentRequestContext? {
        guard let secret = request.cookies[SessionCookie.name]?.value,
            let found = try await SessionCookie.activeSession(secret: secret, dependencies: dependencies)
        else { return nil }
        var context = context
        context.authentication = AgentAuthentication(agent: found.agent, credential: .session(found.session))
        return try AgentRequestContext(context: context)
    }

    static var toSignIn: Response { SignInPages.redirect("/signin") }

    private func forbidden(_ chrome: PageChrome) -> Response { messagePage("console.forbidden", status: .forbidden, chrome: chrome) }

    private func notFound(_ chrome: PageChrome) -> Response { messagePage("console.not-found", status: .notFound, chrome: chrome) }

    /// A page that only says why nothing else is shown.
    private func messagePage(_ key: String, status: HTTPResponse.Status, chrome: PageChrome) -> Response {
        var chrome = chrome
        chrome.title = Localizer.shared.text(key, chrome.language)
        return dependencies.pages.render("console_message", ["message": chrome.title], chrome: chrome, status: status)
    }

    /// Whether a posted form carries the CSRF token of the session behind the request's cookie.
    static func csrfMatches(_ request: Request, _ fields: FormData) -> Bool {
        guard let secret = request.cookies[SessionCookie.name]?.value else { return false }
        return SessionCookie.csrfMatches(fields["csrf"], secret: secret)
    }

    /// A time as agents read it in a list: `2026-11-22 10:50 UTC`.
    static func time(_ date: Date) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }
}
