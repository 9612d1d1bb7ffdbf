import Foundation

/// An in-memory index of published articles that answers "which articles match what the customer is typing" in well
/// under a millisecond, without a database round trip. Every node builds its own from the store and rebuilds it when
/// the knowledge base's version changes.
///
/// Scoring is BM25 over the segmenter's tokens with the title counted ``titleWeight`` times (the same idea as the
/// stores' weighted ranking). Unknown English words are corrected against the index's own vocabulary (edit distance
/// 1, or 2 for long words), and the word being typed is completed by prefix.
public struct SuggestionIndex: Sendable {
    /// One article in one language.
    public struct Document: Sendable {
        public var key: String
        public var category: String
        public var language: String
        public var title: String
        public var titleTokens: [String]
        public var bodyTokens: [String]

        public init(key: String, category: String, language: String, title: String, titleTokens: [String], bodyTokens: [String]) {
            self.key = key
            self.category = category
            self.language = language
            self.title = title
            self.titleTokens = titleTokens
            self.bodyTokens = bodyTokens
        }
    }

    public struct Hit: Sendable, Equatable {
        public var document: Int
        public var score: Double
    }

    struct Posting: Sendable {
        var document: Int32
        var weightedFrequency: Float
    }

    public static let titleWeight: Float = 5
    static let k1: Float = 1.2
    static let b: Float = 0.75

    public let documents: [Document]
    /// A version stamp of what the index was built from (the knowledge base's change counter).
    public let version: Int64
    private let postings: [String: [Posting]]
    private let lengths: [Float]
    private let averageLength: Float
    /// Latin-script vocabulary by length, for typo correction; sorted, for prefix completion.
    private let wordsByLength: [Int: [String]]
    private let sortedWords: [String]

    public init(documents: [Document], version: Int64 = 0) {
        self.documents = documents
        self.version = version
        var postings: [String: [Posting]] = [:]
        var lengths: [Float] = []
        lengths.reserveCapacity(documents.count)
        for (index, document) in documents.enumerated() {
            var frequencies: [String: Float] = [:]
            for token in document.titleTokens { frequencies[token, default: 0] += Self.titleWeight }
            for token in document.bodyTokens { frequencies[token, default: 0] += 1 }
            for (token, frequency) in frequencies {
                postings[token, default: []].append(Posting(document: Int32(index), weightedFrequency: frequency))
            }
            lengths.append(Float(document.titleTokens.count) * Self.titleWeight + Float(document.bodyTokens.count))
        }
        self.postings = postings
        self.lengths = lengths
        self.averageLength = lengths.isEmpty ? 1 : max(1, lengths.reduce(0, +) / Float(lengths.count))
        var byLength: [Int: [String]] = [:]
        var words: [String] = []
        for token in postings.keys where token.utf8.first.map({ $0 >= 0x61 && $0 <= 0x7A }) ?? false && token.utf8.count >= 3 {
            byLength[token.utf8.count, default: []].append(token)
            words.append(token)
        }
        self.wordsByLength = byLength
        self.sortedWords = words.sorted()
    }

    /// Whether `token` occurs in any document.
    public func contains(_ token: String) -> Bool { postings[token] != nil }

    /// The best documents for `expression`, best first; `include` filters documents (language, category).
    public func search(_ expression: SearchExpression, limit: Int, include: (Document) -> Bool = { _ in true }) -> [Hit] {
        guard !documents.isEmpty, limit > 0 else { return [] }
        // One dense score array: adding a posting is an indexed add, far cheaper than hashing, and a query touches only
        // the postings of its own terms.
        var scores = [Float](repeating: 0, count: documents.count)
        accumulate(expression, into: &scores)
        // Keep the best `limit` in a small sorted array instead of sorting every match.
        var best: [Hit] = []
        best.reserveCapacity(limit + 1)
        for index in scores.indices where scores[index] > 0 {
            let score = Double(scores[index])
            if best.count == limit, let last = best.last, last.score >= score { continue }
            guard include(documents[index]) else { continue }
            let hit = Hit(document: index, score: score)
            let position = best.firstIndex { $0.score < score } ?? best.count
            best.insert(hit, at: position)
            if best.count > limit { best.removeLast() }
        }
        return best
    }

    /// Adds the expression's score of every matching document to `scores` (zero stays "no match").
    private func accumulate(_ expression: SearchExpression, into scores: inout [Float]) {
        switch expression {
        case .token(let token):
            guard let list = postings[token] else { return }
            let n = Float(documents.count)
            let idf = log(1 + (n - Float(list.count) + 0.5) / (Float(list.count) + 0.5))
            for posting in list {
                let index = Int(posting.document)
                let tf = posting.weightedFrequency
                let norm = Self.k1 * (1 - Self.b + Self.b * lengths[index] / averageLength)
                scores[index] += idf * tf * (Self.k1 + 1) / (tf + norm)
            }
        case .any(let parts):
            for part in parts { accumulate(part, into: &scores) }
        case .all(let parts):
            guard !parts.isEmpty else { return }
            let partials: [[Float]] = parts.map { part in
                var partial = [Float](repeating: 0, count: documents.count)
                accumulate(part, into: &partial)
                return partial
            }
            for index in scores.indices {
                var sum: Float = 0
                var matchesAll = true
                for partial in partials {
                    let value = partial[index]
                    if value <= 0 {
                        matchesAll = false
                        break
                    }
                    sum += value
                }
                if matchesAll { scores[index] += sum }
            }
        }
    }

    /// The expression with unknown English words widened to their likely intended words, and — when `completeLast` —
    /// the last word also widened to the words it begins (the customer is still typing it).
    public func corrected(_ expression: SearchExpression, completeLast: Bool = false) -> SearchExpression {
        let last = completeLast ? expression.tokens.last : nil
        func visit(_ node: SearchExpression) -> SearchExpression {
            switch node {
            case .token(let token):
                var alternatives: [SearchExpression] = []
                let isWord = token.utf8.first.map { $0 >= 0x61 && $0 <= 0x7A } ?? false
                if isWord, postings[token] == nil {
                    alternatives += corrections(of: token).map(SearchExpression.token)
                }
                if isWord, token == last {
                    alternatives += completions(of: token).map(SearchExpression.token)
                }
                return alternatives.isEmpty ? node : SearchExpression.any([node] + alternatives).simplified
            case .all(let parts): return .all(parts.map(visit))
            case .any(let parts): return .any(parts.map(visit))
            }
        }
        return visit(expression)
    }

    /// Known words within edit distance 1 (2 for words of eight letters or more), at most five.
    func corrections(of word: String) -> [String] {
        let length = word.utf8.count
        guard length >= 4 else { return [] }
        let allowed = length >= 8 ? 2 : 1
        let target = Array(word.utf8)
        var found: [(String, Int)] = []
        let targetHistogram = Self.histogram(target)
        for candidateLength in (length - allowed)...(length + allowed) {
            for candidate in wordsByLength[candidateLength] ?? [] {
                // Each edit changes at most two letter counts: a cheap bound that skips most words.
                let bytes = Array(candidate.utf8)
                if Self.histogramDistance(targetHistogram, Self.histogram(bytes)) > 2 * allowed { continue }
                let distance = Self.editDistance(target, bytes, limit: allowed)
                if distance <= allowed { found.append((candidate, distance)) }
            }
        }
        found.sort { $0.1 != $1.1 ? $0.1 < $1.1 : (postings[$0.0]?.count ?? 0) > (postings[$1.0]?.count ?? 0) }
        return found.prefix(5).map(\.0)
    }

    /// Known words that start with `prefix`, the most common first, at most six.
    func completions(of prefix: String) -> [String] {
        guard prefix.utf8.count >= 2 else { return [] }
        var low = 0
        var high = sortedWords.count
        while low < high {
            let middle = (low + high) / 2
            if sortedWords[middle] < prefix { low = middle + 1 } else { high = middle }
        }
        var found: [String] = []
        var index = low
        while index < sortedWords.count, sortedWords[index].hasPrefix(prefix), found.count < 50 {
            if sortedWords[index] != prefix { found.append(sortedWords[index]) }
            index += 1
        }
        found.sort { (postings[$0]?.count ?? 0) > (postings[$1]?.count ?? 0) }
        return Array(found.prefix(6))
    }

    static func histogram(_ bytes: [UInt8]) -> SIMD32<UInt8> {
        var counts = SIMD32<UInt8>()
        for byte in bytes { counts[Int(byte & 31)] &+= 1 }
        return counts
    }

    static func histogramDistance(_ a: SIMD32<UInt8>, _ b: SIMD32<UInt8>) -> Int {
        var total = 0
        for index in 0..<32 { total += abs(Int(a[index]) - Int(b[index])) }
        return total
    }

    /// Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps), stopping early past `limit`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(1, a.count) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(1, b.count) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previousPrevious[j - 2] + 1) }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return a.isEmpty ? b.count : (b.isEmpty ? a.count : previous[b.count])
    }
}
