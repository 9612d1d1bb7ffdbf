import Testing
@testable import DeskCore

@Suite("Stated passwords and codes")
struct StatedSecretDetectorTests {
    let scanner = SecretScanner()

    @Test func passwordsKeepTheLeadIn() {
        #expect(scanner.scan("my password is Hunter2!").redacted == "my password is [removed: password]")
        #expect(scanner.scan("pwd: abc12345 thanks").redacted == "pwd: [removed: password] thanks")
        #expect(scanner.scan("我的密码是abc12345，登录不上", language: .zhCN).redacted == "我的密码是[已移除：密码]，登录不上")
        #expect(scanner.scan("密碼：lilyqwer", language: .zhTW).redacted == "密碼：[已移除：密碼]")
    }

    @Test func passwordTalkWithoutAValueIsClean() {
        let texts = ["I forgot my password", "my password is wrong", "password reset link expired", "密码错误次数太多",
                     "密码是什么意思？", "my password is correct but it says invalid"]
        for text in texts { #expect(scanner.scan(text).findings.isEmpty, "\(text)") }
    }

    @Test func oneTimeCodes() {
        let cases: [(String, String)] = [
            ("验证码 123456", "验证码 [removed: verification code]"),
            ("2FA code: 654321", "2FA code: [removed: verification code]"),
            ("Google Authenticator code 123 456 is rejected", "Google Authenticator code [removed: verification code] is rejected"),
            ("驗證碼：778899", "驗證碼：[removed: verification code]"),
            ("my SMS code is 4821", "my SMS code is [removed: verification code]"),
        ]
        for (text, redacted) in cases { #expect(scanner.scan(text).redacted == redacted, "\(text)") }
    }

    @Test func codeTalkWithoutAValueIsClean() {
        let texts = ["验证码收不到", "verification code expired after 10 minutes", "error code 10061 when connecting",
                     "2FA code not working", "验证码是多少？"]
        for text in texts { #expect(scanner.scan(text).findings.isEmpty, "\(text)") }
    }

    @Test func quotedPasswordsMayHoldSpaces() {
        let cases: [(String, String)] = [
            ("password: \"my dog has fleas\"", "password: \"[removed: password]\""),
            ("密码是「快乐 每一天」，登录不了", "密码是「[removed: password]」，登录不了"),
            // No closing quote on the line: the first word, as before.
            ("my password is \"hunter2 and more", "my password is \"[removed: password] and more"),
        ]
        for (text, redacted) in cases { #expect(scanner.scan(text).redacted == redacted, "\(text)") }
    }

    @Test func authenticatorKeys() {
        let cases: [(String, String)] = [
            ("我的谷歌验证器密钥是 JBSWY3DPEHPK3PXP 换手机了", "我的谷歌验证器密钥是 [removed: verification code] 换手机了"),
            ("谷歌验证备份密钥：JBSW Y3DP EHPK 3PXP", "谷歌验证备份密钥：[removed: verification code]"),
            ("setup key jbsw y3dp ehpk 3pxp please reset", "setup key [removed: verification code] please reset"),
            ("2FA secret: JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP==", "2FA secret: [removed: verification code]"),
            ("key: JBSW Y3DP EHPK 3PXP is lost", "key: [removed: verification code] is lost"),
        ]
        for (text, redacted) in cases {
            let scanned = scanner.scan(text)
            #expect(scanned.redacted == redacted, "\(text)")
            #expect(scanned.findings.map(\.kind) == [.otp], "\(text)")
        }
    }

    @Test func keyTalkWithoutAKeyIsClean() {
        let texts = ["the key JBSW Y3DP EHPK is short", "备份密钥在哪里看？", "I lost the key backup for my wallet please help",
                     "secret: nothing to hide here", "the API key expired, where is the new key", "密钥 abcdefghijklmnop 是什么"]
        for text in texts { #expect(scanner.scan(text).findings.isEmpty, "\(text)") }
    }

    @Test func leadInsInCodeAndLinksAreNotLeadIns() {
        let texts = ["run git diff `pwd`/an-untracked-file", "git add $(pwd)/foo", "open /password/set?code=AB12", "my password-reset link failed",
                     "smtp://desk%40example.com:app-password@smtp.example.com:587"]
        for text in texts { #expect(scanner.scan(text).findings.isEmpty, "\(text)") }
        #expect(scanner.scan("pwd=Qwerty!1").findings.map(\.kind) == [.password])
    }
}
