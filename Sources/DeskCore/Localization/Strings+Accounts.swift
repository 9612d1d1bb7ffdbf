extension LocalizationTable {
    /// Strings of agent accounts: sign-in, passwords, sessions and their problems.
    static let accounts: [String: [Language: String]] = [
        "title.weak-password": [.zhCN: "密码太短", .zhTW: "密碼太短", .en: "Password too short"],
        "detail.weak-password": [
            .zhCN: "密码至少需要 {0} 个字符。", .zhTW: "密碼至少需要 {0} 個字元。", .en: "A password needs at least {0} characters.",
        ],
        "title.csrf-rejected": [.zhCN: "请求来源无法确认", .zhTW: "無法確認請求來源", .en: "Request not confirmed"],
        "detail.csrf-rejected": [
            .zhCN: "此请求缺少有效的 CSRF 令牌，请刷新页面后重试。", .zhTW: "此請求缺少有效的 CSRF 權杖，請重新整理頁面後再試。",
            .en: "This request did not carry a valid CSRF token. Reload the page and try again.",
        ],
        "title.sign-in-failed": [.zhCN: "登录失败", .zhTW: "登入失敗", .en: "Sign-in failed"],
        "detail.sign-in-failed": [
            .zhCN: "邮箱或密码不正确。", .zhTW: "電子郵件或密碼不正確。", .en: "The email address or password is not correct.",
        ],
        "title.invalid-code": [.zhCN: "验证码无效", .zhTW: "驗證碼無效", .en: "Invalid code"],
        "detail.invalid-code": [
            .zhCN: "该代码不正确、已使用或已过期。", .zhTW: "該代碼不正確、已使用或已過期。", .en: "This code is wrong, already used or expired.",
        ],
        "title.too-many-attempts": [.zhCN: "尝试次数过多", .zhTW: "嘗試次數過多", .en: "Too many attempts"],
        "detail.too-many-attempts": [
            .zhCN: "失败次数过多，请在 {0} 分钟后重试。如果不是你本人操作，请联系管理员。",
            .zhTW: "失敗次數過多，請在 {0} 分鐘後再試。如果不是你本人操作，請聯絡管理員。",
            .en: "Too many failed attempts. Try again in {0} minute(s). If this was not you, tell an admin.",
        ],
        "detail.too-many-attempts-seconds": [
            .zhCN: "失败次数过多，请在 {0} 秒后重试。如果不是你本人操作，请联系管理员。",
            .zhTW: "失敗次數過多，請在 {0} 秒後再試。如果不是你本人操作，請聯絡管理員。",
            .en: "Too many failed attempts. Try again in {0} second(s). If this was not you, tell an admin.",
        ],
        "notice.locked-subject": [.zhCN: "你的 WalletDesk 账号已被临时锁定", .zhTW: "你的 WalletDesk 帳號已被暫時鎖定", .en: "Your WalletDesk account is temporarily locked"],
        "notice.locked-body": [
            .zhCN: "由于{1}，你的账号已被锁定至 {0}。如果不是你本人操作，可能有人在尝试登录你的账号，请立即联系管理员。",
            .zhTW: "由於{1}，你的帳號已被鎖定至 {0}。如果不是你本人操作，可能有人正在嘗試登入你的帳號，請立即聯絡管理員。",
            .en: "Your account is locked until {0} because of {1}. If this was not you, someone may be trying to sign in as you: tell an admin now.",
        ],
        "notice.reason-too-many-passwords": [.zhCN: "多次输入错误的密码", .zhTW: "多次輸入錯誤的密碼", .en: "repeated wrong passwords"],
        "notice.reason-too-many-codes": [.zhCN: "多次输入错误的验证码", .zhTW: "多次輸入錯誤的驗證碼", .en: "repeated wrong verification codes"],
        "notice.new-device-subject": [.zhCN: "新设备登录了你的 WalletDesk 账号", .zhTW: "新裝置登入了你的 WalletDesk 帳號", .en: "New sign-in to your WalletDesk account"],
        "notice.new-device-body": [
            .zhCN: "你的账号于 {0} 在新设备上登录（IP {1}，{2}）。如果不是你本人，请立即修改密码、在所有设备上退出并通知管理员。",
            .zhTW: "你的帳號於 {0} 在新裝置上登入（IP {1}，{2}）。如果不是你本人，請立即更改密碼、在所有裝置上登出並通知管理員。",
            .en: "Your account was signed in from a new device at {0} (IP {1}, {2}). If this was not you, change your password, sign out everywhere and tell an admin now.",
        ],
        "title.sso-refused": [.zhCN: "钱包应用登录被拒绝", .zhTW: "錢包 App 登入遭拒", .en: "Wallet sign-in refused"],
        "detail.sso-not-configured": [
            .zhCN: "本站尚未配置钱包应用登录。", .zhTW: "本站尚未設定錢包 App 登入。", .en: "Wallet-app sign-in is not configured here.",
        ],
        "detail.sso-malformed": [.zhCN: "登录令牌格式不正确。", .zhTW: "登入權杖格式不正確。", .en: "The sign-in token is malformed."],
        "detail.sso-bad-signature": [
            .zhCN: "登录令牌的签名无效。", .zhTW: "登入權杖的簽章無效。", .en: "The sign-in token's signature is not valid.",
        ],
        "detail.sso-expired": [.zhCN: "登录令牌已过期，请在钱包应用中重试。", .zhTW: "登入權杖已過期，請在錢包 App 中再試一次。", .en: "The sign-in token has expired. Try again from the wallet app."],
        "detail.sso-not-yet-valid": [
            .zhCN: "登录令牌尚未生效（请检查设备时间）。", .zhTW: "登入權杖尚未生效（請檢查裝置時間）。", .en: "The sign-in token is not valid yet (check the clock).",
        ],
        "detail.sso-wrong-audience": [
            .zhCN: "该登录令牌不是发给本站的。", .zhTW: "該登入權杖不是發給本站的。", .en: "The sign-in token was not issued for this help desk.",
        ],
        "detail.sso-wrong-issuer": [.zhCN: "登录令牌的签发方不受信任。", .zhTW: "登入權杖的簽發方不受信任。", .en: "The sign-in token's issuer is not trusted."],
        "detail.sso-too-long-lived": [
            .zhCN: "登录令牌的有效期过长，最长为 10 分钟。", .zhTW: "登入權杖的有效期過長，最長為 10 分鐘。", .en: "The sign-in token lives too long; at most 10 minutes are allowed.",
        ],
        "detail.sso-replayed": [
            .zhCN: "该登录令牌已被使用过，请在钱包应用中重新登录。", .zhTW: "該登入權杖已被使用過，請在錢包 App 中重新登入。",
            .en: "This sign-in token was already used. Sign in again from the wallet app.",
        ],
        "notice.customer-code-subject": [.zhCN: "你的登录验证码", .zhTW: "你的登入驗證碼", .en: "Your sign-in code"],
        "notice.customer-code-body": [
            .zhCN: "你的验证码是 {0}，{1} 分钟内有效。请勿将验证码告诉任何人，官方客服绝不会向你索要。",
            .zhTW: "你的驗證碼是 {0}，{1} 分鐘內有效。請勿將驗證碼告訴任何人，官方客服絕不會向你索取。",
            .en: "Your code is {0}. It works for {1} minutes. Never tell it to anyone: official support will never ask for it.",
        ],
        "title.second-factor-required": [.zhCN: "必须使用两步验证", .zhTW: "必須使用兩步驟驗證", .en: "Two-step verification required"],
        "detail.second-factor-required": [
            .zhCN: "你的账号必须使用两步验证，不能关闭。丢失验证器时请联系管理员重置。",
            .zhTW: "你的帳號必須使用兩步驟驗證，不能關閉。遺失驗證器時請聯絡管理員重設。",
            .en: "Your account must use two-step verification, so it cannot be turned off. If you lost your authenticator, ask an admin to reset it.",
        ],
        "entity.session": [.zhCN: "会话", .zhTW: "工作階段", .en: "session"],
        "entity.second-factor": [.zhCN: "两步验证", .zhTW: "兩步驟驗證", .en: "second factor"],

        // Sign-in pages.
        "signin.title": [.zhCN: "客服登录", .zhTW: "客服登入", .en: "Agent sign-in"],
        "signin.email": [.zhCN: "邮箱", .zhTW: "電子郵件", .en: "Email"],
        "signin.password": [.zhCN: "密码", .zhTW: "密碼", .en: "Password"],
        "signin.submit": [.zhCN: "登录", .zhTW: "登入", .en: "Sign in"],
        "signin.forgot": [
            .zhCN: "忘记密码？请联系管理员获取一次性设置密码链接。", .zhTW: "忘記密碼？請聯絡管理員取得一次性設定密碼連結。",
            .en: "Forgot your password? Ask an admin for a one-time set-password link.",
        ],
        "signin.failed": [
            .zhCN: "邮箱或密码不正确。", .zhTW: "電子郵件或密碼不正確。", .en: "The email address or password is not correct.",
        ],
        "signin.expired-form": [
            .zhCN: "页面已过期，请重新提交。", .zhTW: "頁面已過期，請重新提交。", .en: "This page expired. Please submit it again.",
        ],
        "signin.2fa-title": [.zhCN: "两步验证", .zhTW: "兩步驟驗證", .en: "Two-step verification"],
        "signin.2fa-code": [.zhCN: "验证器应用中的 6 位数字", .zhTW: "驗證器 App 中的 6 位數字", .en: "6-digit code from your authenticator app"],
        "signin.2fa-use-recovery": [.zhCN: "无法使用验证器？", .zhTW: "無法使用驗證器？", .en: "Can't use your authenticator?"],
        "signin.2fa-recovery": [.zhCN: "恢复码", .zhTW: "復原碼", .en: "Recovery code"],
        "signin.2fa-submit": [.zhCN: "验证", .zhTW: "驗證", .en: "Verify"],
        "signin.2fa-failed": [
            .zhCN: "验证码不正确或已使用，请重试。", .zhTW: "驗證碼不正確或已使用，請再試一次。", .en: "That code is not correct or was already used. Try again.",
        ],
        "signin.2fa-enrol-intro": [
            .zhCN: "你的账号需要两步验证。请在验证器应用（如 Google Authenticator、Microsoft Authenticator）中添加此账号，然后输入它显示的 6 位数字。",
            .zhTW: "你的帳號需要兩步驟驗證。請在驗證器 App（如 Google Authenticator、Microsoft Authenticator）中加入此帳號，然後輸入它顯示的 6 位數字。",
            .en: "Your account needs two-step verification. Add it to an authenticator app (such as Google Authenticator or Microsoft Authenticator), then enter the 6-digit code it shows.",
        ],
        "signin.2fa-enrol-open": [.zhCN: "在本设备的验证器应用中打开", .zhTW: "在本裝置的驗證器 App 中開啟", .en: "Open in an authenticator app on this device"],
        "signin.2fa-enrol-manual": [.zhCN: "或手动输入此密钥：", .zhTW: "或手動輸入此金鑰：", .en: "Or type this key in by hand:"],
        "account.title": [.zhCN: "我的账号", .zhTW: "我的帳號", .en: "My account"],
        "account.signed-in-as": [.zhCN: "已登录：{0}（{1}）", .zhTW: "已登入：{0}（{1}）", .en: "Signed in as {0} ({1})"],
        "account.recovery-codes": [
            .zhCN: "请妥善保存以下恢复码。每个恢复码只能使用一次，且只显示这一次。",
            .zhTW: "請妥善保存以下復原碼。每個復原碼只能使用一次，且只顯示這一次。",
            .en: "Keep these recovery codes somewhere safe. Each works once, and they are shown only this once.",
        ],
        "account.signout": [.zhCN: "退出登录", .zhTW: "登出", .en: "Sign out"],
        "account.signout-everywhere": [.zhCN: "在所有设备上退出", .zhTW: "在所有裝置上登出", .en: "Sign out everywhere"],
        "password.set-title": [.zhCN: "设置密码", .zhTW: "設定密碼", .en: "Set your password"],
        "password.set-code": [.zhCN: "一次性代码", .zhTW: "一次性代碼", .en: "One-time code"],
        "password.set-password": [.zhCN: "新密码（至少 12 个字符）", .zhTW: "新密碼（至少 12 個字元）", .en: "New password (at least 12 characters)"],
        "password.set-submit": [.zhCN: "设置密码", .zhTW: "設定密碼", .en: "Set password"],
        "password.set-done": [.zhCN: "密码已设置，现在可以登录。", .zhTW: "密碼已設定，現在可以登入。", .en: "Your password is set. You can sign in now."],

        // Setup page: the first admin's password.
        "setup.password": [.zhCN: "密码（至少 12 个字符）", .zhTW: "密碼（至少 12 個字元）", .en: "Password (at least 12 characters)"],
    ]
}
