import DeskCore
import Testing

@Suite("HTML sanitiser")
struct HTMLSanitizerTests {
    @Test("keeps simple formatting and safe links")
    func keeps() {
        #expect(HTMLSanitizer.sanitise("<p>Hi <b>there</b></p>") == "<p>Hi <b>there</b></p>")
        #expect(HTMLSanitizer.sanitise(#"<a href="https://help.example.com/x?a=1&amp;b=2">faq</a>"#)
            == #"<a href="https://help.example.com/x?a=1&amp;b=2" rel="nofollow noopener noreferrer" target="_blank">faq</a>"#)
    }

    @Test("removes scripts, handlers, dangerous URLs and unknown tags", arguments: [
        ("<script>alert(1)</script>ok", "ok"),
        (#"<img src=x onerror="alert(1)">ok"#, "ok"),
        (#"<a href="javascript:alert(1)">x</a>"#, "<a>x</a>"),
        (#"<a href=" JAVASCRIPT:alert(1)">x</a>"#, "<a>x</a>"),
        (#"<p style="background:url(x)" onclick="y">t</p>"#, "<p>t</p>"),
        ("<svg><script>alert(1)</script></svg>after", "after"),
        ("<iframe src=//evil></iframe>", ""),
        ("<!-- <script> -->text", "text"),
        ("<b>unclosed", "<b>unclosed</b>"),
        ("a < b > c", "a &lt; b &gt; c"),
        ("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),
        ("&lt;script&gt;", "&lt;script&gt;"),
    ])
    func removes(input: String, expected: String) {
        #expect(HTMLSanitizer.sanitise(input) == expected)
    }

    @Test("plain text becomes escaped HTML with line breaks, and back")
    func plainText() {
        #expect(HTMLSanitizer.html(fromPlainText: "1 < 2\n<b>") == "1 &lt; 2<br>&lt;b&gt;")
        #expect(HTMLSanitizer.plainText(fromSanitised: "<p>第一行</p><p>second &amp; third</p>") == "第一行\nsecond & third")
    }

    @Test("message bodies derive the missing form and refuse empty ones")
    func bodies() throws {
        let fromText = try MessageBody(text: "  你好 <world>  ", html: nil)
        #expect(fromText.text == "你好 <world>")
        #expect(fromText.html == "你好 &lt;world&gt;")
        let fromHTML = try MessageBody(text: nil, html: "<p>Hello<script>x</script></p>")
        #expect(fromHTML.text == "Hello")
        #expect(throws: DeskError.invalidField("text", reason: .required)) { try MessageBody(text: "  ", html: nil) }
    }
}

@Suite("Content sniffing")
struct ContentSnifferTests {
    @Test("recognises what a file really is", arguments: [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], "image/png"),
        ([0xFF, 0xD8, 0xFF, 0xE0], "image/jpeg"),
        (Array("%PDF-1.7".utf8), "application/pdf"),
        (Array("GIF89a..".utf8), "image/gif"),
        (Array("<html><script>alert(1)</script>".utf8), "text/plain; charset=utf-8"),
        (Array("交易哈希 0xabc".utf8), "text/plain; charset=utf-8"),
        ([0x00, 0x01, 0x02, 0xFE], "application/octet-stream"),
    ] as [([UInt8], String)])
    func sniff(bytes: [UInt8], expected: String) {
        #expect(ContentSniffer.contentType(of: bytes) == expected)
    }

    @Test("file names lose paths and control characters")
    func filenames() {
        #expect(Attachment.safeFilename("../../etc/passwd") == "passwd")
        #expect(Attachment.safeFilename("C:\\Users\\me\\截图.png") == "截图.png")
        #expect(Attachment.safeFilename("a\u{0}b\"c.txt") == "abc.txt")
        #expect(Attachment.safeFilename(nil) == "attachment")
        #expect(Attachment.safeFilename("..") == "attachment")
    }
}
