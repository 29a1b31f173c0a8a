/// A storage type for parameters or optimizer state, by its size in bytes.
public enum StorageDType: String, Sendable, Equatable, CaseIterable {
    case float64, float32, bfloat16, float16, int8

    public var bytes: Int {
        switch self {
        case .float64: 8
        case .float32: 4
        case .bfloat16, .float16: 2
        case .int8: 1
        }
    }
}

/// How an optimizer's state is stored.
public enum StatePrecision: Sendable, Equatable {
    /// Every state buffer in the parameters' dtype (fp32 training: Adam keeps 8 bytes per parameter).
    case full
    /// Mixed precision: the model computes in a 16-bit dtype, the optimizer keeps an fp32 master copy
    /// of the weights (4 bytes per parameter) and its buffers in fp32 (the ZeRO paper's 12 bytes per
    /// parameter for Adam, on top of the 16-bit weights and gradients).
    case mixedPrecision
    /// Each buffer as 8-bit block-quantized codes: one byte per value plus an fp32 absmax per block of
    /// `blockSize` values (``BlockwiseQuantized``). Tensors smaller than `minimumSize` keep fp32 state,
    /// as bitsandbytes does (its `min_8bit_size` is 4096; its block size 2048 for the optimizers).
    case blockwise8bit(blockSize: Int, minimumSize: Int)

    /// bitsandbytes' defaults: blocks of 2048, tensors under 4096 values left in fp32.
    public static let bitsandbytes = StatePrecision.blockwise8bit(blockSize: 2048, minimumSize: 4096)
}

/// Optimizer-state memory, buffer by buffer.
public struct StateMemory: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var name: String
        public var bytes: Int
    }
    /// One entry per kind of buffer (summed over tensors), in the optimizer's order.
    public var parts: [Part]

    public var bytes: Int { parts.reduce(0) { $0 + $1.bytes } }

    mutating func add(_ name: String, _ bytes: Int) {
        if let i = parts.firstIndex(where: { $0.name == name }) { parts[i].bytes += bytes }
        else { parts.append(Part(name: name, bytes: bytes)) }
    }
}

extension OptimizerSpec {
    /// The state buffers the optimizer keeps for one tensor of `shape`, as (name, number of values),
    /// by their keys in PyTorch's state dict (optax's for Lion, LAMB and LARS): Adam's are `exp_avg` and
    /// `exp_avg_sq` here, as `torch.optim.Adam` stores them, where the engine's own state says `m` and `v`. Scalars (step counters, NAdam's μ product) are left out.
    ///
    /// SGD keeps a momentum buffer only with momentum; RMSProp a square average (+ a buffer with
    /// momentum, + a gradient average when centered); Adam, AdamW, RAdam, NAdam, Adamax and LAMB two
    /// moments (+ AMSGrad's maximum); Lion, Muon and LARS one buffer; Adafactor, for a tensor whose
    /// trailing matrix is R×C (batch B in front), B·R row and B·C column statistics, and a full second
    /// moment for a vector.
    public func stateBuffers(shape: [Int]) -> [(name: StateBuffer, count: Int)] {
        let n = shape.reduce(1, *)
        switch self {
        case .sgd(let o): return o.momentum != 0 ? [(.momentumBuffer, n)] : []
        case .adagrad: return [(.sum, n)]
        case .rmsprop(let o):
            return [(.squareAverage, n)] + (o.momentum > 0 ? [(.momentumBuffer, n)] : []) + (o.centered ? [(.gradAverage, n)] : [])
        case .adam(let h), .adamw(let h):
            return [(.expAvg, n), (.expAvgSq, n)] + (h.amsgrad ? [(.maxExpAvgSq, n)] : [])
        case .radam, .nadam: return [(.expAvg, n), (.expAvgSq, n)]
        case .adamax: return [(.expAvg, n), (.expInf, n)]
        case .lamb: return [(.mu, n), (.nu, n)]
        case .lion: return [(.mu, n)]
        case .muon: return [(.momentumBuffer, n)]
        case .lars: return [(.trace, n)]
        case .adafactor:
            guard let f = Adafactor.factoring(shape) else { return [(.variance, n)] }
            return [(.rowVar, f.batch * f.rows), (.colVar, f.batch * f.cols)]
        }
    }

    /// The optimizer-state bytes for parameters of `shapes` held in `dtype`, stored as `precision`
    /// says. Mixed precision adds the fp32 master weights as a part named `master_weights`.
    public func stateMemory(dtype: StorageDType, shapes: [[Int]], precision: StatePrecision = .full) -> StateMemory {
        var memory = StateMemory(parts: [])
        for shape in shapes {
            let n = shape.reduce(1, *)
            if precision == .mixedPrecision { memory.add("master_weights", 4 * n) }
            for buffer in stateBuffers(shape: shape) {
                switch precision {
                case .full: memory.add(buffer.name.rawValue, buffer.count * dtype.bytes)
                case .mixedPrecision: memory.add(buffer.name.rawValue, buffer.count * 4)
                case let .blockwise8bit(blockSize, minimumSize):
                    if n < minimumSize { memory.add(buffer.name.rawValue, buffer.count * 4) }
                    else { memory.add(buffer.name.rawValue, buffer.count + 4 * ((buffer.count + blockSize - 1) / blockSize)) }
                }
            }
        }
        return memory
    }
}
