import Testing
@testable import DeskCore

/// Arbitrary input must never crash the scanner, and findings must always be valid, sorted,
/// non-overlapping spans, because the redactor and the API rely on that.
@Suite("Scanner robustness")
struct ScannerRobustnessTests {
    /// Pieces that exercise every detector's edges when glued together at random.
    static let pieces = [
        "abandon ", "about", "zoo ", "1. ", "12)", "①", "的", "一", "是", "帝妇啦曲婆", "\u{3000}", "，", "。", "あいこくしん", "가격 ",
        "0x", "8f8943bf956de595665c38ffff23827e", "5JuW2AMDYu4xVwRG9DZW18VbzQrGcd5RCgb99sS6ehJsNQXu5b9", "xprv9s21ZrQH143K",
        "password", " is ", "密码", "是", "验证码", "2FA", " code ", "123 456", "\"crypto\"", "{", "}", "\"mac\"", "ciphertext",
        "kdf", "\u{301}", "é", "ß", "\u{3099}", "🙂", "\n", " ", "/tx/", "私钥", "交易哈希", "txid", "key ",
    ]

    @Test func randomSoup() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(Self.pieces.count))
        }
        let scanner = SecretScanner()
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<(next() + 5) { text += Self.pieces[next()] }
            let result = scanner.scan(text, language: .zhCN)
            let count = text.unicodeScalars.count
            var previousEnd = 0
            for finding in result.findings {
                #expect(finding.start >= previousEnd && finding.start < finding.end && finding.end <= count, "\(text.debugDescription)")
                previousEnd = finding.end
            }
        }
    }

    @Test func emptyAndTinyInputs() {
        let scanner = SecretScanner()
        for text in ["", " ", "0x", "的", "\u{301}", "{\"crypto\"", "password", "验证码"] {
            #expect(scanner.scan(text).redacted == text)
        }
    }
}
