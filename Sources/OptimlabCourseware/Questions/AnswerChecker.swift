import OptimlabEngine

/// Checks answers. Numeric answers: ``NumericChecker``; text answers: the question's ``Rubric``.
public enum AnswerChecker {
    /// Checks `input`; a wrong number the course's `mistakes` explain is answered with their words.
    public static func check(_ input: String, _ instance: QuestionInstance, mistakes: MistakeCatalogue = .builtIn) -> Verdict {
        let q = instance.question
        switch q.answer {
        case .expression(let e, _): return NumericChecker.check(input, e, instance, mistakes: mistakes)
        case .choice(let right): return checkChoice(input, right: right, q)
        case .select(let right): return checkSelection(input, right: right, q)
        case .order: return checkOrder(input, instance)
        case .rubric(let rubric, _): return checkText(input, rubric)
        }
    }

    static func unreadableChoice(_ q: Question, many: Bool) -> Verdict {
        let last = ChoiceLabels.letter(q.choices.count - 1)
        let message = many ? "answer with letters a–\(last), e.g. \"a c\"" : "answer with a letter a–\(last) (or a number 1–\(q.choices.count))"
        return Verdict(outcome: .unreadable, message: message)
    }

    static func explanation(_ q: Question, _ i: Int) -> String {
        q.explanations.indices.contains(i) ? q.explanations[i] : ""
    }

    static func checkChoice(_ input: String, right: Int, _ q: Question) -> Verdict {
        guard let i = ChoiceLabels.index(of: input, count: q.choices.count) else { return unreadableChoice(q, many: false) }
        let why = explanation(q, i)
        if i == right {
            let rest = Sentence.droppingRight(why)
            return Verdict(outcome: .correct, message: rest.isEmpty ? "Correct." : "Correct. " + rest)
        }
        return Verdict(outcome: .wrong, message: "Not \(ChoiceLabels.letter(i)).\(why.isEmpty ? "" : " " + why)")
    }

    /// "a c", "a, c", "ac" or "1 3" → [0, 2]; nil when anything is not a choice.
    static func letters(_ input: String, count: Int) -> [Int]? {
        let tokens = input.lowercased().split { !$0.isLetter && !$0.isNumber }
        var out: [Int] = []
        for token in tokens {
            if let n = Int(token) {
                guard n >= 1, n <= count else { return nil }
                out.append(n - 1)
                continue
            }
            for c in token {
                guard let i = ChoiceLabels.index(of: String(c), count: count) else { return nil }
                out.append(i)
            }
        }
        return out.isEmpty ? nil : out
    }

    static func checkSelection(_ input: String, right: Set<Int>, _ q: Question) -> Verdict {
        guard let picked = letters(input, count: q.choices.count).map(Set.init) else { return unreadableChoice(q, many: true) }
        if picked == right { return Verdict(outcome: .correct, message: "Correct: exactly those.") }
        var parts: [String] = []
        for i in picked.subtracting(right).sorted() {
            let why = explanation(q, i)
            parts.append("\(ChoiceLabels.letter(i))) does not belong\(why.isEmpty ? "." : ": " + Sentence.ending(why))")
        }
        let missed = right.subtracting(picked).count
        if missed > 0 { parts.append("You left out \(missed) right option\(missed == 1 ? "" : "s").") }
        return Verdict(outcome: .wrong, message: "Not quite. " + parts.joined(separator: " "))
    }

    static func checkOrder(_ input: String, _ instance: QuestionInstance) -> Verdict {
        let q = instance.question
        let n = q.choices.count
        guard let picked = letters(input, count: n), picked.count == n, Set(picked).count == n else {
            let example = (0..<n).map(ChoiceLabels.letter).joined(separator: " ")
            return Verdict(outcome: .unreadable, message: "give all \(n) letters once each, in the order they happen, e.g. \"\(example)\"")
        }
        let items = picked.map { instance.displayOrder[$0] }
        if items == Array(0..<n) { return Verdict(outcome: .correct, message: "Correct: that is the order.") }
        // The first step placed too late: the smallest item not where it belongs.
        let position = items.indices.first { items[$0] != $0 }!
        let due = position, placedBefore = items[position]
        let why = explanation(q, due)
        return Verdict(outcome: .wrong, message: "Not quite: “\(q.choices[due])” comes before “\(q.choices[placedBefore])”.\(why.isEmpty ? "" : " " + why)")
    }

    static func checkText(_ input: String, _ rubric: Rubric) -> Verdict {
        guard !input.trimmingCharacters(in: { $0.isWhitespace }).isEmpty else {
            return Verdict(outcome: .unreadable, message: "type your answer in a sentence or two")
        }
        let grade = rubric.grade(input)
        if grade.stuffed {
            return Verdict(outcome: .wrong, message: "Not quite: that is a list of key words, not an explanation. Say how they connect, in a sentence or two.")
        }
        if let (phrase, c) = grade.contradiction {
            return Verdict(outcome: .wrong, message: "Not quite: “\(phrase)” contradicts the point. \(Sentence.ending(c.explanation))")
        }
        if grade.missing.isEmpty { return Verdict(outcome: .correct, message: "Correct: your answer makes every key point.") }
        let names = grade.missing.map(\.name)
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return Verdict(outcome: .wrong, message: "Not quite: your answer does not say \(list).")
    }
}
