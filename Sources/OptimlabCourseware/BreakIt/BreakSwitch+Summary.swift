import OptimlabEngine

extension BreakSwitch {
    /// What the switch does, in one line: a switch that turns on an engine mistake is called by that
    /// mistake's title in `mistakes` (the course's catalogue).
    public func summary(mistakes: MistakeCatalogue = .builtIn) -> String {
        switch self {
        case .noBiasCorrection, .coupledDecay, .clipPerTensor: mistake.map { mistakes[$0].title } ?? rawValue
        case .noWarmup: "Warmup removed: full learning rate from the first step"
        case .noClipping: "Gradient clipping removed"
        case .beta2Slow: "β₂ = 0.999 (Adam's default)"
        case .beta2Fast: "β₂ = 0.95 (the LLM choice)"
        case .sgdAdamLR: "SGD with lr 3e-4, Adam's habitual learning rate"
        }
    }
}
