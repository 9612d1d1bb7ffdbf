import DeskCore

/// A JSON value as read from a request body.
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The number as written; read as an integer by ``JSONFields/int(_:)``.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// An object's members in the order written. Request objects hold a handful of keys, so finding one by a linear walk
/// beats hashing.
struct JSONObject: Sendable {
    var members: [(key: String, value: JSONValue)] = []

    subscript(key: String) -> JSONValue? {
        for member in members where member.key == key { return member.value }
        return nil
    }
}

/// Parses a JSON text (RFC 8259) into ``JSONValue``s: strict (no comments, no trailing commas, no duplicate keys, valid
/// UTF-8 only) and bounded in depth, so hostile bodies fail fast with a syntax problem.
///
/// Every JSON request body is read with this and ``JSONFields`` (request types conform to ``JSONBody``) instead of
/// `JSONDecoder`: one strict mechanism for all inputs, and Codable's keyed containers cost ~7 % of a ticket creation
/// (50 µs for a 400-byte body), this reader a fraction of that.
struct JSONReader {
    struct SyntaxError: Error {
        let detail: String
    }

    static let maximumDepth = 64

    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    static func parse(_ bytes: UnsafeRawBufferPointer) throws(SyntaxError) -> JSONValue {
        var reader = JSONReader(bytes)
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.position == bytes.count else { throw SyntaxError(detail: "unexpected text after the JSON value") }
        return value
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw SyntaxError(detail: "nested too deeply") }
        guard position < bytes.count else { throw SyntaxError(detail: "unexpected end") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object(try object(depth: depth))
        case UInt8(ascii: "["): return .array(try array(depth: depth))
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func object(depth: Int) throws(SyntaxError) -> JSONObject {
        position += 1
        var object = JSONObject()
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return object
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw SyntaxError(detail: "expected a key") }
            let key = try string()
            guard object[key] == nil else { throw SyntaxError(detail: "duplicate key \"\(key)\"") }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw SyntaxError(detail: "expected ':'") }
            position += 1
            skipWhitespace()
            object.members.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            guard position < bytes.count else { throw SyntaxError(detail: "unexpected end") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { throw SyntaxError(detail: "expected ',' or '}'") }
            position += 1
            return object
        }
    }

    private mutating func array(depth: Int) throws(SyntaxError) -> [JSONValue] {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            guard position < bytes.count else { throw SyntaxError(detail: "unexpected end") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else { throw SyntaxError(detail: "expected ',' or ']'") }
            position += 1
            return elements
        }
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw SyntaxError(detail: "unexpected end") }
        for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] {
            throw SyntaxError(detail: "unknown literal")
        }
        position += count
    }

    private mutating func number() throws(SyntaxError) -> String {
        let start = position
        func digits(_ reader: inout JSONReader) -> Int {
            let first = reader.position
            while reader.position < reader.bytes.count, (0x30...0x39).contains(reader.bytes[reader.position]) { reader.position += 1 }
            return reader.position - first
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        let integerDigits = digits(&self)
        guard integerDigits > 0 else { throw SyntaxError(detail: "unexpected character") }
        guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw SyntaxError(detail: "leading zero in a number") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { throw SyntaxError(detail: "digits expected after '.'") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits(&self) > 0 else { throw SyntaxError(detail: "digits expected in the exponent") }
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func string() throws(SyntaxError) -> String {
        position += 1
        let start = position
        // The common case: no escapes, so the text is the bytes between the quotes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                defer { position += 1 }
                return try Self.text(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw SyntaxError(detail: "control character in a string") }
            position += 1
        }
        var unescaped = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: unescaped, as: UTF8.self) else { throw SyntaxError(detail: "invalid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &unescaped)
            case 0..<0x20:
                throw SyntaxError(detail: "control character in a string")
            default:
                unescaped.append(byte)
            }
        }
        throw SyntaxError(detail: "unterminated string")
    }

    private mutating func escape(into output: inout [UInt8]) throws(SyntaxError) {
        guard position < bytes.count else { throw SyntaxError(detail: "unterminated string") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try hex4())
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw SyntaxError(detail: "unpaired surrogate")
                }
                position += 2
                let low = UInt32(try hex4())
                guard (0xDC00...0xDFFF).contains(low) else { throw SyntaxError(detail: "unpaired surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let value = Unicode.Scalar(scalar) else { throw SyntaxError(detail: "unpaired surrogate") }
            output.append(contentsOf: UTF8.encode(value)!)
        default:
            throw SyntaxError(detail: "unknown escape")
        }
    }

    private mutating func hex4() throws(SyntaxError) -> UInt16 {
        guard position + 4 <= bytes.count else { throw SyntaxError(detail: "unterminated string") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw SyntaxError(detail: "bad \\u escape")
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    private static func text(_ buffer: UnsafeRawBufferPointer) throws(SyntaxError) -> String {
        guard let text = String(validating: buffer, as: UTF8.self) else { throw SyntaxError(detail: "invalid UTF-8") }
        return text
    }
}

/// A request type read from a JSON object through ``JSONFields``.
protocol JSONBody: Sendable {
    init(json: JSONFields) throws(DeskError)
}

/// An object of a request body being read into a request type, with its place in the body for error messages
/// ("requester.email", "attachmentIds[2]"): a missing or null required field is `required`, a value of the wrong JSON
/// type `wrongType`, a value that is not one of the allowed ones `invalidValue`, an unknown key `unknownField`.
struct JSONFields {
    let object: JSONObject
    let path: String

    init(_ object: JSONObject, path: String = "") {
        self.object = object
        self.path = path
    }

    func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Refuses keys the request type does not know, so a typo (`assignee_id`) is an error instead of silently ignored.
    func rejectUnknownKeys(_ known: [String]) throws(DeskError) {
        for member in object.members where !known.contains(member.key) {
            throw DeskError.invalidField(field(member.key), reason: .unknownField)
        }
    }

    /// The value of a key; nil when absent or null.
    func present(_ key: String) -> JSONValue? {
        guard let value = object[key] else { return nil }
        if case .null = value { return nil }
        return value
    }

    func has(_ key: String) -> Bool { object[key] != nil }

    // MARK: Optional values (absent or null is nil)

    func string(_ key: String) throws(DeskError) -> String? {
        guard let value = present(key) else { return nil }
        guard case .string(let text) = value else { throw DeskError.invalidField(field(key), reason: .wrongType) }
        return text
    }

    func int(_ key: String) throws(DeskError) -> Int? {
        guard let value = present(key) else { return nil }
        guard case .number(let text) = value else { throw DeskError.invalidField(field(key), reason: .wrongType) }
        guard let number = Int(text) else { throw DeskError.invalidField(field(key), reason: .invalidValue) }
        return number
    }

    func bool(_ key: String) throws(DeskError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard case .bool(let flag) = value else { throw DeskError.invalidField(field(key), reason: .wrongType) }
        return flag
    }

    /// A string-backed value (an enum, an email address, a phone number).
    func value<T: RawRepresentable>(_ key: String, as type: T.Type = T.self) throws(DeskError) -> T? where T.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let value = T(rawValue: text) else { throw DeskError.invalidField(field(key), reason: .invalidValue) }
        return value
    }

    func id<Entity>(_ key: String, as type: Identifier<Entity>.Type = Identifier<Entity>.self) throws(DeskError) -> Identifier<Entity>? {
        guard let text = try string(key) else { return nil }
        guard let id = Identifier<Entity>(text) else { throw DeskError.invalidField(field(key), reason: .invalidValue) }
        return id
    }

    /// A ticket number, as a positive integer or as written ("WD-10042").
    func ticketNumber(_ key: String) throws(DeskError) -> TicketNumber? {
        switch present(key) {
        case nil: return nil
        case .number(let text)?:
            guard let raw = Int64(text), raw > 0 else { throw DeskError.invalidField(field(key), reason: .invalidValue) }
            return TicketNumber(raw)
        case .string(let text)?:
            guard let number = TicketNumber(parsing: text) else { throw DeskError.invalidField(field(key), reason: .invalidValue) }
            return number
        default:
            throw DeskError.invalidField(field(key), reason: .wrongType)
        }
    }

    func object(_ key: String) throws(DeskError) -> JSONFields? {
        guard let value = present(key) else { return nil }
        guard case .object(let object) = value else { throw DeskError.invalidField(field(key), reason: .wrongType) }
        return JSONFields(object, path: field(key))
    }

    func body<T: JSONBody>(_ key: String, as type: T.Type = T.self) throws(DeskError) -> T? {
        guard let fields = try object(key) else { return nil }
        return try T(json: fields)
    }

    /// An array whose elements are read by `element` (given the value and its place, e.g. "tags[1]").
    func array<T>(_ key: String, _ element: (JSONValue, String) throws(DeskError) -> T) throws(DeskError) -> [T]? {
        guard let value = present(key) else { return nil }
        guard case .array(let values) = value else { throw DeskError.invalidField(field(key), reason: .wrongType) }
        var result: [T] = []
        result.reserveCapacity(values.count)
        for (index, value) in values.enumerated() { result.append(try element(value, "\(field(key))[\(index)]")) }
        return result
    }

    /// An array of strings, each read by `parse` (nil: not one of the allowed values).
    func array<T>(_ key: String, parsing parse: (String) -> T?) throws(DeskError) -> [T]? {
        try array(key) { value, place throws(DeskError) in
            guard case .string(let text) = value else { throw DeskError.invalidField(place, reason: .wrongType) }
            guard let element = parse(text) else { throw DeskError.invalidField(place, reason: .invalidValue) }
            return element
        }
    }

    func strings(_ key: String) throws(DeskError) -> [String]? {
        try array(key, parsing: { Optional($0) })
    }

    func ids<Entity>(_ key: String, as type: Identifier<Entity>.Type = Identifier<Entity>.self) throws(DeskError) -> [Identifier<Entity>]? {
        try array(key, parsing: { Identifier<Entity>($0) })
    }

    /// An array of string-backed values (scopes, languages).
    func values<T: RawRepresentable>(_ key: String, as type: T.Type = T.self) throws(DeskError) -> [T]? where T.RawValue == String {
        try array(key, parsing: { T(rawValue: $0) })
    }

    /// An array of objects, each read into a request type whose fields are named by their place ("translations[1].title").
    func bodies<T: JSONBody>(_ key: String, as type: T.Type = T.self) throws(DeskError) -> [T]? {
        try array(key) { value, place throws(DeskError) in
            guard case .object(let object) = value else { throw DeskError.invalidField(place, reason: .wrongType) }
            return try T(json: JSONFields(object, path: place))
        }
    }

    // MARK: Required values and PATCH fields

    /// A required value: absent or null is `required`.
    func required<T>(_ key: String, _ read: (String) throws(DeskError) -> T?) throws(DeskError) -> T {
        guard let value = try read(key) else { throw DeskError.invalidField(field(key), reason: .required) }
        return value
    }

    /// A PATCH field: absent leaves the value, null clears it, anything else sets it.
    func patch<T>(_ key: String, _ read: (String) throws(DeskError) -> T?) throws(DeskError) -> Patch<T> {
        guard has(key) else { return .unchanged }
        return .set(try read(key))
    }
}
