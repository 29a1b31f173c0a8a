/// A problem with an expression, located at a column of its text (1-based).
///
/// The description reads like "unknown function 'adm_update' at column 1; did you mean adam_update?",
/// so the REPL can print it as is and the lesson checker can prefix `file:line:`.
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int?
    public var suggestion: String?

    public init(_ message: String, column: Int? = nil, suggestion: String? = nil) {
        self.message = message; self.column = column; self.suggestion = suggestion
    }

    public var description: String {
        var s = message
        if let column { s += " at column \(column)" }
        if let suggestion { s += "; did you mean \(suggestion)?" }
        return s
    }
}

/// The closest of `candidates` to `word` by edit distance, if it is close enough to be a likely typo.
func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    var best: (name: String, distance: Int)?
    for c in candidates {
        let d = editDistance(word, c)
        if d <= (word.count <= 3 ? 1 : max(2, word.count / 3)), d < (best?.distance ?? .max) { best = (c, d) }
    }
    return best?.name
}

/// Levenshtein distance between two strings, by characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
