import DeskCore
import DeskStore
import Foundation
import HTTPTypes
import Hummingbird

/// The customers' support pages, the way a wallet user reaches the real support team from its own site:
/// - `/support`: the request form. Anyone may send one; the email given finds the customer, or makes one. The request
///   goes through the API's create door (``TicketsController/openTicket(_:language:requestLanguage:by:)``): secrets
///   removed and the customer warned, scam moderation, crypto fields filled. A confirmation goes to the email.
/// - `/support/signin`: sign in to "My requests" with a one-time code sent to that email (the customer API's codes).
/// - `/support/tickets`, `/support/tickets/{number}`: the customer's own requests, their public conversation, a live
///   call code when an agent is calling, and a reply form (through the API's message door, so a reply reopens a solved
///   request or starts a follow-up of a closed one).
///
/// Plain server-rendered forms, no script. Before sign-in, forms carry the `wd_form` double-submit token; after it, the
/// customer session's CSRF token. Anything that is not the signed-in customer's own answers exactly like nothing.
struct SupportPages {
    let dependencies: Dependencies
    let metrics: DeskMetrics

    var tickets: TicketsController { TicketsController(dependencies: dependencies, metrics: metrics) }
    var customers: CustomerController { CustomerController(dependencies: dependencies) }

    func addRoutes(to router: Router<DeskRequestContext>) {
        router.get("support", use: requestForm)
        router.post("support", use: sendRequest)
        router.get("support/signin", use: signInForm)
        router.post("support/signin", use: sendCode)
        router.post("support/signin/code", use: signIn)
        router.post("support/signout", use: signOut)
        router.get("support/tickets", use: myRequests)
        router.get("support/tickets/:ticket", use: showRequest)
        router.post("support/tickets/:ticket/reply", use: reply)
        router.get("support/tickets/:ticket/files/:file", use: file)
    }

    /// The categories a customer picks from, the urgent ones first (they also set the first priority).
    static let categories: [TicketCategory] = [
        .stolenFunds, .accountFreeze, .scamReport, .withdrawalFailed, .depositMissing, .transactionPending, .accountLocked, .twoFactor,
        .identityVerification, .fees, .appProblem, .complaint, .general,
    ]

    /// The longest subject taken from the first line of the text when the customer gave none.
    static let derivedSubjectLength = 80

    // MARK: The request form

    @Sendable func requestForm(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let chrome = PageChrome(request: request, titleKey: "support.title")
        let customer = try await signedIn(request)
        return renderRequestForm(request, chrome: chrome, customer: customer, fields: FormData(""), error: nil, status: .ok)
    }

    @Sendable func sendRequest(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let chrome = PageChrome(request: request, titleKey: "support.title")
        let customer = try await signedIn(request)
        let posted: PostedForm
        do {
            posted = try await SupportUploads.read(request, limits: dependencies.limits)
        } catch let error as DeskError {
            let message = Self.formError(error, language: chrome.language)
            return renderRequestForm(request, chrome: chrome, customer: customer, fields: FormData(""), error: message, status: HTTPResponse.Status(code: error.status))
        }
        // Whatever comes back in the form on an error has had its secrets removed first.
        var shown = posted.fields
        for key in ["subject", "text", "name", "email"] {
            if let value = posted[key] { shown.fields[key] = SecretGuard().clean(value, language: chrome.language).text }
        }
        guard formTokenMatches(request, posted.fields, customer: customer) else {
            let error = Localizer.shared.text("support.expired-form", chrome.language)
            return renderRequestForm(request, chrome: chrome, customer: customer, fields: shown, error: error, status: .forbidden)
        }
        do {
            let email = try customer.map { signedIn in signedIn.customer.email } ?? Self.email(posted["email"])
            try posted.checkFiles(maxFiles: SupportUploads.maxFiles, limits: dependencies.limits)
            try await claimRequest(email: email, clientIP: context.clientIP)
            var draft = try Self.draft(posted.fields, email: email, customer: customer?.customer, language: chrome.language)
            let caller = Caller(actor: Actor(kind: .customer, id: customer?.customer.id.rawValue), logger: context.logger)
            draft.firstMessage.attachmentIDs = try await posted.keepFiles(
                maxFiles: SupportUploads.maxFiles, language: chrome.language, uploadedBy: caller.actor, dependencies: dependencies, logger: caller.logger
            )
            let requester = try await requesterLanguage(customer: customer?.customer, email: email, fallback: chrome.language)
            let (ticket, _) = try await tickets.openTicket(draft, language: requester, requestLanguage: chrome.language, by: caller)
            if let email {
                let notice = CustomerNotice.requestReceived(ticket.number)
                try await dependencies.store.queueCustomerMail(
                    to: email, language: requester, kind: notice.kind, message: notice.message(in: requester), now: dependencies.now()
                )
            }
            if customer != nil { return SignInPages.redirect("/support/tickets/\(ticket.number.description)?done=sent") }
            let l = Localizer.shared
            var sentChrome = chrome
            sentChrome.title = l.text("support.sent-title", chrome.language)
            let values: [String: Any] = [
                "sentText": l.format("support.sent-text", chrome.language, ticket.number.description, email?.rawValue ?? ""),
                "secretRemoved": ticket.tags.contains(SecretGuard.tag),
            ]
            return dependencies.pages.render("support_sent", values, chrome: sentChrome, status: .created)
        } catch let error as DeskError {
            let message = Self.formError(error, language: chrome.language, filesChosen: !posted.files.isEmpty)
            return renderRequestForm(request, chrome: chrome, customer: customer, fields: shown, error: message, status: HTTPResponse.Status(code: error.status))
        }
    }

    /// The email of a request form: required before sign-in.
    static func email(_ text: String?) throws(DeskError) -> EmailAddress? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DeskError.invalidField("email", reason: .required) }
        guard let email = EmailAddress(rawValue: trimmed) else { throw DeskError.invalidField("email", reason: .invalidValue) }
        return email
    }

    /// The ticket a request form describes: from the signed-in customer, or from the email given (found or made).
    static func draft(_ form: FormData, email: EmailAddress?, customer: Customer?, language: Language) throws(DeskError) -> TicketDraft {
        try draft(
            subject: form["subject"], text: form["text"], category: form["category"], name: form["name"], email: email, customer: customer,
            channel: .web, language: language
        )
    }

    /// A customer's new request, from the support pages or the customer API. With no subject, the first line of the text
    /// is the subject; an unknown category is "general".
    static func draft(
        subject: String?, text: String?, category: String?, name: String?, email: EmailAddress?, customer: Customer?, channel: Channel,
        language: Language
    ) throws(DeskError) -> TicketDraft {
        func given(_ value: String?) -> String? { value.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 } }
        let message = try MessageBody(text: given(text), html: nil)
        var subject = given(subject) ?? ""
        if subject.isEmpty, let line = message.text.split(whereSeparator: \.isNewline).first {
            subject = String(line.trimmingCharacters(in: .whitespaces).prefix(derivedSubjectLength))
        }
        let requester: RequesterReference
        if let customer {
            requester = .existing(customer.id)
        } else {
            requester = .contact(CustomerContact(name: given(name).map { String($0.prefix(100)) }, email: email, language: language))
        }
        return try TicketDraft(
            subject: subject, category: given(category).flatMap(TicketCategory.init(rawValue:)) ?? .general, channel: channel, requester: requester,
            firstMessage: MessageDraft(body: message, visibility: .public, author: Actor(kind: .customer, id: customer?.id.rawValue))
        )
    }

    /// Counts a request against its email and the sender's address (``SupportRequestRules``), across nodes.
    func claimRequest(email: EmailAddress?, clientIP: String) async throws {
        var limits = [SupportRequestRules.addressKey(clientIP): SupportRequestRules.perAddress]
        if let email { limits[SupportRequestRules.emailKey(email)] = SupportRequestRules.perEmail }
        let now = dependencies.now()
        if let retryAt = try await dependencies.store.claimSend(limits, memory: CustomerCodeSendRules.memory, now: now) {
            throw DeskError.tooManyRequests(retryAfterSeconds: Int(max(1, (retryAt.timeIntervalSince(now) - 0.001).rounded(.up))))
        }
    }

    /// The language to write the request's warnings and notices in: the known customer's, else the page's.
    private func requesterLanguage(customer: Customer?, email: EmailAddress?, fallback: Language) async throws -> Language {
        if let customer { return customer.language }
        if let email, let known = try await dependencies.store.customer(email: email) { return known.language }
        return fallback
    }

    private func renderRequestForm(
        _ request: Request, chrome: PageChrome, customer: SignedInCustomer?, fields: FormData, error: String?, status: HTTPResponse.Status
    ) -> Response {
        let l = Localizer.shared
        let chosen = fields["category"] ?? TicketCategory.general.rawValue
        var values: [String: Any] = [
            "subject": fields["subject"] ?? "", "text": fields["text"] ?? "", "name": fields["name"] ?? "", "email": fields["email"] ?? "",
            "categories": Self.categories.map {
                ["value": $0.rawValue, "label": l.text("console.category.\($0.rawValue)", chrome.language), "selected": $0.rawValue == chosen]
            },
        ]
        if let error { values["error"] = error }
        values["filesHelp"] = l.format("support.files-help", chrome.language, String(SupportUploads.maxFiles), SupportUploads.sizeText(SupportUploads.maxFormBytes))
        return renderWithToken("support_request", values, request: request, chrome: chrome, customer: customer, status: status)
    }

    // MARK: Signing in

    @Sendable func signInForm(_ request: Request, context: DeskRequestContext) async throws -> Response {
        if try await signedIn(request) != nil { return SignInPages.redirect("/support/tickets") }
        return renderSignIn(request, email: nil, codeSent: false, error: nil, status: .ok)
    }

    /// The email step: a code goes out when the email is a customer's, and the page answers the same either way.
    @Sendable func sendCode(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let language = PageChrome.language(for: request).language
        let fields = try await SignInPages.form(request)
        let typed = String((fields["email"] ?? "").prefix(254))
        guard FormToken.check(request, field: fields["csrf"]) else {
            return renderSignIn(request, email: typed, codeSent: false, error: Localizer.shared.text("support.expired-form", language), status: .forbidden)
        }
        do {
            guard let email = try Self.email(typed) else { throw DeskError.invalidField("email", reason: .required) }
            try await customers.sendCode(to: email, clientIP: context.clientIP)
            return renderSignIn(request, email: email.rawValue, codeSent: true, error: nil, status: .ok)
        } catch let error as DeskError {
            return renderSignIn(
                request, email: SecretGuard().clean(typed, language: language).text, codeSent: false, error: Self.formError(error, language: language),
                status: HTTPResponse.Status(code: error.status)
            )
        }
    }

    /// The code step: a session cookie and on to the customer's requests.
    @Sendable func signIn(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let language = PageChrome.language(for: request).language
        let fields = try await SignInPages.form(request)
        guard let email = EmailAddress(rawValue: (fields["email"] ?? "").trimmingCharacters(in: .whitespaces)) else {
            return SignInPages.redirect("/support/signin")
        }
        guard FormToken.check(request, field: fields["csrf"]) else {
            return renderSignIn(request, email: email.rawValue, codeSent: true, error: Localizer.shared.text("support.expired-form", language), status: .forbidden)
        }
        do {
            let customer = try await customers.customer(provingCode: fields["code"] ?? "", email: email, request: request, clientIP: context.clientIP)
            let secret = try await customers.newSession(for: customer, method: "email-code", now: dependencies.now())
            var response = SignInPages.redirect("/support/tickets")
            response.headers.append(HTTPField(name: .setCookie, value: CustomerCookie.setCookie(secret, request: request, settings: dependencies.accounts)))
            return response
        } catch DeskError.invalidCode {
            return renderSignIn(request, email: email.rawValue, codeSent: true, error: Localizer.shared.text("support.code-wrong", language), status: .unauthorized)
        } catch let error as DeskError {
            return renderSignIn(request, email: email.rawValue, codeSent: true, error: Self.formError(error, language: language), status: HTTPResponse.Status(code: error.status))
        }
    }

    private func renderSignIn(_ request: Request, email: String?, codeSent: Bool, error: String?, status: HTTPResponse.Status) -> Response {
        let chrome = PageChrome(request: request, titleKey: "support.signin-title")
        var values: [String: Any] = ["email": email ?? "", "codeSent": codeSent]
        if codeSent, let email {
            values["codeSentText"] = Localizer.shared.format("support.code-sent", chrome.language, email, String(Int(CustomerCodeRules.lifetime / 60)))
        }
        if let error { values["error"] = error }
        return renderWithToken("support_signin", values, request: request, chrome: chrome, customer: nil, status: status)
    }

    @Sendable func signOut(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let fields = try await SignInPages.form(request)
        if let customer = try await signedIn(request) {
            guard constantTimeEquals(fields["csrf"] ?? "", CustomerCookie.csrfToken(for: customer.secret)) else { throw DeskError.csrfRejected }
            try await dependencies.store.endCustomerSession(idHash: customer.session.idHash, now: dependencies.now())
        }
        var response = SignInPages.redirect("/support")
        response.headers.append(HTTPField(name: .setCookie, value: CustomerCookie.clearCookie()))
        return response
    }

    // MARK: The customer's requests

    @Sendable func myRequests(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let customer = try await signedIn(request) else { return SignInPages.redirect("/support/signin") }
        let chrome = PageChrome(request: request, titleKey: "support.my-requests")
        var query = TicketQuery()
        query.requesterID = customer.customer.id
        query.limit = 100
        let l = Localizer.shared
        let rows: [[String: Any]] = try await dependencies.store.tickets(matching: query).items.map { ticket in
            [
                "number": ticket.number.description, "subject": ticket.subject, "updated": ConsolePages.time(ticket.updatedAt),
                "status": ticket.status.rawValue, "statusLabel": l.text("support.status.\(ticket.status.rawValue)", chrome.language),
            ]
        }
        return renderWithToken("support_tickets", ["tickets": rows, "hasTickets": !rows.isEmpty], request: request, chrome: chrome, customer: customer, status: .ok)
    }

    @Sendable func showRequest(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let customer = try await signedIn(request) else { return SignInPages.redirect("/support/signin") }
        let number = context.parameters.get("ticket").flatMap { TicketNumber(parsing: $0) }
        let done = request.uri.queryParameters["done"].map(String.init)
        let notice = done.flatMap { ["sent": "support.reply-sent", "replied": "support.reply-sent"][$0] }
        return try await renderRequest(number, customer: customer, request: request, notice: notice, error: nil, draft: "", status: .ok)
    }

    @Sendable func reply(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let customer = try await signedIn(request) else { return SignInPages.redirect("/support/signin") }
        let language = PageChrome.language(for: request).language
        let number = context.parameters.get("ticket").flatMap { TicketNumber(parsing: $0) }
        let fields: PostedForm
        do {
            fields = try await SupportUploads.read(request, limits: dependencies.limits)
        } catch let error as DeskError {
            return try await renderRequest(
                number, customer: customer, request: request, notice: nil, error: Self.formError(error, language: language), draft: "",
                status: HTTPResponse.Status(code: error.status)
            )
        }
        // What the customer typed comes back with an error, so a refused reply is not lost (secrets removed first).
        let draft = SecretGuard().clean(fields["text"] ?? "", language: language).text
        guard constantTimeEquals(fields["csrf"] ?? "", CustomerCookie.csrfToken(for: customer.secret)) else {
            let error = Localizer.shared.text("support.expired-form", language)
            return try await renderRequest(number, customer: customer, request: request, notice: nil, error: error, draft: draft, status: .forbidden)
        }
        // A merged request's reply goes to the request it was merged into.
        guard let number, let target = try await ownTicket(number, of: customer.customer) else { return notFound(request) }
        do {
            let caller = Caller(actor: Actor.customer(customer.customer.id), logger: context.logger)
            // The text is checked before any file is kept, so a refused reply leaves no upload behind.
            _ = try MessageBody(text: fields["text"], html: nil)
            let files = try await fields.keepFiles(
                maxFiles: SupportUploads.maxFiles, language: language, uploadedBy: caller.actor, dependencies: dependencies, logger: caller.logger
            )
            let (_, ticket) = try await tickets.post(
                MessageInput(customerText: fields["text"] ?? "", attachmentIds: files), to: target.number, requestLanguage: language, by: caller
            )
            // A reply to a closed request lands on its follow-up.
            return SignInPages.redirect("/support/tickets/\(ticket.number.description)?done=replied")
        } catch let error as DeskError {
            return try await renderRequest(
                number, customer: customer, request: request, notice: nil,
                error: Self.formError(error, language: language, filesChosen: !fields.files.isEmpty), draft: draft, status: HTTPResponse.Status(code: error.status)
            )
        }
    }

    /// A file on the customer's own request, when it belongs to a message they can see there; anything else is not found.
    @Sendable func file(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let customer = try await signedIn(request) else { return SignInPages.redirect("/support/signin") }
        guard let number = context.parameters.get("ticket").flatMap({ TicketNumber(parsing: $0) }),
            let id = context.parameters.get("file").flatMap({ AttachmentID($0) }),
            let ticket = try await ownTicket(number, of: customer.customer)
        else { return notFound(request) }
        let shown = try await dependencies.store.messages(of: ticket.number, includeInternal: false).filter { $0.visibility == .public }.flatMap(\.attachments)
        guard shown.contains(where: { $0.id == id }) else { return notFound(request) }
        let (attachment, _, content) = try await dependencies.store.attachment(id)
        return AttachmentsController.response(attachment, content: content, cacheControl: "private, no-store")
    }

    /// The customer's ticket with this number, or nil (someone else's ticket looks exactly like no ticket). A merged
    /// ticket is followed to the one it was merged into.
    private func ownTicket(_ number: TicketNumber, of customer: Customer) async throws -> Ticket? {
        var current = number
        for _ in 0..<8 {
            do {
                let ticket = try await dependencies.store.ticket(current)
                return ticket.requesterID == customer.id ? ticket : nil
            } catch DeskError.ticketMerged(let into) {
                current = into
            } catch DeskError.notFound {
                return nil
            }
        }
        return nil
    }

    private func renderRequest(
        _ number: TicketNumber?, customer: SignedInCustomer, request: Request, notice: String?, error: String?, draft: String, status: HTTPResponse.Status
    ) async throws -> Response {
        guard let number, let ticket = try await ownTicket(number, of: customer.customer) else { return notFound(request) }
        if ticket.number != number { return SignInPages.redirect("/support/tickets/\(ticket.number.description)") }
        var chrome = PageChrome(request: request, titleKey: "support.my-requests")
        let language = chrome.language
        let l = Localizer.shared
        chrome.title = "\(ticket.number.description) · \(ticket.subject)"
        var agentNames: [UUID: String] = [:]
        var conversation: [[String: Any]] = []
        for message in try await dependencies.store.messages(of: ticket.number, includeInternal: false) where message.visibility == .public {
            let author: String
            switch message.authorKind {
            case .customer:
                author = l.text("support.you", language)
            case .agent:
                let id = message.authorID ?? UUID()
                if agentNames[id] == nil {
                    agentNames[id] = (try? await dependencies.store.agent(AgentID(rawValue: id)).name) ?? l.text("console.author.agent", language)
                }
                author = l.format("support.agent", language, agentNames[id] ?? "")
            case .system:
                author = l.text("support.notice", language)
            }
            conversation.append([
                "author": author, "kind": message.authorKind.rawValue, "time": ConsolePages.time(message.createdAt), "text": message.bodyText,
                "files": message.attachments.map { SupportUploads.listing($0, ticket: ticket.number) }, "hasFiles": !message.attachments.isEmpty,
            ])
        }
        var values: [String: Any] = [
            "number": ticket.number.description, "subject": ticket.subject,
            "statusLabel": l.text("support.status.\(ticket.status.rawValue)", language), "created": ConsolePages.time(ticket.createdAt),
            "messages": conversation, "closed": ticket.status == .closed, "draft": draft,
        ]
        if let call = try await dependencies.store.customerCallCode(
            ticket: ticket.number, now: dependencies.now(), maxAttempts: AgentVerificationController.maxCallAttempts
        ) {
            let code = try dependencies.accounts.secretSealer.open(
                call.sealedCode, owner: AgentVerificationController.customerCodeOwner(ticket.number), acceptingPlaintext: true
            )
            let agent = (try? await dependencies.store.agent(call.agent).name) ?? l.text("console.author.agent", language)
            values["callText"] = l.format("support.call-text", language, agent, code)
        }
        if let notice { values["notice"] = l.text(notice, language) }
        if let error { values["error"] = error }
        var response = renderWithToken("support_ticket", values, request: request, chrome: chrome, customer: customer, status: status)
        // A live call code is on the page: no cache may keep it.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    // MARK: Helpers

    /// A signed-in customer of the support pages, with the cookie's secret (for the forms' CSRF token).
    struct SignedInCustomer {
        var customer: Customer
        var session: CustomerSession
        var secret: String
    }

    private func signedIn(_ request: Request) async throws -> SignedInCustomer? {
        guard let secret = request.cookies[CustomerCookie.name]?.value,
            let found = try await CustomerCookie.activeSession(secret: secret, dependencies: dependencies)
        else { return nil }
        return SignedInCustomer(customer: found.customer, session: found.session, secret: secret)
    }

    /// Renders a page with its form token (`csrf`): the customer session's once signed in, else the `wd_form` cookie's
    /// (set when the visitor has none yet); and the signed-in customer's email with a sign-out form.
    private func renderWithToken(
        _ template: String, _ values: [String: Any], request: Request, chrome: PageChrome, customer: SignedInCustomer?, status: HTTPResponse.Status
    ) -> Response {
        var values = values
        var setCookie: String?
        if let customer {
            values["csrf"] = CustomerCookie.csrfToken(for: customer.secret)
            let who = customer.customer.email?.rawValue ?? customer.customer.name ?? customer.customer.id.description
            values["signedInAs"] = Localizer.shared.format("support.signed-in-as", chrome.language, who)
        } else {
            let form = FormToken.current(request)
            values["csrf"] = FormToken.field(form.value)
            setCookie = form.setCookie
        }
        var response = dependencies.pages.render(template, values, chrome: chrome, status: status)
        if let setCookie { response.headers.append(HTTPField(name: .setCookie, value: setCookie)) }
        return response
    }

    /// Whether a posted form carries the right token: the session's for a signed-in customer, else the `wd_form` one.
    private func formTokenMatches(_ request: Request, _ fields: FormData, customer: SignedInCustomer?) -> Bool {
        if let customer { return constantTimeEquals(fields["csrf"] ?? "", CustomerCookie.csrfToken(for: customer.secret)) }
        return FormToken.check(request, field: fields["csrf"])
    }

    private func notFound(_ request: Request) -> Response {
        var chrome = PageChrome(request: request, titleKey: "support.not-found")
        chrome.title = Localizer.shared.text("support.not-found", chrome.language)
        return dependencies.pages.render("console_message", ["message": chrome.title], chrome: chrome, status: .notFound)
    }

    /// An error as the form shows it: a field named by its label on the form, not its name in the API.
    /// With `filesChosen`, the customer is told to choose their files again (a browser never refills a file input).
    static func formError(_ error: DeskError, language: Language, filesChosen: Bool = false) -> String {
        let l = Localizer.shared
        var message: String
        switch error {
        case .invalidField(let field, let reason) where fieldLabels[field] != nil:
            message = l.format("field.\(reason.rawValue)", language, l.text(fieldLabels[field] ?? "", language))
        case .bodyTooLarge(let limit):
            message = l.format("support.too-large", language, SupportUploads.sizeText(limit))
        default:
            message = error.detail(in: language)
        }
        if filesChosen { message += " " + l.text("support.files-again", language) }
        return message
    }

    static let fieldLabels = [
        "email": "support.email", "subject": "support.subject", "text": "support.text", "code": "support.code", "files": "support.files",
        "attachmentIds": "support.files",
    ]
}
