/// A search query after segmentation and synonym expansion, independent of the engine that runs it.
///
/// The store renders it as an FTS5 `MATCH` expression or a PostgreSQL `tsquery`; the in-memory suggestion index
/// evaluates it directly. Tokens contain only letters, digits and CJK characters, so rendering needs no escaping
/// beyond the quotes each engine puts around a token.
public indirect enum SearchExpression: Hashable, Sendable {
    case token(String)
    case all([SearchExpression])
    case any([SearchExpression])

    /// Every token in the expression.
    public var tokens: [String] {
        switch self {
        case .token(let token): [token]
        case .all(let parts), .any(let parts): parts.flatMap(\.tokens)
        }
    }

    /// The same expression with one-element groups unwrapped and duplicates removed.
    public var simplified: SearchExpression {
        switch self {
        case .token: return self
        case .all(let parts), .any(let parts):
            var seen = Set<SearchExpression>()
            var unique: [SearchExpression] = []
            for part in parts.map(\.simplified) where seen.insert(part).inserted { unique.append(part) }
            if unique.count == 1 { return unique[0] }
            if case .all = self { return .all(unique) }
            return .any(unique)
        }
    }

    /// The expression as an SQLite FTS5 query: `"提现" AND ("2fa" OR "双重")`.
    public var fts5: String {
        switch self {
        case .token(let token): return "\"\(token)\""
        case .all(let parts): return parts.isEmpty ? "" : "(" + parts.map(\.fts5).joined(separator: " AND ") + ")"
        case .any(let parts): return parts.isEmpty ? "" : "(" + parts.map(\.fts5).joined(separator: " OR ") + ")"
        }
    }

    /// The expression as PostgreSQL `tsquery` input (cast with `::tsquery`, so no dictionary touches the tokens).
    public var tsquery: String {
        switch self {
        case .token(let token): return "'\(token)'"
        case .all(let parts): return parts.isEmpty ? "" : "(" + parts.map(\.tsquery).joined(separator: " & ") + ")"
        case .any(let parts): return parts.isEmpty ? "" : "(" + parts.map(\.tsquery).joined(separator: " | ") + ")"
        }
    }
}

/// How a query's words combine.
public enum SearchMode: Sendable {
    /// Every word must match; a CJK run must match all its pairs. For agents' ticket search, where precision matters.
    case allTerms
    /// Any word may match and ranking sorts it out; CJK runs give one term per pair, common filler words are dropped.
    /// For the help center and suggestions, where customers type whole sentences.
    case anyTerms
}

extension TextSegmenter {
    /// Parses a query typed by a person into an expression, expanding synonyms.
    public func query(_ text: String, mode: SearchMode, synonyms: SynonymTable = .empty) -> SearchExpression? {
        let atoms = self.atoms(text)
        var terms: [SearchExpression] = []
        var run: [Atom] = []
        func flushRun() {
            guard !run.isEmpty else { return }
            terms += Self.terms(ofRun: run, mode: mode)
            run = []
        }
        var index = 0
        while index < atoms.count {
            if let (length, group) = synonyms.longestMatch(in: atoms, at: index) {
                flushRun()
                terms.append(.any(synonyms.expressions(ofGroup: group)))
                index += length
                continue
            }
            let atom = atoms[index]
            if atom.isCJK {
                if !atom.joinsPrevious || (run.last.map { !$0.isCJK } ?? false) { flushRun() }
                run.append(atom)
            } else {
                flushRun()
                run.append(atom)
                flushRun()
            }
            index += 1
        }
        flushRun()
        if mode == .anyTerms {
            let kept = terms.filter { !Self.isFiller($0) }
            if !kept.isEmpty { terms = kept }
        }
        guard !terms.isEmpty else { return nil }
        return (mode == .allTerms ? SearchExpression.all(terms) : .any(terms)).simplified
    }

    /// The terms of one word, or of one run of CJK characters.
    static func terms(ofRun run: [Atom], mode: SearchMode) -> [SearchExpression] {
        guard run.count > 1 else { return run.map { .token($0.text) } }
        let pairs = zip(run, run.dropFirst()).map { SearchExpression.token($0.text + $1.text) }
        return mode == .allTerms ? [.all(pairs)] : pairs
    }

    /// Words a customer types around the real question ("how do I", "我的…怎么办") that would only add noise.
    static func isFiller(_ term: SearchExpression) -> Bool {
        guard case .token(let token) = term else { return false }
        if fillerWords.contains(token) { return true }
        // A CJK pair with a particle or pronoun in it (的提, 了怎, 我的) rarely carries meaning.
        let scalars = token.unicodeScalars
        guard scalars.count <= 2, scalars.allSatisfy(isCJK) else { return false }
        return scalars.contains { fillerCharacters.contains($0) }
    }

    static let fillerCharacters: Set<Unicode.Scalar> = Set("的了吗呢吧啊呀么我你您他她它们请帮怎是在有和就都也还要会".unicodeScalars)

    static let fillerWords: Set<String> = [
        "a", "an", "the", "to", "of", "in", "on", "at", "for", "and", "or", "is", "are", "was", "be", "been", "it", "its", "i", "me",
        "my", "you", "your", "we", "our", "do", "does", "did", "can", "could", "how", "what", "why", "when", "where", "which",
        "should", "would", "please", "help", "with", "from", "this", "that", "there", "get", "got", "has", "have", "had", "so",
        "if", "about", "any", "im", "cant", "dont", "still", "after", "some", "up", "who", "will", "just", "but", "as", "by",
        "什么", "如何", "为什", "一下", "可以", "这个", "那个", "现在", "已经", "为何", "怎样", "请问",
    ]
}
