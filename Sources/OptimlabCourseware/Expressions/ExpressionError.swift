/// A problem with an expression, located at a column of its text (1-based).
///
/// The description reads like "unknown function 'adm_update' at column 1; did you mean adam_update?",
/// so the REPL can print it as is and the lesson checker can prefix `file:line:`.
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int?
    public var suggestion: String?

    public init(_ message: String, column: Int? = nil, suggestion: String? = nil) {
        self.message = message; self.column = column; self.suggestion = suggestion
    }

    public var description: String { described(withColumn: true) }

    /// The message and suggestion, with " at column N" when `withColumn` (a diagnostic that already
    /// points at the column leaves it out).
    public func described(withColumn: Bool) -> String {
        var s = message
        if withColumn, let column { s += " at column \(column)" }
        if let suggestion { s += "; did you mean \(suggestion)?" }
        return s
    }
}
