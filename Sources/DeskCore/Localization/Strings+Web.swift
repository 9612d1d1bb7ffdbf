extension LocalizationTable {
    /// Strings of the shared page layout.
    static let web: [String: [Language: String]] = [
        "web.brand": [.zhCN: "帮助中心", .zhTW: "幫助中心", .en: "Help center"],
        "web.language": [.zhCN: "语言", .zhTW: "語言", .en: "Language"],
        "web.never-ask": [
            .zhCN: "官方客服绝不会向您索要助记词、私钥、密码或验证码，也不会要求您转账“验证钱包”。",
            .zhTW: "官方客服絕不會向您索取助記詞、私鑰、密碼或驗證碼，也不會要求您轉帳「驗證錢包」。",
            .en: "Official support never asks for your recovery phrase, private key, password or verification codes, and never asks you to send funds to \"verify\" a wallet.",
        ],
        "web.verify-link": [.zhCN: "核实官方渠道", .zhTW: "核實官方管道", .en: "Check an official channel"],
    ]
}
