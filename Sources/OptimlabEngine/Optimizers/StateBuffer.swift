/// A buffer of an optimizer's state, by the key PyTorch's state dict gives it (`momentum_buffer`,
/// `square_avg`, `exp_avg`, …; optax's `mu`, `nu` and `trace` for Lion, LAMB and LARS). Adam's moments
/// keep the paper's `m` and `v`, and its inspection adds the bias-corrected `m_hat` and `v_hat`.
///
/// ``OptimizerState/buffers`` lists a state's buffers under these names, in the order PyTorch keeps them.
public enum StateBuffer: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    /// Adam's first and second moments and AMSGrad's running maximum of v.
    case m, v
    case vMax = "v_max"
    /// Adam's bias-corrected moments m̂ = m/(1 − β₁ᵗ) and v̂ = v/(1 − β₂ᵗ) (inspection only).
    case mHat = "m_hat"
    case vHat = "v_hat"
    /// AdaGrad's running sum of g².
    case sum
    /// RMSProp's average of g², and of g when centred.
    case squareAverage = "square_avg"
    case gradAverage = "grad_avg"
    /// The momentum of SGD, RMSProp and Muon.
    case momentumBuffer = "momentum_buffer"
    /// RAdam's and NAdam's moments (and Adam's, as `torch.optim.Adam` stores them, with AMSGrad's
    /// maximum), and Adamax's exponentially weighted infinity norm.
    case expAvg = "exp_avg"
    case expAvgSq = "exp_avg_sq"
    case maxExpAvgSq = "max_exp_avg_sq"
    case expInf = "exp_inf"
    /// Adafactor's factored second moment (row and column averages) or, for a vector, its full one.
    case rowVar = "row_var"
    case colVar = "col_var"
    case variance
    /// optax's moments (Lion's and LAMB's `mu`, LAMB's `nu`) and LARS's momentum `trace`.
    case mu, nu, trace

    /// The state key.
    public var description: String { rawValue }
}
