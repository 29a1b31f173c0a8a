import Foundation
import OptimlabEngine
import Testing
@testable import OptimlabCourseware

/// `expect:` claims and `{{ block.run.field }}` holes over a visual block's computed results.
struct VisualExpectationTests {
    static func lesson(_ body: String) throws -> Lesson {
        let (lesson, diagnostics) = LessonParser.parse("---\nid: demo\ntitle: Demo\n---\n" + body, path: "01-demo.md")
        #expect(diagnostics.map(\.description) == [])
        return try #require(lesson)
    }

    static let experiment = """
        The outlier throws SGD to {{ demo.cold.worst_loss / demo.cold.start_loss | fix1 }} times its start.

        ```experiment
        id: demo
        runs:
          - {id: warm, optimizer: sgd, lr: 0.5, schedule: {name: warmup_cosine, warmup: 20}}
          - {id: cold, optimizer: sgd, lr: 0.5, schedule: {name: warmup_cosine, warmup: 20}, switches: [no-warmup]}
        steps: 200
        expect:
          - "cold.worst_loss > 10 * cold.start_loss"
          - "warm.worst_loss < cold.worst_loss"
        ```
        """

    @Test func expectationsThatHoldPassTheCheckAndHolesReadTheResults() throws {
        let l = try Self.lesson(Self.experiment)
        #expect(LessonValidator.validate(l) == [])
        let block = try #require(l.visuals.first)
        #expect(block.id == "demo" && block.expectations.map(\.line) == [14, 15])
        // The same numbers the engine's experiment measures, read by name.
        let broken = try RunSetup(label: "sgd", optimizer: .sgd(SGD(lr: 0.5)),
                                  schedule: .warmupCosine(warmupSteps: 20, totalSteps: 200, minLR: 0)).breaking([.noWarmup])
        let measured = Experiment(steps: 200).run(broken)
        #expect(l.visualResults()["demo.cold.worst_loss"] == .number(measured.worstLoss))
        guard case .prose(let t) = l.steps[0].content else { Issue.record("not prose"); return }
        let text = try t.render(with: Evaluator(variables: l.visualResults()))
        #expect(text == "The outlier throws SGD to \(String(format: "%.1f", measured.worstLoss / measured.initialLoss)) times its start.")
        #expect(measured.worstLoss > 10 * measured.initialLoss)
    }

    @Test func anExpectationFailsWhenItsExperimentIsAltered() throws {
        // A small lr: the outlier batch no longer throws the run past ten times its start.
        let altered = Self.experiment.replacingOccurrences(of: "lr: 0.5", with: "lr: 0.05")
        let problems = LessonValidator.validate(try Self.lesson(altered)).map(\.description)
        #expect(problems.count == 1)
        let first = try #require(problems.first)
        #expect(first.hasPrefix("01-demo.md:14: expect \"cold.worst_loss > 10 * cold.start_loss\" does not hold: the left side is "))
        #expect(first.hasSuffix("the right side 6.93147"))
    }

    @Test func anExpectationOfTheRealWarmupLessonFailsWhenItsExperimentIsAltered() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons/08-warmup.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let original = try #require(LessonParser.parse(text, path: path).lesson)
        #expect(LessonValidator.validate(original) == [])
        // Give the cold AdamW run back its warmup: its first update is no longer lr-sized on every weight.
        let cold = "  - {id: adamw_cold, optimizer: adamw, lr: 0.1, schedule: {name: warmup_cosine, warmup: 20}, switches: [no-warmup]}"
        #expect(text.contains(cold))
        let altered = text.replacingOccurrences(of: cold, with: "  - {id: adamw_cold, optimizer: adamw, lr: 0.1, schedule: {name: warmup_cosine, warmup: 20}}")
        let lesson = try #require(LessonParser.parse(altered, path: path).lesson)
        let found = LessonValidator.validate(lesson).map(\.message)
        #expect(found.first == "expect \"adamw_cold.first_update > 3 * at(adamw_cold.lr, 0)\" does not hold: the left side is 0, the right side 0")
    }

    @Test func badExpectationsAreReportedAtTheirLines() throws {
        let body = "```experiment\nid: x\nruns: [{optimizer: sgd}]\nexpect:\n  - \"run1.final_loss\"\n  - \"run1.nope < 1\"\n```\n"
        let (lesson, diagnostics) = LessonParser.parse("---\nid: demo\ntitle: Demo\n---\n" + body, path: "01-demo.md")
        #expect(diagnostics.map(\.line) == [9])
        #expect(diagnostics.first?.message.hasPrefix("expect \"run1.final_loss\": an expectation compares two expressions") == true)
        #expect(lesson?.visuals.isEmpty == true)
        let ok = try Self.lesson("```experiment\nruns: [{optimizer: sgd}]\nexpect: \"run1.nope < 1\"\n```\n")
        let found = LessonValidator.validate(ok).map(\.description)
        #expect(found.count == 1 && found[0].hasPrefix("01-demo.md:7: expect \"run1.nope < 1\": unknown name 'run1.nope'"))
    }
}
