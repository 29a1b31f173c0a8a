/// Every problem found in one exercise (loading reports them all at once, not one per run).
public struct ExerciseIssues: Error, Sendable, CustomStringConvertible {
    public var issues: [ExerciseIssue]
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
