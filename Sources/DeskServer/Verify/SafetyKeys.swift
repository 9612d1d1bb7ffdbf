import Crypto
import DeskCore
import DeskStore
import Foundation
import Synchronization

/// The workspace's safety secrets, made once (at first start) and kept in the settings table: the key that signs
/// agent messages and call codes, and the salt of secret fingerprints. Loaded once per node and cached; never logged.
final class SafetyKeys: Sendable {
    static let messageKeySetting = "message_verification_key"
    static let fingerprintSaltSetting = "secret_fingerprint_salt"

    private let cached = Mutex<(message: SymmetricKey, salt: [UInt8])?>(nil)

    /// Loads the keys, creating them on the first start of the first node.
    func load(store: any Store) async throws -> (message: SymmetricKey, salt: [UInt8]) {
        if let keys = cached.withLock({ $0 }) { return keys }
        let messageHex = try await store.settingCreatedOnce(Self.messageKeySetting) { Self.hex(Secrets.randomBytes(32)) }
        let saltHex = try await store.settingCreatedOnce(Self.fingerprintSaltSetting) { Self.hex(Secrets.randomBytes(32)) }
        let keys = (SymmetricKey(data: Self.bytes(messageHex)), Self.bytes(saltHex))
        cached.withLock { $0 = keys }
        return keys
    }

    func messageKey(store: any Store) async throws -> SymmetricKey { try await load(store: store).message }
    func fingerprintSalt(store: any Store) async throws -> [UInt8] { try await load(store: store).salt }

    static func hex(_ bytes: [UInt8]) -> String { bytes.hexString }

    static func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            if let byte = UInt8(hex[index..<next], radix: 16) { result.append(byte) }
            index = next
        }
        return result
    }
}

/// Verification codes of agent messages and call codes, as HMAC-SHA-256 under the workspace key.
enum AgentVerification {
    /// Crockford's base32 without I, L, O, U: easy to read aloud and type.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The code of one public agent message: HMAC over (message id, agent id, ticket), 60 bits as `XXXX-XXXX-XXXX`.
    static func messageCode(message: MessageID, agent: AgentID, ticket: TicketNumber, key: SymmetricKey) -> String {
        let mac = HMAC<Crypto.SHA256>.authenticationCode(for: Data("message|\(message)|\(agent)|\(ticket.rawValue)".utf8), using: key)
        let bytes = Array(mac.prefix(8))
        var value = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } >> 4
        var characters: [Character] = []
        for _ in 0..<12 {
            characters.append(alphabet[Int(value & 31)])
            value >>= 5
        }
        let text = String(characters.reversed())
        return "\(text.prefix(4))-\(text.dropFirst(4).prefix(4))-\(text.suffix(4))"
    }

    /// What a person typed, in the code's canonical form: upper case, look-alikes folded (O→0, I/L→1), dashes placed.
    static func normaliseMessageCode(_ text: String) -> String? {
        var cleaned: [Character] = []
        for character in text.uppercased() {
            switch character {
            case "O": cleaned.append("0")
            case "I", "L": cleaned.append("1")
            case " ", "-", "–": continue
            default:
                guard alphabet.contains(character) else { return nil }
                cleaned.append(character)
            }
        }
        guard cleaned.count == 12 else { return nil }
        let text = String(cleaned)
        return "\(text.prefix(4))-\(text.dropFirst(4).prefix(4))-\(text.suffix(4))"
    }

    /// A six-digit one-time code.
    static func newCallCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(format: "%06d", Int(generator.next(upperBound: UInt(1_000_000))))
    }

    /// What the store keeps of an agent call code: its HMAC, bound to the ticket.
    static func callCodeHash(_ code: String, ticket: TicketNumber, key: SymmetricKey) -> String {
        let digits = code.filter(\.isNumber)
        let mac = HMAC<Crypto.SHA256>.authenticationCode(for: Data("call|\(ticket.rawValue)|\(digits)".utf8), using: key)
        return mac.hexString
    }
}
