import Crypto
import DeskCore
import DeskStore
import Foundation
import Logging

/// Seals secrets the server must read back (TOTP shared secrets) with AES-256-GCM under a key kept outside the database,
/// so a copy of the database alone (a backup, a dump, a stolen disk image) does not yield working second factors.
///
/// A sealed value reads `wd1:<key id>:<base64 of nonce, ciphertext and tag>`. The key id (first 4 bytes of the key's
/// SHA-256, in hex) lets a node that holds another key say so instead of failing the tag check with garbage. The
/// authenticated context binds each value to its owner (the agent id), so it cannot be copied onto another row.
/// Values without the prefix are plaintext from before sealing: the pass at start (``sealLegacyTOTPSecrets(store:logger:)``)
/// reads them as they are and seals them. After it, a plaintext value is refused like a damaged one: otherwise anyone able
/// to write to the database could plant a TOTP secret of their own choosing and pass the second factor.
public struct SecretSealer: Sendable {
    static let prefix = "wd1:"
    let key: SymmetricKey
    /// The first four bytes of SHA-256(key), in hex.
    public let keyID: String

    public init(keyBytes: [UInt8]) throws {
        guard keyBytes.count == 32 else { throw ConfigurationError.invalid("secret key", "must be 32 bytes (64 hex digits or 44 base64 characters)") }
        key = SymmetricKey(data: keyBytes)
        keyID = SHA256.hash(data: keyBytes).prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    /// A key that lives as long as the process: the default for tests and tools that seal nothing lasting.
    public static func ephemeral() -> SecretSealer {
        try! SecretSealer(keyBytes: Secrets.randomBytes(32))
    }

    /// Reads 32 key bytes written as 64 hex digits or as base64 (surrounding whitespace ignored).
    public static func parseKey(_ text: String) -> [UInt8]? {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count == 64, text.allSatisfy(\.isHexDigit) {
            var bytes: [UInt8] = []
            var index = text.startIndex
            while index < text.endIndex {
                let next = text.index(index, offsetBy: 2)
                bytes.append(UInt8(text[index..<next], radix: 16)!)
                index = next
            }
            return bytes
        }
        guard let data = Data(base64Encoded: text), data.count == 32 else { return nil }
        return Array(data)
    }

    public static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) }

    public func seal(_ plaintext: String, owner: String) -> String {
        // AES-GCM with a random 96-bit nonce: sealing cannot fail for valid keys, so a failure is a programming error.
        let box = try! AES.GCM.seal(Data(plaintext.utf8), using: key, authenticating: Self.context(owner))
        return Self.prefix + keyID + ":" + box.combined!.base64EncodedString()
    }

    /// The plaintext of a sealed value; a value stored in plaintext is returned as it is only when `acceptingPlaintext`.
    /// Throws ``DeskError/secretKeyMismatch`` when another key sealed it and ``DeskError/sealedSecretDamaged`` when it was
    /// altered, cut short, moved to another owner or (unless accepted) not sealed at all.
    public func open(_ stored: String, owner: String, acceptingPlaintext: Bool = false) throws -> String {
        guard Self.isSealed(stored) else {
            guard acceptingPlaintext else { throw DeskError.sealedSecretDamaged }
            return stored
        }
        let parts = stored.dropFirst(Self.prefix.count).split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw DeskError.sealedSecretDamaged }
        guard parts[0] == keyID else { throw DeskError.secretKeyMismatch }
        guard let combined = Data(base64Encoded: String(parts[1])),
            let box = try? AES.GCM.SealedBox(combined: combined),
            let plain = try? AES.GCM.open(box, using: key, authenticating: Self.context(owner)),
            let text = String(data: plain, encoding: .utf8)
        else { throw DeskError.sealedSecretDamaged }
        return text
    }

    static func context(_ owner: String) -> Data { Data(("walletdesk-sealed\u{0}" + owner).utf8) }

    // MARK: TOTP secrets

    func sealTOTP(_ secret: String, for agentID: AgentID) -> String { seal(secret, owner: "totp:\(agentID)") }

    func openTOTP(_ stored: String?, for agentID: AgentID) throws -> String? {
        try stored.map { try open($0, owner: "totp:\(agentID)") }
    }

    /// Seals the TOTP secrets still stored in plaintext (from before sealing existed), so they keep working. Run at every
    /// start rather than "seal on the next write": an enrolled secret is never written again, so it would stay readable
    /// for good, and plaintext would have to be accepted at run time. Each replacement is conditional on the old value,
    /// so nodes starting together do not overwrite each other.
    public func sealLegacyTOTPSecrets(store: any SecondFactorStore, logger: Logger) async throws {
        var sealed = 0
        for row in try await store.totpSecrets() {
            for (pending, value) in [(false, row.active), (true, row.pending)] {
                guard let value, !Self.isSealed(value) else { continue }
                if try await store.replaceTOTPSecret(row.agentID, pending: pending, from: value, to: sealTOTP(value, for: row.agentID)) { sealed += 1 }
            }
        }
        if sealed > 0 { logger.notice("sealed TOTP secrets stored in plaintext", metadata: ["count": "\(sealed)"]) }
    }
}

extension ServerConfiguration {
    /// The key that seals secrets at rest: `WALLETDESK_SECRET_KEY`, else the file named by `--secret-key-file`, else
    /// `<data dir>/secret.key`, made on the first start (mode 0600) when missing.
    public func secretSealer(logger: Logger) throws -> SecretSealer {
        if let inline = secretKey {
            guard let bytes = SecretSealer.parseKey(inline) else { throw ConfigurationError.invalid("WALLETDESK_SECRET_KEY", "not 32 bytes in hex or base64") }
            return try SecretSealer(keyBytes: bytes)
        }
        let path = secretKeyFile ?? URL(fileURLWithPath: dataDirectory).appendingPathComponent("secret.key").path
        if secretKeyFile == nil, !FileManager.default.fileExists(atPath: path) {
            let text = Data(Secrets.randomBytes(32)).base64EncodedString() + "\n"
            try? FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            // O_EXCL: when two processes start at once, one creates the file and the other reads it.
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if fd < 0, errno != EEXIST {
                throw ConfigurationError.invalid("secret key file", "\(path) cannot be created; set WALLETDESK_SECRET_KEY or --secret-key-file")
            }
            if fd >= 0 {
                _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
                fsync(fd)
                close(fd)
                logger.notice("created a secret key for sealing TOTP secrets; back it up with the database", metadata: ["path": "\(path)"])
            }
        }
        if secretKeyFile == nil, databaseURL != nil {
            logger.warning(
                "using the secret key generated in this node's data directory; on PostgreSQL every node needs the same key: copy the file to the others and pass --secret-key-file, or set WALLETDESK_SECRET_KEY",
                metadata: ["path": "\(path)"]
            )
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ConfigurationError.invalid("secret key file", path) }
        guard let bytes = SecretSealer.parseKey(text) else { throw ConfigurationError.invalid("secret key file", "\(path) does not hold 32 bytes in hex or base64") }
        return try SecretSealer(keyBytes: bytes)
    }
}
