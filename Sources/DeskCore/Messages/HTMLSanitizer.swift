import Foundation

/// Reduces untrusted HTML (from email, rich-text editors) to a small allow-list that is safe to show to agents.
///
/// Everything is rebuilt from tokens: allowed tags are re-emitted with only their allowed attributes, every text run is
/// escaped again, and the contents of `script`, `style` and similar elements are dropped with them. Output never
/// contains a raw `<` that this sanitiser did not write itself.
public enum HTMLSanitizer {
    static let allowedTags: Set<String> = [
        "p", "br", "b", "strong", "i", "em", "u", "s", "ul", "ol", "li", "a", "code", "pre", "blockquote", "h1", "h2", "h3",
        "h4", "table", "thead", "tbody", "tr", "th", "td", "hr", "span", "div",
    ]
    static let voidTags: Set<String> = ["br", "hr"]
    static let droppedWithContent: Set<String> = ["script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math", "head", "title"]
    static let blockTags: Set<String> = ["p", "div", "li", "tr", "h1", "h2", "h3", "h4", "blockquote", "pre", "table"]

    /// The sanitised form of `html`.
    public static func sanitise(_ html: String) -> String {
        var output = ""
        var openTags: [String] = []
        var skipUntil: String?
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let tag = parseTag(in: html, at: index) {
                index = tag.end
                if let skipping = skipUntil {
                    if tag.isClosing && tag.name == skipping { skipUntil = nil }
                    continue
                }
                if droppedWithContent.contains(tag.name) {
                    if !tag.isClosing && !tag.selfClosing { skipUntil = tag.name }
                    continue
                }
                guard allowedTags.contains(tag.name) else { continue }
                if tag.isClosing {
                    if let position = openTags.lastIndex(of: tag.name) {
                        for name in openTags[position...].reversed() { output += "</\(name)>" }
                        openTags.removeSubrange(position...)
                    }
                } else if voidTags.contains(tag.name) {
                    output += "<\(tag.name)>"
                } else {
                    output += "<\(tag.name)\(safeAttributes(tag))>"
                    openTags.append(tag.name)
                }
                continue
            }
            if skipUntil == nil {
                if character == "&", let entity = parseEntity(in: html, at: index) {
                    output += escape(entity.text)
                    index = entity.end
                    continue
                }
                output += escape(String(character))
            }
            index = html.index(after: index)
        }
        for name in openTags.reversed() { output += "</\(name)>" }
        return output
    }

    /// Escapes plain text and keeps its line breaks.
    public static func html(fromPlainText text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "<br>")
    }

    /// The readable text of already sanitised HTML (tags become line breaks or nothing, entities are decoded).
    public static func plainText(fromSanitised html: String) -> String {
        var output = ""
        var index = html.startIndex
        while index < html.endIndex {
            if html[index] == "<", let tag = parseTag(in: html, at: index) {
                if tag.name == "br" || (tag.isClosing && blockTags.contains(tag.name)) { output += "\n" }
                index = tag.end
            } else if html[index] == "&", let entity = parseEntity(in: html, at: index) {
                output += entity.text
                index = entity.end
            } else {
                output.append(html[index])
                index = html.index(after: index)
            }
        }
        return String(output.trimmingWhitespace())
    }

    /// Escapes the five characters that matter in HTML text and attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    struct Tag {
        var name: String
        var isClosing: Bool
        var selfClosing: Bool
        var attributes: [(String, String)]
        var end: String.Index
    }

    static func safeAttributes(_ tag: Tag) -> String {
        guard tag.name == "a" else { return "" }
        guard let href = tag.attributes.first(where: { $0.0 == "href" })?.1 else { return "" }
        let lowered = href.trimmingWhitespace().lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || lowered.hasPrefix("mailto:") else { return "" }
        return " href=\"\(escape(String(href.trimmingWhitespace())))\" rel=\"nofollow noopener noreferrer\" target=\"_blank\""
    }

    /// Parses `<name attr="v">`, `</name>` or `<!-- … -->` at `start`; nil when it is not a tag (then `<` is text).
    static func parseTag(in html: String, at start: String.Index) -> Tag? {
        var index = html.index(after: start)
        guard index < html.endIndex else { return nil }
        if html[index...].hasPrefix("!--") {
            let end = html[index...].range(of: "-->")?.upperBound ?? html.endIndex
            return Tag(name: "!comment", isClosing: false, selfClosing: true, attributes: [], end: end)
        }
        if html[index] == "!" || html[index] == "?" {
            let end = html[index...].firstIndex(of: ">").map { html.index(after: $0) } ?? html.endIndex
            return Tag(name: "!decl", isClosing: false, selfClosing: true, attributes: [], end: end)
        }
        var isClosing = false
        if html[index] == "/" {
            isClosing = true
            index = html.index(after: index)
        }
        let nameStart = index
        while index < html.endIndex, html[index].isLetter || html[index].isNumber {
            index = html.index(after: index)
        }
        guard index > nameStart, html[nameStart].isLetter, html[nameStart].isASCII else { return nil }
        let name = html[nameStart..<index].lowercased()
        var attributes: [(String, String)] = []
        var selfClosing = false
        while index < html.endIndex {
            let character = html[index]
            if character == ">" {
                return Tag(name: name, isClosing: isClosing, selfClosing: selfClosing, attributes: attributes, end: html.index(after: index))
            }
            if character == "/" {
                selfClosing = true
                index = html.index(after: index)
                continue
            }
            if character.isWhitespace {
                index = html.index(after: index)
                continue
            }
            let attributeStart = index
            while index < html.endIndex, !html[index].isWhitespace, html[index] != "=", html[index] != ">", html[index] != "/" {
                index = html.index(after: index)
            }
            let attributeName = html[attributeStart..<index].lowercased()
            var value = ""
            if index < html.endIndex, html[index] == "=" {
                index = html.index(after: index)
                if index < html.endIndex, html[index] == "\"" || html[index] == "'" {
                    let quote = html[index]
                    let valueStart = html.index(after: index)
                    let valueEnd = html[valueStart...].firstIndex(of: quote) ?? html.endIndex
                    value = decodeEntities(String(html[valueStart..<valueEnd]))
                    index = valueEnd < html.endIndex ? html.index(after: valueEnd) : valueEnd
                } else {
                    let valueStart = index
                    while index < html.endIndex, !html[index].isWhitespace, html[index] != ">" {
                        index = html.index(after: index)
                    }
                    value = decodeEntities(String(html[valueStart..<index]))
                }
            }
            if !attributeName.isEmpty { attributes.append((attributeName, value)) }
            selfClosing = false
        }
        // An unterminated tag swallows the rest, as browsers do.
        return Tag(name: name, isClosing: isClosing, selfClosing: selfClosing, attributes: attributes, end: html.endIndex)
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "copy": "©", "reg": "®", "hellip": "…",
        "mdash": "—", "ndash": "–", "yen": "¥", "euro": "€",
    ]

    static func parseEntity(in html: String, at start: String.Index) -> (text: String, end: String.Index)? {
        guard let semicolon = html[start...].prefix(12).firstIndex(of: ";") else { return nil }
        let body = html[html.index(after: start)..<semicolon]
        let end = html.index(after: semicolon)
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            guard let value = UInt32(body.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value), value != 0 else { return nil }
            return (String(Character(scalar)), end)
        }
        if body.hasPrefix("#") {
            guard let value = UInt32(body.dropFirst()), let scalar = Unicode.Scalar(value), value != 0 else { return nil }
            return (String(Character(scalar)), end)
        }
        guard let text = namedEntities[String(body)] else { return nil }
        return (text, end)
    }

    static func decodeEntities(_ text: String) -> String {
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "&", let entity = parseEntity(in: text, at: index) {
                output += entity.text
                index = entity.end
            } else {
                output.append(text[index])
                index = text.index(after: index)
            }
        }
        return output
    }
}
