import DeskCore
@testable import DeskServer
import Testing

/// Reading `multipart/form-data` the way browsers send it: fields and files, names in the forms browsers use, an
/// unchosen file input, and bodies that are not a form at all.
@Suite("Multipart forms")
struct MultipartFormTests {
    static let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"

    /// A body of `parts` (headers, content) in the wire format, with an optional preamble.
    static func body(_ parts: [(String, [UInt8])], preamble: String = "", close: Bool = true) -> [UInt8] {
        var bytes = Array(preamble.utf8)
        for (headers, content) in parts {
            bytes += Array("--\(boundary)\r\n\(headers)\r\n\r\n".utf8) + content + Array("\r\n".utf8)
        }
        if close { bytes += Array("--\(boundary)--\r\n".utf8) }
        return bytes
    }

    static func field(_ name: String, _ value: String) -> (String, [UInt8]) {
        ("Content-Disposition: form-data; name=\"\(name)\"", Array(value.utf8))
    }

    @Test("the boundary comes from the content type, quoted or not, and only for form data")
    func boundary() {
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(MultipartForm.boundary(contentType: #"Multipart/Form-Data; charset=utf-8; Boundary="a b:c""#) == "a b:c")
        #expect(MultipartForm.boundary(contentType: "multipart/mixed; boundary=abc") == nil)
        #expect(MultipartForm.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
    }

    @Test("fields and files, bytes kept exactly, Chinese text and names")
    func fieldsAndFiles() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 13, 10, 45, 45, 0, 255]
        let bytes = Self.body([
            Self.field("csrf", "tok"),
            Self.field("text", "提现失败\r\n第二行"),
            ("Content-Disposition: form-data; name=\"files\"; filename=\"截图 1.png\"\r\nContent-Type: image/png", png),
            ("content-disposition: form-data; name=\"files\"; filename=\"notes.txt\"", Array("line one\r\n--not the boundary".utf8)),
        ])
        let form = try MultipartForm(bytes: bytes, boundary: Self.boundary)
        #expect(form["csrf"] == "tok")
        #expect(form["text"] == "提现失败\r\n第二行")
        #expect(form.files.map(\.filename) == ["截图 1.png", "notes.txt"])
        #expect(form.files.map(\.field) == ["files", "files"])
        #expect(form.files[0].bytes == png)
        #expect(form.files[0].declaredType == "image/png")
        #expect(form.files[1].declaredType == nil)
        #expect(String(decoding: form.files[1].bytes, as: UTF8.self) == "line one\r\n--not the boundary")
    }

    @Test("an unchosen file input is no file; an empty field is an empty string; a preamble is skipped")
    func emptyParts() throws {
        let bytes = Self.body(
            [
                Self.field("subject", ""),
                ("Content-Disposition: form-data; name=\"files\"; filename=\"\"\r\nContent-Type: application/octet-stream", []),
            ],
            preamble: "This is a preamble.\r\n"
        )
        let form = try MultipartForm(bytes: bytes, boundary: Self.boundary)
        #expect(form["subject"] == "")
        #expect(form.files.isEmpty)
    }

    @Test("file names: RFC 5987, escaped quotes, and paths removed")
    func filenames() {
        #expect(MultipartForm.filename(in: #"form-data; name="f"; filename="a.png"; filename*=UTF-8''%E6%88%AA%E5%9B%BE.png"#) == "截图.png")
        #expect(MultipartForm.filename(in: #"form-data; name="f"; filename="say %22hi%22.txt""#) == #"say "hi".txt"#)
        #expect(MultipartForm.filename(in: #"form-data; name="f"; filename="a%22b;c.txt""#) == #"a"b;c.txt"#)
        #expect(MultipartForm.filename(in: #"form-data; name="f"; filename="C:\Users\me\Desktop\tx.jpg""#) == "tx.jpg")
        #expect(MultipartForm.filename(in: #"form-data; name="f"; filename=../../etc/passwd"#) == "passwd")
        #expect(MultipartForm.filename(in: #"form-data; name="f""#) == nil)
        #expect(MultipartForm.parameter("name", in: #"form-data; filename="name=x"; name="real""#) == "real")
    }

    @Test("bodies that are not a whole form are refused")
    func malformed() {
        func refusal(_ bytes: [UInt8], boundary: String = Self.boundary) -> String? {
            do {
                _ = try MultipartForm(bytes: bytes, boundary: boundary)
                return nil
            } catch {
                if case .invalidField(let field, let reason) = error { return "\(field) \(reason)" }
                return "\(error)"
            }
        }
        #expect(refusal(Self.body([Self.field("a", "b")]), boundary: "other") == "body invalidValue")
        #expect(refusal(Self.body([Self.field("a", "b")], close: false)) == "body invalidValue")
        #expect(refusal(Array("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"a\"".utf8)) == "body invalidValue")
        #expect(refusal(Array("--\(Self.boundary)garbage\r\n".utf8)) == "body invalidValue")
        #expect(refusal([]) == "body invalidValue")
        let many = Self.body((0...MultipartForm.maxParts).map { Self.field("f\($0)", "x") })
        #expect(refusal(many) == "body tooMany")
        let hugeHeader = Self.body([("Content-Disposition: form-data; name=\"a\"; x=\"" + String(repeating: "y", count: 9000) + "\"", [])])
        #expect(refusal(hugeHeader) == "body invalidValue")
    }

    @Test("sizes read the way people read them")
    func sizes() {
        #expect(SupportUploads.sizeText(900) == "900 B")
        #expect(SupportUploads.sizeText(1500) == "2 KB")
        #expect(SupportUploads.sizeText(10 << 20) == "10 MB")
        #expect(SupportUploads.sizeText(2_500_000) == "2.4 MB")
    }
}
