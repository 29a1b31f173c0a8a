import OptimlabYAML

/// A problem in a lesson file, reported as `file:line:column: message` (the line is in the lesson file:
/// a block's opening fence line plus the line within the block; the column when the problem is at a
/// YAML node). The same type as an exercise's issues: ``YAMLDiagnostic``.
public typealias LessonDiagnostic = YAMLDiagnostic
