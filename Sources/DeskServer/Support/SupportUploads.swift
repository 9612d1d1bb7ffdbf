import DeskCore
import Hummingbird

/// Files a customer adds to a request or a reply on the support pages: screenshots of a failed withdrawal, a block
/// explorer page, a bank statement. The forms post `multipart/form-data` (``PostedForm``); the customer API's uploads
/// follow the same rules.
enum SupportUploads {
    /// Files per request or reply.
    static let maxFiles = 5
    /// The whole posted form, files included, and one file through the customer API. Lower than the agents' limit:
    /// anyone may post the request form, and a screenshot is well under it.
    static let maxFormBytes = 10 << 20

    /// Reads a support form: without files no larger than a JSON body, with them at most ``maxFormBytes`` (or the
    /// attachment limit, when that is lower).
    static func read(_ request: Request, limits: Limits) async throws -> PostedForm {
        try await PostedForm.read(request, textLimit: limits.jsonBodyBytes, formLimit: min(maxFormBytes, limits.attachmentBytes + limits.jsonBodyBytes))
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
