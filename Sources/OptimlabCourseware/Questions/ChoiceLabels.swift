/// Choices are shown as a), b), c) …
public enum ChoiceLabels {
    public static func letter(_ i: Int) -> String {
        String(UnicodeScalar(UInt8(97 + min(max(i, 0), 25))))
    }

    /// "b", "B", "b)", "(b)" or "2" (1-based) → 1.
    public static func index(of input: String, count: Int) -> Int? {
        let s = input.trimmingCharacters(in: " ()).".contains).lowercased()
        // Not `(1...count).contains(n)`: a question with no choices (reported by the checker, but still
        // loaded) would trap forming the range 1...0.
        if let n = Int(s) { return n >= 1 && n <= count ? n - 1 : nil }
        guard s.count == 1, let c = s.unicodeScalars.first, c.value >= 97 else { return nil }
        let i = Int(c.value) - 97
        return i < count ? i : nil
    }
}
