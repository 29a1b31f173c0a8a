import OptimlabYAML

/// A problem in a lesson file, reported as `file:line:column: message` (the line is in the lesson file:
/// a block's opening fence line plus the line within the block; the column when the problem is at a
/// YAML node). The same type as an exercise's issues: ``YAMLDiagnostic``.
public typealias LessonDiagnostic = YAMLDiagnostic

extension YAMLDiagnostic {
    /// The prefix of a warning's message: `check` prints a warning but does not fail on it.
    public static let warningPrefix = "warning: "

    /// A warning at `line` of `file`.
    public static func warning(file: String, line: Int, _ message: String) -> YAMLDiagnostic {
        YAMLDiagnostic(file: file, line: line, message: warningPrefix + message)
    }

    public var isWarning: Bool { message.hasPrefix(Self.warningPrefix) }
}
