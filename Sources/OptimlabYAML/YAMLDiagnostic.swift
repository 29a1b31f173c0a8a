/// A problem in a YAML-bearing file (a lesson, an exercise.yaml), located as `file:line:column: message`.
///
/// The column is omitted when only the line is known (0), the line too when the problem is about the
/// file as a whole (line 0): `file: message`. The courseware and the grader both report with this type.
public struct YAMLDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int = 0, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    public init(file: String, at mark: YAMLMark, message: String) {
        self.init(file: file, line: mark.line, column: mark.column, message: message)
    }

    public var mark: YAMLMark { YAMLMark(line: line, column: column) }

    public var description: String {
        guard line > 0 else { return "\(file): \(message)" }
        guard column > 0 else { return "\(file):\(line): \(message)" }
        return "\(file):\(line):\(column): \(message)"
    }

    /// Orders by file, then position (stable sorts keep same-position problems in the order found).
    public static func byPosition(_ a: YAMLDiagnostic, _ b: YAMLDiagnostic) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
