/// An exercise as an instructor writes it (`exercises/<id>/exercise.yaml` plus starter and solution
/// files): what the student implements, how it is checked, and the cases it is checked on.
public struct Exercise: Sendable {
    /// The folder name, and how `optimlab grade --exercise` finds it.
    public var id: String
    public var title: String
    /// Which harness drives the student's code; it fixes the API the student implements.
    public var harness: HarnessKind
    /// The student's file name, e.g. `AdamW.swift` (the starter and the solution use it).
    public var file: String
    public var instructions: String
    /// The Swift declarations the student implements, shown to the student verbatim.
    public var api: String
    /// Progressive hints: the first is the gentlest.
    public var hints: [String]
    /// The total score of the exercise, split evenly over its cases.
    public var points: Double
    public var tolerance: Tolerance
    /// Wall-clock limit for one run of the compiled submission, in seconds.
    public var timeLimit: Double
    public var cases: [ExerciseCase]
    /// The folder the exercise was loaded from (nil when built in code).
    public var directory: String?

    public init(id: String, title: String, harness: HarnessKind, file: String, instructions: String = "",
                api: String = "", hints: [String] = [], points: Double = 10, tolerance: Tolerance = .standard,
                timeLimit: Double = 10, cases: [ExerciseCase], directory: String? = nil) {
        self.id = id; self.title = title; self.harness = harness; self.file = file
        self.instructions = instructions; self.api = api; self.hints = hints; self.points = points
        self.tolerance = tolerance; self.timeLimit = timeLimit; self.cases = cases; self.directory = directory
    }

    /// The starter and solution paths, when the exercise came from a folder.
    public var starterPath: String? { directory.map { "\($0)/starter/\(file)" } }
    public var solutionPath: String? { directory.map { "\($0)/solution/\(file)" } }
}
