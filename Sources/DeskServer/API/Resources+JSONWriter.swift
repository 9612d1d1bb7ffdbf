import DeskCore
import Foundation

// Hand-written JSON for the hot resources (see JSONWriter). Key names and order match the Codable conformances in
// Resources.swift, and JSONWriterTests compare both encodings so they cannot drift apart.

extension TicketResource: JSONWriter.Value {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("number", number)
        w.field("subject", subject)
        w.field("status", status.rawValue)
        w.field("priority", priority.rawValue)
        w.field("category", category.rawValue)
        w.field("channel", channel.rawValue)
        w.field("requesterId", requesterId)
        w.field("assigneeId", assigneeId)
        w.field("teamId", teamId)
        w.field("tags", strings: tags)
        w.field("crypto", crypto)
        w.field("reopenCount", reopenCount)
        w.field("mergedInto", mergedInto)
        w.field("followUpOf", followUpOf)
        w.field("createdAt", date: createdAt)
        w.field("updatedAt", date: updatedAt)
        w.field("firstResponseAt", date: firstResponseAt)
        w.field("solvedAt", date: solvedAt)
        w.field("closedAt", date: closedAt)
        w.field("version", version)
        w.endObject()
    }
}

extension CryptoResource: JSONWriter.Value {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("chain", chain)
        w.field("asset", asset)
        w.field("amount", amount)
        w.field("txId", txId)
        w.field("walletAddress", walletAddress)
        w.field("appVersion", appVersion)
        w.field("device", device)
        w.field("os", os)
        w.field("links", links)
        w.endObject()
    }
}

extension ExplorerLinksResource: JSONWriter.Value {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("tx", tx)
        w.field("address", address)
        w.endObject()
    }
}

extension MessageResource: JSONWriter.Value {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("ticketId", ticketId)
        w.field("visibility", visibility.rawValue)
        w.field("authorKind", authorKind.rawValue)
        w.field("authorId", authorId)
        w.field("text", text)
        w.field("html", html)
        w.key("attachments")
        w.array(attachments) { attachment, w in attachment.write(to: &w) }
        w.field("mergedFrom", mergedFrom)
        w.field("createdAt", date: createdAt)
        w.field("verification", verification)
        w.endObject()
    }
}

extension AttachmentResource: JSONWriter.Value {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("filename", filename)
        w.field("contentType", contentType)
        w.field("size", size)
        w.field("sha256", sha256)
        w.field("url", url)
        w.field("createdAt", date: createdAt)
        w.endObject()
    }
}

extension EventResource: JSONWriter.Value {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("ticketId", ticketId)
        w.field("kind", kind.rawValue)
        w.key("actor")
        w.beginObject()
        w.field("kind", actor.kind.rawValue)
        w.field("id", actor.id)
        w.endObject()
        w.key("changes")
        w.array(changes) { change, w in
            w.beginObject()
            w.field("field", change.field)
            w.field("before", change.before)
            w.field("after", change.after)
            w.endObject()
        }
        w.field("messageId", messageId)
        w.field("at", date: at)
        w.endObject()
    }
}

extension CustomerResource: JSONWriter.Value {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("name", name)
        w.field("email", email)
        w.field("phone", phone)
        w.field("telegramId", telegramId)
        w.field("wechatId", wechatId)
        w.field("walletAccountId", walletAccountId)
        w.field("language", language.rawValue)
        w.field("createdAt", date: createdAt)
        w.field("updatedAt", date: updatedAt)
        w.field("version", version)
        w.field("piiMasked", piiMasked)
        w.endObject()
    }
}

extension AgentResource: JSONWriter.Value {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("name", name)
        w.field("email", email)
        w.field("role", role.rawValue)
        w.field("tier", tier.rawValue)
        w.field("teamId", teamId)
        w.field("active", active)
        w.field("createdAt", date: createdAt)
        w.field("updatedAt", date: updatedAt)
        w.field("version", version)
        w.endObject()
    }
}

extension TeamResource: JSONWriter.Value {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("name", name)
        w.field("description", description)
        w.field("createdAt", date: createdAt)
        w.field("updatedAt", date: updatedAt)
        w.field("version", version)
        w.endObject()
    }
}

extension PageResource: JSONWriter.Value where Item: JSONWriter.Value {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("items")
        w.array(items) { item, w in item.write(to: &w) }
        w.field("nextCursor", nextCursor)
        w.endObject()
    }
}

extension TicketWithMessage: JSONWriter.Value {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("ticket", ticket)
        w.field("message", message)
        w.endObject()
    }
}

extension MessageWithTicket: JSONWriter.Value {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("message", message)
        w.field("ticket", ticket)
        w.endObject()
    }
}

extension MergeResult: JSONWriter.Value {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("source", source)
        w.field("target", target)
        w.endObject()
    }
}
