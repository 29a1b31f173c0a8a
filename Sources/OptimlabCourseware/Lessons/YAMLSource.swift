import OptimlabYAML

/// A block's YAML body and where it sits in the lesson file: nodes parsed from it carry file lines (the
/// fence's line + the line within the block), so every problem is `file:line:column: message`.
struct YAMLSource {
    var file: String
    /// The file line of the body's first line, minus one.
    var lineOffset: Int

    /// The node's file line; the body's first line when there is no node.
    func line(_ node: YAMLNode?) -> Int { node?.line ?? lineOffset + 1 }

    func diagnostic(_ node: YAMLNode?, _ message: String) -> LessonDiagnostic {
        node?.diagnostic(message) ?? LessonDiagnostic(file: file, line: lineOffset + 1, message: message)
    }

    /// A problem with the expression held by scalar `node`, `prefix` before it: at the problem's own
    /// character in the file when the scalar's text stands there as written (``YAMLNode/mark(ofTextColumn:)``),
    /// else at the node with "at column N" (of the expression) in the message.
    func diagnostic(_ node: YAMLNode?, _ prefix: String, _ error: ExpressionError) -> LessonDiagnostic {
        if let node, let column = error.column, let mark = node.mark(ofTextColumn: column) {
            return LessonDiagnostic(file: file, at: mark, message: prefix + error.described(withColumn: false))
        }
        return diagnostic(node, prefix + error.description)
    }

    /// Parses `text` into a node tree; syntax errors and duplicate keys become diagnostics at their position.
    func compose(_ text: String) throws(LessonDiagnostic) -> YAMLNode? {
        try YAMLDocument.parse(text, file: file, lineOffset: lineOffset)
    }
}
