import Crypto
import DeskCore
import DeskStore
import Foundation
import Hummingbird
import NIOCore

/// `/api/v1/attachments`: upload raw bytes, then name the returned id in a message's `attachmentIds`.
struct AttachmentsController {
    let dependencies: Dependencies

    func addRoutes(to routes: GuardedRoutes) {
        routes.post("", .writeTickets, use: upload)
        routes.get(":attachment", .readTickets, use: download)
    }

    @Sendable func upload(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let limit = dependencies.limits.attachmentBytes
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw DeskError.bodyTooLarge(limit: limit)
        }
        guard buffer.readableBytes > 0 else { throw DeskError.invalidField("body", reason: .required) }
        var bytes = Array(buffer.readableBytesView)
        // Text files are a door too: a pasted recovery phrase in notes.txt is removed before the bytes are stored.
        if Self.isText(ContentSniffer.contentType(of: bytes)), let text = String(bytes: bytes, encoding: .utf8) {
            let (cleaned, findings) = SecretGuard().clean(text, language: request.language)
            if !findings.isEmpty {
                bytes = Array(cleaned.utf8)
                context.logger.warning(
                    "secret removed from an attachment", metadata: ["kinds": "\(Set(findings.map(\.kind.rawValue)).sorted().joined(separator: ","))"]
                )
            }
        }
        let attachment = Attachment(
            filename: Attachment.safeFilename(request.uri.queryParameters.get("filename")),
            contentType: ContentSniffer.contentType(of: bytes),
            size: bytes.count,
            sha256: SHA256.hash(data: bytes).hexString,
            createdAt: dependencies.now()
        )
        let saved = try await dependencies.store.saveAttachment(attachment, content: bytes, uploadedBy: context.actor)
        return try .json(AttachmentResource(saved), status: .created, headers: [.location: "/api/v1/attachments/\(saved.id)"])
    }

    static func isText(_ contentType: String) -> Bool {
        let type = contentType.lowercased()
        return type.hasPrefix("text/") || type.hasPrefix("application/json") || type.hasPrefix("application/xml")
    }

    @Sendable func download(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.identifier("attachment", entity: "attachment", as: AttachmentID.self)
        let (attachment, _, content) = try await dependencies.store.attachment(id)
        let disposition = ContentSniffer.isSafeInline(attachment.contentType) ? "inline" : "attachment"
        let encodedName = attachment.filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
        return Response(
            status: .ok,
            headers: [
                .contentType: attachment.contentType,
                .contentDisposition: "\(disposition); filename*=UTF-8''\(encodedName)",
                .init("X-Content-Type-Options")!: "nosniff",
                .contentSecurityPolicy: "sandbox; default-src 'none'",
                .cacheControl: "private, max-age=3600",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: content))
        )
    }
}
