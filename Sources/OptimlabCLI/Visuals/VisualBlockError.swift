import OptimlabCourseware

/// A block's problems, each at its `file:line:column`.
struct VisualBlockError: Error, CustomStringConvertible {
    var problems: [LessonDiagnostic]
    var description: String { problems.map(\.description).joined(separator: "\n") }
}
