import Testing
@testable import OptimlabCourseware
import OptimlabEngine

/// The typical wrong answers of a student's run through lessons 01–10 (issue 13), each computed from
/// the error it comes from and typed rounded to the stated precision, with the exact feedback it gets.
/// The goal: at least 3 of 4 get a specific reason.
@Suite struct SlipTableTests {
    enum Source: Sendable {
        /// A slip the lesson declares, by id: the wrong answer is its value.
        case slip(String)
        /// An engine mistake: the answer expression under that mistake.
        case mistake(KnownMistake)
        /// The right value divided by 100 (a fraction typed where percent was asked).
        case fractionForPercent
        /// An expression over the question's inputs, for errors no slip declares.
        case expression(String)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String, lesson: String, question: String, source: Source, feedback: String
        init(_ name: String, _ lesson: String, _ question: String, _ source: Source, _ feedback: String) {
            self.name = name; self.lesson = lesson; self.question = question; self.source = source; self.feedback = feedback
        }
        var testDescription: String { "\(lesson)/\(question): \(name)" }
        var named: Bool { feedback != "Not quite." }
    }

    static let rows: [Row] = [
        Row("averaged momentum buffer", "sgd-momentum", "buffer-three-steps", .slip("averaged-buffer"), "Not quite: you averaged the buffer with (1 − μ), as in an exponential moving average; PyTorch sums it: buf ← μ·buf + g, starting from buf₁ = g₁."),
        Row("forgot momentum", "sgd-momentum", "theta-after-momentum", .slip("forgot-momentum"), "Not quite: that is plain SGD, θ₀ − η·(g₁ + g₂): the second step uses the buffer μ·g₁ + g₂, not g₂ alone."),
        Row("inverted ratio", "adagrad", "dense-sparse-ratio", .slip("inverted-ratio"), "Not quite: that is B’s divided by A’s, the inverted ratio; the question asks for A’s effective learning rate divided by B’s."),
        Row("α and 1 − α swapped", "rmsprop", "running-average", .slip("alpha-swapped"), "Not quite: α and 1 − α are swapped: PyTorch keeps α of the old average and adds (1 − α)·g², E[g²] ← α·E[g²] + (1 − α)·g²."),
        Row("β₁ where β₂ was meant", "bias-correction", "p2-v", .slip("beta1-for-beta2"), "Not quite: you used β₁ = 0.9 where β₂ = 0.999 was meant: v₅ = (1 − β₂⁵)·g²."),
        Row("m̂ given for m", "bias-correction", "p2-moments", .slip("m-hat-for-m"), "Not quite: that is m̂₅ = g, the bias-corrected moment; the question asks for the raw m₅ = (1 − β₁⁵)·g."),
        Row("m₄ for m₅", "bias-correction", "p2-moments", .slip("one-step-early"), "Not quite: that is m₄, one step early: m₅ = (1 − β₁⁵)·g."),
        Row("m₆ for m₅", "bias-correction", "p2-moments", .slip("one-step-late"), "Not quite: that is m₆, one step too many: m₅ = (1 − β₁⁵)·g."),
        Row("g not squared", "rmsprop", "running-average", .slip("g-not-squared"), "Not quite: you averaged the gradients, not their squares: E[g²] averages g²."),
        Row("fraction vs factor", "bias-correction", "p5-factors-1", .slip("fraction-for-factor"), "Not quite: that is the fraction 1 − β₂ᵗ of the true moment that v holds; the correction factor is its reciprocal, 1/(1 − β₂ᵗ)."),
        Row("percent for a fraction", "bias-correction", "drill-fractions-m", .slip("percent-for-fraction"), "Not quite: that is a percentage; give the fraction (0.5 for half)."),
        Row("correct Adam where the buggy one was asked", "bias-correction", "no-correction-step", .slip("correct-adam"), "Not quite: that is correct Adam’s first step, lr; the question asks for the buggy Adam without bias correction, lr·(1 − β₁)/√(1 − β₂)."),
        Row("forgot the decay", "adamw", "sgd-l2-is-decay", .slip("forgot-decay"), "Not quite: you left out the decay: L2 adds λθ₀ to the gradient, so θ₁ = (1 − η·λ)·θ₀ − η·g."),
        Row("(1 − λ) for (1 − lr·λ)", "adamw", "decay-over-run", .slip("decay-not-scaled"), "Not quite: you used (1 − λ) per step; AdamW decays by (1 − lr·λ)."),
        Row("decayed vs surviving fraction", "adamw", "decay-over-run", .slip("decayed-fraction"), "Not quite: that is the fraction decayed away; the question asks what survives, (1 − lr·λ)ⁿ."),
        Row("cosine ignoring the warmup", "schedules", "drill-1500", .slip("cosine-ignoring-warmup"), "Not quite: you measured the cosine from step 0; it starts after the warmup, so p = (s − W)/(T − W)."),
        Row("one StepLR decay too many", "schedules", "step-decay", .slip("one-decay-too-many"), "Not quite: that is one StepLR decay too many: epochs 0–29 use the initial lr, so epoch e has had ⌊e/30⌋ decays."),
        Row("factor for v instead of √v", "clipping", "spike-denominator", .slip("factor-for-v"), "Not quite: that is the factor for v; √v grows by its square root."),
        Row("sum of per-tensor norms", "clipping", "global-norm", .slip("sum-of-norms"), "Not quite: you added the per-tensor norms; the global norm is one root over all squared entries, √(a² + b² + c²)."),
        Row("percent vs fraction", "warmup", "warmup-fraction", .fractionForPercent, "Close: that is the fraction; the question asks for percent (0.0001 is 0.01%)."),
        Row("β₁ and β₂ swapped", "bias-correction", "p2-moments", .mistake(.betasSwapped), "Not quite: that is the answer with the mistake “β₁ and β₂ swapped”. β₁ = 0.999 and β₂ = 0.9: the momentum barely moves and the second moment forgets quickly."),
        Row("no bias correction", "adam", "first-update", .mistake(.noBiasCorrection), "Not quite: that is the answer with the mistake “No bias correction”. m and v start at 0, so without dividing by 1−βᵗ the first steps are mis-scaled: step 1 moves about lr·(1−β₁)/√(1−β₂) ≈ 3.16·lr instead of lr."),
        // Typical errors no slip explains yet: they count against the share.
        Row("lr·g for Adam's first step", "adam", "first-update", .expression("lr * g"), "Not quite."),
    ]

    @Test(arguments: rows)
    func wrongAnswerGetsItsFeedback(_ row: Row) throws {
        let q = try #require(RealCourse.question(row.lesson, row.question))
        let instance = try QuestionInstance(q, seed: 0)
        let precision = try #require(q.precision)
        let value: Double
        switch row.source {
        case .slip(let id):
            let slip = try #require(q.slips.first { $0.id == id }, "no slip \(id)")
            value = try QuestionInstance.evaluate(slip.expression, inputs: instance.inputs, variant: .correct)
        case .mistake(let m):
            guard case .expression(let e, _) = q.answer else { Issue.record("not numeric"); return }
            value = try QuestionInstance.evaluate(e, inputs: instance.inputs, variant: .mistake(m))
        case .fractionForPercent:
            value = try #require(instance.expected) / 100
        case .expression(let text):
            value = try QuestionInstance.evaluate(try ExpressionParser.parse(text), inputs: instance.inputs, variant: .correct)
        }
        let typed = ValueFormatter.readable(precision.rounded(value))
        let verdict = AnswerChecker.check(typed, instance)
        #expect(verdict.message == row.feedback, "typed \(typed)")
        if case .slip(let id) = row.source { #expect(verdict.slip == id) }
        if case .mistake(let m) = row.source { #expect(verdict.mistake == m) }
    }

    @Test func atLeastThreeOfFourTypicalWrongAnswersGetAReason() {
        let named = Self.rows.filter(\.named).count
        #expect(Double(named) / Double(Self.rows.count) >= 0.75, "\(named) of \(Self.rows.count) named")
    }

    /// A slip is named only when it explains the answer better than rounding does: the right answer,
    /// rounded, is never taken for a slip, even where a slip's value lies close to it.
    @Test func theRightAnswerIsNeverTakenForASlip() throws {
        for (lesson, q) in RealCourse.questions where !q.slips.isEmpty {
            for seed in UInt64(0)..<64 {
                let instance = try QuestionInstance(q, seed: seed)
                let b = try #require(instance.expected)
                let verdict = AnswerChecker.check(ValueFormatter.readable(b), instance)
                #expect(verdict.outcome == .correct && verdict.slip == nil, "\(lesson)/\(q.id) seed \(seed)")
            }
        }
    }

    @Test func checkRefusesASlipThePrecisionCannotTellApart() throws {
        // At 3 significant figures, buf₂ and buf₃ coincide when g₃ ≈ 0.1·buf₂.
        let q = try question("""
            id: buf
            prompt: "buffer after {{ g1 }}, {{ g2 }}, {{ g3 }}?"
            given: {g1: 1.0, g2: 1.0, g3: 0.19}
            answer: momentum_buffer([g1, g2, g3], momentum=0.9)
            precision: {sig: 3}
            slips:
              - id: one-step-early
                answer: momentum_buffer([g1, g2], momentum=0.9)
                explanation: "that is buf₂"
            """)
        #expect(LessonValidator.assessment(q, "01-t.md").map(\.description) == [
            "01-t.md:9: question 'buf': slip 'one-step-early' gives 1.9, indistinguishable from the answer 1.9 to 3 significant figures; ask for more figures or drop it",
        ])
    }
}
