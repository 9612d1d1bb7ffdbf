import DeskCore
import DeskStore
import Hummingbird
import Logging

/// Files a customer adds to a request or a reply on the support pages: screenshots of a failed withdrawal, a block
/// explorer page, a bank statement. The forms post `multipart/form-data`; a form without files may still come
/// url-encoded (a client without the file input).
struct SupportUploads {
    /// Files per request or reply.
    static let maxFiles = 5
    /// The whole posted form, files included. Lower than the API's per-file limit: anyone may post the request form,
    /// and a screenshot is well under it.
    static let maxFormBytes = 10 << 20

    /// A posted support form: its fields and files.
    struct Posted {
        var fields: FormData
        var files: [MultipartForm.File]

        subscript(_ name: String) -> String? { fields[name] }
    }

    /// Reads a posted form. Without files the body may be no larger than a JSON body; the limit for the whole form is
    /// the lower of ``maxFormBytes`` and the attachment limit.
    static func read(_ request: Request, limits: Limits) async throws -> Posted {
        let contentType = request.headers[.contentType] ?? ""
        let boundary = MultipartForm.boundary(contentType: contentType)
        let limit = boundary == nil ? limits.jsonBodyBytes : min(maxFormBytes, limits.attachmentBytes + limits.jsonBodyBytes)
        let body = try await request.limitedBody(upTo: limit)
        guard let boundary else { return Posted(fields: FormData(String(buffer: body)), files: []) }
        let form = try MultipartForm(bytes: Array(body.readableBytesView), boundary: boundary)
        return Posted(fields: form.fields, files: form.files)
    }

    /// Refuses too many files, or one over the attachment limit, before anything is counted or kept.
    static func check(_ files: [MultipartForm.File], limits: Limits) throws(DeskError) {
        guard files.count <= maxFiles else { throw DeskError.invalidField("files", reason: .tooMany) }
        guard files.allSatisfy({ $0.bytes.count <= limits.attachmentBytes }) else { throw DeskError.bodyTooLarge(limit: limits.attachmentBytes) }
    }

    /// Stores the files of a form through the API's upload door (type sniffed, text files' secrets removed) and returns
    /// their ids for the message. Nothing is stored when there are too many or one is too large.
    static func keep(
        _ files: [MultipartForm.File], language: Language, customer: CustomerID?, dependencies: Dependencies, logger: Logger
    ) async throws -> [AttachmentID] {
        try check(files, limits: dependencies.limits)
        var ids: [AttachmentID] = []
        for file in files {
            let saved = try await AttachmentsController.keep(
                file.bytes, filename: file.filename, language: language, uploadedBy: Actor(kind: .customer, id: customer?.rawValue),
                dependencies: dependencies, logger: logger
            )
            ids.append(saved.id)
        }
        return ids
    }

    /// A file as the customer's ticket page lists it.
    static func listing(_ attachment: Attachment, ticket: TicketNumber) -> [String: Any] {
        [
            "name": attachment.filename, "size": sizeText(attachment.size),
            "href": "/support/tickets/\(ticket.description)/files/\(attachment.id.description)",
            "image": attachment.contentType.hasPrefix("image/") && ContentSniffer.isSafeInline(attachment.contentType),
        ]
    }

    /// "820 KB", "2.4 MB": sizes as people read them.
    static func sizeText(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\((bytes + 1023) / 1024) KB" }
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }
}
