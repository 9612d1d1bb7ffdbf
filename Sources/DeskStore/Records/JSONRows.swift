import DeskCore

/// Rows for a multi-row INSERT, sent to the database as one JSON array in one parameter (see
/// ``Dialect/insertRows(into:_:)``).
///
/// Batched writes (group commit of ticket creations, history entries) used to bind every value of every row: a batch of
/// 30 new tickets bound ~1,600 parameters through SQLKit's encoders and made the database parse a statement as long,
/// all on the single writer's path. As JSON the statement text is fixed and short, and building the array is plain byte
/// appending. Keys are the column names.
struct JSONRows {
    private var bytes: [UInt8] = [UInt8(ascii: "[")]
    private var fields = 0
    private(set) var count = 0

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    var isEmpty: Bool { count == 0 }

    /// The JSON array text.
    var text: String {
        var closed = bytes
        closed.append(UInt8(ascii: "]"))
        return String(decoding: closed, as: UTF8.self)
    }

    mutating func startRow() {
        if count > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "{"))
        count += 1
        fields = 0
    }

    mutating func endRow() {
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func text(_ key: StaticString, _ value: String?) {
        self.key(key)
        guard let value else { return Self.append("null", to: &bytes) }
        JSONText.appendString(value, to: &bytes)
    }

    mutating func integer(_ key: StaticString, _ value: Int64?) {
        self.key(key)
        guard let value else { return Self.append("null", to: &bytes) }
        bytes.append(contentsOf: String(value).utf8)
    }

    private mutating func key(_ key: StaticString) {
        if fields > 0 { bytes.append(UInt8(ascii: ",")) }
        fields += 1
        bytes.append(UInt8(ascii: "\""))
        Self.append(key, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }
}

/// JSON string escaping shared by the hand-written JSON of the store (``JSONRows``, ``ChangesJSON``).
enum JSONText {
    static func appendString(_ value: String, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                hex.withUTF8Buffer { digits in
                    out.append(digits[Int(byte >> 4)])
                    out.append(digits[Int(byte & 0x0f)])
                }
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
