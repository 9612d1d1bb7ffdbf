import DeskCore
import Foundation
import SQLKit

extension SQLDeskStore: AttachmentStore {
    public func saveAttachment(_ attachment: Attachment, content: [UInt8], uploadedBy: Actor) async throws -> Attachment {
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO attachments (id, ticket_number, uploaded_by, message_id, filename, content_type, size, sha256, content, created_at)
                VALUES (\(bind: attachment.id.description), NULL, \(bind: uploadedBy.id.map(FastUUID.format)), NULL, \(bind: attachment.filename),
                  \(bind: attachment.contentType), \(bind: attachment.size), \(bind: attachment.sha256), \(bind: Data(content)),
                  \(bind: attachment.createdAt.microseconds))
                """
            ).run()
            return attachment
        }
    }

    public func unclaimedAttachments(_ ids: [AttachmentID], uploadedBy uploader: UUID) async throws -> Set<AttachmentID> {
        guard !ids.isEmpty else { return [] }
        return try await database.read { sql in
            let rows = try await sql.raw(
                """
                SELECT id FROM attachments
                WHERE id IN (\(binds: Array(Set(ids.map(\.description))))) AND uploaded_by = \(bind: FastUUID.format(uploader)) AND message_id IS NULL
                """
            ).all()
            return Set(try rows.compactMap { AttachmentID(try $0.decode(column: "id", as: String.self)) })
        }
    }

    public func purgeUnlinkedAttachments(uploadedBefore cutoff: Date) async throws -> Int {
        try await database.write { sql in
            // RETURNING works on both engines (SQLite ≥ 3.35); counting the returned ids keeps one query for both.
            try await sql.raw(
                "DELETE FROM attachments WHERE message_id IS NULL AND created_at < \(bind: cutoff.microseconds) RETURNING id"
            ).all().count
        }
    }

    public func attachment(_ id: AttachmentID) async throws -> (attachment: Attachment, ticket: TicketNumber?, content: [UInt8]) {
        try await database.read { sql in
            guard let row = try await sql.raw(
                "SELECT ticket_number, content, \(unsafeRaw: Rows.attachmentColumns) FROM attachments WHERE id = \(bind: id.description)"
            ).first() else { throw DeskError.notFound(entity: "attachment") }
            let ticket = try row.decodeNil(column: "ticket_number") ? nil : TicketNumber(row.decode(column: "ticket_number", as: Int64.self))
            return (try Rows.attachment(row), ticket, Array(try row.decode(column: "content", as: Data.self)))
        }
    }
}
