extension LocalizationTable {
    /// Strings of the public help center (pages and suggestions).
    static let helpCenter: [String: [Language: String]] = [
        "help.home-title": [.zhCN: "有什么可以帮您？", .zhTW: "有什麼可以幫您？", .en: "How can we help?"],
        "help.search-title": [.zhCN: "搜索帮助文章", .zhTW: "搜尋說明文章", .en: "Search help articles"],
        "help.search-label": [.zhCN: "搜索问题", .zhTW: "搜尋問題", .en: "Search for your question"],
        "help.search-placeholder": [.zhCN: "例如：提现失败、账户被锁定", .zhTW: "例如：提現失敗、帳戶被鎖定", .en: "e.g. withdrawal failed, account locked"],
        "help.search-button": [.zhCN: "搜索", .zhTW: "搜尋", .en: "Search"],
        "help.search-none": [
            .zhCN: "没有找到相关文章。换个说法试试，或联系官方客服。", .zhTW: "沒有找到相關文章。換個說法試試，或聯繫官方客服。",
            .en: "No articles found. Try other words, or contact official support.",
        ],
        "help.search-more": [.zhCN: "更多结果", .zhTW: "更多結果", .en: "More results"],
        "help.results-title": [.zhCN: "“{0}”的搜索结果", .zhTW: "「{0}」的搜尋結果", .en: "Results for “{0}”"],
        "help.notices": [.zhCN: "安全公告", .zhTW: "安全公告", .en: "Security notices"],
        "help.categories": [.zhCN: "帮助分类", .zhTW: "說明分類", .en: "Topics"],
        "help.category-empty": [.zhCN: "这个分类还没有文章。", .zhTW: "這個分類還沒有文章。", .en: "No articles in this topic yet."],
        "help.contact-title": [.zhCN: "官方客服渠道与服务时间", .zhTW: "官方客服管道與服務時間", .en: "Official support channels and hours"],
        "help.contact-more": [.zhCN: "查看全部联系方式", .zhTW: "查看全部聯繫方式", .en: "All the ways to reach us"],
        "help.contact-chat": [.zhCN: "在线客服（App 与官网）", .zhTW: "線上客服（App 與官網）", .en: "Live chat (app and website)"],
        "help.contact-chat-hours": [.zhCN: "全天 24 小时", .zhTW: "全天 24 小時", .en: "24 hours a day"],
        "help.contact-phone": [.zhCN: "电话热线", .zhTW: "電話熱線", .en: "Phone hotline"],
        "help.contact-phone-hours": [
            .zhCN: "工作日 9:00–18:00（北京时间），节假日仅处理紧急冻结", .zhTW: "工作日 9:00–18:00（UTC+8），假日僅處理緊急凍結",
            .en: "Weekdays 9:00–18:00 (UTC+8); holidays: urgent freezes only",
        ],
        "help.contact-email": [.zhCN: "电子邮件", .zhTW: "電子郵件", .en: "Email"],
        "help.contact-email-hours": [.zhCN: "1–2 个工作日内回复", .zhTW: "1–2 個工作日內回覆", .en: "Reply within 1–2 business days"],
        "help.back-home": [.zhCN: "← 帮助中心首页", .zhTW: "← 幫助中心首頁", .en: "← Help center home"],
        "help.updated": [.zhCN: "最后更新：{0}", .zhTW: "最後更新：{0}", .en: "Last updated {0}"],
        "help.fallback": [
            .zhCN: "本文暂无简体中文版本，因此以{0}显示。", .zhTW: "本文暫無繁體中文版本，因此以{0}顯示。",
            .en: "This article is shown in {0} because it has not been translated into English yet.",
        ],
        "help.language-zh-CN": [.zhCN: "简体中文", .zhTW: "簡體中文", .en: "Simplified Chinese"],
        "help.language-zh-TW": [.zhCN: "繁体中文", .zhTW: "繁體中文", .en: "Traditional Chinese"],
        "help.language-en": [.zhCN: "英文", .zhTW: "英文", .en: "English"],
        "help.vote-question": [.zhCN: "这篇文章对您有帮助吗？", .zhTW: "這篇文章對您有幫助嗎？", .en: "Was this article helpful?"],
        "help.vote-comment": [
            .zhCN: "补充说明（可选，请勿填写密码或助记词）", .zhTW: "補充說明（選填，請勿填寫密碼或助記詞）",
            .en: "Comment (optional; never include passwords or recovery phrases)",
        ],
        "help.vote-yes": [.zhCN: "有帮助", .zhTW: "有幫助", .en: "Yes"],
        "help.vote-no": [.zhCN: "没有帮助", .zhTW: "沒有幫助", .en: "No"],
        "help.vote-thanks": [.zhCN: "感谢您的反馈！", .zhTW: "感謝您的回饋！", .en: "Thank you for your feedback!"],
        "help.related": [.zhCN: "相关文章", .zhTW: "相關文章", .en: "Related articles"],
        "help.not-found": [.zhCN: "找不到这篇文章", .zhTW: "找不到這篇文章", .en: "Article not found"],
    ]
}
