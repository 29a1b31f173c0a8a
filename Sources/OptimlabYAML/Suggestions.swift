/// "Did you mean …?" for misspelt function, argument, column, lesson and command names.
public enum Suggestions {
    /// The closest of `candidates` to `word` by edit distance, if it is close enough to be a likely
    /// typo: one edit for words of up to 3 characters, else up to a third of the word (at least 2).
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        var best: (name: String, distance: Int)?
        for c in candidates {
            let d = editDistance(word, c)
            if d <= (word.count <= 3 ? 1 : max(2, word.count / 3)), d < (best?.distance ?? .max) { best = (c, d) }
        }
        return best?.name
    }

    /// Levenshtein distance between two strings, by characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
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
}
