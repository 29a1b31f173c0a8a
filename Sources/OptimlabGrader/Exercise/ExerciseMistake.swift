import OptimlabCourseware
import OptimlabEngine

/// A mistake an exercise's cases must catch and its diagnosis can name: one of the engine's
/// ``KnownMistake``s, or the exercise's own, declared as an engine variant (engine mistakes and a
/// convention, hyperparameters overridden, or the reference changed) with a name and an explanation.
public struct ExerciseMistake: Sendable, Equatable {
    public var name: String
    public var title: String
    public var explanation: String
    /// The lesson to revisit.
    public var lesson: String
    /// Shown first by `hint` and `watch` after a grade diagnosed this mistake.
    public var hint: String?
    /// The engine variant: known mistakes (any number) and a convention.
    public var variant: Variant
    /// Hyperparameters replaced (PyTorch names; booleans as 0/1), e.g. `{nesterov: 0}`.
    public var overrides: [OptimizerField: Double]
    /// The reference replaced (parameter groups, batch scaling), when the mistake changes it.
    public var reference: ExerciseReference?

    public init(name: String, title: String, explanation: String, lesson: String, hint: String? = nil,
                variant: Variant = .correct, overrides: [OptimizerField: Double] = [:], reference: ExerciseReference? = nil) {
        self.name = name; self.title = title; self.explanation = explanation; self.lesson = lesson; self.hint = hint
        self.variant = variant; self.overrides = overrides; self.reference = reference
    }

    /// The engine's known mistake, as an exercise mistake, in the course's `words` for it.
    public init(_ known: KnownMistake, words: MistakeText, hint: String? = nil) {
        self.init(name: known.rawValue, title: words.title, explanation: words.explanation, lesson: words.lesson,
                  hint: hint, variant: .mistake(known))
    }

    /// The engine's known mistake in the words of the catalogue built into the binary.
    public init(_ known: KnownMistake, hint: String? = nil) {
        self.init(known, words: MistakeCatalogue.builtIn[known], hint: hint)
    }

    /// The optimizer with this mistake's hyperparameter overrides.
    func optimizer(_ spec: OptimizerSpec) -> OptimizerSpec {
        overrides.reduce(spec) { $0.with($1.key, $1.value) }
    }

    /// The correct reference: no variant, no override.
    static let none = ExerciseMistake(name: "", title: "", explanation: "", lesson: "")
}
