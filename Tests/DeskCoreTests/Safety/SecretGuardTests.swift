import Testing
@testable import DeskCore

@Suite("Secret guard on message bodies")
struct SecretGuardTests {
    let phrase = MnemonicDetectorTests.phrases[0].1

    @Test("a plain-text body is scanned once: the phrase is removed from the text and the HTML rebuilt from it")
    func plainText() throws {
        let body = try MessageBody(text: "我的助记词是 \(phrase) 请帮我找回", html: nil)
        #expect(body.htmlEscapesText)
        let (cleaned, findings) = SecretGuard().clean(body, language: .zhCN)
        #expect(findings.count == 1)
        #expect(!cleaned.text.contains("abandon amount"))
        #expect(!cleaned.html.contains("abandon amount"))
        #expect(cleaned.html == HTMLSanitizer.html(fromPlainText: cleaned.text))
    }

    @Test("a secret only in the HTML is found, also when the HTML was changed after the body was built from text")
    func secretInHTML() throws {
        let fromHTML = try MessageBody(text: "see the attached note", html: "<p>my words: <b>\(phrase)</b></p>")
        var changed = try MessageBody(text: "hello", html: nil)
        changed.html = "<p>\(phrase)</p>"
        for body in [fromHTML, changed] {
            #expect(!body.htmlEscapesText)
            let (cleaned, findings) = SecretGuard().clean(body, language: .en)
            #expect(findings.count == 1)
            #expect(!cleaned.html.contains("abandon amount"))
        }

        var retexted = try MessageBody(text: "hello", html: nil)
        retexted.text = "hello again"
        #expect(!retexted.htmlEscapesText)
    }

    @Test("bodies compare by text and HTML, not by how they were built")
    func equality() throws {
        let built = try MessageBody(text: "a < b", html: nil)
        var copied = try MessageBody(text: "x", html: nil)
        copied.text = built.text
        copied.html = built.html
        #expect(copied == built)
    }
}
