import OptimlabCourseware
import OptimlabEngine

/// An exercise as an instructor writes it (`exercises/<id>/exercise.yaml` plus starter and solution
/// files): the reference the engine computes, the API the student implements, the mistakes its cases
/// must catch, and the cases.
public struct Exercise: Sendable {
    /// The folder name, and how `optimlab grade --exercise` finds it.
    public var id: String
    public var title: String
    /// What the engine computes the expected values with.
    public var reference: ExerciseReference
    /// The declarations the student implements; the grader generates the glue from them.
    public var declaration: ExerciseAPI
    /// The student's file name, e.g. `AdamW.swift` (the starter and the solution use it).
    public var file: String
    /// The lesson the exercise belongs to (a lesson id such as `rmsprop`).
    public var lesson: String?
    /// The position in the course's track (exercises are listed by it).
    public var order: Int?
    public var instructions: String
    /// The Swift declarations to implement, as shown to the student (generated from `declaration`,
    /// followed by the exercise's notes).
    public var api: String
    /// Progressive hints: the first is the gentlest.
    public var hints: [String]
    /// The mistakes the cases must catch (`optimlab check`) and the diagnosis names. Empty: every
    /// known mistake of the engine that applies is a candidate.
    public var mistakes: [ExerciseMistake]
    /// The total score of the exercise, split evenly over its cases.
    public var points: Double
    public var tolerance: Tolerance
    /// Wall-clock limit for one run of the compiled submission, in seconds.
    public var timeLimit: Double
    public var cases: [ExerciseCase]
    /// The folder the exercise was loaded from (nil when built in code).
    public var directory: String?
    /// The course's words for the engine's mistakes, which a diagnosis quotes.
    public var mistakeWords: MistakeCatalogue = .builtIn

    public init(id: String, title: String, reference: ExerciseReference, declaration: ExerciseAPI, file: String,
                instructions: String = "", hints: [String] = [], mistakes: [ExerciseMistake] = [], points: Double = 10,
                tolerance: Tolerance = .standard, timeLimit: Double = 10, cases: [ExerciseCase], directory: String? = nil) {
        self.id = id; self.title = title; self.reference = reference; self.declaration = declaration; self.file = file
        self.instructions = instructions; self.api = declaration.declarations; self.hints = hints; self.mistakes = mistakes
        self.points = points; self.tolerance = tolerance; self.timeLimit = timeLimit; self.cases = cases; self.directory = directory
    }

    /// The starter and solution paths, when the exercise came from a folder.
    public var starterPath: String? { directory.map { "\($0)/starter/\(file)" } }
    public var solutionPath: String? { directory.map { "\($0)/solution/\(file)" } }

    /// The hints in the order to show them after a grade diagnosed `mistake`: that mistake's own hint
    /// first, then the exercise's.
    public func hints(after mistake: String?) -> [String] {
        guard let hint = mistakes.first(where: { $0.name == mistake })?.hint else { return hints }
        return [hint] + hints.filter { $0 != hint }
    }

    /// The variants a failing case is replayed through: the declared mistakes, or every known mistake
    /// of the engine that applies to the case.
    func candidateMistakes(for trace: Trace) -> [ExerciseMistake] {
        if !mistakes.isEmpty { return mistakes }
        guard reference.output != .learningRate else { return [] }
        let clipping = trace.clipNorm != nil
        return KnownMistake.allCases.filter { known in
            reference.output == .clippedGradients ? known.isClippingMistake && known != .clipAfterUpdate
                : known.applies(to: trace.optimizer, clipping: clipping)
        }.map { ExerciseMistake($0, words: mistakeWords[$0]) }
    }
}
