import OptimlabYAML

/// A problem in an exercise's files, located as `file:line:column: message` (line 0 when the problem is
/// about the file as a whole). The same type as a lesson's diagnostics: ``YAMLDiagnostic``.
public typealias ExerciseIssue = YAMLDiagnostic
