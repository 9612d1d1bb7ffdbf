import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// Customers' files through the customer API, for the wallet app's help screen: upload a screenshot, name it in a new
/// request or a reply (`attachmentIds`), and download the files of the public conversation. The same door as the
/// support pages' forms (``SupportUploads``): type sniffed, a text file's secrets removed, 10 MB a file at most.
extension CustomerController {
    /// `POST /api/v1/customer/attachments?filename=…`: the raw bytes. Uploads per customer are limited
    /// (``CustomerUploadRules``) across nodes; unclaimed ones are purged by maintenance.
    @Sendable func upload(_ request: Request, context: CustomerRequestContext) async throws -> Response {
        let limit = min(SupportUploads.maxFormBytes, dependencies.limits.attachmentBytes)
        let buffer = try await request.limitedBody(upTo: limit)
        guard buffer.readableBytes > 0 else { throw DeskError.invalidField("body", reason: .required) }
        let now = dependencies.now()
        let limits = [CustomerUploadRules.customerKey(context.customer.id): CustomerUploadRules.perCustomer]
        if let retryAt = try await dependencies.store.claimSend(limits, memory: CustomerCodeSendRules.memory, now: now) {
            throw DeskError.tooManyRequests(retryAfterSeconds: Int(max(1, (retryAt.timeIntervalSince(now) - 0.001).rounded(.up))))
        }
        let saved = try await AttachmentsController.keep(
            Array(buffer.readableBytesView), filename: request.uri.queryParameters.get("filename"), language: context.customer.language,
            uploadedBy: .customer(context.customer.id), dependencies: dependencies, logger: context.logger
        )
        return try .json(CustomerAttachmentResource(saved, ticket: nil), status: .created)
    }

    /// `GET /api/v1/customer/tickets/{ticket}/attachments/{attachment}`: a file of a public message on the customer's
    /// own ticket; an internal note's file, or anyone else's, answers 404.
    @Sendable func download(_ request: Request, context: CustomerRequestContext) async throws -> Response {
        let ticket = try await ownTicket(context)
        let id = try context.identifier("attachment", entity: "attachment", as: AttachmentID.self)
        let shown = try await dependencies.store.messages(of: ticket.number, includeInternal: false).filter { $0.visibility == .public }
        guard shown.contains(where: { message in message.attachments.contains { $0.id == id } }) else { throw DeskError.notFound(entity: "attachment") }
        let (attachment, _, content) = try await dependencies.store.attachment(id)
        return AttachmentsController.response(attachment, content: content, cacheControl: "private, no-store")
    }

    /// The ids a customer names for a message, when every one is their own upload not yet on a message.
    func ownUploads(_ ids: [AttachmentID], of customer: CustomerID) async throws -> [AttachmentID] {
        guard !ids.isEmpty else { return [] }
        let own = try await dependencies.store.unclaimedAttachments(ids, uploadedBy: customer.rawValue)
        guard ids.allSatisfy(own.contains) else { throw DeskError.invalidField("attachmentIds", reason: .unknownReference) }
        return ids
    }
}

/// A file as its customer sees it. `url` downloads it once it is on one of their tickets.
struct CustomerAttachmentResource: Codable, Sendable {
    var id: String
    var filename: String
    var contentType: String
    var size: Int
    var url: String?
    var createdAt: Date

    init(_ attachment: Attachment, ticket: TicketNumber?) {
        id = attachment.id.description
        filename = attachment.filename
        contentType = attachment.contentType
        size = attachment.size
        url = ticket.map { "/api/v1/customer/tickets/\($0)/attachments/\(attachment.id)" }
        createdAt = attachment.createdAt
    }
}
