import Crypto
import DeskCore
import DeskStore
import Foundation
import Hummingbird
import Logging
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
        let buffer = try await request.limitedBody(upTo: limit)
        guard buffer.readableBytes > 0 else { throw DeskError.invalidField("body", reason: .required) }
        let saved = try await Self.keep(
            Array(buffer.readableBytesView), filename: request.uri.queryParameters.get("filename"), language: request.language,
            uploadedBy: context.actor, dependencies: dependencies, logger: context.logger
        )
        return try .json(AttachmentResource(saved), status: .created, headers: [.location: "/api/v1/attachments/\(saved.id)"])
    }

    /// Stores an upload not yet linked to a message: type sniffed from the bytes, a safe file name, and a text file's
    /// secrets removed first (a pasted recovery phrase in notes.txt is a door too). The API, the console and the support
    /// pages upload through here.
    static func keep(
        _ bytes: [UInt8], filename: String?, language: Language, uploadedBy actor: Actor, dependencies: Dependencies, logger: Logger
    ) async throws -> Attachment {
        var bytes = bytes
        if isText(ContentSniffer.contentType(of: bytes)), let text = String(bytes: bytes, encoding: .utf8) {
            let (cleaned, findings) = SecretGuard().clean(text, language: language)
            if !findings.isEmpty {
                bytes = Array(cleaned.utf8)
                logger.warning("secret removed from an attachment", metadata: ["kinds": "\(Set(findings.map(\.kind.rawValue)).sorted().joined(separator: ","))"])
            }
        }
        let attachment = Attachment(
            filename: Attachment.safeFilename(filename), contentType: ContentSniffer.contentType(of: bytes), size: bytes.count,
            sha256: SHA256.hash(data: bytes).hexString, createdAt: dependencies.now()
        )
        return try await dependencies.store.saveAttachment(attachment, content: bytes, uploadedBy: actor)
    }

    static func isText(_ contentType: String) -> Bool {
        let type = contentType.lowercased()
        return type.hasPrefix("text/") || type.hasPrefix("application/json") || type.hasPrefix("application/xml")
    }

    @Sendable func download(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.identifier("attachment", entity: "attachment", as: AttachmentID.self)
        let (attachment, _, content) = try await dependencies.store.attachment(id)
        return Self.response(attachment, content: content)
    }

    /// An attachment's bytes as a download: shown inline only for types a browser cannot run (images, PDF), never
    /// sniffed, and sandboxed in case a browser renders it anyway.
    static func response(_ attachment: Attachment, content: [UInt8], cacheControl: String = "private, max-age=3600") -> Response {
        let disposition = ContentSniffer.isSafeInline(attachment.contentType) ? "inline" : "attachment"
        let encodedName = attachment.filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
        return Response(
            status: .ok,
            headers: [
                .contentType: attachment.contentType,
                .contentDisposition: "\(disposition); filename*=UTF-8''\(encodedName)",
                .init("X-Content-Type-Options")!: "nosniff",
                .contentSecurityPolicy: "sandbox; default-src 'none'",
                .cacheControl: cacheControl,
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: content))
        )
    }
}
