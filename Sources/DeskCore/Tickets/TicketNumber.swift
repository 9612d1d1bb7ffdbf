/// The human-readable number of a ticket, shown to customers as `WD-10042`.
///
/// Numbers come from the store (a sequence on PostgreSQL, the writer connection on SQLite), so they are unique across
/// every node. The prefix is presentation only; any prefix or none is accepted when parsing.
public struct TicketNumber: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ value: Int64) { self.rawValue = value }

    /// The prefix used when formatting numbers for people.
    public static let prefix = "WD-"

    /// `WD-10042`.
    public var description: String { Self.prefix + String(rawValue) }

    /// Parses `WD-10042`, `wd-10042`, `#10042` or `10042`.
    public init?(parsing text: some StringProtocol) {
        var digits = Substring(text.trimmingWhitespace())
        if let dash = digits.lastIndex(of: "-") {
            // A prefix such as "WD" must be letters; "-5" is not a ticket number.
            let prefix = digits[..<dash]
            guard !prefix.isEmpty, prefix.allSatisfy({ $0.isLetter && $0.isASCII }) else { return nil }
            digits = digits[digits.index(after: dash)...]
        }
        if digits.first == "#" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCIIDigit), let value = Int64(digits), value > 0 else {
            return nil
        }
        self.rawValue = value
    }

    public static func < (lhs: TicketNumber, rhs: TicketNumber) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int64.self), value > 0 {
            self.rawValue = value
        } else if let parsed = TicketNumber(parsing: try container.decode(String.self)) {
            self = parsed
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a ticket number")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// The text without leading and trailing white space and newlines.
    public func trimmingWhitespace() -> Substring {
        let scalars = Substring(self)
        guard let first = scalars.firstIndex(where: { !$0.isWhitespace }) else { return scalars[scalars.endIndex...] }
        let last = scalars.lastIndex(where: { !$0.isWhitespace })!
        return scalars[first...last]
    }
}
