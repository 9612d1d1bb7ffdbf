/// Decides what a file really is from its first bytes, so a client cannot label an HTML page as a PNG.
public enum ContentSniffer {
    /// The content type of `bytes`; `application/octet-stream` when unknown.
    public static func contentType(of bytes: some Collection<UInt8>) -> String {
        let head = Array(bytes.prefix(64))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "application/zip" }
        if starts(Array("ftyp".utf8), at: 4) {
            if starts(Array("heic".utf8), at: 8) || starts(Array("heix".utf8), at: 8) || starts(Array("mif1".utf8), at: 8) {
                return "image/heic"
            }
            return "video/mp4"
        }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return "video/webm" }
        if isText(bytes) {
            // Markup is stored as plain text: it is never served inline, so it cannot run in our origin.
            return "text/plain; charset=utf-8"
        }
        return "application/octet-stream"
    }

    /// UTF-8 without NUL bytes in the first 8 KB.
    static func isText(_ bytes: some Collection<UInt8>) -> Bool {
        let sample = Array(bytes.prefix(8192))
        if sample.isEmpty || sample.contains(0) { return false }
        var decoder = UTF8()
        var iterator = sample.makeIterator()
        var decoded = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: decoded += 1
            case .emptyInput: return decoded > 0
            case .error:
                // A multi-byte character cut at the sample edge is fine.
                return sample.count == 8192 && decoded > 0
            }
        }
    }

    /// Types a browser may show inline; everything else is served as a download.
    public static func isSafeInline(_ contentType: String) -> Bool {
        ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"].contains(contentType)
    }
}
