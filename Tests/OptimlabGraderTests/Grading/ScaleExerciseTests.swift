import Foundation
import Testing
@testable import OptimlabGrader

/// The exercises past AdamW through the real compiler: Lion's and Adafactor's solutions pass, their
/// starters fail, and a submission with one typical slip is failed and diagnosed by that slip's name.
@Suite struct ScaleExerciseTests {
    static func source(_ exercise: String, _ kind: String) -> String { GradingFixture.source(exercise, kind) }

    /// The solution with `old` replaced by `new`; the replacement must have happened.
    static func slip(_ exercise: String, _ old: String, _ new: String) -> String {
        let solution = source(exercise, "solution")
        precondition(solution.contains(old), "\(exercise)'s solution no longer contains \(old)")
        return solution.replacingOccurrences(of: old, with: new)
    }

    /// submission name → report, each exercise graded once.
    static let reports: [String: SubmissionReport] = {
        let plan: [(exercise: String, name: String, source: String)] = [
            ("lion", "lion-solution", source("lion", "solution")),
            ("lion", "lion-starter", source("lion", "starter")),
            // sign(0) taken as +1: a coordinate whose interpolation is exactly 0 moves by lr
            ("lion", "lion-sign-zero", slip("lion", "c > 0 ? 1 : (c < 0 ? -1 : 0)", "c >= 0 ? 1 : -1")),
            ("adafactor", "adafactor-solution", source("adafactor", "solution")),
            ("adafactor", "adafactor-starter", source("adafactor", "starter")),
            // the update is not divided by max(1, RMS(u)/d)
            ("adafactor", "adafactor-unclipped", slip("adafactor", "alpha / max(1, Self.rms(u) / d)", "alpha")),
        ]
        var out: [String: SubmissionReport] = [:]
        for id in ["lion", "adafactor"] {
            let items = plan.filter { $0.exercise == id }
            let paths = items.map { GradingFixture.write($0.source, name: $0.name) }
            let reports = GradingFixture.grader(GradingFixture.exercise(id)).grade(paths)
            for (item, report) in zip(items, reports) { out[item.name] = report }
            paths.forEach { try? FileManager.default.removeItem(atPath: $0) }
        }
        return out
    }()

    @Test(arguments: ["lion-solution", "adafactor-solution"])
    func solutionsPass(_ name: String) {
        let r = Self.reports[name]!
        #expect(r.passed, "\(r.cases.map { "\($0.name): \($0.message)" }) \(r.compileOutput ?? "")")
        #expect(r.cases.count == (name.hasPrefix("lion") ? 5 : 7))
    }

    @Test(arguments: ["lion-starter", "adafactor-starter"])
    func startersCompileAndFailEveryCase(_ name: String) {
        let r = Self.reports[name]!
        #expect(r.status == .failed, "\(r.compileOutput ?? "")")     // compiled (a compile error is its own status), then failed
        #expect(r.cases.allSatisfy { $0.status == .failed }, "\(r.cases.map { "\($0.name): \($0.status)" })")
    }

    /// The slip is caught by the cases that expose it (sign(0) needs the zero gradients of `sparse`;
    /// clipping shows on every case) and named on every case it fails.
    @Test(arguments: [("lion-sign-zero", "lion-sign-of-zero", "sparse"),
                      ("adafactor-unclipped", "adafactor-no-update-clipping", "matrix-and-bias")])
    func slipsAreNamed(_ name: String, _ diagnosis: String, _ exposing: String) {
        let r = Self.reports[name]!
        #expect(r.status == .failed)
        let failing = r.cases.filter { $0.status == .failed }
        #expect(failing.contains { $0.name == exposing })
        #expect(Set(failing.compactMap { $0.diagnosis?.name }) == [diagnosis], "\(failing.map(\.message))")
        #expect(failing.allSatisfy { $0.diagnosis != nil })
    }
}
