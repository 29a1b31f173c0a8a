import Foundation
import Testing
import OptimlabCourseware
import OptimlabEngine

/// Each break-it switch, run on the case built to show it, against the correct run.
struct BreakSwitchTests {
    let experiment = Experiment()

    func pair(_ s: BreakSwitch) throws -> (correct: ExperimentResult, broken: ExperimentResult) {
        (experiment.run(s.demonstration), experiment.run(try s.demonstration.breaking([s])))
    }

    func close(_ a: Double, _ b: Double, rel: Double) -> Bool { abs(a - b) <= rel * abs(b) }

    @Test func noBiasCorrectionMakesTheFirstUpdate316TimesLarger() throws {
        let (correct, broken) = try pair(.noBiasCorrection)
        // Every coordinate with a gradient moves lr·g/(|g| + ε) correctly and lr·(1−β₁)g/(√(1−β₂)|g| + ε)
        // without correction: a ratio of 0.1/√0.001 = 3.1623, up to ε's share (ε = 1e-8 against
        // √0.001·|g| for the smallest gradients, ~1e-5 relative).
        #expect(close(broken.firstUpdateSize / correct.firstUpdateSize, 0.1 / 0.001.squareRoot(), rel: 1e-4))
        #expect(broken.ratios(to: correct).firstUpdate == broken.firstUpdateSize / correct.firstUpdateSize)
        let batch = experiment.data.batch(atStep: 0)
        let g0 = LogisticRegression.gradient(params: LogisticRegression.initialParams(featureCount: 16),
                                             features: batch.features, labels: batch.labels).flattened
        let moving = Double(g0.filter { $0 != 0 }.count)
        #expect(close(correct.firstUpdateSize, 0.01 * moving.squareRoot(), rel: 1e-5))
        #expect(broken.label == "adam lr=0.01 beta2=0.999 no-bias-correction")   // what ran, not the correct run's settings
    }

    @Test func coupledDecayShrinksTheWeightsThroughTheAdaptiveDenominator() throws {
        let (correct, broken) = try pair(.coupledDecay)
        #expect(correct.firstUpdateSize == broken.firstUpdateSize)  // θ₀ = 0: no decay on step 1 either way
        #expect(close(correct.weightNorm, 1.499326, rel: 1e-5))
        #expect(close(broken.weightNorm, 0.895717, rel: 1e-5))
        #expect(broken.finalLoss > correct.finalLoss + 0.02)        // measured 0.5288 vs 0.5034
    }

    @Test func noWarmupLetsTheOutlierBatchDivergeTheRun() throws {
        let (correct, broken) = try pair(.noWarmup)
        #expect(correct.firstUpdateSize == 0)                      // warmup's lr at s = 0 is 0
        #expect(broken.ratios(to: correct).firstUpdate == nil)    // no ratio against a zero step
        #expect(close(broken.firstUpdateSize, 0.5 * broken.gradNorms[0], rel: 1e-12))   // SGD: lr·‖g‖
        #expect(correct.divergenceStep == nil)
        #expect(broken.divergenceStep == 11)                       // the update after the outlier batch
        #expect(correct.worstLoss < 10 * log(2))
    }

    @Test func noClippingLetsTheOutlierBatchThrough() throws {
        let (correct, broken) = try pair(.noClipping)
        #expect(close(correct.updateSizes[10], 0.5, rel: 1e-6))    // clipped to norm 1, times lr 0.5
        #expect(close(broken.updateSizes[10], 0.5 * broken.gradNorms[10], rel: 1e-12))
        #expect(broken.gradNorms[10] > 30)
        #expect(correct.divergenceStep == nil)
        #expect(broken.divergenceStep == 11)
    }

    @Test func clipPerTensorGivesEachTensorTheWholeBudget() throws {
        let (correct, broken) = try pair(.clipPerTensor)
        // Both w's and b's gradient norms exceed 0.05 at the start, so per-tensor clipping makes each
        // 0.05 long: the update is lr·0.05·√2 instead of lr·0.05.
        #expect(close(correct.firstUpdateSize, 0.5 * 0.05, rel: 1e-5))
        #expect(close(broken.firstUpdateSize / correct.firstUpdateSize, 2.0.squareRoot(), rel: 1e-5))
    }

    @Test func slowBeta2RemembersTheOutlierAndStarvesLaterUpdates() throws {
        let (fast, slow) = try pair(.beta2Slow)
        #expect(fast.firstUpdateSize == slow.firstUpdateSize)      // bias correction makes step 1 equal
        #expect(close(fast.finalLoss, 0.458560, rel: 1e-5))
        #expect(close(slow.finalLoss, 0.570606, rel: 1e-5))
        #expect(slow.lastUpdateSize < fast.lastUpdateSize / 3)     // measured 0.0040 vs 0.0162
        let (slow2, fast2) = try pair(.beta2Fast)
        #expect(slow2.finalLoss == slow.finalLoss && fast2.finalLoss == fast.finalLoss)
    }

    @Test func sgdAtAdamsLearningRateBarelyMoves() throws {
        let (correct, broken) = try pair(.sgdAdamLR)
        #expect(close(broken.firstUpdateSize / correct.firstUpdateSize, 3e-4 / 0.5, rel: 1e-12))
        #expect(broken.finalLoss > 0.99 * broken.initialLoss)     // under 1% better after 200 updates
        #expect(correct.worstLoss > 10 * log(2))                   // and lr 0.5 without clipping diverges
    }

    @Test func switchesThatDoNotApplySayWhy() {
        let sgd = RunSetup(label: "sgd", optimizer: OptimizerChoice.sgd.spec(lr: 0.1))
        #expect(throws: ProblemError("no-warmup applies to a warmup_cosine or warmup_linear schedule (this run has none)")) {
            try sgd.breaking([.noWarmup])
        }
        #expect(throws: ProblemError("no-bias-correction applies to adam or adamw (this run is sgd)")) {
            try sgd.breaking([.noBiasCorrection])
        }
        #expect(throws: ProblemError("no-clipping applies to a run with clipping (set clip)")) {
            try sgd.breaking([.noClipping])
        }
        #expect(throws: ProblemError("unknown switch \"no-adam\" (expected one of \(BreakSwitch.names))")) {
            try BreakSwitch.named("no-adam")
        }
    }
}
