/// A problem in a lesson file, reported as `file:line: message` (the line is in the lesson file: a
/// block's opening fence line plus the line within the block).
public struct LessonDiagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    /// A warning is printed by `check` but does not fail it.
    public var isWarning: Bool

    public init(file: String, line: Int, message: String, isWarning: Bool = false) {
        self.file = file; self.line = line; self.message = message; self.isWarning = isWarning
    }

    public var description: String { "\(file):\(line): \(isWarning ? "warning: " : "")\(message)" }
}
