/// The outcome of one case.
public struct CaseResult: Sendable {
    public enum Status: String, Sendable { case passed, failed, error }
    public var name: String
    public var hidden: Bool
    public var status: Status
    /// Why the case failed, in one paragraph (empty when it passed).
    public var message: String
    public var maxScore: Double
    public var divergence: Divergence?
    public var diagnosis: Diagnosis?
    /// What the submission printed on stdout and stderr (ignored for grading), truncated.
    public var output: String
    /// The seed the case's random tensors came from (generated cases).
    public var seed: UInt64?
    public var steps: Int
    public var seconds: Double

    public var score: Double { status == .passed ? maxScore : 0 }
}
