import DeskCore
import Foundation
import Ink

/// Turns an editor's Markdown into the three forms an article translation keeps: the Markdown, sanitised HTML, text.
///
/// Ink renders the Markdown; its HTML then goes through ``HTMLSanitizer`` like any untrusted HTML, so an editor (or a
/// stolen editor token) cannot put script or foreign resources on the public help center.
enum ArticleRendering {
    static func translation(language: Language, title: String, markdown: String, now: Date) -> ArticleTranslation {
        let html = HTMLSanitizer.sanitise(MarkdownParser().html(from: markdown))
        return ArticleTranslation(
            language: language, title: title, markdown: markdown, html: html, text: HTMLSanitizer.plainText(fromSanitised: html), updatedAt: now
        )
    }

    /// Splits a Markdown file whose first line is `# Title` into the title and the rest.
    static func titleAndBody(_ markdown: String) -> (title: String, body: String)? {
        let lines = markdown.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix("# ") else { return nil }
        let title = String(first.dropFirst(2).trimmingWhitespace())
        return title.isEmpty ? nil : (title, lines.count > 1 ? String(lines[1]) : "")
    }
}
