import DeskCore
import Foundation
import Hummingbird
import NIOCore

/// The JSON coders every route uses: ISO 8601 times with milliseconds, camelCase keys as written in the resources.
enum JSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)))
        }
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    static let decoder = JSONDecoder()
}

extension Request {
    /// Reads and decodes a JSON body, answering 413, 415 and 400 problems (with the offending field) instead of 500s.
    mutating func decodeJSON<T: Decodable>(as type: T.Type, limit: Int) async throws -> T {
        let buffer = try await jsonBody(limit: limit)
        do {
            return try JSON.decoder.decode(T.self, from: buffer)
        } catch let error as DeskError {
            throw error
        } catch let error as DecodingError {
            throw Self.translate(error)
        } catch {
            throw DeskError.malformedJSON(detail: "unreadable body")
        }
    }

    /// Reads a JSON body into a request type with ``JSONReader`` (the ticket API's bodies), answering the same problems
    /// as the Codable path.
    mutating func decodeJSON<T: JSONBody>(as type: T.Type, limit: Int) async throws -> T {
        let buffer = try await jsonBody(limit: limit)
        let value: JSONValue
        do {
            value = try buffer.withUnsafeReadableBytes { bytes throws(JSONReader.SyntaxError) in try JSONReader.parse(bytes) }
        } catch {
            throw DeskError.malformedJSON(detail: "syntax error: \(error.detail)")
        }
        guard case .object(let object) = value else { throw DeskError.malformedJSON(detail: "expected an object") }
        return try T(json: JSONFields(object))
    }

    /// The body of a JSON request: its media type checked, at most `limit` bytes, not empty, without NUL characters.
    private mutating func jsonBody(limit: Int) async throws -> ByteBuffer {
        if let contentType = headers[.contentType]?.lowercased(), !contentType.hasPrefix("application/json"),
            !contentType.hasPrefix("application/merge-patch+json"), !contentType.hasPrefix("application/problem+json")
        {
            throw DeskError.unsupportedMediaType
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw DeskError.bodyTooLarge(limit: limit)
        }
        guard buffer.readableBytes > 0 else { throw DeskError.malformedJSON(detail: "empty body") }
        // PostgreSQL cannot store U+0000 in text and no support text needs it: refuse it here, for every body, rather
        // than fail deep in a store (a 500) or behave differently per engine.
        if Self.containsEscapedNUL(buffer.readableBytesView) { throw DeskError.malformedJSON(detail: "\\u0000 (NUL) is not allowed") }
        return buffer
    }

    /// Whether a JSON text holds the escape `\u0000` (an escaped backslash followed by `u0000` does not count).
    static func containsEscapedNUL(_ bytes: ByteBufferView) -> Bool {
        let pattern: [UInt8] = Array("u0000".utf8)
        var backslashes = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                backslashes += 1
                index += 1
                continue
            }
            if backslashes % 2 == 1, byte == UInt8(ascii: "u"), bytes.endIndex - index >= pattern.count,
                bytes[index..<(index + pattern.count)].elementsEqual(pattern)
            {
                return true
            }
            backslashes = 0
            index += 1
        }
        return false
    }

    static func translate(_ error: DecodingError) -> DeskError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
        }
        switch error {
        case .typeMismatch(_, let context):
            return context.codingPath.isEmpty ? .malformedJSON(detail: "expected an object") : .invalidField(path(context.codingPath), reason: .wrongType)
        case .valueNotFound(_, let context):
            return .invalidField(path(context.codingPath), reason: .required)
        case .keyNotFound(let key, let context):
            return .invalidField(path(context.codingPath + [key]), reason: .required)
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .malformedJSON(detail: "syntax error") }
            return .invalidField(path(context.codingPath), reason: .invalidValue)
        @unknown default:
            return .malformedJSON(detail: "unreadable body")
        }
    }
}

extension Response {
    /// A JSON response of `value`.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) throws -> Response {
        if let fast = value as? any JSONWriter.Value { return .json(writing: fast, status: status, headers: extra) }
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        let data = try JSON.encoder.encode(value)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Any JSON object key, to list the keys a client sent.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// Refuses keys this request type does not know, so a typo (`assignee_id`) is an error instead of silently ignored.
    func rejectUnknownKeys(_ known: Set<String>) throws {
        let container = try self.container(keyedBy: AnyKey.self)
        for key in container.allKeys where !known.contains(key.stringValue) {
            let prefix = codingPath.map(\.stringValue).joined(separator: ".")
            throw DeskError.invalidField(prefix.isEmpty ? key.stringValue : "\(prefix).\(key.stringValue)", reason: .unknownField)
        }
    }
}

/// A field of a PATCH request: absent (leave it), null (clear it) or a value.
enum Patch<Value: Sendable>: Sendable {
    case unchanged
    case set(Value?)

    func apply(to value: inout Value?) {
        if case .set(let new) = self { value = new }
    }
}

extension KeyedDecodingContainer {
    func decodePatch<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> Patch<T> {
        guard contains(key) else { return .unchanged }
        if try decodeNil(forKey: key) { return .set(nil) }
        return .set(try decode(T.self, forKey: key))
    }
}
