/// How a free-text answer is graded: the ideas it must state, each with the phrasings that count
/// (stems, so "noise" also matches "noisy" and "noisier"), and statements that contradict the point
/// and fail the answer even when every idea is there ("it grows", where the point is that it never
/// does — unless negated: "never grows" is not a contradiction).
public struct Rubric: Sendable, Equatable {
    public struct Idea: Sendable, Equatable {
        /// What the idea is, as a missing-idea message names it ("that squared gradients are never negative").
        public var name: String
        public var phrasings: [String]
        public init(name: String, phrasings: [String]) { self.name = name; self.phrasings = phrasings }
    }

    public struct Contradiction: Sendable, Equatable {
        public var phrasings: [String]
        /// Why it is wrong, shown when an answer says it.
        public var explanation: String
        public init(phrasings: [String], explanation: String) { self.phrasings = phrasings; self.explanation = explanation }
    }

    public var ideas: [Idea]
    public var contradictions: [Contradiction]

    public init(ideas: [Idea], contradictions: [Contradiction] = []) {
        self.ideas = ideas; self.contradictions = contradictions
    }

    /// What grading found in one answer.
    public struct Grade: Sendable, Equatable {
        public var missing: [Idea]
        /// The first contradicting statement found: the phrase as matched and the contradiction.
        public var contradiction: (phrase: String, Contradiction)?
        /// The answer is mostly rubric words strung together, not an explanation.
        public var stuffed: Bool

        public static func == (a: Grade, b: Grade) -> Bool {
            a.missing == b.missing && a.stuffed == b.stuffed && a.contradiction?.phrase == b.contradiction?.phrase
                && a.contradiction?.1 == b.contradiction?.1
        }
    }

    /// Words that negate the statement right after them.
    static let negators: Set<String> = ["not", "never", "no", "cannot", "can't", "cant", "doesn't", "don't", "isn't",
                                        "won't", "nor", "neither", "without", "nothing"]

    /// An answer whose words are more than this share rubric phrasings reads as keyword stuffing.
    static let stuffingShare = 0.5
    /// Fewer words than this do not make an explanation.
    static let fewestWords = 4

    public func grade(_ answer: String) -> Grade {
        let text = StemmedText(answer)
        let missing = ideas.filter { idea in !idea.phrasings.contains { text.find($0) != nil } }
        var contradiction: (String, Contradiction)?
        search: for c in contradictions {
            for phrase in c.phrasings {
                for start in text.occurrences(phrase) where !text.isNegated(at: start, negators: Self.negators) {
                    contradiction = (phrase, c)
                    break search
                }
            }
        }
        let phrasings = ideas.flatMap(\.phrasings) + contradictions.flatMap(\.phrasings)
        let covered = text.wordsCovered(by: phrasings)
        let stuffed = text.words.count < Self.fewestWords || Double(covered) / Double(text.words.count) > Self.stuffingShare
        return Grade(missing: missing, contradiction: contradiction, stuffed: stuffed)
    }
}

/// An answer split into words, each reduced to a crude stem, for rubric matching.
struct StemmedText {
    /// The words, lowercased.
    let words: [String]
    let stems: [String]
    /// The text lowercased without whitespace, for phrasings with symbols (`g²`, `≥ 0`, `1 − βᵗ`).
    let compact: String

    init(_ text: String) {
        let lower = text.lowercased()
        compact = String(lower.filter { !$0.isWhitespace })
        var words: [String] = [], current = ""
        for c in lower {
            if c.isLetter || c.isNumber || c == "'" || c == "’" { current.append(c == "’" ? "'" : c) } else if !current.isEmpty {
                words.append(current); current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        self.words = words
        stems = words.map(Self.stem)
    }

    /// Common English endings, longest first.
    static let suffixes = ["ations", "ation", "ingly", "ings", "ing", "iest", "ier", "ies", "ied", "edly", "ed", "ers",
                           "er", "est", "ly", "es", "s", "y", "e"]

    /// `noisier`, `noisy`, `noise` → `nois`; `decoupled`, `decouples` → `decoupl`.
    static func stem(_ word: String) -> String {
        for suffix in suffixes where word.hasSuffix(suffix) && word.count - suffix.count >= 3 {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    /// Whether a phrasing is made of words only (matched word by word) rather than symbols.
    static func isWordy(_ phrasing: String) -> Bool {
        phrasing.allSatisfy { $0.isLetter || $0 == " " || $0 == "-" || $0 == "'" }
    }

    /// The word indices where `phrasing` starts (symbol phrasings: one match at index 0 if present).
    func occurrences(_ phrasing: String) -> [Int] {
        let lower = phrasing.lowercased()
        guard Self.isWordy(lower) else {
            return compact.contains(String(lower.filter { !$0.isWhitespace })) ? [0] : []
        }
        let parts = lower.split(whereSeparator: { $0 == " " || $0 == "-" }).map { Self.stem(String($0)) }
        guard !parts.isEmpty, parts.count <= stems.count else { return [] }
        // A word of one or two letters must match exactly ("no" is not "noise"), and a negating word
        // is never the longer form of another ("can" is not "cannot").
        return (0...(stems.count - parts.count)).filter { start in
            parts.indices.allSatisfy { k in
                let stem = stems[start + k], part = parts[k]
                if part.count <= 2 || Rubric.negators.contains(words[start + k]) { return stem == part }
                return stem.hasPrefix(part)
            }
        }
    }

    func find(_ phrasing: String) -> Int? { occurrences(phrasing).first }

    /// Whether one of the three words before `index` negates it.
    func isNegated(at index: Int, negators: Set<String>) -> Bool {
        words[max(0, index - 3)..<index].contains { negators.contains($0) || $0.hasSuffix("n't") }
    }

    /// How many words the phrasings match (a symbol phrasing such as `√v̂` counts its own words).
    func wordsCovered(by phrasings: [String]) -> Int {
        var covered = Set<Int>(), symbols = 0
        for p in phrasings {
            guard Self.isWordy(p.lowercased()) else {
                if !occurrences(p).isEmpty { symbols += max(StemmedText(p).words.count, 1) }
                continue
            }
            let n = p.split(whereSeparator: { $0 == " " || $0 == "-" }).count
            for start in occurrences(p) { covered.formUnion(start..<(start + n)) }
        }
        return min(covered.count + symbols, words.count)
    }
}
