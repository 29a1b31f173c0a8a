import OptimlabEngine

extension Course {
    /// The known mistakes whose "revisit the lesson …" link (``KnownMistake/lesson``, which the grader's
    /// diagnosis prints) names a lesson this course does not have. `optimlab check` reports each.
    public func unresolvedMistakeLinks() -> [(mistake: KnownMistake, lesson: String)] {
        let ids = Set(lessons.map(\.id))
        return KnownMistake.allCases.filter { !ids.contains($0.lesson) }.map { ($0, $0.lesson) }
    }
}
