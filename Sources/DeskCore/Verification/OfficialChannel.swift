import Foundation

/// The sort of contact point an official channel (or a value to check) is.
public enum ChannelKind: String, Codable, Sendable, CaseIterable {
    /// A web domain (`official.com`); its subdomains belong to it.
    case web
    /// One email address (`support@official.com`).
    case email
    /// Every address at a domain (`official.com` for `*@official.com`).
    case emailDomain = "email_domain"
    /// A phone number, stored in E.164 shape (`+8613800138000`) or as a national service number (`4008208820`).
    case phone
    case telegram
    /// X, formerly Twitter.
    case x
    case wechat
    case weibo
    case whatsapp
    /// An app-store listing: `apple:id123456789` or `google:com.official.wallet`.
    case appStore = "app_store"

    /// Kinds whose values are account names (compared without `@`, case-insensitively).
    public var isHandle: Bool {
        switch self {
        case .telegram, .x, .wechat, .weibo: true
        default: false
        }
    }
}

/// Whether a registry entry is a channel the company uses, or one it never uses (a standing warning).
public enum ChannelUse: String, Codable, Sendable, CaseIterable {
    case official
    /// "We never contact you here": e.g. WhatsApp, or direct messages on Telegram offering help.
    case neverUsed = "never_used"
}

/// Identifies a registry entry.
public enum ChannelEntity: Sendable {}
public typealias ChannelID = Identifier<ChannelEntity>

/// One entry of the official-channel registry, kept by admins.
///
/// `value` is always in normal form (see ``ChannelNormalizer``). A never-used entry with an empty value covers the whole
/// platform ("we never use WhatsApp"); with a value, only that one.
public struct OfficialChannel: Codable, Sendable, Equatable {
    public var id: ChannelID
    public var kind: ChannelKind
    public var value: String
    public var use: ChannelUse
    /// What customers see, e.g. "客服热线" or "Official Telegram announcements".
    public var label: String
    /// When it is staffed, free text (e.g. "周一至周五 9:00–18:00 (UTC+8)").
    public var hours: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public static let maxLabelLength = 120
    public static let maxHoursLength = 120

    public init(
        id: ChannelID = .init(), kind: ChannelKind, value: String, use: ChannelUse = .official, label: String, hours: String? = nil,
        createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        self.id = id
        self.kind = kind
        self.value = value
        self.use = use
        self.label = label
        self.hours = hours
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// Checks and normalises what an admin typed: the value in normal form for its kind, label and hours trimmed and
    /// bounded. Throws ``DeskError/invalidField(_:reason:)`` naming the field.
    public static func validated(
        kind: ChannelKind, value: String, use: ChannelUse, label: String, hours: String?
    ) throws -> (value: String, label: String, hours: String?) {
        let trimmedValue = String(value.trimmingWhitespace())
        let normal: String
        if trimmedValue.isEmpty {
            // Only "never used" may name a whole platform.
            guard use == .neverUsed else { throw DeskError.invalidField("value", reason: .required) }
            normal = ""
        } else {
            guard let parsed = ChannelNormalizer.normalize(trimmedValue, as: kind) else { throw DeskError.invalidField("value", reason: .invalidValue) }
            normal = parsed
        }
        let cleanLabel = String(label.trimmingWhitespace())
        guard !cleanLabel.isEmpty else { throw DeskError.invalidField("label", reason: .required) }
        guard cleanLabel.count <= maxLabelLength else { throw DeskError.invalidField("label", reason: .tooLong) }
        let cleanHours = hours.map { String($0.trimmingWhitespace()) }.flatMap { $0.isEmpty ? nil : $0 }
        if let cleanHours, cleanHours.count > maxHoursLength { throw DeskError.invalidField("hours", reason: .tooLong) }
        // Labels and hours are shown to everyone: a secret pasted into them is refused, never stored.
        let scanner = SecretScanner()
        if !scanner.findings(in: cleanLabel).isEmpty { throw DeskError.invalidField("label", reason: .invalidValue) }
        if let cleanHours, !scanner.findings(in: cleanHours).isEmpty { throw DeskError.invalidField("hours", reason: .invalidValue) }
        return (normal, cleanLabel, cleanHours)
    }
}
