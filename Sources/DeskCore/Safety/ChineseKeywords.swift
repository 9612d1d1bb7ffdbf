/// Chinese words (simplified and traditional) that give the scanner context or introduce a
/// stated secret. Matched at each Han scalar that can start one, so prose costs one table read.
enum ChineseKeywords {
    /// What a keyword means to the scanner.
    enum Role: Sendable {
        case txContext, keyContext, passwordLead, otpLead
    }

    struct Keyword: Sendable {
        let scalars: [UInt32]
        let role: Role
    }

    private static let table: [(String, Role)] = [
        ("私钥", .keyContext), ("私鑰", .keyContext), ("密钥", .keyContext), ("密鑰", .keyContext),
        ("秘钥", .keyContext), ("秘鑰", .keyContext), ("导入", .keyContext), ("導入", .keyContext),
        ("导出", .keyContext), ("導出", .keyContext), ("助记词", .keyContext), ("助記詞", .keyContext),
        ("交易", .txContext), ("哈希", .txContext), ("浏览器", .txContext), ("瀏覽器", .txContext),
        ("区块", .txContext), ("區塊", .txContext), ("转账", .txContext), ("轉賬", .txContext),
        ("轉帳", .txContext), ("充值", .txContext), ("充币", .txContext), ("充幣", .txContext),
        ("提现", .txContext), ("提現", .txContext), ("提币", .txContext), ("提幣", .txContext),
        ("记录", .txContext), ("記錄", .txContext), ("签名", .txContext), ("簽名", .txContext),
        ("单号", .txContext), ("單號", .txContext), ("流水号", .txContext), ("流水號", .txContext),
        ("密码", .passwordLead), ("密碼", .passwordLead), ("口令", .passwordLead),
        ("动态口令", .otpLead), ("動態口令", .otpLead),
        ("验证码", .otpLead), ("驗證碼", .otpLead), ("校验码", .otpLead), ("校驗碼", .otpLead),
        ("动态码", .otpLead), ("動態碼", .otpLead), ("短信码", .otpLead), ("簡訊碼", .otpLead),
        ("安全码", .otpLead), ("安全碼", .otpLead), ("认证码", .otpLead), ("認證碼", .otpLead),
    ]

    /// Keywords grouped by first scalar, longest first so "动态口令" wins over "口令".
    static let byFirstScalar: [UInt32: [Keyword]] = {
        var grouped: [UInt32: [Keyword]] = [:]
        for (text, role) in table {
            let scalars = text.unicodeScalars.map(\.value)
            guard let first = scalars.first else { continue }
            grouped[first, default: []].append(Keyword(scalars: scalars, role: role))
        }
        return grouped.mapValues { $0.sorted { $0.scalars.count > $1.scalars.count } }
    }()

    /// One flag per CJK Unified Ideograph: true when a keyword starts with it.
    static let startsKeyword: [Bool] = {
        var flags = [Bool](repeating: false, count: BIP39Wordlists.hanCount)
        for first in byFirstScalar.keys where first &- BIP39Wordlists.hanBase < UInt32(BIP39Wordlists.hanCount) {
            flags[Int(first - BIP39Wordlists.hanBase)] = true
        }
        return flags
    }()

    /// The keyword starting at `position`, if any.
    static func match(in scalars: [UInt32], at position: Int) -> Keyword? {
        guard let candidates = byFirstScalar[scalars[position]] else { return nil }
        for keyword in candidates where position + keyword.scalars.count <= scalars.count {
            var matches = true
            for offset in 1..<keyword.scalars.count where scalars[position + offset] != keyword.scalars[offset] {
                matches = false
                break
            }
            if matches { return keyword }
        }
        return nil
    }
}
