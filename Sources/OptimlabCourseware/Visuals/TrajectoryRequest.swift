import OptimlabEngine

/// The canyon race: which optimizers, how many steps, their lrs and the loss that counts as arrived.
public struct TrajectoryRequest: Sendable, Equatable {
    public var canyon = Canyon.standard
    public var optimizers: [OptimizerChoice]
    public var steps: Int
    public var lrs: [OptimizerChoice: Double]
    /// Each optimizer's β (``OptimizerChoice/betaField``: momentum's μ, RMSProp's α, Adam's β₁) when
    /// not its default.
    public var betas: [OptimizerChoice: Double] = [:]
    public var targetLoss: Double
    /// Replaces the default title (which shows the function).
    public var title: String?

    /// The run lengths a lesson block or a learner's rerun may ask for.
    public static let stepRange = 1...100_000

    public static let defaultOptimizers: [OptimizerChoice] = [.sgd, .momentum, .rmsprop, .adam, .adamw]

    public init(optimizers: [OptimizerChoice] = defaultOptimizers, steps: Int = 300, lrs: [OptimizerChoice: Double] = [:],
                targetLoss: Double = Canyon.defaultTargetLoss) {
        self.optimizers = optimizers; self.steps = steps; self.lrs = lrs; self.targetLoss = targetLoss
    }

    /// `choice`'s lr: the one asked for, else the optimizer's default on the canyon.
    public func lr(of choice: OptimizerChoice) -> Double { lrs[choice] ?? Canyon.defaultLR(for: choice) }

    /// Each optimizer's path from the same start (engine runs).
    public func compute() -> TrajectoryFigure {
        TrajectoryFigure(request: self, paths: canyon.race(optimizers, steps: steps, lrs: lrs, betas: betas))
    }
}

extension OptimizerChoice {
    /// Why a β cannot be set for this optimizer (the canyon race's `beta` input), or nil when it has one
    /// (``betaField``).
    public var betaRefusal: String? {
        betaField == nil ? "\(rawValue) has no β (momentum, rmsprop, adam and adamw do)" : nil
    }
}
