/// Trains logistic regression on a ``SyntheticClassification`` dataset with the engine, one
/// ``RunSetup`` at a time, and measures what tells optimizers apart: the loss curve, the size of the
/// first update, when (if ever) the run diverged, the final loss and the final weight norm.
///
/// Each update s takes minibatch s (``SyntheticClassification/batch(atStep:)``) through
/// ``TrainingRun`` (clip → schedule → optimizer), and the loss recorded after it is the mean loss over
/// the whole dataset, so curves are smooth and comparable between runs.
public struct Experiment: Sendable {
    public var data: SyntheticClassification
    public var steps: Int

    public init(data: SyntheticClassification = .standard, steps: Int = 200) {
        self.data = data; self.steps = steps
    }

    /// A run diverged at the first update after which the loss is not finite or exceeds this multiple of
    /// the initial loss.
    public static let divergenceFactor = 10.0

    /// The learning rates experiments use unless told otherwise, tuned to this problem (PyTorch's
    /// defaults are tuned to none): sgd 0.5, momentum 0.05 (μ = 0.9), adagrad 0.1, rmsprop 0.01,
    /// adam and adamw 0.01; past AdamW radam, nadam, adamax, adafactor, muon and lamb 0.01, lion 0.001
    /// (a sign step moves every weight by the full lr, so Lion's lr is ~10× smaller than Adam's), lars 1.
    public static func defaultLR(for choice: OptimizerChoice) -> Double {
        switch choice {
        case .sgd: 0.5
        case .momentum: 0.05
        case .adagrad: 0.1
        case .rmsprop, .adam, .adamw, .radam, .nadam, .adamax, .adafactor, .muon, .lamb: 0.01
        case .lion: 0.001
        case .lars: 1
        }
    }

    public func run(_ setup: RunSetup) -> ExperimentResult {
        var params = LogisticRegression.initialParams(featureCount: data.featureCount)
        var training = TrainingRun(optimizer: setup.optimizer, schedule: setup.schedule, clipNorm: setup.clipNorm,
                                   variant: setup.variant, initialParams: params,
                                   shapes: OptimizerChoice.shapes(for: setup.optimizer, params: params))
        let initial = fullLoss(params)
        var result = ExperimentResult(label: setup.label, losses: [initial])
        for s in 0..<max(steps, 0) {
            let batch = data.batch(atStep: s)
            let grads = LogisticRegression.gradient(params: params, features: batch.features, labels: batch.labels)
            let record = training.step(grads: grads)
            let delta = zip(record.params.flattened, params.flattened).map { $0 - $1 }
            params = record.params
            let loss = fullLoss(params)
            result.lrs.append(record.lr)
            result.updateSizes.append(GradientClipping.norm(delta))
            result.gradNorms.append(GradientClipping.globalNorm(grads))
            result.losses.append(loss)
            if result.divergenceStep == nil && (!loss.isFinite || loss > Self.divergenceFactor * initial) {
                result.divergenceStep = s + 1
            }
            if !params.flattened.allSatisfy(\.isFinite) { break }
        }
        result.weightNorm = GradientClipping.norm(params.flattened)
        return result
    }

    func fullLoss(_ params: NamedTensors) -> Double {
        LogisticRegression.loss(params: params, features: data.features, labels: data.labels)
    }
}

/// What one experiment run measured.
public struct ExperimentResult: Sendable, Equatable {
    public var label: String
    /// The full-dataset loss after k updates (index 0: before any).
    public var losses: [Double]
    /// The lr each update used.
    public var lrs: [Double] = []
    /// ‖θₖ₊₁ − θₖ‖ for each update (all parameters).
    public var updateSizes: [Double] = []
    /// The global norm of each minibatch gradient, before clipping.
    public var gradNorms: [Double] = []
    /// The first update (1-based) after which the loss was non-finite or > 10× the initial loss.
    public var divergenceStep: Int?
    /// ‖θ‖ over all parameters at the end.
    public var weightNorm = 0.0

    public init(label: String, losses: [Double]) { self.label = label; self.losses = losses }

    public var initialLoss: Double { losses.first ?? .nan }
    public var finalLoss: Double { losses.last ?? .nan }
    public var firstUpdateSize: Double { updateSizes.first ?? 0 }
    /// The highest loss after any update: an early spike shows here even when the run recovers.
    public var worstLoss: Double { losses.dropFirst().max { !($0 >= $1) } ?? initialLoss }
    public var lastUpdateSize: Double { updateSizes.last ?? 0 }

    /// This run's measurements divided by `base`'s (a broken run against its correct twin); nil where
    /// the base value is 0 or either is not finite.
    public func ratios(to base: ExperimentResult) -> (firstUpdate: Double?, weightNorm: Double?, lastUpdate: Double?) {
        func ratio(_ v: Double, _ w: Double) -> Double? { w != 0 && v.isFinite && w.isFinite ? v / w : nil }
        return (ratio(firstUpdateSize, base.firstUpdateSize), ratio(weightNorm, base.weightNorm),
                ratio(lastUpdateSize, base.lastUpdateSize))
    }
}
