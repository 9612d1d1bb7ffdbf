import Foundation

/// The one table every user-visible string goes through, in zh-CN, zh-TW and English.
///
/// Keys are stable; `{0}`, `{1}` … are replaced by `format`. A missing translation falls back to English, then to the key,
/// and `LocalizerTests` checks that every key has all three languages.
public struct Localizer: Sendable {
    public static let shared = Localizer(table: LocalizationTable.all)

    let table: [String: [Language: String]]

    public init(table: [String: [Language: String]]) {
        self.table = table
    }

    public var keys: Dictionary<String, [Language: String]>.Keys { table.keys }

    public func text(_ key: String, _ language: Language) -> String {
        table[key]?[language] ?? table[key]?[.en] ?? key
    }

    public func format(_ key: String, _ language: Language, _ arguments: String...) -> String {
        var result = text(key, language)
        for (index, argument) in arguments.enumerated() {
            result = result.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return result
    }
}

/// The strings, in one table per feature area: ``entries`` holds the core ones, and each area adds its own in
/// `Strings+<Area>.swift` beside this file, listed in ``areas``. A key defined twice is a programming error.
enum LocalizationTable {
    /// Every area's table besides the core one.
    static let areas: [[String: [Language: String]]] = [web, safety, helpCenter, accounts, secondFactor, mail, console, support]

    static let all: [String: [Language: String]] = areas.reduce(entries) { table, area in
        table.merging(area) { first, _ in preconditionFailure("localisation key defined twice: \(first)") }
    }

    static let entries: [String: [Language: String]] = [
        // Problem titles, keyed by DeskError.code.
        "title.not-found": [.zhCN: "未找到", .zhTW: "找不到", .en: "Not found"],
        "title.invalid-field": [.zhCN: "字段无效", .zhTW: "欄位無效", .en: "Invalid field"],
        "title.malformed-json": [.zhCN: "请求格式错误", .zhTW: "請求格式錯誤", .en: "Malformed request"],
        "title.body-too-large": [.zhCN: "请求内容过大", .zhTW: "請求內容過大", .en: "Request too large"],
        "title.unsupported-media-type": [.zhCN: "不支持的内容类型", .zhTW: "不支援的內容類型", .en: "Unsupported content type"],
        "title.version-conflict": [.zhCN: "内容已被他人修改", .zhTW: "內容已被他人修改", .en: "Changed by someone else"],
        "title.invalid-transition": [.zhCN: "不允许的状态变更", .zhTW: "不允許的狀態變更", .en: "Status change not allowed"],
        "title.ticket-closed": [.zhCN: "工单已关闭", .zhTW: "工單已關閉", .en: "Ticket closed"],
        "title.ticket-merged": [.zhCN: "工单已合并", .zhTW: "工單已合併", .en: "Ticket merged"],
        "title.invalid-merge": [.zhCN: "无法合并", .zhTW: "無法合併", .en: "Cannot merge"],
        "title.duplicate": [.zhCN: "已存在", .zhTW: "已存在", .en: "Already exists"],
        "title.unauthorized": [.zhCN: "需要登录", .zhTW: "需要登入", .en: "Sign-in required"],
        "title.forbidden": [.zhCN: "没有权限", .zhTW: "沒有權限", .en: "Not allowed"],
        "title.setup-done": [.zhCN: "已完成初始化", .zhTW: "已完成初始化", .en: "Setup already done"],
        "title.invalid-setup-code": [.zhCN: "初始化代码无效", .zhTW: "初始化代碼無效", .en: "Invalid setup code"],
        "title.unavailable": [.zhCN: "服务暂不可用", .zhTW: "服務暫不可用", .en: "Service unavailable"],
        "title.internal": [.zhCN: "服务器内部错误", .zhTW: "伺服器內部錯誤", .en: "Internal error"],
        "title.method-not-allowed": [.zhCN: "不支持的请求方法", .zhTW: "不支援的請求方法", .en: "Method not allowed"],

        // Problem details.
        "detail.not-found": [.zhCN: "找不到该{0}。", .zhTW: "找不到該{0}。", .en: "No such {0}."],
        "detail.malformed-json": [.zhCN: "请求正文不是有效的 JSON：{0}", .zhTW: "請求內文不是有效的 JSON：{0}", .en: "The request body is not valid JSON: {0}"],
        "detail.body-too-large": [.zhCN: "请求内容超过 {0} 字节上限。", .zhTW: "請求內容超過 {0} 位元組上限。", .en: "The request is larger than the {0} byte limit."],
        "detail.unsupported-media-type": [.zhCN: "请使用 application/json。", .zhTW: "請使用 application/json。", .en: "Send application/json."],
        "detail.version-conflict": [
            .zhCN: "该记录已被他人修改（当前版本 {0}），请刷新后重试。", .zhTW: "該記錄已被他人修改（目前版本 {0}），請重新整理後再試。",
            .en: "Someone else changed this record (now version {0}). Reload and try again.",
        ],
        "detail.invalid-transition": [.zhCN: "工单不能从 {0} 变为 {1}。", .zhTW: "工單不能從 {0} 變為 {1}。", .en: "A ticket cannot go from {0} to {1}."],
        "detail.ticket-closed": [
            .zhCN: "该工单已关闭，请提交新的工单。", .zhTW: "該工單已關閉，請提交新的工單。", .en: "This ticket is closed; please open a new one.",
        ],
        "detail.ticket-merged": [.zhCN: "该工单已合并到 {0}。", .zhTW: "該工單已合併到 {0}。", .en: "This ticket was merged into {0}."],
        "detail.invalid-merge": [
            .zhCN: "只能合并两个不同且未关闭的工单。", .zhTW: "只能合併兩個不同且未關閉的工單。", .en: "Only two different tickets that are not closed can be merged.",
        ],
        "detail.duplicate": [.zhCN: "{0} 已被使用。", .zhTW: "{0} 已被使用。", .en: "{0} is already in use."],
        "detail.unauthorized": [
            .zhCN: "请提供有效的访问令牌。", .zhTW: "請提供有效的存取權杖。", .en: "Send a valid access token.",
        ],
        "detail.forbidden": [.zhCN: "你的账号无权执行此操作。", .zhTW: "你的帳號無權執行此操作。", .en: "Your account may not do this."],
        "detail.setup-done": [
            .zhCN: "第一个管理员已经创建。", .zhTW: "第一位管理員已經建立。", .en: "The first admin has already been created.",
        ],
        "detail.invalid-setup-code": [
            .zhCN: "初始化代码不正确，请使用服务器启动时打印的代码。", .zhTW: "初始化代碼不正確，請使用伺服器啟動時列印的代碼。",
            .en: "The setup code is wrong; use the one the server printed at start-up.",
        ],
        "detail.unavailable": [.zhCN: "数据库暂时无法访问，请稍后重试。", .zhTW: "資料庫暫時無法存取，請稍後再試。", .en: "The database is unreachable; try again shortly."],
        "detail.internal": [
            .zhCN: "服务器出错了，我们已记录此问题。", .zhTW: "伺服器出錯了，我們已記錄此問題。", .en: "Something went wrong on our side; it has been logged.",
        ],
        "detail.method-not-allowed": [.zhCN: "此地址不支持该方法。", .zhTW: "此位址不支援該方法。", .en: "This address does not support that method."],

        // Field problems; {0} is the field.
        "field.required": [.zhCN: "缺少必填字段 {0}。", .zhTW: "缺少必填欄位 {0}。", .en: "{0} is required."],
        "field.tooLong": [.zhCN: "{0} 太长。", .zhTW: "{0} 太長。", .en: "{0} is too long."],
        "field.invalidValue": [.zhCN: "{0} 的值无效。", .zhTW: "{0} 的值無效。", .en: "{0} has an invalid value."],
        "field.invalidTag": [
            .zhCN: "{0} 中的标签不能为空、含空格或逗号，且不超过 50 个字符。", .zhTW: "{0} 中的標籤不能為空、含空格或逗號，且不超過 50 個字元。",
            .en: "Each of {0} must be non-empty, without spaces or commas, and at most 50 characters.",
        ],
        "field.tooMany": [.zhCN: "{0} 的数量过多。", .zhTW: "{0} 的數量過多。", .en: "{0} has too many entries."],
        "field.unknownField": [.zhCN: "不认识的字段 {0}。", .zhTW: "不認識的欄位 {0}。", .en: "Unknown field {0}."],
        "field.wrongType": [.zhCN: "{0} 的类型不正确。", .zhTW: "{0} 的類型不正確。", .en: "{0} has the wrong type."],
        "field.unknownReference": [.zhCN: "{0} 指向的记录不存在。", .zhTW: "{0} 指向的記錄不存在。", .en: "{0} refers to a record that does not exist."],

        // Entities, for "not found" details.
        "entity.ticket": [.zhCN: "工单", .zhTW: "工單", .en: "ticket"],
        "entity.customer": [.zhCN: "客户", .zhTW: "客戶", .en: "customer"],
        "entity.agent": [.zhCN: "客服人员", .zhTW: "客服人員", .en: "agent"],
        "entity.team": [.zhCN: "团队", .zhTW: "團隊", .en: "team"],
        "entity.attachment": [.zhCN: "附件", .zhTW: "附件", .en: "attachment"],
        "entity.message": [.zhCN: "消息", .zhTW: "訊息", .en: "message"],
        "entity.route": [.zhCN: "页面", .zhTW: "頁面", .en: "page"],


        // First-admin setup page.
        "setup.title": [.zhCN: "创建第一个管理员", .zhTW: "建立第一位管理員", .en: "Create the first admin"],
        "setup.intro": [
            .zhCN: "请输入服务器启动时在终端打印的初始化代码。", .zhTW: "請輸入伺服器啟動時在終端機列印的初始化代碼。",
            .en: "Enter the setup code the server printed in its terminal when it started.",
        ],
        "setup.code": [.zhCN: "初始化代码", .zhTW: "初始化代碼", .en: "Setup code"],
        "setup.name": [.zhCN: "姓名", .zhTW: "姓名", .en: "Name"],
        "setup.email": [.zhCN: "邮箱", .zhTW: "電子郵件", .en: "Email"],
        "setup.submit": [.zhCN: "创建管理员", .zhTW: "建立管理員", .en: "Create admin"],
        "setup.welcome": [.zhCN: "欢迎，{0}！管理员账号已创建。", .zhTW: "歡迎，{0}！管理員帳號已建立。", .en: "Welcome, {0}! Your admin account is ready."],
        "setup.token": [.zhCN: "这是你的 API 访问令牌：", .zhTW: "這是你的 API 存取權杖：", .en: "This is your API access token:"],
        "setup.token-once": [
            .zhCN: "令牌只显示这一次，请立即妥善保存。服务器只保存它的哈希值。", .zhTW: "權杖只顯示這一次，請立即妥善保存。伺服器只保存它的雜湊值。",
            .en: "It is shown only this once; store it safely now. The server keeps only its hash.",
        ],


        // An internal note when an agent's own reply or note held a secret; {0} names what was removed.
        "safety.secret-agent-warning": [
            .zhCN: "已在保存前从客服的消息中删除{0}。请不要把客户的助记词、私钥、密码或验证码写进工单；如果客户已经泄露，请告诉客户立即把资产转移到新创建的钱包。",
            .zhTW: "已在儲存前從客服的訊息中刪除{0}。請不要把客戶的助記詞、私鑰、密碼或驗證碼寫進工單；如果客戶已經外洩，請告訴客戶立即把資產轉移到新建立的錢包。",
            .en: "The {0} was removed from an agent's message before it was stored. Never copy a customer's recovery phrase, private key, password or codes into a ticket; if the customer has exposed it, tell them to move their funds to a newly created wallet now.",
        ],
        // Told to a customer the moment a secret is removed from what they sent; {0} names what was removed.
        "safety.secret-warning": [
            .zhCN: "为保护您的资产，我们已自动删除您消息中的{0}，客服人员看不到它。官方客服永远不会向您索要助记词、私钥、密码或验证码。如果您曾把它发给任何人（包括自称客服的人），请立即把资产转移到一个新创建的钱包，并修改相关密码。",
            .zhTW: "為保護您的資產，我們已自動刪除您訊息中的{0}，客服人員看不到它。官方客服永遠不會向您索取助記詞、私鑰、密碼或驗證碼。如果您曾把它發給任何人（包括自稱客服的人），請立即把資產轉移到一個新建立的錢包，並修改相關密碼。",
            .en: "To protect your funds we removed the {0} from your message; our agents cannot see it. Official support will never ask for your recovery phrase, private key, password or verification codes. If you have shared it with anyone (including someone claiming to be support), move your funds to a newly created wallet now and change your passwords.",
        ],

        // System messages written into tickets.
        "system.merged-into": [
            .zhCN: "您的请求 {0} 已与 {1} 合并，我们会在 {1} 中继续为您处理，无需重复提交。",
            .zhTW: "您的請求 {0} 已與 {1} 合併，我們會在 {1} 中繼續為您處理，無需重複提交。",
            .en: "Your request {0} has been merged into {1}. We will continue to help you there; there is no need to write again.",
        ],
        "system.merged-from": [
            .zhCN: "请求 {0} 已合并到本工单。", .zhTW: "請求 {0} 已合併到本工單。", .en: "Request {0} was merged into this ticket.",
        ],
    ]
}
