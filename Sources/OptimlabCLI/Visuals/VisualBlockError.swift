/// A block's problems, each at its line within the block body (1-based).
struct VisualBlockError: Error, CustomStringConvertible {
    var problems: [(line: Int, message: String)]
    var description: String { problems.map { "line \($0.line): \($0.message)" }.joined(separator: "\n") }
}
