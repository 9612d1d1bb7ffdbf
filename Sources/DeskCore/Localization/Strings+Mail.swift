extension LocalizationTable {
    /// Strings of outgoing mail.
    static let mail: [String: [Language: String]] = [
        // `walletdesk mail test`.
        "mail.test-subject": [.zhCN: "WalletDesk 测试邮件", .zhTW: "WalletDesk 測試郵件", .en: "WalletDesk test email"],
        "mail.test-body": [
            .zhCN: "这是一封测试邮件：WalletDesk 的邮件发送设置可以正常工作。",
            .zhTW: "這是一封測試郵件：WalletDesk 的郵件發送設定可以正常運作。",
            .en: "This is a test email: WalletDesk's mail settings work.",
        ],
        // The last lines of every email WalletDesk sends: automatic, and what genuine support never asks for.
        "mail.footer": [
            .zhCN: "—\n此邮件由 WalletDesk 自动发送，请勿直接回复。客服绝不会索取你的密码、助记词、私钥或验证码。",
            .zhTW: "—\n此郵件由 WalletDesk 自動發送，請勿直接回覆。客服絕不會索取你的密碼、助記詞、私鑰或驗證碼。",
            .en: "—\nThis email was sent automatically by WalletDesk; please do not reply. Support never asks for your password, recovery phrase, private key or codes.",
        ],
    ]
}
