import OptimlabEngine

/// The outcome of one answer.
public struct Verdict: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case correct
        case wrong
        /// About right but not in the form asked (too few figures, the sign of a size); costs no attempt.
        case close
        /// Not an answer at all (unreadable number, unknown choice); costs no attempt.
        case unreadable
    }
    public var outcome: Outcome
    public var message: String
    /// The known mistake a wrong numeric answer matches.
    public var mistake: KnownMistake?
    /// The id of the declared slip a wrong numeric answer matches.
    public var slip: String?

    public init(outcome: Outcome, message: String, mistake: KnownMistake? = nil, slip: String? = nil) {
        self.outcome = outcome; self.message = message; self.mistake = mistake; self.slip = slip
    }

    /// Whether the answer uses up one of the question's tries.
    public var costsATry: Bool { outcome == .correct || outcome == .wrong }
}

/// Joins sentences without doubling their full stops ("… a list." + "." is not "…..").
enum Sentence {
    static func ending(_ text: String) -> String {
        let t = text.trimmingCharacters(in: { $0.isWhitespace })
        guard let last = t.last else { return t }
        return ".!?…".contains(last) ? t : t + "."
    }

    /// "Right. Momentum fixes…" → "Momentum fixes…": a choice explanation after "Correct." need not say it again.
    static func droppingRight(_ text: String) -> String {
        for lead in ["Right.", "Right:", "Right!", "Right,", "Correct.", "Correct:", "Yes."] where text.hasPrefix(lead) {
            return String(text.dropFirst(lead.count)).trimmingCharacters(in: { $0.isWhitespace })
        }
        if text == "Right" { return "" }
        return text
    }
}
