import Testing
@testable import OptimlabCourseware

/// Seeded random inputs: whatever a learner types or an author writes, parsing and evaluation end in a
/// value or an error — never a crash or a hang.
@Suite struct RobustnessTests {
    static let alphabet = Array("0123456789.e+-*/^()[],= abcgtlr_\"'×−adam_update(bias_correction([1,2],t=3)global_norm([[3,4]])")

    func randomText(_ rng: inout SeededGenerator, length: Int) -> String {
        String((0..<length).map { _ in Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))] })
    }

    @Test func randomExpressionsNeverCrash() {
        var rng = SeededGenerator(seed: 2026)
        var values = 0, errors = 0
        for _ in 0..<3000 {
            var ev = Evaluator(variables: ["g": .number(0.5), "t": .number(3)])
            do { _ = try ev.evaluate(randomText(&rng, length: Int(rng.next() % 40))); values += 1 } catch { errors += 1 }
        }
        // Both outcomes occur, so the generator exercises evaluation as well as error paths.
        #expect(values > 0)
        #expect(errors > 0)
    }

    @Test func randomAnswersAreReadOrRejected() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<3000 {
            let text = randomText(&rng, length: Int(rng.next() % 12))
            if let x = try? NumericAnswer.parse(text) { #expect(x.isFinite, "\(text)") }
        }
    }

    @Test func mutatedLessonsGiveDiagnosticsNotCrashes() {
        let lesson = """
            ---
            id: demo
            title: Demo
            ---
            Text {{ bias_correction(0.9, 2) | fix2 }}.

            ```question
            id: q
            prompt: "g = {{ g }}"
            given: {g: {random: [0.1, 2], digits: 2}}
            answer: abs(adam_update(g=g, t=1))
            hints: ["one", "two"]
            ```

            ```example
            id: e
            compute: adam_table
            inputs: {grads: [1, 2], lr: 1e-3}
            ```
            """
        var rng = SeededGenerator(seed: 99)
        let chars = Array(lesson)
        let noise = Array("{}[]:-`\n #|\"'0a")
        for _ in 0..<400 {
            var mutated = chars
            for _ in 0..<Int(1 + rng.next() % 4) {
                let i = Int(rng.next() % UInt64(mutated.count))
                mutated[i] = noise[Int(rng.next() % UInt64(noise.count))]
            }
            let (parsed, diagnostics) = LessonParser.parse(String(mutated), path: "01-demo.md")
            if let parsed { _ = LessonValidator.validate(parsed) }
            #expect(diagnostics.allSatisfy { $0.line >= 1 })
        }
    }
}
