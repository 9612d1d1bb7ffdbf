extension LocalizationTable {
    /// Official-channel verification: the verify page and API, registry kinds, verdicts, look-alike reasons, advice.
    static let safety: [String: [Language: String]] = [
        "entity.channel": [.zhCN: "渠道", .zhTW: "管道", .en: "channel"],
        "entity.call-code": [.zhCN: "有效的来电验证码", .zhTW: "有效的來電驗證碼", .en: "live call code"],

        "verify.title": [.zhCN: "核实官方渠道", .zhTW: "核實官方管道", .en: "Check an official channel"],
        "verify.intro": [
            .zhCN: "收到自称客服的网址、邮箱、电话或账号？在这里输入，看看它是不是我们的官方渠道。",
            .zhTW: "收到自稱客服的網址、電子郵件、電話或帳號？在這裡輸入，看看它是不是我們的官方管道。",
            .en: "Got a website, email address, phone number or account that claims to be support? Enter it here to see whether it is one of our official channels.",
        ],
        "verify.field": [.zhCN: "网址、邮箱、电话或账号", .zhTW: "網址、電子郵件、電話或帳號", .en: "Website, email, phone number or account"],
        "verify.submit": [.zhCN: "核实", .zhTW: "核實", .en: "Check"],
        "verify.you-entered": [.zhCN: "您输入的内容被识别为", .zhTW: "您輸入的內容被識別為", .en: "We read what you entered as"],
        "verify.secret-refused": [
            .zhCN: "您输入的内容像是助记词、私钥、密码或验证码。我们没有保存也不会显示它。请勿把它告诉任何人；如果已经泄露，请立即把资产转到新钱包。",
            .zhTW: "您輸入的內容像是助記詞、私鑰、密碼或驗證碼。我們沒有儲存也不會顯示它。請勿把它告訴任何人；如果已經洩露，請立即把資產轉到新錢包。",
            .en: "What you entered looks like a recovery phrase, private key, password or code. We did not keep it and will not show it. Never share it; if it has leaked, move your funds to a new wallet now.",
        ],
        "verify.unreadable": [
            .zhCN: "无法识别为网址、邮箱、电话或账号，请检查后重试。", .zhTW: "無法識別為網址、電子郵件、電話或帳號，請檢查後重試。",
            .en: "This does not read as a website, email address, phone number or account. Check it and try again.",
        ],
        "verify.official-list": [.zhCN: "我们的官方渠道", .zhTW: "我們的官方管道", .en: "Our official channels"],
        "verify.never-list": [.zhCN: "我们从不使用的渠道", .zhTW: "我們從不使用的管道", .en: "Channels we never use"],
        "verify.registry-empty": [
            .zhCN: "管理员尚未登记官方渠道。", .zhTW: "管理員尚未登記官方管道。", .en: "No official channels have been registered yet.",
        ],
        "verify.any-value": [.zhCN: "（任何账号）", .zhTW: "（任何帳號）", .en: "(any account)"],
        "verify.hours": [.zhCN: "服务时间", .zhTW: "服務時間", .en: "Hours"],

        "verdict.verified": [.zhCN: "已核实：这是官方渠道", .zhTW: "已核實：這是官方管道", .en: "Verified: this is an official channel"],
        "verdict.look_alike": [.zhCN: "警告：这是仿冒的官方渠道", .zhTW: "警告：這是仿冒的官方管道", .en: "Warning: this imitates an official channel"],
        "verdict.never_used": [.zhCN: "警告：我们从不使用这个渠道", .zhTW: "警告：我們從不使用這個管道", .en: "Warning: we never use this channel"],
        "verdict.unknown": [.zhCN: "未核实：这不是已登记的官方渠道", .zhTW: "未核實：這不是已登記的官方管道", .en: "Not verified: this is not a registered official channel"],

        "advice.verified": [
            .zhCN: "即使是官方渠道，客服也绝不会索要助记词、私钥、密码或验证码，也不会让您转账。",
            .zhTW: "即使是官方管道，客服也絕不會索取助記詞、私鑰、密碼或驗證碼，也不會讓您轉帳。",
            .en: "Even on an official channel, support never asks for your recovery phrase, private key, password or codes, and never asks you to send funds.",
        ],
        "advice.look_alike": [
            .zhCN: "这是诈骗者常用的手法。不要点击链接、不要回复、不要输入任何信息；请通过下方列出的官方渠道联系我们。",
            .zhTW: "這是詐騙者常用的手法。不要點擊連結、不要回覆、不要輸入任何資訊；請透過下方列出的官方管道聯絡我們。",
            .en: "This is a common scam technique. Do not click, reply or enter anything; contact us through the official channels listed below.",
        ],
        "advice.never_used": [
            .zhCN: "任何在这个渠道自称客服的人都是诈骗者。请停止联系，不要转账，不要透露任何信息。",
            .zhTW: "任何在這個管道自稱客服的人都是詐騙者。請停止聯絡，不要轉帳，不要透露任何資訊。",
            .en: "Anyone claiming to be support on this channel is a scammer. Stop the conversation, send nothing and share nothing.",
        ],
        "advice.unknown": [
            .zhCN: "我们无法确认它属于我们。请只使用下方列出的官方渠道；如有疑问，请通过官方网站提交工单。",
            .zhTW: "我們無法確認它屬於我們。請只使用下方列出的官方管道；如有疑問，請透過官方網站提交工單。",
            .en: "We cannot confirm it is ours. Use only the official channels listed below; if in doubt, open a ticket through the official website.",
        ],

        "reason.punycode": [
            .zhCN: "使用了编码过的国际化域名（xn--），显示出来的字母与官方名称相似：{0}",
            .zhTW: "使用了編碼過的國際化網域名稱（xn--），顯示出來的字母與官方名稱相似：{0}",
            .en: "It is an encoded international domain (xn--) that displays letters resembling the official name: {0}",
        ],
        "reason.homoglyph": [
            .zhCN: "用形似的字符（如西里尔字母、希腊字母或数字）冒充官方名称中的字母：{0}",
            .zhTW: "用形似的字元（如西里爾字母、希臘字母或數字）冒充官方名稱中的字母：{0}",
            .en: "Look-alike characters (Cyrillic or Greek letters, digits) stand in for letters of the official name: {0}",
        ],
        "reason.extra_words": [
            .zhCN: "在官方名称前后加了词语：{0}", .zhTW: "在官方名稱前後加了詞語：{0}", .en: "Words were added around the official name: {0}",
        ],
        "reason.other_suffix": [
            .zhCN: "官方名称配上了不同的域名后缀：{0}", .zhTW: "官方名稱配上了不同的網域後綴：{0}", .en: "The official name with a different ending: {0}",
        ],
        "reason.brand_in_subdomain": [
            .zhCN: "官方名称只是别人域名的前缀，真正的域名是：{0}", .zhTW: "官方名稱只是別人網域的前綴，真正的網域是：{0}",
            .en: "The official name is only a prefix of someone else's domain; the real domain is: {0}",
        ],
        "reason.userinfo_trick": [
            .zhCN: "链接中“@”前面的官方名称会被浏览器忽略，实际打开的是：{0}", .zhTW: "連結中「@」前面的官方名稱會被瀏覽器忽略，實際開啟的是：{0}",
            .en: "Browsers ignore the official name before the \"@\" in this link; it really opens: {0}",
        ],
        "reason.brand_in_username": [
            .zhCN: "官方名称被用作其他服务上的用户名：{0}", .zhTW: "官方名稱被用作其他服務上的使用者名稱：{0}",
            .en: "The official name is used as a user name on another service: {0}",
        ],
        "reason.typo": [
            .zhCN: "与官方名称只差一个字母：{0}", .zhTW: "與官方名稱只差一個字母：{0}", .en: "One letter differs from the official name: {0}",
        ],
        "reason.one_digit_off": [
            .zhCN: "与官方电话号码只差一位数字。", .zhTW: "與官方電話號碼只差一位數字。", .en: "It differs from an official phone number by one digit.",
        ],
        "reason.other_platform": [
            .zhCN: "这个名称是我们在另一个平台（{0}）上的官方账号，不是这里的。", .zhTW: "這個名稱是我們在另一個平台（{0}）上的官方帳號，不是這裡的。",
            .en: "This name is our official account on another platform ({0}), not on this one.",
        ],
        "verify.imitates": [.zhCN: "冒充的官方渠道：", .zhTW: "冒充的官方管道：", .en: "It imitates:"],

        "kind.web": [.zhCN: "网站", .zhTW: "網站", .en: "Website"],
        "kind.email": [.zhCN: "邮箱地址", .zhTW: "電子郵件地址", .en: "Email address"],
        "kind.email_domain": [.zhCN: "邮箱域名", .zhTW: "電子郵件網域", .en: "Email domain"],
        "kind.phone": [.zhCN: "电话", .zhTW: "電話", .en: "Phone"],
        "kind.telegram": [.zhCN: "Telegram", .zhTW: "Telegram", .en: "Telegram"],
        "kind.x": [.zhCN: "X（Twitter）", .zhTW: "X（Twitter）", .en: "X (Twitter)"],
        "kind.wechat": [.zhCN: "微信", .zhTW: "微信", .en: "WeChat"],
        "kind.weibo": [.zhCN: "微博", .zhTW: "微博", .en: "Weibo"],
        "kind.whatsapp": [.zhCN: "WhatsApp", .zhTW: "WhatsApp", .en: "WhatsApp"],
        "kind.app_store": [.zhCN: "应用商店", .zhTW: "應用程式商店", .en: "App store"],
        "outbound.phrase-line": [
            .zhCN: "您的防钓鱼码：{0}（没有这句话的“客服”消息都不是我们发的）",
            .zhTW: "您的防釣魚碼：{0}（沒有這句話的「客服」訊息都不是我們發的）",
            .en: "Your anti-phishing phrase: {0} (a \"support\" message without it is not from us)",
        ],
        "outbound.verification-line": [
            .zhCN: "消息验证码：{0}，可在帮助中心的“核实官方渠道”页面核对。",
            .zhTW: "訊息驗證碼：{0}，可在幫助中心的「核實官方管道」頁面核對。",
            .en: "Message verification code: {0}. Check it on the help center's verify page.",
        ],
        "code.genuine": [
            .zhCN: "真实：这来自我们的客服人员 {0}", .zhTW: "真實：這來自我們的客服人員 {0}", .en: "Genuine: this comes from our agent {0}",
        ],
        "code.not-genuine": [
            .zhCN: "无法核实：这个验证码不属于我们的任何客服", .zhTW: "無法核實：這個驗證碼不屬於我們的任何客服",
            .en: "Not verified: this code does not belong to any of our agents",
        ],
        "code.message-not-genuine-advice": [
            .zhCN: "这条消息不是我们发出的。请不要回复、不要点击其中的链接，也不要转账。",
            .zhTW: "這則訊息不是我們發出的。請不要回覆、不要點擊其中的連結，也不要轉帳。",
            .en: "This message is not from us. Do not reply, click its links or send any funds.",
        ],
        "code.call-not-genuine-advice": [
            .zhCN: "请立即挂断。真正的客服会在工单中生成通话验证码；请勿透露任何信息。",
            .zhTW: "請立即掛斷。真正的客服會在工單中產生通話驗證碼；請勿透露任何資訊。",
            .en: "Hang up now. A genuine agent creates call codes on your ticket; share nothing with this caller.",
        ],
        "verify.message-title": [.zhCN: "核实客服消息", .zhTW: "核實客服訊息", .en: "Check a message from support"],
        "verify.message-field": [.zhCN: "消息末尾的验证码", .zhTW: "訊息末尾的驗證碼", .en: "The verification code at the end of the message"],
        "scam.poses_as_support": [.zhCN: "自称客服或官方人员", .zhTW: "自稱客服或官方人員", .en: "claims to be support or staff"],
        "scam.off_platform_contact": [.zhCN: "要求到平台外联系（私聊、WhatsApp、Telegram、微信等）", .zhTW: "要求到平台外聯絡（私訊、WhatsApp、Telegram、微信等）", .en: "pushes contact off the platform (DMs, WhatsApp, Telegram, WeChat …)"],
        "scam.wallet_validation_link": [.zhCN: "附带“验证/同步/修复钱包”链接", .zhTW: "附帶「驗證／同步／修復錢包」連結", .en: "sends a \"validate / sync / rectify your wallet\" link"],
        "scam.asks_for_secret": [.zhCN: "索要助记词或私钥", .zhTW: "索取助記詞或私鑰", .en: "asks for the recovery phrase or a private key"],
        "scam.look_alike_channel": [.zhCN: "提到仿冒官方渠道的网址或账号", .zhTW: "提到仿冒官方管道的網址或帳號", .en: "names a website or account imitating an official channel"],
        "scam.note-hold": [
            .zhCN: "疑似诈骗，消息已被扣留（仅内部可见）：{0}。", .zhTW: "疑似詐騙，訊息已被扣留（僅內部可見）：{0}。",
            .en: "Suspected scam; the message was held (internal only): {0}.",
        ],
        "scam.note-flag": [
            .zhCN: "疑似诈骗，已标记工单：{0}。", .zhTW: "疑似詐騙，已標記工單：{0}。", .en: "Suspected scam; the ticket was flagged: {0}.",
        ],
        "scam.look-alikes": [.zhCN: "仿冒渠道：{0}", .zhTW: "仿冒管道：{0}", .en: "Look-alikes: {0}"],
        "scam.reported": [
            .zhCN: "客户似乎在转述或询问别人发来的消息（可能是受害者），因此消息保持可见，仅作标记。请提醒客户：官方客服不会索要助记词或私钥。",
            .zhTW: "客戶似乎在轉述或詢問別人傳來的訊息（可能是受害者），因此訊息保持可見，僅作標記。請提醒客戶：官方客服不會索取助記詞或私鑰。",
            .en: "The customer seems to be passing on or asking about someone else's message (perhaps a victim), so it stays visible and is only flagged. Remind them that official support never asks for a recovery phrase or private key.",
        ],
        "secret.no-security-team": [
            .zhCN: "没有安全团队（名为“安全”或 Security 的团队，或安全级别的客服），工单保持未分配，但已标记为紧急。",
            .zhTW: "沒有安全團隊（名為「安全」或 Security 的團隊，或安全級別的客服），工單保持未分配，但已標記為緊急。",
            .en: "No security team exists (a team named Security, or agents of tier security); the ticket stays unassigned but is tagged and urgent.",
        ],
        "secret.seen-before": [
            .zhCN: "其中 {0} 个秘密此前已出现过（指纹相同）。", .zhTW: "其中 {0} 個秘密此前已出現過（指紋相同）。",
            .en: "{0} of these secrets were seen before (same fingerprint).",
        ],
        "kind.handle": [.zhCN: "账号", .zhTW: "帳號", .en: "Account"],
    ]
}
