import DeskCore

/// Rows for a multi-row INSERT, sent to the database as one JSON array in one parameter (see
/// ``Dialect/insertRows(into:_:)``).
///
/// Batched writes (group commit of ticket creations, history entries) used to bind every value of every row: a batch of
/// 30 new tickets bound ~1,600 parameters through SQLKit's encoders and made the database parse a statement as long,
/// all on the single writer's path. As JSON the statement text is fixed and short, and building the array is plain byte
/// appending. Keys are the column names.
struct JSONRows: RowWriter {
    private var bytes: [UInt8] = [UInt8(ascii: "[")]
    private var fields = 0
    private(set) var count = 0

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// The keys say which column a value is for, so the table is not needed.
    init(table: RowTable) {
        self.init()
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
    /// Appends `value` as a JSON string. Runs that need no escaping (almost all text) are copied in one go.
    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
                case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    out.append(contentsOf: #"\u00"#.utf8)
                    hex.withUTF8Buffer { digits in
                        out.append(digits[Int(byte >> 4)])
                        out.append(digits[Int(byte & 0x0f)])
                    }
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
