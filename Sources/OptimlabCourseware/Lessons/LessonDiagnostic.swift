/// A problem in a lesson file, reported as `file:line: message` (the line is in the lesson file: a
/// block's opening fence line plus the line within the block).
public struct LessonDiagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file; self.line = line; self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
