import DeskCore
import Foundation
import Hummingbird
import NIOCore

/// The JSON encoder every route uses: ISO 8601 times with milliseconds, camelCase keys as written in the resources.
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
}

extension Request {
    /// Reads a JSON body into a request type with ``JSONReader``, answering 413, 415 and 400 problems (with the offending
    /// field) instead of 500s.
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
        let buffer = try await limitedBody(upTo: limit)
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

/// A field of a PATCH request: absent (leave it), null (clear it) or a value.
enum Patch<Value: Sendable>: Sendable {
    case unchanged
    case set(Value?)

    func apply(to value: inout Value?) {
        if case .set(let new) = self { value = new }
    }
}
