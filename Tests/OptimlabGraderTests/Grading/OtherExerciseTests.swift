import Foundation
import Testing
@testable import OptimlabGrader

/// The other shipped exercises through the real compiler: their solutions pass, and a typical wrong
/// submission of each is failed and diagnosed by name.
@Suite struct OtherExerciseTests {
    static func source(_ exercise: String, _ kind: String) -> String { GradingFixture.source(exercise, kind) }

    /// exercise id → (submission name, source), graded once per exercise.
    static let reports: [String: SubmissionReport] = {
        let perTensor = source("training-step", "solution").replacingOccurrences(
            of: "let g = raw[i] * coefficient",
            with: "let own = raw.reduce(0) { $0 + $1 * $1 }.squareRoot(); let g = raw[i] * min(maxNorm / (own + 1e-6), 1)")
        let ahead = source("warmup-cosine", "solution").replacingOccurrences(
            of: "func warmupCosine(step s: Int,", with: "func warmupCosine(step current: Int,")
            .replacingOccurrences(of: "-> Double {\n", with: "-> Double {\n    let s = current + 1\n")
        let plan: [(exercise: String, name: String, source: String)] = [
            ("training-step", "ts-solution", source("training-step", "solution")),
            ("training-step", "ts-per-tensor", perTensor),
            ("warmup-cosine", "wc-solution", source("warmup-cosine", "solution")),
            ("warmup-cosine", "wc-ahead", ahead),
            ("adam-bias-correction", "abc-solution", source("adam-bias-correction", "solution")),
            ("adam-bias-correction", "abc-starter", source("adam-bias-correction", "starter")),
        ]
        var out: [String: SubmissionReport] = [:]
        for id in ["training-step", "warmup-cosine", "adam-bias-correction"] {
            let items = plan.filter { $0.exercise == id }
            let paths = items.map { GradingFixture.write($0.source, name: $0.name) }
            let reports = GradingFixture.grader(GradingFixture.exercise(id)).grade(paths)
            for (item, report) in zip(items, reports) { out[item.name] = report }
            paths.forEach { try? FileManager.default.removeItem(atPath: $0) }
        }
        return out
    }()

    @Test(arguments: ["ts-solution", "wc-solution", "abc-solution"])
    func solutionsPass(_ name: String) {
        let r = Self.reports[name]!
        #expect(r.passed, "\(r.cases.map { "\($0.name): \($0.message)" }) \(r.compileOutput ?? "")")
    }

    @Test(arguments: [("ts-per-tensor", "clip-per-tensor"), ("wc-ahead", "schedule-one-step-ahead"),
                      ("abc-starter", "no-bias-correction")])
    func wrongSubmissionsAreNamed(_ name: String, _ diagnosis: String) {
        let r = Self.reports[name]!
        #expect(r.status == .failed)
        #expect(Set(r.cases.compactMap { $0.diagnosis?.name }) == [diagnosis], "\(r.cases.map(\.message))")
    }
}
