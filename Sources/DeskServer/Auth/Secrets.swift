import Crypto
import DeskCore
import Foundation

/// Random secrets handed to people once, and the hashes the store keeps instead of them.
enum Secrets {
    /// A new API token: `wd_` and 32 random bytes in base64url. Only its hash is stored.
    static func newToken() -> String {
        "wd_" + base64url(randomBytes(32))
    }

    /// A setup code people can type: 10 characters without look-alikes (0/O, 1/I/L), shown as `ABCDE-FGHJK`.
    static func newSetupCode() -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<10).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] }
        return String(characters[0..<5]) + "-" + String(characters[5...])
    }

    /// Normalises what a person typed (case, spaces, missing dash) before hashing.
    static func normaliseSetupCode(_ code: String) -> String {
        let cleaned = code.uppercased().filter { $0.isLetter || $0.isNumber }
        guard cleaned.count == 10 else { return cleaned }
        return String(cleaned.prefix(5)) + "-" + String(cleaned.suffix(5))
    }

    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hexString
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
