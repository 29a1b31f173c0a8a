/// A typical hand-calculation error a lesson declares for a question: an expression over the same
/// givens giving the number that error produces, and the explanation shown when an answer matches it
/// ("you averaged the buffer with (1 − μ); PyTorch sums it").
public struct Slip: Sendable, Equatable {
    public var id: String
    public var expression: Expression
    /// The expression as written, for messages.
    public var source: String
    /// Shown after "Not quite: "; may quote inputs with `{{ }}`.
    public var explanation: Template
    public var line: Int

    public init(id: String, expression: Expression, source: String, explanation: Template, line: Int) {
        self.id = id; self.expression = expression; self.source = source; self.explanation = explanation; self.line = line
    }
}
