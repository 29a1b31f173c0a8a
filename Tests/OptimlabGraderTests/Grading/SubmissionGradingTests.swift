import Foundation
import Testing
@testable import OptimlabGrader

/// Real submissions through the real compiler and the sandbox.
@Suite struct SubmissionGradingTests {
    @Test func referenceSolutionPassesEveryCase() {
        for name in ["correct", "correct-class"] {
            let r = GradingFixture.adamwReports[name]!
            #expect(r.status == .passed, "\(name): \(r.cases.map { "\($0.name): \($0.message)" })")
            #expect(r.cases.map(\.name) == ["typical", "stress", "schedule", "pytorch-trace", "long-run"])
            #expect(r.score == 10 && r.maxScore == 10)
        }
    }

    @Test(arguments: ["no-bias-correction", "coupled-weight-decay", "decay-not-scaled-by-lr", "decay-after-update",
                      "eps-inside-sqrt", "step-from-zero", "betas-swapped", "keras"])
    func knownMistakeFailsAndIsNamed(_ mistake: String) {
        let r = GradingFixture.adamwReports[mistake]!
        #expect(r.status == .failed)
        let named = Set(r.cases.compactMap { $0.diagnosis?.name })
        #expect(named == [mistake], "diagnoses: \(named); failures: \(r.cases.map(\.message))")
        #expect(r.cases.filter { $0.status == .failed }.allSatisfy { $0.divergence != nil || $0.message.contains("step") })
    }

    @Test func decayAfterUpdateShowsOnlyInTheStressCase() {
        // lr²·λ·u is ~1e-8 in the typical case (inside tolerance) and ~5e-3 in the stress case.
        let cases = GradingFixture.adamwReports["decay-after-update"]!.cases
        #expect(cases.first { $0.name == "typical" }?.status == .passed)
        #expect(cases.first { $0.name == "stress" }?.diagnosis?.name == "decay-after-update")
    }

    @Test func stepFromZeroReportsNonFiniteValuesAtStepOne() {
        let d = GradingFixture.adamwReports["step-from-zero"]!.cases[0].divergence!
        #expect(d.step == 1)
        #expect(!d.got.isFinite)
    }

    @Test func printingAFakePassAndExitingEarlyFails() {
        let r = GradingFixture.adamwReports["fake-pass"]!
        #expect(r.status == .failed && !r.passed && r.score == 0)
        #expect(r.cases.allSatisfy { $0.status == .failed })
        #expect(r.cases[0].message == "the program stopped before finishing step 1 of 5")
        #expect(r.cases[0].output.text.contains("PASS: all 5 cases passed"))
    }

    @Test func aCrashFailsAtTheStepItHappened() {
        let c = GradingFixture.adamwReports["crashes"]!.cases[0]
        #expect(c.status == .failed)
        #expect(c.message.hasPrefix("the program stopped before finishing step 2 of 5: it crashed"))
    }

    @Test func aCrashInOneCaseCostsNoOtherCaseItsVerdict() {
        let r = GradingFixture.adamwReports["crashes-in-one-case"]!
        #expect(r.cases.map(\.status) == [.passed, .passed, .failed, .passed, .passed])
        #expect(r.cases[2].message.hasPrefix("the program stopped before finishing step 1 of 8: it crashed"))
        #expect(r.cases[2].output.text.contains("six"))
        #expect(r.score == 8 && r.status == .failed)
    }

    @Test func anEndlessLoopTimesOut() {
        let c = GradingFixture.adamwReports["loops-forever"]!.cases[0]
        #expect(c.status == .failed)
        #expect(c.message == "the program stopped before finishing step 1 of 5: it ran out of time (3 s limit)")
        #expect(c.failure == .timeout)
        let rest = GradingFixture.adamwReports["loops-forever"]!.cases.dropFirst()
        #expect(rest.allSatisfy { $0.status == .failed && $0.message == "not run: the program did not get past case typical" })
    }

    @Test func unboundedAllocationIsStopped() {
        let c = GradingFixture.adamwReports["allocates"]!.cases[0]
        #expect(c.status == .failed)
        #expect(c.message.hasPrefix("the program stopped before finishing step 1 of 5"))
    }

    @Test func compileErrorsPointAtTheStudentsLine() throws {
        let r = GradingFixture.adamwReports["does-not-compile"]!
        #expect(r.status == .compileError && r.cases.isEmpty && !r.passed)
        let line = Submissions.doesNotCompile.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("\"oops\"") }! + 1
        let output = try #require(r.compileOutput)
        #expect(output.contains("\(GradingFixture.scratch)/does-not-compile.swift:\(line):"), "\(output)")
        #expect(output.contains("error:"))
        #expect(!output.contains("OptimlabGlue"))
    }

    @Test func aTypeThatDoesNotMatchTheAPIIsExplained() throws {
        let r = GradingFixture.adamwReports["wrong-api"]!
        #expect(r.status == .compileError)
        let output = try #require(r.compileOutput)
        let file = "\(GradingFixture.scratch)/wrong-api.swift"
        #expect(output.hasPrefix("\(file): error: AdamW does not match the exercise's API: cannot assign to property: 'lr' is a 'let' constant"), "\(output)")
        let line = Submissions.wrongAPI.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("let lr: Double") }! + 1
        #expect(output.contains("\(file):\(line):5: note: change 'let' to 'var' to make it mutable"), "\(output)")
        #expect(!output.contains("OptimlabGlue") && !output.contains("add stubs"))
    }
}
