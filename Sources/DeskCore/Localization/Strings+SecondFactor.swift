extension LocalizationTable {
    /// Strings of TOTP enrolment (the QR code), secrets sealed at rest, and limits on customer sign-in codes.
    static let secondFactor: [String: [Language: String]] = [
        "second-factor.qr-title": [
            .zhCN: "用验证器应用扫描此二维码", .zhTW: "用驗證器 App 掃描此 QR 碼", .en: "Scan this QR code with your authenticator app",
        ],
        "signin.2fa-enrol-scan": [
            .zhCN: "用手机上的验证器应用扫描此二维码：", .zhTW: "用手機上的驗證器 App 掃描此 QR 碼：", .en: "Scan this code with the authenticator app on your phone:",
        ],
        "title.secret-key-mismatch": [.zhCN: "服务器密钥不匹配", .zhTW: "伺服器金鑰不相符", .en: "Server key mismatch"],
        "detail.secret-key-mismatch": [
            .zhCN: "此服务器节点的密钥与加密该两步验证密钥时使用的密钥不同。每个节点都必须使用相同的密钥文件（--secret-key-file 或 WALLETDESK_SECRET_KEY），请联系管理员。",
            .zhTW: "此伺服器節點的金鑰與加密該兩步驟驗證金鑰時使用的金鑰不同。每個節點都必須使用相同的金鑰檔（--secret-key-file 或 WALLETDESK_SECRET_KEY），請聯絡管理員。",
            .en: "This server node holds a different key from the one that sealed this two-step verification secret. Every node needs the same key file (--secret-key-file or WALLETDESK_SECRET_KEY); tell an admin.",
        ],
        "title.sealed-secret-damaged": [.zhCN: "已加密的密钥已损坏", .zhTW: "已加密的金鑰已損壞", .en: "Sealed secret damaged"],
        "detail.sealed-secret-damaged": [
            .zhCN: "存储的两步验证密钥未通过完整性校验（被修改、截断或未加密）。管理员可以重置此账号的两步验证，然后重新绑定。",
            .zhTW: "儲存的兩步驟驗證金鑰未通過完整性檢查（遭修改、截斷或未加密）。管理員可以重設此帳號的兩步驟驗證，然後重新綁定。",
            .en: "The stored two-step verification secret failed its integrity check (altered, cut short or not sealed). An admin can reset this account's two-step verification so it can be set up again.",
        ],
        "title.too-many-code-requests": [.zhCN: "请求验证码过于频繁", .zhTW: "請求驗證碼過於頻繁", .en: "Codes requested too often"],
        "detail.too-many-code-requests": [
            .zhCN: "验证码请求过于频繁，请在 {0} 秒后再试。已发送的验证码在 10 分钟内仍然有效。",
            .zhTW: "驗證碼請求過於頻繁，請在 {0} 秒後再試。已寄出的驗證碼在 10 分鐘內仍然有效。",
            .en: "Codes were requested too often. Try again in {0} second(s); a code already sent keeps working for 10 minutes.",
        ],
        "title.too-many-requests": [.zhCN: "查询过于频繁", .zhTW: "查詢過於頻繁", .en: "Too many checks"],
        "detail.too-many-requests": [
            .zhCN: "来自您网络地址的查询过于频繁，请在 {0} 秒后再试。",
            .zhTW: "來自您網路位址的查詢過於頻繁，請在 {0} 秒後再試。",
            .en: "Too many checks came from your network address. Try again in {0} second(s).",
        ],
    ]
}
