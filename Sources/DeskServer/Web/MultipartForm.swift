import DeskCore
import Foundation

/// A decoded `multipart/form-data` body (RFC 7578): the text fields of a form and the files chosen in it. The support
/// pages' forms post this way so a customer can add screenshots of a failed withdrawal or a block explorer page.
///
/// Strict where it matters (a missing or foreign boundary, an unterminated part, too many parts) and lenient where
/// browsers differ (a preamble before the first boundary, `filename*=` or plain UTF-8 names, quotes sent as `%22`).
struct MultipartForm {
    struct File {
        /// The form field the file was chosen in.
        var field: String
        /// The name the browser gave, path stripped; the store makes it safe again before keeping it.
        var filename: String
        /// What the browser declared; the bytes decide the stored type (see `ContentSniffer`).
        var declaredType: String?
        var bytes: [UInt8]
    }

    var fields: FormData
    var files: [File]

    /// More parts than a form of ours ever sends means the body is not one of our forms.
    static let maxParts = 64
    static let maxHeaderBytes = 8 * 1024

    /// The boundary named by a `Content-Type: multipart/form-data; boundary=…` header, or nil for another type.
    static func boundary(contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let type = parts.first, type.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            // RFC 2046: 1 to 70 characters.
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// Parses a whole body. Parts without a name are skipped; a file input left empty (no name, no bytes) is no file.
    init(bytes: [UInt8], boundary: String) throws(DeskError) {
        let delimiter = Array("--\(boundary)".utf8)
        let malformed = DeskError.invalidField("body", reason: .invalidValue)
        // The first delimiter may follow a preamble; every later one follows a CRLF.
        guard var position = Self.find(delimiter, in: bytes, from: 0), position == 0 || Self.isCRLF(bytes, at: position - 2) else {
            throw malformed
        }
        let separator = [13, 10] + delimiter
        var fields: [String: String] = [:]
        var files: [File] = []
        var parts = 0
        while true {
            position += delimiter.count
            // "--" after a delimiter closes the body; anything else must be a line end.
            if position + 1 < bytes.count, bytes[position] == 45, bytes[position + 1] == 45 { break }
            // Transport padding (spaces or tabs) may sit before the line end.
            while position < bytes.count, bytes[position] == 32 || bytes[position] == 9 { position += 1 }
            guard Self.isCRLF(bytes, at: position) else { throw malformed }
            position += 2
            parts += 1
            guard parts <= Self.maxParts else { throw DeskError.invalidField("body", reason: .tooMany) }
            let headers: [String: String]
            let contentStart: Int
            if Self.isCRLF(bytes, at: position) {
                (headers, contentStart) = ([:], position + 2)  // a part with no headers at all
            } else {
                guard let headerEnd = Self.find([13, 10, 13, 10], in: bytes, from: position, within: Self.maxHeaderBytes) else { throw malformed }
                (headers, contentStart) = (Self.headers(String(decoding: bytes[position..<headerEnd], as: UTF8.self)), headerEnd + 4)
            }
            guard let contentEnd = Self.find(separator, in: bytes, from: contentStart) else { throw malformed }
            position = contentEnd + 2
            guard let disposition = headers["content-disposition"], let name = Self.parameter("name", in: disposition) else { continue }
            let content = Array(bytes[contentStart..<contentEnd])
            if let filename = Self.filename(in: disposition) {
                guard !(filename.isEmpty && content.isEmpty) else { continue }
                files.append(File(field: name, filename: filename, declaredType: headers["content-type"], bytes: content))
            } else {
                fields[name] = String(decoding: content, as: UTF8.self)
            }
        }
        var form = FormData("")
        form.fields = fields
        self.fields = form
        self.files = files
    }

    subscript(_ name: String) -> String? { fields[name] }

    // MARK: Parsing helpers

    private static func isCRLF(_ bytes: [UInt8], at index: Int) -> Bool {
        index >= 0 && index + 1 < bytes.count && bytes[index] == 13 && bytes[index + 1] == 10
    }

    /// The first index of `needle` in `bytes` at or after `start` (and, with `within`, starting no later than that many
    /// bytes after it).
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int, within: Int? = nil) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var last = bytes.count - needle.count
        if let within { last = min(last, start + within) }
        guard start <= last else { return nil }
        return bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { pattern in
                var index = start
                while index <= last {
                    if haystack[index] == first {
                        var matched = 1
                        while matched < pattern.count, haystack[index + matched] == pattern[matched] { matched += 1 }
                        if matched == pattern.count { return index }
                    }
                    index += 1
                }
                return nil
            }
        }
    }

    /// A part's header lines, names lowercased.
    private static func headers(_ text: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }

    /// A parameter of a `Content-Disposition` value, quoted or not, with `%22` (how browsers send a quote) unescaped.
    static func parameter(_ name: String, in disposition: String) -> String? {
        var rest = Substring(disposition)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
            guard let equals = rest.firstIndex(of: "=") else { return nil }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = rest[rest.index(after: equals)...]
            var parsed = ""
            if value.first == "\"" {
                // Browsers never escape with backslashes (a Windows path keeps them); they send a quote as %22.
                value = value.dropFirst()
                let end = value.firstIndex(of: "\"") ?? value.endIndex
                parsed = String(value[..<end]).replacingOccurrences(of: "%22", with: "\"")
                rest = end < value.endIndex ? value[value.index(after: end)...] : value[value.endIndex...]
            } else {
                let end = value.firstIndex(of: ";") ?? value.endIndex
                parsed = value[..<end].trimmingCharacters(in: .whitespaces)
                rest = value[end...]
            }
            if key == name.lowercased() { return parsed }
        }
        return nil
    }

    /// The file name of a part, or nil for a text field: RFC 5987's `filename*=UTF-8''…` first, then `filename`, with any
    /// path a browser left in it (old Internet Explorer sent `C:\Users\…`) removed.
    static func filename(in disposition: String) -> String? {
        var name: String?
        if let extended = parameter("filename*", in: disposition), let quote = extended.range(of: "''") {
            name = String(extended[quote.upperBound...]).removingPercentEncoding
        }
        if name == nil { name = parameter("filename", in: disposition) }
        guard let name else { return nil }
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return base
    }
}
