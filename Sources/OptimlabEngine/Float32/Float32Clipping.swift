/// Global-norm gradient clipping over Float32 buffers: the norm in one vectorised, threaded read pass
/// and the scaling in one read-write pass (``GradientClipping`` for Float32 tensors).
///
/// The norm follows `clip_grad_norm_`'s structure, a norm of per-tensor norms,
/// `‖g‖ = √(Σₜ ‖gₜ‖²)` with `‖gₜ‖ = √(Σᵢ gₜᵢ²)`, but sums in Double: each `gᵢ²` of a Float is exact in
/// Double, so the only rounding is in the additions, ~1e-16 relative, far below Float's resolution
/// (PyTorch's float32 reduction is ~5e-7 off the exact value, and no other order reproduces it).
/// The sum runs over fixed blocks of ``blockLength`` elements, each block in 16 lanes, and the block
/// sums are added in block order, so the norm is the same bit for bit whatever the thread count.
public enum Float32Clipping {
    /// Elements per block of the norm's sum (a multiple of the vector width).
    public static let blockLength = 1 << 14

    /// `Σᵢ xᵢ²` in Double.
    public static func sumOfSquares(_ x: UnsafeBufferPointer<Float>, parallelism: Parallelism = .automatic) -> Double {
        guard let base = x.baseAddress, !x.isEmpty else { return 0 }
        let blocks = (x.count + blockLength - 1) / blockLength
        var partial = [Double](repeating: 0, count: blocks)
        partial.withUnsafeMutableBufferPointer { out in
            guard let sums = out.baseAddress else { return }
            let shared = ThreadShared((x: base, sums: sums)), count = x.count
            let threaded = Parallelism(threads: parallelism.threadCount(for: count))
            threaded.forEachTask(blocks) { k in
                let start = k * blockLength
                shared.value.sums[k] = blockSumOfSquares(shared.value.x, start..<min(count, start + blockLength))
            }
        }
        return partial.reduce(0, +)
    }

    /// The sum of squares of one block: 16 Double lanes (two halves of the Float vector), then the
    /// lanes in a fixed order, then the scalar tail.
    static func blockSumOfSquares(_ base: UnsafePointer<Float>, _ range: Range<Int>) -> Double {
        let width = FloatLanes.scalarCount
        var low = SIMD8<Double>(), high = SIMD8<Double>()
        var i = range.lowerBound
        while i + width <= range.upperBound {
            let x = FloatLanes.load(base, at: i)
            let l = SIMD8<Double>(x.lowHalf), h = SIMD8<Double>(x.highHalf)
            low = low.addingProduct(l, l)
            high = high.addingProduct(h, h)
            i += width
        }
        var sum = (low + high).sum()
        while i < range.upperBound {
            let d = Double(base[i])
            sum = sum.addingProduct(d, d)
            i += 1
        }
        return sum
    }

    /// The L2 norm of one tensor.
    public static func norm(_ x: UnsafeBufferPointer<Float>, parallelism: Parallelism = .automatic) -> Double {
        sumOfSquares(x, parallelism: parallelism).squareRoot()
    }

    /// The global norm of several tensors: the norm of their norms, as `clip_grad_norm_` takes it.
    public static func globalNorm(_ tensors: [UnsafeBufferPointer<Float>], parallelism: Parallelism = .automatic) -> Double {
        tensors.reduce(0.0) { sum, tensor in
            let n = norm(tensor, parallelism: parallelism)
            return sum.addingProduct(n, n)
        }.squareRoot()
    }

    /// `x ← x · coefficient`, one rounding per element.
    public static func scale(_ x: UnsafeMutableBufferPointer<Float>, by coefficient: Float,
                             parallelism: Parallelism = .automatic) {
        guard let base = x.baseAddress, !x.isEmpty else { return }
        let c = FloatLanes(repeating: coefficient)
        let shared = ThreadShared(base)
        parallelism.forEachChunk(of: x.count) { range in
            let base = shared.value, width = FloatLanes.scalarCount
            var i = range.lowerBound
            while i + width <= range.upperBound {
                (FloatLanes.load(base, at: i) * c).store(to: base, at: i)
                i += width
            }
            while i < range.upperBound { base[i] *= coefficient; i += 1 }
        }
    }

    /// Clips `tensors` together by their global norm under `clipping`'s rule and returns the norm
    /// before clipping (what `clip_grad_norm_` returns). The coefficient is ``GradientClipping``'s,
    /// computed in Double and rounded to Float once; under the threshold rule a coefficient of 1
    /// leaves the gradients untouched, while PyTorch's rule always multiplies.
    @discardableResult
    public static func clip(_ tensors: [UnsafeMutableBufferPointer<Float>], by clipping: GradientClipping,
                            parallelism: Parallelism = .automatic) -> Double {
        let total = globalNorm(tensors.map { UnsafeBufferPointer($0) }, parallelism: parallelism)
        let coefficient = clipping.coefficient(forNorm: total)
        if clipping.rule == .threshold && coefficient == 1 { return total }
        for tensor in tensors { scale(tensor, by: Float(coefficient), parallelism: parallelism) }
        return total
    }
}
