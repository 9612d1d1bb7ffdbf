import Foundation

/// When the outbox tries a message again, and when it gives up.
///
/// A transient failure (the mail server answered 4xx, or could not be reached) is retried after a delay that doubles
/// with every attempt, up to `maximumDelay`; after `maxAttempts` attempts, or at once on a permanent (5xx) answer, the
/// message is marked failed and stays visible to admins.
public struct DeliveryPolicy: Sendable, Equatable {
    /// Delay after the first failed attempt.
    public var baseDelay: TimeInterval = 30
    /// No delay grows beyond this.
    public var maximumDelay: TimeInterval = 3600
    /// Attempts before a message is given up on.
    public var maxAttempts = 8
    /// How long a node may hold a claimed row before another node may take it over. Longer than one SMTP session
    /// (connect, greeting and every reply have their own timeouts), so a slow but live node is never overtaken.
    public var lease: TimeInterval = 300
    /// Rows one node claims at a time.
    public var batchSize = 20

    public init() {}

    /// The delay before attempt `attempts + 1`, after `attempts` (≥ 1) failed attempts.
    public func delay(afterAttempts attempts: Int) -> TimeInterval {
        let exponent = Double(max(0, min(attempts - 1, 30)))
        return min(maximumDelay, baseDelay * pow(2, exponent))
    }

    /// Whether a message that failed `attempts` times (transiently) is given up on.
    public func givesUp(afterAttempts attempts: Int) -> Bool { attempts >= maxAttempts }
}

/// Why a delivery attempt failed, as stored in `last_error` and shown to admins.
///
/// The text is cut down before it is stored: servers echo addresses and sometimes parts of the message in their
/// replies, and a one-time code must never leave the message body. Runs of four or more digits become `#`, email
/// addresses are masked, control characters go, and the whole is at most 160 characters.
public enum DeliveryFailure {
    public static func sanitize(_ text: String) -> String {
        var words: [String] = []
        for word in text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }) {
            var word = String(word)
            if word.contains("@") {
                let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: "<>,;:()[]\"'"))
                word = PIIMask.email(trimmed)
            }
            words.append(word)
        }
        var result = ""
        var digits = ""
        func flushDigits() {
            result += digits.count >= 4 ? "#" : digits
            digits = ""
        }
        for character in words.joined(separator: " ") {
            if character.isASCII && character.isNumber {
                digits.append(character)
                continue
            }
            flushDigits()
            if character.unicodeScalars.allSatisfy({ !CharacterSet.controlCharacters.contains($0) }) { result.append(character) }
        }
        flushDigits()
        return result.count > 160 ? String(result.prefix(159)) + "…" : result
    }
}
