import DeskCore
import Foundation
import HTTPTypes
import Hummingbird

extension RequestContext {
    /// The ticket number in the path; unknown shapes answer 404 like unknown numbers do.
    func ticketNumber(_ name: String = "ticket") throws -> TicketNumber {
        guard let raw = parameters.get(name), let number = TicketNumber(parsing: raw) else { throw DeskError.notFound(entity: "ticket") }
        return number
    }

    func identifier<Entity>(_ name: String, entity: String, as type: Identifier<Entity>.Type) throws -> Identifier<Entity> {
        guard let raw = parameters.get(name), let id = Identifier<Entity>(raw) else { throw DeskError.notFound(entity: entity) }
        return id
    }
}

extension Request {
    /// The version a client expects, from `If-Match` (`"3"`, `W/"3"`) or the body's `version` field.
    func expectedVersion(body: Int?) throws -> Int? {
        if let header = headers[.ifMatch] {
            let trimmed = header.trimmingWhitespace().replacingOccurrences(of: "W/", with: "").replacingOccurrences(of: "\"", with: "")
            if trimmed == "*" { return body }
            guard let version = Int(trimmed) else { throw DeskError.invalidField("If-Match", reason: .invalidValue) }
            return version
        }
        return body
    }

    /// A query parameter parsed by `parse`, or a 400 naming the parameter.
    func query<T>(_ name: String, _ parse: (String) -> T?) throws -> T? {
        guard let raw = uri.queryParameters.get(name), !raw.isEmpty else { return nil }
        guard let value = parse(raw) else { throw DeskError.invalidField(name, reason: .invalidValue) }
        return value
    }
}

/// Opaque page cursors: clients pass them back unchanged.
enum Cursor {
    static func encode(_ raw: String?) -> String? {
        raw.map { Data($0.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "") }
    }

    static func decode(_ cursor: String) -> String? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

extension HTTPField.Name {
    static let ifMatch = HTTPField.Name("If-Match")!
}

