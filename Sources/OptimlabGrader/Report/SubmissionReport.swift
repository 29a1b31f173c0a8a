/// Everything the grader found about one submission. Every output format is rendered from this, and
/// every format asks ``passed``, which fails closed: a submission passes only if it compiled, at least
/// one case ran, and every case passed.
public struct SubmissionReport: Sendable {
    public enum Status: String, Sendable {
        case passed, failed
        case compileError = "compile-error"
        /// The grader could not grade it (no compiler, a case it could not run…): never a pass.
        case notGraded = "not-graded"
    }
    public var exerciseID: String
    public var exerciseTitle: String
    /// The submission's path (annotations point at it).
    public var submission: String
    /// What reports call it: the path, or the student's folder in a class layout.
    public var name: String
    public var compileOutput: String?
    public var graderError: String?
    public var cases: [CaseResult]
    public var missingProtections: [String]
    public var compileSeconds: Double
    public var totalSeconds: Double
    /// The exercise's total points: the maximum score even when no case ran.
    public var points: Double

    public init(exerciseID: String, exerciseTitle: String, submission: String, compileOutput: String? = nil,
                graderError: String? = nil, cases: [CaseResult] = [], missingProtections: [String] = [],
                compileSeconds: Double = 0, totalSeconds: Double = 0, points: Double = 10, name: String? = nil) {
        self.exerciseID = exerciseID; self.exerciseTitle = exerciseTitle; self.submission = submission
        self.name = name ?? submission
        self.compileOutput = compileOutput; self.graderError = graderError; self.cases = cases
        self.missingProtections = missingProtections; self.compileSeconds = compileSeconds; self.totalSeconds = totalSeconds
        self.points = points
    }

    public var status: Status {
        if graderError != nil { return .notGraded }
        if compileOutput != nil { return .compileError }
        if cases.isEmpty || cases.contains(where: { $0.status == .error }) { return .notGraded }
        return cases.allSatisfy { $0.status == .passed } ? .passed : .failed
    }

    public var passed: Bool { status == .passed }
    public var score: Double { passed || status == .failed ? cases.reduce(0) { $0 + $1.score } : 0 }
    public var maxScore: Double { cases.isEmpty ? points : cases.reduce(0) { $0 + $1.maxScore } }
}
