@testable import DeskChannels
import DeskCore
import Foundation
import Testing

/// Decodes what a mail reader would show: RFC 2047 words (whitespace between adjacent words dropped, folds unfolded).
enum MailDecoding {
    static func headerText(_ value: String) -> String {
        let unfolded = value.replacingOccurrences(of: "\r\n ", with: " ")
        var bytes: [UInt8] = []
        var plain = ""
        for token in unfolded.split(separator: " ", omittingEmptySubsequences: false) {
            if token.hasPrefix("=?UTF-8?B?"), token.hasSuffix("?="), let data = Data(base64Encoded: String(token.dropFirst(10).dropLast(2))) {
                bytes += data
            } else {
                if !bytes.isEmpty { plain += String(decoding: bytes, as: UTF8.self); bytes = [] }
                plain += (plain.isEmpty ? "" : " ") + token
            }
        }
        return plain + String(decoding: bytes, as: UTF8.self)
    }

    /// Headers (unfolded) and the decoded body of a rendered message.
    static func parse(_ rendered: String) -> (headers: [String: String], body: String) {
        let parts = rendered.components(separatedBy: "\r\n\r\n")
        var headers: [String: String] = [:]
        var last: String?
        for line in parts[0].components(separatedBy: "\r\n") {
            if line.hasPrefix(" "), let key = last {
                headers[key]! += "\r\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                let key = String(line[..<colon])
                headers[key] = String(line[line.index(colon, offsetBy: 2)...])
                last = key
            }
        }
        let base64 = parts.dropFirst().joined(separator: "\r\n\r\n").replacingOccurrences(of: "\r\n", with: "")
        return (headers, String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self))
    }
}

@Suite("Mail message")
struct MailMessageTests {
    static let from = try! MailAddress(parsing: "WalletDesk 客服 <support@desk.example.com>")

    static func message(subject: String, body: String, to: String = "li@example.com") throws -> MailMessage {
        MailMessage(
            from: from, to: try MailAddress(parsing: to), subject: subject, body: body, date: Date(timeIntervalSince1970: 1_795_000_000),
            messageIDLocalPart: "0f9c-42", language: .zhCN
        )
    }

    @Test("a Chinese subject becomes encoded words of at most 75 characters and decodes back; the body is base64 in 76-character lines")
    func chinese() throws {
        let subject = "你的登录验证码：请在十分钟内使用，不要告诉任何人，包括自称客服的人员。WalletDesk 安全提示"
        let body = "你好，\n\n你的验证码是 482913。\n.以点开头的一行\n"
        let rendered = try Self.message(subject: subject, body: body).rendered()
        #expect(rendered.unicodeScalars.allSatisfy { $0.isASCII }, "headers and body travel as 7-bit ASCII")
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n") && !rendered.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let (headers, decodedBody) = MailDecoding.parse(rendered)
        let encodedSubject = try #require(headers["Subject"])
        #expect(encodedSubject.hasPrefix("=?UTF-8?B?"))
        for word in encodedSubject.components(separatedBy: "\r\n ") { #expect(word.count <= 75) }
        #expect(MailDecoding.headerText(encodedSubject) == subject)
        #expect(decodedBody == body.replacingOccurrences(of: "\n", with: "\r\n"))
        for line in rendered.components(separatedBy: "\r\n\r\n")[1].components(separatedBy: "\r\n") { #expect(line.count <= 76) }
        #expect(headers["MIME-Version"] == "1.0")
        #expect(headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(headers["Content-Transfer-Encoding"] == "base64")
        #expect(headers["Message-ID"] == "<0f9c-42@desk.example.com>")
        #expect(headers["Date"] == "Wed, 18 Nov 2026 11:06:40 +0000", "as Python's email.utils.formatdate(1795000000) says")
        #expect(MailDecoding.headerText(try #require(headers["From"])) == "WalletDesk 客服 <support@desk.example.com>")
        #expect(headers["To"] == "li@example.com")
    }

    @Test("an ASCII subject stays readable; quotes in a display name are quoted")
    func ascii() throws {
        #expect(MailHeader.encodedText("Your sign-in code") == "Your sign-in code")
        #expect(MailHeader.mailbox(try MailAddress(parsing: "\"Desk, \\\"Support\\\"\" <a@example.com>")).hasSuffix("<a@example.com>"))
        #expect(MailHeader.mailbox(try MailAddress(address: "a@example.com", displayName: "Desk, Inc")) == "\"Desk, Inc\" <a@example.com>")
        // "=?" in plain text would be read as an encoded word; it is encoded instead.
        #expect(MailHeader.encodedText("=?x?=").hasPrefix("=?UTF-8?B?"))
    }

    @Test("header injection: CR and LF in free text cannot start a header, and bad addresses are refused")
    func injection() throws {
        let rendered = try Self.message(subject: "Hello\r\nBcc: victim@example.com\nX-Evil: 1", body: "x").rendered()
        let headerBlock = rendered.components(separatedBy: "\r\n\r\n")[0]
        let names = headerBlock.components(separatedBy: "\r\n").filter { !$0.hasPrefix(" ") }.compactMap { $0.split(separator: ":").first.map(String.init) }
        #expect(!names.contains("Bcc") && !names.contains("X-Evil"))
        #expect(names.count == Set(names).count)
        let named = try MailAddress(address: "a@example.com", displayName: "Eve\r\nBcc: x@example.com")
        #expect(!MailHeader.mailbox(named).contains("\r") && !MailHeader.mailbox(named).contains("\n"))
        #expect(throws: MailAddress.Invalid.self) { try MailAddress(address: "a@example.com\r\nRCPT TO:<b@example.com>") }
        #expect(throws: MailAddress.Invalid.self) { try MailAddress(address: "a@example.com>") }
        #expect(throws: MailAddress.Invalid.self) { try MailAddress(address: "张三@example.com") }
        #expect(throws: MailAddress.Invalid.self) { try MailAddress(address: "no-at-sign") }
        #expect(throws: MailAddress.Invalid.self) { try MailAddress(address: "a@b@c") }
    }

    @Test("encoded words never split a character, whatever the mix")
    func splitting() {
        let text = String(repeating: "a验😀", count: 40)
        let words = MailHeader.encodedWords(text)
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.count <= 75 })
        let decoded = words.map { String(decoding: Data(base64Encoded: String($0.dropFirst(10).dropLast(2)))!, as: UTF8.self) }
        #expect(decoded.joined() == text)
        #expect(decoded.allSatisfy { !$0.contains("\u{FFFD}") })
    }
}

@Suite("SMTP protocol")
struct SMTPProtocolTests {
    @Test("dot-stuffing doubles a leading dot, ends with CRLF.CRLF, and a lone dot line cannot end the message early")
    func dotStuffing() {
        #expect(SMTPData.stuffed("a\r\n.b\r\n.\r\nc") == "a\r\n..b\r\n..\r\nc\r\n.\r\n")
        #expect(SMTPData.stuffed("x\n") == "x\r\n.\r\n")
        #expect(SMTPData.stuffed("") == ".\r\n")
    }

    @Test("replies: single and multi-line, codes must agree, garbage is refused")
    func replies() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed("250-mail.example.com greets you") == nil)
        #expect(parser.isMidReply)
        #expect(try parser.feed("250-STARTTLS") == nil)
        let reply = try #require(try parser.feed("250 AUTH PLAIN LOGIN"))
        #expect(reply.code == 250 && reply.lines == ["mail.example.com greets you", "STARTTLS", "AUTH PLAIN LOGIN"])
        #expect(try parser.feed("354") == SMTPReply(code: 354, lines: [""]))
        #expect(try parser.feed("451 4.7.1 try later")?.isTransientFailure == true)
        #expect(try parser.feed("550 5.1.1 no such user")?.isPermanentFailure == true)
        _ = try parser.feed("250-a")
        #expect(throws: SMTPReplyParser.Malformed.self) { try parser.feed("251 b") }
        var fresh = SMTPReplyParser()
        #expect(throws: SMTPReplyParser.Malformed.self) { try fresh.feed("hello") }
        #expect(throws: SMTPReplyParser.Malformed.self) { try fresh.feed("250x") }
        #expect(throws: SMTPReplyParser.Malformed.self) { try fresh.feed("999 nope") }
    }

    @Test("only 5xx refusals of a recipient or a message are permanent")
    func permanence() {
        let refused = SMTPReply(code: 550, lines: ["no"])
        #expect(SMTPError.rejected(stage: "RCPT TO", reply: refused).isPermanent)
        #expect(SMTPError.rejected(stage: "message", reply: refused).isPermanent)
        #expect(!SMTPError.rejected(stage: "RCPT TO", reply: SMTPReply(code: 451, lines: ["later"])).isPermanent)
        #expect(!SMTPError.rejected(stage: "AUTH", reply: SMTPReply(code: 535, lines: ["bad password"])).isPermanent)
        #expect(!SMTPError.timeout(stage: "greeting").isPermanent)
    }

    @Test("SMTP URLs: ports, TLS modes, percent-encoded credentials, and a description without the password")
    func urls() throws {
        let server = try SMTPServer(url: "smtp://desk%40example.com:p%40ss:w0rd@mail.example.com")
        #expect(server.port == 587 && !server.implicitTLS && server.startTLS == .required)
        #expect(server.username == "desk@example.com" && server.password == "p@ss:w0rd")
        #expect(!server.description.contains("p@ss") && !server.description.contains("w0rd"))
        #expect(server.description == "smtp://desk%40example.com:***@mail.example.com:587")
        #expect("\(server)" == server.description)
        let tls = try SMTPServer(url: "smtps://mail.example.com")
        #expect(tls.port == 465 && tls.implicitTLS && tls.startTLS == .off)
        #expect(try SMTPServer(url: "smtp://127.0.0.1:2525").startTLS == .optional)
        #expect(try SMTPServer(url: "smtp://localhost:2525", startTLS: .required).startTLS == .required)
        #expect(throws: SMTPServer.Invalid.self) { try SMTPServer(url: "http://mail.example.com") }
        #expect(throws: SMTPServer.Invalid.self) { try SMTPServer(url: "smtp://:pw@mail.example.com") }
        #expect(throws: SMTPServer.Invalid.self) { try SMTPServer(url: "smtp://mail.example.com:0") }
    }

    @Test("stored delivery errors lose codes, addresses and control characters")
    func sanitize() {
        let text = DeliveryFailure.sanitize("RCPT TO refused: 550 5.1.1 <li.wei@example.com> unknown; code 482913\r\nX")
        #expect(text == "RCPT TO refused: 550 5.1.1 l***@example.com unknown; code # X")
        #expect(DeliveryFailure.sanitize(String(repeating: "x", count: 500)).count == 160)
    }
}
