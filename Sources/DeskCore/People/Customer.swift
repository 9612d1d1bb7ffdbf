import Foundation

/// A wallet user who asks for help.
public struct Customer: Codable, Sendable, Equatable {
    public var id: CustomerID
    public var name: String?
    public var email: EmailAddress?
    public var phone: PhoneNumber?
    public var telegramID: String?
    public var wechatID: String?
    /// The customer's account id in the wallet's own backend.
    public var walletAccountID: String?
    public var language: Language
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: CustomerID = .init(), name: String? = nil, email: EmailAddress? = nil, phone: PhoneNumber? = nil, telegramID: String? = nil,
        wechatID: String? = nil, walletAccountID: String? = nil, language: Language = .zhCN, createdAt: Date, updatedAt: Date,
        version: Int = 1
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.telegramID = telegramID
        self.wechatID = wechatID
        self.walletAccountID = walletAccountID
        self.language = language
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// A customer must be reachable or identifiable some way, or nobody can answer them.
    public var hasContact: Bool {
        email != nil || phone != nil || telegramID != nil || wechatID != nil || walletAccountID != nil
    }
}

/// An email address, lower-cased in the domain part and checked for a plausible shape.
public struct EmailAddress: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public var description: String { rawValue }

    public init?(rawValue: String) {
        let text = String(rawValue.trimmingWhitespace())
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64,
            parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
        else { return nil }
        self.rawValue = "\(parts[0])@\(parts[1].lowercased())"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let value = EmailAddress(rawValue: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an email address")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A phone number reduced to `+` and digits (E.164 shape) so `+86 138-0013-8000` and `+8613800138000` are one number.
public struct PhoneNumber: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public var description: String { rawValue }

    public init?(rawValue: String) {
        var text = String(rawValue.trimmingWhitespace())
        if text.hasPrefix("00") { text = "+" + text.dropFirst(2) }
        let plus = text.hasPrefix("+") || text.hasPrefix("＋")
        let digits = text.unicodeScalars.compactMap { scalar -> Character? in
            // Full-width digits are common in Chinese input.
            if ("0"..."9").contains(scalar) { return Character(scalar) }
            if ("０"..."９").contains(scalar) { return Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!) }
            return nil
        }
        let allowed = text.unicodeScalars.allSatisfy {
            ("0"..."9").contains($0) || ("０"..."９").contains($0) || " -().+＋".unicodeScalars.contains($0)
        }
        guard allowed, (6...15).contains(digits.count) else { return nil }
        self.rawValue = (plus ? "+" : "") + String(digits)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let value = PhoneNumber(rawValue: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a phone number")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
