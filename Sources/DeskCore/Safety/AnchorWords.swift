/// A quick "could this text match?" test run before a list of regular expressions: words (anchors) of which every
/// match contains at least one. When the text holds none of them the expressions are not run.
///
/// On Linux each regular-expression pass converts the text for ICU, and Foundation's `contains` folds every character
/// cluster; together they cost more than any other step of creating a ticket. This matcher walks the text's scalars
/// once, looking up the anchors that start with each scalar.
///
/// Anchors are matched against the text as ``ScamDetector`` prepares it (compatibility-normalised, lower case). Short
/// Latin words such as "me" or "wa" occur inside ordinary words ("message", "wallet"), so each anchor says where it may
/// stand, and that must agree with where the patterns put it: ``Place`` errs towards "may match".
struct AnchorWords: Sendable {
    enum Place: Sendable {
        /// Anywhere in the text.
        case anywhere
        /// At the start of a word: the scalar before is not an ASCII letter or digit (the patterns put `\b` or `\s`
        /// before it).
        case wordStart
        /// A short word of its own: at a word start, and not followed by an ASCII letter ("me" in "dm me", not in
        /// "message"; "wa" in "wa.me/1" or "WA: +44", not in "wallet").
        case shortWord
        /// Anywhere, with any white space between its characters ("加 我" for "加我"), as `\s*` in the patterns allows.
        case spacedOut
    }

    struct Anchor: Sendable {
        let scalars: [Unicode.Scalar]
        let place: Place
    }

    let anchors: [Anchor]
    private let byFirstScalar: [Unicode.Scalar: [Anchor]]

    init(_ groups: [Place: [String]]) {
        var anchors: [Anchor] = []
        for (place, words) in groups.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            anchors += words.map { Anchor(scalars: Array($0.unicodeScalars), place: place) }
        }
        self.anchors = anchors
        byFirstScalar = Dictionary(grouping: anchors, by: { $0.scalars[0] })
    }

    /// The words as written, for tests.
    var words: [String] { anchors.map { String(String.UnicodeScalarView($0.scalars)) } }

    /// True when `text` (already normalised and lower-cased, as scalars) holds one of the anchors where it may stand.
    func occur(in text: [Unicode.Scalar]) -> Bool {
        for start in text.indices {
            guard let candidates = byFirstScalar[text[start]] else { continue }
            for anchor in candidates where Self.matches(anchor, in: text, at: start) { return true }
        }
        return false
    }

    private static func matches(_ anchor: Anchor, in text: [Unicode.Scalar], at start: Int) -> Bool {
        if anchor.place == .wordStart || anchor.place == .shortWord, start > 0, isASCIIAlphanumeric(text[start - 1]) { return false }
        var position = start
        for (offset, scalar) in anchor.scalars.enumerated() {
            if anchor.place == .spacedOut, offset > 0 {
                while position < text.count, text[position].properties.isWhitespace { position += 1 }
            }
            guard position < text.count, text[position] == scalar else { return false }
            position += 1
        }
        if anchor.place == .shortWord, position < text.count, isASCIILetter(text[position]) { return false }
        return true
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x61...0x7A).contains(scalar.value) || (0x41...0x5A).contains(scalar.value)
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        isASCIILetter(scalar) || (0x30...0x39).contains(scalar.value)
    }
}
