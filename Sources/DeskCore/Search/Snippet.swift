/// Cuts a short piece of text around the words a search matched and marks them, the same way on both engines.
///
/// Matching uses the segmenter's folding, so a query for 提现 marks 提現 in traditional text and `Withdrawal` for
/// `withdrawal`. The result is escaped HTML with `<mark>` around matches, safe to put in a page as is.
public enum Snippet {
    /// The best window of about `length` characters of `text` for `tokens`, as escaped HTML with `<mark>`s.
    public static func html(_ text: String, tokens: Set<String>, length: Int = 160) -> String {
        let characters = Array(text.replacingOccurrences(of: "\n", with: " "))
        guard !characters.isEmpty else { return "" }
        let marked = marks(characters, tokens: tokens)
        // The window that covers the most marked characters, starting at a marked one, with a little context before it.
        var prefix = [0]
        prefix.reserveCapacity(marked.count + 1)
        for flag in marked { prefix.append(prefix[prefix.count - 1] + (flag ? 1 : 0)) }
        var bestStart = 0
        var bestCount = 0
        for start in marked.indices where marked[start] {
            let count = prefix[min(marked.count, start + length)] - prefix[start]
            if count > bestCount {
                bestCount = count
                bestStart = start
            }
        }
        if bestCount > 0 { bestStart = max(0, bestStart - 20) }
        let end = min(characters.count, bestStart + length)
        var output = bestStart > 0 ? "…" : ""
        var inMark = false
        for index in bestStart..<end {
            if marked[index] != inMark {
                output += marked[index] ? "<mark>" : "</mark>"
                inMark = marked[index]
            }
            output += HTMLSanitizer.escape(String(characters[index]))
        }
        if inMark { output += "</mark>" }
        if end < characters.count { output += "…" }
        return output
    }

    /// For each character, whether it belongs to a matched word or CJK pair.
    static func marks(_ characters: [Character], tokens: Set<String>) -> [Bool] {
        var marked = [Bool](repeating: false, count: characters.count)
        let segmenter = TextSegmenter()
        var index = 0
        while index < characters.count {
            let atoms = segmenter.atoms(String(characters[index]))
            guard let atom = atoms.first else {
                index += 1
                continue
            }
            if atom.isCJK {
                if index + 1 < characters.count, let next = segmenter.atoms(String(characters[index + 1])).first, next.isCJK,
                    tokens.contains(atom.text + next.text)
                {
                    marked[index] = true
                    marked[index + 1] = true
                } else if tokens.contains(atom.text) {
                    marked[index] = true
                }
                index += 1
            } else {
                // A word: extend while characters are word characters.
                var end = index + 1
                while end < characters.count, let next = segmenter.atoms(String(characters[end])).first, !next.isCJK, atoms.count == 1 {
                    end += 1
                }
                let word = segmenter.atoms(String(characters[index..<end])).first?.text ?? ""
                if tokens.contains(word) { for position in index..<end { marked[position] = true } }
                index = end
            }
        }
        return marked
    }
}
