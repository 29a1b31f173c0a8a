import Foundation
import OptimlabEngine

/// Functions for the lessons past AdamW (memory at scale, large batches, RAdam, sign and orthogonal
/// updates). Each computes with the engine: state sizes from ``OptimizerSpec/stateMemory``, quantization
/// from ``BlockwiseQuantized``, runs from the engine's optimizers.
enum ScaleFunctions {
    static let grads = OptimizerFunctions.grads

    /// An optimizer by its ``OptimizerChoice`` name ("adamw", "lion", "momentum", …).
    static func choice(_ a: Arguments, _ name: String = "optimizer") throws(ExpressionError) -> OptimizerSpec {
        let n = try a.string(name, "adamw")
        guard let c = OptimizerChoice(rawValue: n) else { throw a.error(name, "unknown optimizer \"\(n)\" (expected one of \(OptimizerChoice.names))") }
        return c.spec(lr: 1e-3)
    }

    static func precision(_ a: Arguments) throws(ExpressionError) -> StatePrecision {
        switch try a.string("precision", "full") {
        case "full": return .full
        case "mixed": return .mixedPrecision
        case "8bit": return .bitsandbytes
        case let other: throw a.error("precision", "unknown \"\(other)\" (expected \"full\", \"mixed\" or \"8bit\")")
        }
    }

    static func dtype(_ a: Arguments) throws(ExpressionError) -> StorageDType {
        let n = try a.string("dtype", "float32")
        guard let d = StorageDType(rawValue: n) else { throw a.error("dtype", "unknown \"\(n)\" (expected float32, bfloat16, float16, float64)") }
        return d
    }

    /// Bytes of optimizer state for one rows×cols matrix.
    static func matrixBytes(_ a: Arguments) throws(ExpressionError) -> (bytes: Double, size: Double) {
        let rows = try a.integer("rows", 4096), cols = try a.integer("cols", 4096)
        guard rows >= 1, cols >= 1, rows <= 1 << 20, cols <= 1 << 20 else { throw a.error("rows", "rows and cols must be between 1 and 2^20") }
        let memory = try choice(a).stateMemory(dtype: try dtype(a), shapes: [[rows, cols]], precision: try precision(a))
        return (Double(memory.bytes), Double(rows * cols))
    }

    static let memoryParameters = [Parameter("optimizer", "\"adamw\""), Parameter("params", "7e9"), Parameter("rows", "4096"),
                                   Parameter("cols", "4096"), Parameter("dtype", "\"float32\""), Parameter("precision", "\"full\"")]

    static let all: [FunctionDefinition] = [
        FunctionDefinition("state_gb", .analysis, memoryParameters,
                           "GB (10⁹ bytes) of optimizer state for `params` parameters held as rows×cols matrices; precision \"full\", \"mixed\" (fp32 master weights + fp32 state) or \"8bit\" (blockwise, 2048 per block)") { (a: Arguments) throws(ExpressionError) -> Value in
            let (bytes, size) = try matrixBytes(a)
            return .number(bytes / size * (try a.number("params", 7e9)) / 1e9)
        },
        FunctionDefinition("state_bytes_per_param", .analysis, memoryParameters.filter { $0.name != "params" },
                           "bytes of optimizer state per parameter of a rows×cols matrix") { (a: Arguments) throws(ExpressionError) -> Value in
            let (bytes, size) = try matrixBytes(a)
            return .number(bytes / size)
        },
        FunctionDefinition("quantize_max_error", .analysis, [Parameter("values"), Parameter("block", "2048")],
                           "max |x − x̂| after blockwise 8-bit absmax quantization (x̂ = round(127x/a)·a/127, a = the block's max |x|)") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(BlockwiseQuantized.error(of: try finite(a), blockSize: try blockSize(a)).maxAbsolute)
        },
        FunctionDefinition("quantize_zeroed", .analysis, [Parameter("values"), Parameter("block", "2048")],
                           "the fraction of non-zero values that blockwise 8-bit quantization turns into 0") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(BlockwiseQuantized.error(of: try finite(a), blockSize: try blockSize(a)).zeroedFraction)
        },
        FunctionDefinition("quantize", .analysis, [Parameter("values"), Parameter("block", "2048")],
                           "the values after a blockwise 8-bit round trip") { (a: Arguments) throws(ExpressionError) -> Value in
            .list(BlockwiseQuantized(try finite(a), blockSize: try blockSize(a)).dequantized.map(Value.number))
        },
        FunctionDefinition("radam_rho", .analysis, [Parameter("t"), Parameter("beta2", "0.999")],
                           "RAdam's ρₜ = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ), the length of the second moment's simple-average equivalent") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(RAdam.rho(step: try a.integer("t"), beta2: try beta2(a)))
        },
        FunctionDefinition("radam_rect", .analysis, [Parameter("t"), Parameter("beta2", "0.999")],
                           "RAdam's rectification rₜ at step t (0 while ρₜ ≤ 5: no adaptive step yet)") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(RAdam.rectification(step: try a.integer("t"), beta2: try beta2(a)) ?? 0)
        },
        FunctionDefinition("radam_start", .analysis, [Parameter("beta2", "0.999")],
                           "the first step whose ρₜ exceeds 5, where RAdam starts adapting") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(Double(RAdam.rectificationStart(beta2: try beta2(a), limit: 100_000) ?? 0))
        },
        FunctionDefinition("radam_param", .optimizers,
                           [grads, Parameter("theta0", "0"), Parameter("lr", "1e-3"), Parameter("beta1", "0.9"), Parameter("beta2", "0.999")],
                           "θ after RAdam (torch.optim.RAdam) over the gradients") { (a: Arguments) throws(ExpressionError) -> Value in
            let spec = OptimizerSpec.radam(RAdam(lr: try a.number("lr", 1e-3), beta1: try a.number("beta1", 0.9), beta2: try beta2(a)))
            return .number(ScalarRun(spec, grads: try a.gradients(), theta0: try a.number("theta0", 0), variant: .correct).final)
        },
        FunctionDefinition("lion_param", .optimizers,
                           [grads, Parameter("theta0", "0"), Parameter("lr", "1e-4"), Parameter("beta1", "0.9"), Parameter("beta2", "0.99"),
                            Parameter("weight_decay", "0")],
                           "θ after Lion (optax.lion) over the gradients") { (a: Arguments) throws(ExpressionError) -> Value in
            let spec = OptimizerSpec.lion(Lion(lr: try a.number("lr", 1e-4), beta1: try a.number("beta1", 0.9),
                                               beta2: try a.number("beta2", 0.99), weightDecay: try a.number("weight_decay", 0)))
            return .number(ScalarRun(spec, grads: try a.gradients(), theta0: try a.number("theta0", 0), variant: .correct).final)
        },
        FunctionDefinition("amsgrad_update", .optimizers,
                           [grads, Parameter("lr", "1e-3"), Parameter("beta1", "0.9"), Parameter("beta2", "0.999")],
                           "the last step of Adam with amsgrad (v̂ from the running maximum of v, as PyTorch)") { (a: Arguments) throws(ExpressionError) -> Value in
            let g = try a.gradients()
            let spec = ScalarRun.make(.adam, [.lr: try a.number("lr", 1e-3), .beta1: try a.number("beta1", 0.9),
                                               .beta2: try beta2(a), .amsgrad: 1], variant: .correct)
            return .number(ScalarRun(spec, grads: g, theta0: 0, variant: .correct).update(at: g.count))
        },
        FunctionDefinition("trust_ratio", .analysis,
                           [Parameter("param_norm"), Parameter("update_norm"), Parameter("coefficient", "1"), Parameter("eps", "0")],
                           "LARS/LAMB's c·‖θ‖/(‖u‖ + ε), 1 when either norm is 0") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(trustRatio(paramNorm: try a.number("param_norm"), updateNorm: try a.number("update_norm"),
                               coefficient: try a.number("coefficient", 1), eps: try a.number("eps", 0)))
        },
        FunctionDefinition("sparse_row_move", .analysis,
                           [Parameter("beta1", "0.9"), Parameter("beta2", "0.999"), Parameter("warm", "10000"), Parameter("after", "2000")],
                           "how far Adam moves a row, in units of lr, after one gradient: `warm` steps of zero gradient, one gradient, `after` more zeros") { (a: Arguments) throws(ExpressionError) -> Value in
            let warm = try a.integer("warm", 10000), after = try a.integer("after", 2000)
            guard warm >= 0, after >= 0, warm + after <= 100_000 else { throw a.error("warm", "warm + after must be between 0 and 100000") }
            let spec = ScalarRun.make(.adam, [.lr: 1, .beta1: try a.number("beta1", 0.9), .beta2: try beta2(a), .eps: 1e-12], variant: .correct)
            let grads = Array(repeating: 0.0, count: warm) + [1.0] + Array(repeating: 0.0, count: after)
            return .number(abs(ScalarRun(spec, grads: grads, theta0: 0, variant: .correct).final))
        },
        FunctionDefinition("ns_map", .analysis, [Parameter("s"), Parameter("steps", "5")],
                           "a singular value after Muon's Newton–Schulz steps (the quintic 3.4445σ − 4.775σ³ + 2.0315σ⁵, iterated)") { (a: Arguments) throws(ExpressionError) -> Value in
            let steps = try a.integer("steps", 5)
            guard (0...1000).contains(steps) else { throw a.error("steps", "must be between 0 and 1000") }
            return .number(Muon.newtonSchulz(singularValue: try a.number("s"), steps: steps))
        },
        FunctionDefinition("memory_table", .tables, [Parameter("params", "7e9"), Parameter("rows", "4096"), Parameter("cols", "4096")],
                           "optimizer state for a model of `params` parameters as rows×cols matrices; columns setup, bytes, gb") { (a: Arguments) throws(ExpressionError) -> Value in
            let params = try a.number("params", 7e9)
            let rows = try a.integer("rows", 4096), cols = try a.integer("cols", 4096)
            guard rows >= 1, cols >= 1, rows <= 1 << 20, cols <= 1 << 20 else { throw a.error("rows", "rows and cols must be between 1 and 2^20") }
            var t = Table(columns: [Table.Column(key: "setup", title: "optimizer, state"), Table.Column(key: "bytes", title: "bytes/param"),
                                    Table.Column(key: "gb", title: "GB of state")])
            let setups: [(String, OptimizerChoice, StatePrecision)] = [
                ("SGD + momentum, fp32", .momentum, .full), ("AdamW, fp32", .adamw, .full),
                ("AdamW, mixed precision (fp32 master)", .adamw, .mixedPrecision), ("AdamW, 8-bit blockwise", .adamw, .bitsandbytes),
                ("Lion, fp32", .lion, .full), ("Adafactor, fp32 (factored)", .adafactor, .full),
            ]
            for (label, choice, precision) in setups {
                let bytes = Double(choice.spec(lr: 1e-3).stateMemory(dtype: .float32, shapes: [[rows, cols]], precision: precision).bytes)
                    / Double(rows * cols)
                t.append(cells: [.text(label), .number(bytes), .number(bytes * params / 1e9)])
            }
            return .table(t)
        },
    ]

    /// The `values` argument, which must be finite numbers.
    static func finite(_ a: Arguments) throws(ExpressionError) -> [Double] {
        let v = try a.numbers("values")
        guard v.allSatisfy(\.isFinite) else { throw a.error("values", "must be finite numbers") }
        guard v.count <= 1_000_000 else { throw a.error("values", "must have at most 1000000 values") }
        return v
    }

    static func blockSize(_ a: Arguments) throws(ExpressionError) -> Int {
        let b = try a.integer("block", 2048)
        guard b >= 1 else { throw a.error("block", "must be at least 1") }
        return b
    }

    static func beta2(_ a: Arguments) throws(ExpressionError) -> Double {
        let b = try a.number("beta2", 0.999)
        guard b >= 0, b < 1 else { throw a.error("beta2", "must be in [0, 1)") }
        return b
    }
}
