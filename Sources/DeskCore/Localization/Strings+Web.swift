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
        "web.not-found-title": [.zhCN: "页面不存在", .zhTW: "頁面不存在", .en: "Page not found"],
        "web.not-found-text": [
            .zhCN: "这个地址没有页面。请检查链接是否输入正确，或从帮助中心首页找起。",
            .zhTW: "這個網址沒有頁面。請檢查連結是否輸入正確，或從幫助中心首頁找起。",
            .en: "There is no page at this address. Check that the link is typed correctly, or start from the help center home.",
        ],
        "web.not-found-verify": [
            .zhCN: "如果这个链接是自称“客服”的人发给您的，请先核实它是否来自官方渠道。",
            .zhTW: "如果這個連結是自稱「客服」的人傳給您的，請先核實它是否來自官方管道。",
            .en: "If someone calling themselves \"support\" sent you this link, check first whether it comes from an official channel.",
        ],
    ]
}
