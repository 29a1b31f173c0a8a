import OptimlabEngine

/// For every switch, a correct run built so the switch's effect is plain to see on the standard
/// dataset (200 updates, the outlier batch at update 10). Lessons and `optimlab experiment SWITCH` run
/// it next to its broken twin.
extension BreakSwitch {
    public var demonstration: RunSetup {
        switch self {
        case .noBiasCorrection:
            // Constant lr so the first update is a full one: 3.16× larger without the correction.
            return RunSetup(label: "adam", optimizer: OptimizerChoice.adam.spec(lr: 0.01))
        case .coupledDecay:
            // A strong decay (λ = 0.1) so where it acts is visible in the final weight norm.
            return RunSetup(label: "adamw wd=0.1", optimizer: OptimizerChoice.adamw.spec(lr: 0.05, weightDecay: 0.1))
        case .noWarmup:
            // SGD at lr 0.5 with a 20-step warmup: the outlier batch (update 10) arrives at half the lr and
            // the run survives it; at full lr the same batch sends the loss above 10× its start.
            return RunSetup(label: "sgd warmup_cosine", optimizer: OptimizerChoice.sgd.spec(lr: 0.5),
                            schedule: .warmupCosine(warmupSteps: 20, totalSteps: 200, minLR: 0))
        case .noClipping:
            // Plain SGD at a good lr: clipping at 1 caps the outlier batch's update at lr.
            return RunSetup(label: "sgd clip=1", optimizer: OptimizerChoice.sgd.spec(lr: 0.5), clipNorm: 1)
        case .clipPerTensor:
            // A clip norm below both tensors' gradient norms at the start, so both get clipped.
            return RunSetup(label: "sgd clip=0.05", optimizer: OptimizerChoice.sgd.spec(lr: 0.5), clipNorm: 0.05)
        case .beta2Slow:
            return RunSetup(label: "adam beta2=0.95", optimizer: OptimizerChoice.adam.spec(lr: 0.01, beta2: 0.95))
        case .beta2Fast:
            return RunSetup(label: "adam beta2=0.999", optimizer: OptimizerChoice.adam.spec(lr: 0.01))
        case .sgdAdamLR:
            return RunSetup(label: "sgd lr=0.5", optimizer: OptimizerChoice.sgd.spec(lr: 0.5))
        }
    }
}
