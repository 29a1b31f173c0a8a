/// The outcome of one case. Every text in it is composed by the grader (``message``, ``inputs``) or
/// cleaned program output (``output``); nothing the student's process wrote is shown as a message.
public struct CaseResult: Sendable {
    public enum Status: String, Sendable { case passed, failed, error }

    /// How a case that did not pass went wrong: a mismatch is a wrong answer, the others mean the
    /// program did not produce one (JUnit shows those as `<error>`, a mismatch as `<failure>`).
    public enum Failure: String, Sendable {
        /// Every step reported, a value outside the tolerance.
        case mismatch
        /// The program stopped on a signal (a trap, a fatal error, a segmentation fault).
        case crash
        case timeout
        /// It printed more than the output limit.
        case outputLimit = "output-limit"
        /// It exited with a non-zero status, or before finishing the case.
        case exit
        /// The channel did not hold a well-formed record of the case (a changed length, a wrong END).
        case protocolError = "protocol"
        /// Not run: an earlier case ran out of time or output.
        case notRun = "not-run"
        /// The grader could not run it.
        case grader

        /// Whether the program gave an answer that was wrong (rather than no answer).
        public var isMismatch: Bool { self == .mismatch }
    }

    public var name: String
    public var hidden: Bool
    public var status: Status
    /// Why the case failed, in one paragraph (empty when it passed).
    public var message: String
    public var maxScore: Double
    public var divergence: Divergence?
    public var diagnosis: Diagnosis?
    /// What the submission printed on stdout and stderr (ignored for grading).
    public var output: ProgramOutput
    /// The seed the case's random tensors came from (generated cases).
    public var seed: UInt64?
    public var steps: Int
    public var seconds: Double
    /// How it went wrong (nil when it passed).
    public var failure: Failure?
    /// The case's inputs, as a student can replay them (empty for a hidden case).
    public var inputs: String
    /// The line of the student's file a crash happened at, when the run said.
    public var line: Int?

    public init(name: String, hidden: Bool, status: Status, message: String, maxScore: Double, divergence: Divergence? = nil,
                diagnosis: Diagnosis? = nil, output: ProgramOutput = .none, seed: UInt64? = nil, steps: Int, seconds: Double,
                failure: Failure? = nil, inputs: String = "") {
        self.name = name; self.hidden = hidden; self.status = status; self.message = message; self.maxScore = maxScore
        self.divergence = divergence; self.diagnosis = diagnosis; self.output = output; self.seed = seed
        self.steps = steps; self.seconds = seconds
        self.failure = failure ?? (status == .passed ? nil : status == .error ? .grader : divergence != nil ? .mismatch : .exit)
        self.inputs = inputs
    }

    public var score: Double { status == .passed ? maxScore : 0 }
}
