/// Why `open NAME` found no lesson.
public enum LessonLookupError: Error, Equatable, CustomStringConvertible {
    case noNumber(Int, count: Int)
    case ambiguous(String, [String])
    case unknown(String, suggestion: String?)

    public var description: String {
        switch self {
        case .noNumber(let n, let count): "No lesson #\(n): the lessons are numbered 1 to \(count). `lessons` lists them."
        case .ambiguous(let name, let ids): "'\(name)' starts \(ids.joined(separator: ", ")): type more of the id."
        case .unknown(let name, let suggestion): "No lesson '\(name)'.\(suggestion.map { " Did you mean \($0)?" } ?? "") `lessons` lists them."
        }
    }
}
