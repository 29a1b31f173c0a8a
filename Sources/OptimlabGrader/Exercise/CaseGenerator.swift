import Foundation
import OptimlabEngine

/// The recipe for a generated case. Initial parameters are uniform in [−1, 1]; each gradient's
/// magnitude is log-uniform in `gradientRange` with a random sign, so a range such as [1e-5, 1] puts
/// some coordinates near ε, where ε placement shows; a `zeroFraction` makes that share of the
/// gradients exactly 0 (a sparse gradient, where what sign(0) or 0/0 gives shows).
public struct CaseGenerator: Sendable, Equatable {
    public var optimizer: OptimizerSpec
    /// Tensor names and sizes, in flattening order.
    public var tensors: [(name: String, size: Int)]
    /// The shapes of the tensors given one (row-major, e.g. `[3, 4]`); the others are vectors.
    public var shapes: TensorShapes
    public var steps: Int
    public var gradientRange: ClosedRange<Double>
    /// The probability that a gradient is exactly 0.
    public var zeroFraction: Double
    public var schedule: ScheduleSpec?
    public var clipNorm: Double?
    /// Fixes the random tensors; nil draws fresh ones on every run (unless `--seed` is given).
    public var seed: UInt64?
    /// Whether the harness sets the optimizer's lr before every step (from the schedule).
    public var lrChanges: Bool
    /// The batch sizes of a batch-scaling case: the recipe's and the new one.
    public var batch: (base: Int, new: Int)?

    public init(optimizer: OptimizerSpec, tensors: [(name: String, size: Int)], steps: Int,
                gradientRange: ClosedRange<Double> = 1e-2...1, schedule: ScheduleSpec? = nil,
                clipNorm: Double? = nil, seed: UInt64? = nil, lrChanges: Bool = false, batch: (base: Int, new: Int)? = nil,
                shapes: TensorShapes = TensorShapes(), zeroFraction: Double = 0) {
        self.zeroFraction = zeroFraction
        self.optimizer = optimizer; self.tensors = tensors; self.steps = steps; self.shapes = shapes
        self.gradientRange = gradientRange; self.schedule = schedule; self.clipNorm = clipNorm
        self.seed = seed; self.lrChanges = lrChanges; self.batch = batch
    }

    public static func == (a: CaseGenerator, b: CaseGenerator) -> Bool {
        a.optimizer == b.optimizer && a.tensors.map(\.name) == b.tensors.map(\.name)
            && a.tensors.map(\.size) == b.tensors.map(\.size) && a.shapes == b.shapes && a.zeroFraction == b.zeroFraction && a.steps == b.steps
            && a.gradientRange == b.gradientRange && a.schedule == b.schedule && a.clipNorm == b.clipNorm
            && a.seed == b.seed && a.lrChanges == b.lrChanges && a.batch?.base == b.batch?.base && a.batch?.new == b.batch?.new
    }

    /// Draws the case's inputs as a trace without params: initial params and per-step gradients.
    /// Each step's `lr` is filled in from the schedule (or the base lr).
    public func trace(seed: UInt64) -> Trace {
        var rng = SplitMix64(seed: self.seed ?? seed)
        let initial = NamedTensors(tensors.map { t in (t.name, (0..<t.size).map { _ in rng.uniform(-1, 1) }) })
        let lo = gradientRange.lowerBound, hi = gradientRange.upperBound
        var steps: [TraceStep] = []
        let schedule = self.schedule?.schedule(peak: optimizer.lr)
        for s in 0..<self.steps {
            let grads = NamedTensors(tensors.map { t in
                (t.name, (0..<t.size).map { _ in
                    let magnitude = lo * Foundation.exp(rng.uniform(0, 1) * Foundation.log(hi / lo))
                    let g = rng.uniform(0, 1) < 0.5 ? -magnitude : magnitude
                    return zeroFraction > 0 && rng.uniform(0, 1) < zeroFraction ? 0 : g
                })
            })
            steps.append(TraceStep(grads: grads, lr: schedule?.learningRate(atStep: s) ?? optimizer.lr))
        }
        return Trace(optimizer: optimizer, schedule: self.schedule, clipNorm: clipNorm, initialParams: initial, shapes: shapes, steps: steps)
    }
}

