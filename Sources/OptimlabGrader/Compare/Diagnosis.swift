import OptimlabEngine

/// A named explanation of a failing trace: the submission reproduces, at every step, what the engine
/// computes with a known mistake (or another library's convention).
public struct Diagnosis: Sendable, Equatable {
    /// The mistake's or convention's name, e.g. `decay-after-update` or `keras`.
    public var name: String
    public var title: String
    public var explanation: String
    /// The lesson to revisit.
    public var lesson: String

    public init(name: String, title: String, explanation: String, lesson: String) {
        self.name = name; self.title = title; self.explanation = explanation; self.lesson = lesson
    }

    /// Replays the case through each candidate variant and returns the first whose every step matches
    /// the submission's (within `tolerance`). A partial match (some steps only, or a run that stopped
    /// early) is not a diagnosis: guessing wrong would send the student to the wrong lesson.
    static func find(reference: CaseReference, exercise: Exercise, got: [[Double]], tolerance: Tolerance) -> Diagnosis? {
        guard got.count == reference.expected.count else { return nil }
        for mistake in exercise.candidateMistakes(for: reference.inputs) {
            if matches(reference.outputs(mistake), got, tolerance) {
                return Diagnosis(name: mistake.name, title: mistake.title, explanation: mistake.explanation, lesson: mistake.lesson)
            }
        }
        if reference.reference.output == .params {
            for convention in [Convention.keras, .paper] {
                let variant = ExerciseMistake(name: convention.name, title: "", explanation: "", lesson: "", variant: Variant(convention: convention))
                if matches(reference.outputs(variant), got, tolerance) {
                    return Diagnosis(name: convention.name, title: "Your code follows \(convention.name)'s convention, not PyTorch's",
                                     explanation: convention.summary + ". The exercise grades torch.optim semantics.",
                                     lesson: "adam")
                }
            }
        }
        if reference.reference.output == .learningRate, got.count > 1,
           matches(Array(reference.expected.dropFirst()), Array(got.dropLast()), tolerance) {
            return Diagnosis(name: "schedule-one-step-ahead", title: "The schedule is one step ahead",
                             explanation: "Your lr for step s is the reference's lr for step s+1: s counts the updates already taken, so the first update uses s = 0 (warmup starts at 0, not at peak/warmup).",
                             lesson: "schedules")
        }
        return nil
    }

    /// Whether two traces agree at every value; unlike grading, equal non-finite values count as a
    /// match here (the step-from-zero mistake produces NaN, and so does the code that makes it).
    static func matches(_ a: [[Double]], _ b: [[Double]], _ tolerance: Tolerance) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            guard x.count == y.count else { return false }
            for (u, v) in zip(x, y) {
                if u.isNaN && v.isNaN || (u.isInfinite && u == v) { continue }
                if !tolerance.accepts(v, u) { return false }
            }
        }
        return true
    }
}
