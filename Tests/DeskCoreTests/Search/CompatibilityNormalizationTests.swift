@testable import DeskCore
import Foundation
import Testing

@Suite struct CompatibilityNormalizationTests {
    /// Compared scalar by scalar: `String`'s `==` treats canonically equivalent texts as equal.
    func foundation(_ text: String) -> [Unicode.Scalar] {
        Array(text.precomposedStringWithCompatibilityMapping.unicodeScalars)
    }

    @Test("the fast path keeps texts NFKC leaves alone, and hands the others to Foundation")
    func knownTexts() {
        let unchanged = ["提现失败 withdrawal failed", "我的 USDT 提现一直没有到账。", "café déjà vu", "привет", "비밀번호", "🪙💸 𠀋", "「帳戶」被鎖定"]
        for text in unchanged {
            #expect(CompatibilityNormalization.isNFKC(text), "\(text)")
            #expect(Array(CompatibilityNormalization.nfkc(text).unicodeScalars) == foundation(text))
        }
        // Full-width letters, a composed-to-be accent, jamo, an ideographic space, a compatibility ideograph, a Kannada
        // vowel sign that composes with the letter before it.
        let changed = ["ＵＳＤＴ１２３", "cafe\u{301}", "\u{1100}\u{1161}", "提现\u{3000}失败", "\u{F900}", "\u{CBF}\u{CD5}", "ｶﾀｶﾅ"]
        for text in changed {
            #expect(Array(CompatibilityNormalization.nfkc(text).unicodeScalars) == foundation(text), "\(text)")
        }
    }

    @Test("on random mixes of scripts, marks and symbols the result is Foundation's NFKC, scalar for scalar")
    func randomTexts() {
        var generator = SplitMix(seed: 0x5EED)
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xC0...0x24F, 0x300...0x36F, 0x370...0x4FF, 0x5D0...0x6FF, 0x900...0x97F, 0xC80...0xCFF, 0xB80...0xBFF,
            0x1100...0x11FF, 0x2000...0x206F, 0x2100...0x24FF, 0x3000...0x30FF, 0x3130...0x318F, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
            0xF900...0xFAFF, 0xFF00...0xFFEF, 0x1F300...0x1F64F, 0x11100...0x1114F, 0x20000...0x2A6DF,
        ]
        for _ in 0..<5_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 12 + 1) {
                let range = ranges[Int(generator.next() % UInt64(ranges.count))]
                if let scalar = Unicode.Scalar(range.lowerBound + UInt32(generator.next() % UInt64(range.count))) { scalars.append(scalar) }
            }
            let text = String(scalars)
            #expect(Array(CompatibilityNormalization.nfkc(text).unicodeScalars) == foundation(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

/// A small seeded generator, so a failure can be repeated.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
