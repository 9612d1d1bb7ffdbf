/// A word near a candidate that says what the candidate is.
struct ContextMark {
    enum Role { case transaction, key }
    var start: Int
    var end: Int
    var role: Role
}

/// Recognises raw private keys and extended private keys in ASCII alphanumeric runs.
///
/// Checked material (WIF and extended keys, both Base58Check) is reported at 0.99. Unchecked
/// material needs context:
///
/// **64 hex digits (with or without 0x) and Solana 64-byte Base58 strings** look exactly like
/// transaction ids and signatures, which customers paste all the time. The nearest context word
/// within 60 scalars before or 30 after decides: a key word (key, private, secret, import, seed,
/// 私钥, 密钥, 导入 …) makes it a private key at 0.9; a transaction word (tx, txid, hash, explorer,
/// deposit, withdrawal, 交易, 哈希, 转账, 提币 …) or a URL path (`…/tx/<hex>`) makes it an identifier
/// and nothing is reported. With no context it is reported as a private key at 0.6: removing a
/// txid by mistake costs a question from the agent, leaking a key costs the customer everything.
/// Bitcoin block hashes (eight or more leading zeros) and strings the `isKnownTransaction` hook
/// recognises are never reported.
struct PrivateKeyDetector {
    enum Shape { case hex, solanaSecret }

    struct Candidate {
        var start: Int
        var end: Int
        var shape: Shape
    }

    static let extendedPrivatePrefixes: Set<String> = ["xprv", "yprv", "zprv", "tprv", "uprv", "vprv", "Yprv", "Zprv", "Uprv", "Vprv"]
    static let wifVersions: Set<UInt8> = [0x80, 0xEF, 0xB0] // Bitcoin main, testnet, Litecoin main

    var candidates: [Candidate] = []
    var marks: [ContextMark] = []
    var findings: [SecretFinding] = []

    /// Looks at an ASCII alphanumeric run of `scalars[start..<end]` for key material.
    mutating func inspect(_ scalars: [UInt32], start: Int, end: Int, allHex: Bool, allBase58: Bool) {
        let length = end - start
        if length == 64 && allHex {
            candidates.append(Candidate(start: start, end: end, shape: .hex))
            return
        }
        if length == 66, scalars[start] == 0x30, scalars[start + 1] | 0x20 == 0x78,
           scalars[(start + 2)..<end].allSatisfy(ScalarClass.isHexDigit) {
            candidates.append(Candidate(start: start, end: end, shape: .hex))
            return
        }
        guard allBase58 else { return }
        let bytes = scalars[start..<end].map { UInt8(truncatingIfNeeded: $0) }
        switch length {
        case 51, 52:
            if let payload = Base58.decodeChecked(bytes), Self.wifVersions.contains(payload[0]),
               payload.count == 33 || (payload.count == 34 && payload[33] == 0x01) {
                findings.append(SecretFinding(kind: .privateKey, start: start, end: end, confidence: 0.99))
            }
        case 86...88:
            if Base58.decode(bytes)?.count == 64 {
                candidates.append(Candidate(start: start, end: end, shape: .solanaSecret))
            }
        case 111, 112:
            let prefix = String(decoding: bytes.prefix(4), as: UTF8.self)
            guard Self.extendedPrivatePrefixes.contains(prefix) else { return }
            if let payload = Base58.decodeChecked(bytes), payload.count == 78, payload[45] == 0 {
                findings.append(SecretFinding(kind: .xprv, start: start, end: end, confidence: 0.99))
            } else if Base58.decode(bytes)?.count == 82 {
                // Right prefix and size but a typo somewhere: still someone's extended key.
                findings.append(SecretFinding(kind: .xprv, start: start, end: end, confidence: 0.75))
            }
        default:
            break
        }
    }

    /// Decides the context-dependent candidates once the whole text (and so every mark after a
    /// candidate) has been seen.
    /// `phrases`: where recovery phrases were found. Their words are BIP39 words ("deposit", "transfer", "asset" are
    /// in the list), not the writer's context, so they neither make a key a transaction id nor the other way round.
    mutating func resolve(_ scalars: [UInt32], phrases: [Range<Int>] = [], isKnownTransaction: (@Sendable (String) -> Bool)?) {
        var markCursor = 0
        for candidate in candidates {
            while markCursor < marks.count && marks[markCursor].end <= candidate.start - 60 { markCursor += 1 }
            var nearest: (distance: Int, role: ContextMark.Role)?
            var index = markCursor
            while index < marks.count && marks[index].start < candidate.end + 30 {
                let mark = marks[index]
                if phrases.contains(where: { $0.lowerBound <= mark.start && mark.end <= $0.upperBound }) {
                    index += 1
                    continue
                }
                let distance = mark.end <= candidate.start ? candidate.start - mark.end : mark.start - candidate.end
                // Words after the candidate count a little less than words before it.
                let weighted = mark.start >= candidate.end ? distance * 2 : distance
                if distance >= 0, weighted <= 60, weighted < (nearest?.distance ?? Int.max) {
                    nearest = (weighted, mark.role)
                }
                index += 1
            }
            if nearest?.role == .transaction || Self.isInURLPath(scalars, at: candidate.start) { continue }
            let text = String(String.UnicodeScalarView(scalars[candidate.start..<candidate.end].compactMap(Unicode.Scalar.init)))
            if candidate.shape == .hex && Self.looksLikeBlockHash(scalars, candidate) { continue }
            if candidate.shape == .hex && Self.isRawTONAddress(scalars, at: candidate.start) { continue }
            if let isKnownTransaction, isKnownTransaction(text) { continue }
            let confidence = nearest?.role == .key ? 0.9 : 0.6
            findings.append(SecretFinding(kind: .privateKey, start: candidate.start, end: candidate.end, confidence: confidence))
        }
    }

    /// `…/tx/<hex>`, `…/transaction/<hex>`, `?hash=<hex>`: part of a link, so an identifier.
    static func isInURLPath(_ scalars: [UInt32], at start: Int) -> Bool {
        guard start > 0 else { return false }
        let previous = scalars[start - 1]
        guard previous == 0x2F || previous == 0x3D || previous == 0x23 else { return false } // / = #
        var index = start - 1
        while index > 0 && !ScalarClass.isWhitespace(scalars[index - 1]) && start - index < 200 { index -= 1 }
        // A URL-ish chunk: contains "://" or a dot before the path.
        let chunk = scalars[index..<start]
        return chunk.contains(0x2E) || chunk.contains(0x3A)
    }

    /// `0:<hex>` or `-1:<hex>`: a TON account in the raw form (workchain, colon, account id), not a key.
    static func isRawTONAddress(_ scalars: [UInt32], at start: Int) -> Bool {
        guard start >= 2, scalars[start - 1] == 0x3A else { return false }
        var first = start - 2
        if scalars[first] == 0x31, first >= 1, scalars[first - 1] == 0x2D { first -= 1 } else if scalars[first] != 0x30 { return false }
        return first == 0 || !(ScalarClass.isASCIIAlnum(scalars[first - 1]) || scalars[first - 1] == 0x2D)
    }

    static func looksLikeBlockHash(_ scalars: [UInt32], _ candidate: Candidate) -> Bool {
        let digits = scalars[candidate.start..<candidate.end]
        let body = candidate.end - candidate.start == 66 ? digits.dropFirst(2) : digits[...]
        return body.prefix(8).allSatisfy { $0 == 0x30 }
    }
}
