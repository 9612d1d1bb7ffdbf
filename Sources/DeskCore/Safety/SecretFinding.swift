/// What sort of secret a finding is.
public enum SecretKind: String, Codable, Sendable, CaseIterable {
    /// A BIP39 recovery phrase (seed phrase) in any of the ten official wordlists.
    case mnemonic
    /// A raw private key: 64 hex digits, WIF, or a Solana 64-byte secret key.
    case privateKey = "private_key"
    /// A BIP32 extended private key (xprv, yprv, zprv, tprv, uprv, vprv).
    case xprv
    /// An Ethereum keystore (UTC/JSON) file pasted as text.
    case keystore
    /// A password stated as such ("my password is …", "密码是…").
    case password
    /// A one-time code stated as such (SMS, e-mail or authenticator code), or the authenticator key that makes them
    /// (Base32, after "2FA secret", "备份密钥" …).
    case otp
}

/// One secret found in a text.
///
/// Offsets count Unicode scalars of the scanned text (not UTF-16 units, not grapheme clusters), so
/// the same numbers work from Swift, JavaScript (`Array.from(text)`) and PostgreSQL.
public struct SecretFinding: Codable, Sendable, Equatable {
    /// What was found.
    public var kind: SecretKind
    /// Offset of the first scalar of the secret.
    public var start: Int
    /// Offset one past the last scalar of the secret.
    public var end: Int
    /// How sure the scanner is, from 0 to 1: 0.99 for checksum-verified material, lower for
    /// heuristics (see the detectors for the scale).
    public var confidence: Double

    /// Creates a finding.
    public init(kind: SecretKind, start: Int, end: Int, confidence: Double) {
        self.kind = kind
        self.start = start
        self.end = end
        self.confidence = confidence
    }
}

/// The outcome of scanning one text: the text with secrets replaced, and where they were.
public struct ScanResult: Codable, Sendable {
    /// The input with every finding's span replaced by a localised marker.
    public var redacted: String
    /// Findings in ascending order of `start`, never overlapping; offsets refer to the input.
    public var findings: [SecretFinding]

    /// Creates a result.
    public init(redacted: String, findings: [SecretFinding]) {
        self.redacted = redacted
        self.findings = findings
    }
}
