import DeskCore
import Foundation
import Hummingbird
import NIOCore

/// A small, fast JSON writer for the resources the API returns most often.
///
/// Foundation's `JSONEncoder` took a quarter of the CPU time of a ticket read on Linux (measured with perf, see
/// BENCHMARKS.md); writing the few resource shapes by hand is several times faster. Strings are escaped per RFC 8259;
/// times are written as ISO 8601 UTC with milliseconds, exactly like `JSON.encoder`.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Something that writes itself as one JSON value.
    protocol Value {
        func write(to writer: inout JSONWriter)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    mutating func int(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    mutating func date(_ value: Date?) {
        guard let value else { return raw("null") }
        bytes.append(UInt8(ascii: "\""))
        ISO8601.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    private var commaNeeded: [Bool] = []

    mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        commaNeeded.append(false)
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        commaNeeded.removeLast()
    }

    /// Writes `"name":` (with the comma before it when needed); the value follows.
    mutating func key(_ name: StaticString) {
        if commaNeeded[commaNeeded.count - 1] { bytes.append(UInt8(ascii: ",")) }
        commaNeeded[commaNeeded.count - 1] = true
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    mutating func field(_ name: StaticString, _ value: String?) { key(name); string(value) }
    mutating func field(_ name: StaticString, _ value: some BinaryInteger) { key(name); int(value) }
    mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }
    mutating func field(_ name: StaticString, date value: Date?) { key(name); date(value) }
    mutating func field(_ name: StaticString, _ value: some Value) { key(name); value.write(to: &self) }
    mutating func field(_ name: StaticString, strings values: [String]) { key(name); array(values) { $1.string($0) } }

    mutating func array<Element>(_ elements: [Element], _ write: (Element, inout JSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(element, &self)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

/// Formats instants as `2026-11-21T13:30:12.817Z` without Foundation's formatters (slow on Linux).
enum ISO8601 {
    static func append(_ date: Date, to bytes: inout [UInt8]) {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var days = totalMilliseconds / 86_400_000
        var milliseconds = totalMilliseconds % 86_400_000
        if milliseconds < 0 {
            milliseconds += 86_400_000
            days -= 1
        }
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func digits(_ value: Int64, _ count: Int) {
            var buffer = [UInt8](repeating: 0x30, count: count)
            var rest = value
            for index in stride(from: count - 1, through: 0, by: -1) {
                buffer[index] = 0x30 + UInt8(rest % 10)
                rest /= 10
            }
            bytes.append(contentsOf: buffer)
        }
        digits(year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(milliseconds / 3_600_000, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(milliseconds / 60_000 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(milliseconds / 1000 % 60, 2)
        bytes.append(UInt8(ascii: "."))
        digits(milliseconds % 1000, 3)
        bytes.append(UInt8(ascii: "Z"))
    }
}

extension JSONWriter {
    /// `value` as JSON bytes, ready to send (or to keep, see ``ConversationCache``).
    static func encode(_ value: any JSONWriter.Value) -> ByteBuffer {
        var writer = JSONWriter()
        value.write(to: &writer)
        return ByteBuffer(bytes: writer.bytes)
    }
}

extension Response {
    /// A JSON response written by ``JSONWriter``.
    static func json(writing value: any JSONWriter.Value, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        .json(encoded: JSONWriter.encode(value), status: status, headers: extra)
    }

    /// A JSON response of bytes already encoded.
    static func json(encoded body: ByteBuffer, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}
