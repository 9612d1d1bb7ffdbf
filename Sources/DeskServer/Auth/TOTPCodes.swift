import DeskCore
import Foundation
import HummingbirdOTP

/// TOTP (RFC 6238, 6 digits, 30 s, SHA-1: what authenticator apps expect) and recovery codes.
enum TOTPCodes {
    static let issuer = "WalletDesk"

    /// A new shared secret: 20 random characters (the bytes of their UTF-8 text are the HMAC key).
    static func newSecret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    /// The `otpauth://` URL for authenticator apps, labelled with the agent's email.
    static func authenticatorURL(secret: String, account: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "\(issuer):\(account)", issuer: issuer)
    }

    /// The key to type in by hand when scanning is not possible: the URL's base32 secret in groups of four.
    static func manualKey(secret: String, account: String) -> String {
        let url = authenticatorURL(secret: secret, account: account)
        guard let query = url.split(separator: "?", maxSplits: 1).last,
            let value = query.split(separator: "&").first(where: { $0.hasPrefix("secret=") })?.dropFirst("secret=".count)
        else { return "" }
        var groups: [String] = []
        var rest = Substring(value)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// The time step a 6-digit `code` belongs to, if it is right for a step within the allowed drift of `now`.
    static func matchingStep(code: String, secret: String, now: Date) -> Int64? {
        let digits = code.filter { !$0.isWhitespace }
        guard digits.count == 6, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let value = Int(digits) else { return nil }
        let totp = TOTP(secret: secret)
        let current = Int64(now.timeIntervalSince1970) / 30
        var found: Int64?
        // Every candidate is computed, so the time taken does not tell which step matched.
        for step in (current - Int64(SecondFactorRules.allowedDriftSteps))...(current + Int64(SecondFactorRules.allowedDriftSteps)) {
            let expected = totp.compute(date: Date(timeIntervalSince1970: TimeInterval(step * 30)))
            if expected == value, found == nil { found = step }
        }
        return found
    }

    /// The code an authenticator app shows at `date` (tests and the benchmark use it to act as the app).
    static func code(secret: String, at date: Date) -> String {
        let value = TOTP(secret: secret).compute(date: date)
        let text = String(value)
        return String(repeating: "0", count: max(0, 6 - text.count)) + text
    }

    /// Ten recovery codes like `ABCDE-FGHJK`, shown once.
    static func newRecoveryCodes() -> [String] {
        (0..<SecondFactorRules.recoveryCodeCount).map { _ in Secrets.newSetupCode() }
    }

    static func recoveryCodeHash(_ code: String) -> String {
        Secrets.sha256Hex("recovery\u{0}" + Secrets.normaliseSetupCode(code))
    }
}
