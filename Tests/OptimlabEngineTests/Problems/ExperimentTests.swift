import Foundation
import Testing
@testable import OptimlabEngine

struct SyntheticClassificationTests {
    let data = SyntheticClassification.standard

    @Test func isDeterministicAndShaped() {
        #expect(SyntheticClassification(seed: 2024) == data)
        #expect(SyntheticClassification(seed: 2025) != data)
        #expect(data.features.count == 512 && data.labels.count == 512)
        #expect(data.features.allSatisfy { $0.count == 16 })
        #expect(data.batchesPerEpoch == 16)
    }

    @Test func sparseFeaturesAreRareIndicatorsAndClassesAreUnbalanced() {
        let sparse = data.features.flatMap { $0[8...] }
        #expect(sparse.allSatisfy { $0 == 0 || $0 == 1 })
        let active = Double(sparse.filter { $0 == 1 }.count) / Double(sparse.count)
        #expect(active > 0.03 && active < 0.07)                     // drawn with p = 0.05
        let positives = data.labels.reduce(0, +) / Double(data.labels.count)
        #expect(positives > 0.55 && positives < 0.8)               // b* = 0.8 tilts toward 1
    }

    @Test func theOutlierBatchIsScaledAndFlipped() {
        let normal = data.batch(atStep: 10 + 16)                    // the same rows one epoch later
        let outlier = data.batch(atStep: 10)
        #expect(outlier.features.count == 32)
        #expect(outlier.features[3][0] == 50 * normal.features[3][0])
        #expect(outlier.labels == normal.labels.map { 1 - $0 })
        #expect(data.batch(atStep: 0).features == Array(data.features[0..<32]))
    }
}

struct LogisticRegressionTests {
    let data = SyntheticClassification.standard

    @Test func startsAtLogTwo() {
        let p = LogisticRegression.initialParams(featureCount: 16)
        #expect(abs(LogisticRegression.loss(params: p, features: data.features, labels: data.labels) - log(2)) < 1e-14)
    }

    @Test func gradientMatchesCentralDifferences() {
        var rng = SplitMix64(seed: 3)
        let p = NamedTensors([("w", (0..<16).map { _ in rng.nextGaussian() * 0.3 }), ("b", [0.2])])
        let g = LogisticRegression.gradient(params: p, features: data.features, labels: data.labels).flattened
        let flat = p.flattened, h = 1e-6
        for k in [0, 5, 9, 16] {
            var plus = flat, minus = flat
            plus[k] += h; minus[k] -= h
            let lp = LogisticRegression.loss(params: p.reshaped(plus), features: data.features, labels: data.labels)
            let lm = LogisticRegression.loss(params: p.reshaped(minus), features: data.features, labels: data.labels)
            #expect(abs((lp - lm) / (2 * h) - g[k]) < 1e-8)
        }
    }

    @Test func hugeMarginsGiveLargeFiniteLosses() {
        let p = NamedTensors([("w", [1000]), ("b", [0])])
        // softplus(−1000) − 0 for y = 0 at x = −1 is ~0; for y = 1 at x = −1 it is 1000.
        #expect(abs(LogisticRegression.loss(params: p, features: [[-1]], labels: [1]) - 1000) < 1e-9)
        #expect(LogisticRegression.loss(params: p, features: [[-1]], labels: [0]) < 1e-300)
    }
}

struct ScheduleRecipeTests {
    @Test func aliasesAndDefaultsFillTheSpec() throws {
        let r = try ScheduleRecipe.make(name: "warmup_cosine", fields: ["peak": [3e-4], "warmup": [100], "total": [2000], "min": [3e-5]], steps: 500)
        #expect(r.spec == .warmupCosine(warmupSteps: 100, totalSteps: 2000, minLR: 3e-5))
        #expect(r.peak == 3e-4)
        let d = try ScheduleRecipe.make(name: "step", fields: [:], steps: 300)
        #expect(d == ScheduleRecipe(spec: .step(stepSize: 100, gamma: 0.1), peak: 1e-3))
        #expect(try ScheduleRecipe.make(name: "multistep", fields: ["milestones": [60, 30]], steps: 90).spec
                == .multistep(milestones: [30, 60], gamma: 0.1))
    }

    @Test func badFieldsAreNamed() {
        #expect(throws: ProblemError("cosine does not take step_size (it takes peak, total_steps, min_lr)")) {
            try ScheduleRecipe.make(name: "cosine", fields: ["step_size": [3]], steps: 10)
        }
        #expect(throws: ProblemError("warmup_cosine: warmup_steps must be a whole number of steps, got 2.5")) {
            try ScheduleRecipe.make(name: "warmup_cosine", fields: ["warmup": [2.5]], steps: 10)
        }
        #expect(throws: ProblemError("warmup_linear: warmup_steps (50) must not exceed total_steps (20)")) {
            try ScheduleRecipe.make(name: "warmup_linear", fields: ["warmup": [50], "total": [20]], steps: 10)
        }
        #expect(throws: ProblemError("unknown schedule \"cosin\" (expected one of \(ScheduleSpec.names.joined(separator: ", ")))")) {
            try ScheduleRecipe.make(name: "cosin", fields: [:], steps: 10)
        }
        #expect(throws: ProblemError("constant: peak must be ≥ 0, got -1.0")) {
            try ScheduleRecipe.make(name: "constant", fields: ["lr": [-1]], steps: 10)
        }
    }

    @Test func longCurvesAreSampledButKeepBothSidesOfEveryDrop() throws {
        let r = try ScheduleRecipe.make(name: "step", fields: ["peak": [1], "step_size": [30_001]], steps: 100_000)
        let curve = r.curve(steps: 100_000, maxSamples: 100)
        #expect(curve.count <= 100 + 6)
        #expect(curve.contains { $0.step == 30_000 && $0.lr == 1 })
        #expect(curve.contains { $0.step == 30_001 && abs($0.lr - 0.1) < 1e-15 })
        #expect(try ScheduleRecipe.make(name: "constant", fields: [:], steps: 5).curve(steps: 5).map(\.step) == [0, 1, 2, 3, 4])
    }

    @Test func summaryShowsTheResolvedFields() throws {
        let r = try ScheduleRecipe.make(name: "warmup_cosine", fields: ["peak": [3e-4], "warmup": [100]], steps: 2000)
        #expect(r.summary == "warmup_cosine peak=0.0003 warmup=100 total=2000 min=0")
    }
}
