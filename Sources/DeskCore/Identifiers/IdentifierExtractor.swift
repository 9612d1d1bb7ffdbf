import Foundation

/// Finds transaction ids and addresses in customer text and validates them per chain.
///
/// Candidates are maximal ASCII alphanumeric runs (so `…/tx/<hash>` and `地址：<addr>` work):
/// - `0x` + 64 hex: Ethereum (EVM) txid; `0x` + 40 hex: Ethereum address (EIP-55 checked);
/// - 64 hex: txid of Bitcoin, Litecoin or TRON: the format is shared, so the chain is nil unless the block-explorer
///   link it sits in names one (``ExplorerContext``: `tronscan.org/#/transaction/<id>` is TRON), or its line names
///   one chain close to it (``NetworkNames``: "TRC20 … 交易哈希：<id>");
/// - `bc1…`/`tb1…`/`ltc1…`: segwit address (Bech32/Bech32m, BIP173/BIP350); reported invalid
///   when the prefix is right but the checksum or program is not;
/// - Base58 of 25–35 characters starting 1, 3, m, n, 2, L, M or T: legacy address
///   (Base58Check, version byte decides the chain); reported invalid on a bad checksum;
/// - Base58 of 32–44 characters decoding to 32 bytes: Solana address;
/// - Dogecoin (`D…`, `9…`/`A…`: Base58Check versions 0x1E/0x16), XRP (`r…`, Ripple's Base58 alphabet), Bitcoin Cash
///   CashAddr (`q…`/`p…`) and TON (48 Base64 characters with a CRC, or `0:`/`-1:` + 64 hex) addresses, valid ones
///   only (their transaction ids are 64 hex, named by a link or a nearby name like any other);
/// - Base58 of 86–88 characters decoding to 64 bytes: Solana transaction signature.
///
/// Run it on text the `SecretScanner` has already redacted: a private key is also 64 hex digits.
public struct IdentifierExtractor: Sendable {
    /// Creates an extractor.
    public init() {}

    /// All identifiers in `text`, in order; offsets count Unicode scalars.
    public func extract(from text: String) -> [IdentifierFinding] {
        // Most messages hold no run of 14 ASCII letters and digits: answer those without copying the text.
        // Full-width letters and digits (a Chinese input method left in full-width mode: "ＴＱｎ９…") are read as ASCII,
        // one scalar for one, so offsets still count the text as written.
        let hasFullWidth = text.unicodeScalars.contains { Self.isFullWidthAlnum($0.value) }
        guard hasFullWidth || Self.mayHoldIdentifier(text) else { return [] }
        let scalars = text.unicodeScalars.map { Self.isFullWidthAlnum($0.value) ? $0.value - 0xFEE0 : $0.value }
        var found: [IdentifierFinding] = []
        var i = 0
        while i < scalars.count {
            guard ScalarClass.isASCIIAlnum(scalars[i]) else {
                i += 1
                continue
            }
            if let ton = Self.tonAddress(at: i, in: scalars) {
                found.append(ton)
                i = ton.end
                continue
            }
            var end = i
            while end < scalars.count && ScalarClass.isASCIIAlnum(scalars[end]) { end += 1 }
            if end - i == 64, let raw = Self.rawTONAddress(hexAt: i, in: scalars) {
                found.append(raw)
                i = end
                continue
            }
            if end - i >= 14, end - i <= 90 {
                let value = String(decoding: scalars[i..<end].map { UInt8($0) }, as: UTF8.self)
                if var finding = classify(value, start: i, end: end) {
                    if finding.kind == .txid, finding.chain == nil {
                        // A link's path decides alone (`blockchair.com/bitcoin-cash/…` names no chain WalletDesk knows).
                        let inLink = i > 0 && [0x2F, 0x23, 0x3D].contains(scalars[i - 1]) // / # =
                        finding.chain = inLink ? ExplorerContext.chain(before: i, in: scalars) : NetworkNames.chain(near: i, end, in: scalars)
                    }
                    found.append(finding)
                }
            }
            i = end
        }
        return found
    }

    /// A TON address in the user-friendly form starting at `start`: 48 Base64 characters (`-`/`_` or `+`/`/` among them,
    /// so it is not one alphanumeric run) beginning `EQ`/`UQ` (mainnet) or `kQ`/`0Q` (testnet), or with `f` for the
    /// masterchain, and checked by its CRC.
    static func tonAddress(at start: Int, in scalars: [UInt32]) -> IdentifierFinding? {
        guard start + 48 <= scalars.count, [0x45, 0x55, 0x6B, 0x30].contains(scalars[start]), // E U k 0
              scalars[start + 1] == 0x51 || scalars[start + 1] == 0x66 else { return nil } // Q f
        func isBase64(_ c: UInt32) -> Bool { ScalarClass.isASCIIAlnum(c) || c == 0x2D || c == 0x5F || c == 0x2B || c == 0x2F }
        guard scalars[start..<(start + 48)].allSatisfy(isBase64) else { return nil }
        if start > 0, isBase64(scalars[start - 1]) { return nil }
        if start + 48 < scalars.count, isBase64(scalars[start + 48]) { return nil }
        let value = String(decoding: scalars[start..<(start + 48)].map { UInt8($0) }, as: UTF8.self)
        guard AddressValidator.isValidTON(value) else { return nil }
        return IdentifierFinding(kind: .address, chain: .ton, value: value, valid: true, start: start, end: start + 48)
    }

    /// A TON address in the raw form, `0:` or `-1:` and 64 hex digits, for the hex run at `start`; its value includes
    /// the workchain.
    static func rawTONAddress(hexAt start: Int, in scalars: [UInt32]) -> IdentifierFinding? {
        guard scalars[start..<(start + 64)].allSatisfy(ScalarClass.isHexDigit), start >= 2, scalars[start - 1] == 0x3A else { return nil }
        var workchainStart = start - 2
        guard scalars[workchainStart] == 0x30 || scalars[workchainStart] == 0x31 else { return nil } // 0 or 1
        if scalars[workchainStart] == 0x31 {
            guard workchainStart >= 1, scalars[workchainStart - 1] == 0x2D else { return nil } // -1
            workchainStart -= 1
        }
        if workchainStart > 0, ScalarClass.isASCIIAlnum(scalars[workchainStart - 1]) || scalars[workchainStart - 1] == 0x2D { return nil }
        let value = String(decoding: scalars[workchainStart..<(start + 64)].map { UInt8($0) }, as: UTF8.self)
        return IdentifierFinding(kind: .address, chain: .ton, value: value, valid: true, start: workchainStart, end: start + 64)
    }

    /// Full-width digits and letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A); full-width punctuation stays as it is, so
    /// "链接：" still ends a link.
    static func isFullWidthAlnum(_ scalar: UInt32) -> Bool {
        scalar &- 0xFF10 < 10 || scalar &- 0xFF21 < 26 || scalar &- 0xFF41 < 26
    }

    /// True when `text` has a run of at least 14 ASCII letters and digits, the shortest any identifier is.
    static func mayHoldIdentifier(_ text: String) -> Bool {
        var run = 0
        for byte in text.utf8 {
            if ScalarClass.isASCIIAlnum(UInt32(byte)) {
                run += 1
                if run >= 14 { return true }
            } else {
                run = 0
            }
        }
        return false
    }

    /// Classifies one alphanumeric run.
    func classify(_ value: String, start: Int, end: Int) -> IdentifierFinding? {
        let bytes = Array(value.utf8)
        let length = bytes.count
        func finding(_ kind: IdentifierKind, _ chain: Chain?, _ valid: Bool) -> IdentifierFinding {
            IdentifierFinding(kind: kind, chain: chain, value: value, valid: valid, start: start, end: end)
        }
        let isHex: (ArraySlice<UInt8>) -> Bool = { $0.allSatisfy { ScalarClass.isHexDigit(UInt32($0)) } }
        let hasHexPrefix = length > 2 && bytes[0] == 0x30 && bytes[1] | 0x20 == 0x78
        if hasHexPrefix && length == 66 && isHex(bytes[2...]) { return finding(.txid, .ethereum, true) }
        if hasHexPrefix && length == 42 && isHex(bytes[2...]) {
            return finding(.address, .ethereum, AddressValidator.isValidEthereum(value))
        }
        if length == 64 && isHex(bytes[...]) { return finding(.txid, nil, true) }

        // Bitcoin Cash CashAddr (`q…`/`p…`, 42 characters; the `bitcoincash:` prefix is a run of its own).
        if length == 42, AddressValidator.isValidCashAddr(value) { return finding(.address, .bitcoinCash, true) }
        // XRP classic addresses share Base58's characters but not its order.
        if length >= 25 && length <= 35 && bytes[0] == 0x72 && AddressValidator.isValidXRP(value) { return finding(.address, .xrp, true) }

        let lower = value.lowercased()
        for (prefix, chain) in [("bc1", Chain.bitcoin), ("tb1", .bitcoinTestnet), ("ltc1", .litecoin)]
        where lower.hasPrefix(prefix) && length >= 14 && length <= 90 {
            return finding(.address, chain, AddressValidator.segwitChain(value) == chain)
        }

        guard bytes.allSatisfy({ Base58.isDigit(UInt32($0)) }) else { return nil }
        if length >= 25 && length <= 35, let first = bytes.first, Array("13mn2LMTD9A".utf8).contains(first) {
            if let address = AddressValidator.base58Address(value) {
                return finding(.address, address.chain, true)
            }
            // A Solana address can start with the same characters; let the 32-byte check decide. `9…` and `A…`
            // (Dogecoin P2SH) are reported only when valid: too many other tokens start so.
            if first != 0x39 && first != 0x41, length < 32 || !AddressValidator.isValidSolana(value) {
                if let decoded = Base58.decode(bytes), decoded.count == 25 {
                    return finding(.address, Self.legacyChainGuess(first), false)
                }
            }
        }
        if length >= 32 && length <= 44 && AddressValidator.isValidSolana(value) {
            let hasUpper = bytes.contains { $0 >= 0x41 && $0 <= 0x5A }
            let hasLower = bytes.contains { $0 >= 0x61 && $0 <= 0x7A }
            if hasUpper && hasLower { return finding(.address, .solana, true) }
        }
        if length >= 86 && length <= 88, Base58.decode(bytes)?.count == 64 {
            return finding(.txid, .solana, true)
        }
        return nil
    }

    private static func legacyChainGuess(_ first: UInt8) -> Chain {
        switch first {
        case 0x6D, 0x6E, 0x32: .bitcoinTestnet // m n 2
        case 0x4C, 0x4D: .litecoin // L M
        case 0x54: .tron // T
        case 0x44: .dogecoin // D
        default: .bitcoin
        }
    }
}
