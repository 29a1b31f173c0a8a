internal import CFloat32Kernels

/// Global-norm gradient clipping over Float32 buffers: the norm in one threaded read pass and the
/// scaling in one read-write pass (``GradientClipping`` for Float32 tensors), each block or chunk run
/// by a C kernel (`optimlab_sum_of_squares_f32`, `optimlab_scale_f32`: AVX2+FMA or portable C).
///
/// The norm follows `clip_grad_norm_`'s structure, a norm of per-tensor norms,
/// `‖g‖ = √(Σₜ ‖gₜ‖²)` with `‖gₜ‖ = √(Σᵢ gₜᵢ²)`, but sums in Double: each `gᵢ²` of a Float is exact in
/// Double, so the only rounding is in the additions, ~1e-16 relative, far below Float's resolution.
/// PyTorch's own float32 reduction is up to ~5e-7 off the exact value; traces, which must match it
/// bit for bit, use ``GradientClipping/clipFloat32(_:)`` (its order, one thread) instead of this.
/// The sum runs over fixed blocks of ``blockLength`` elements, each block in 16 Double accumulators
/// added in a fixed order, and the block sums are added in block order, so the norm is the same bit
/// for bit whatever the thread count or kernel path.
public enum Float32Clipping {
    /// Elements per block of the norm's sum (a multiple of the kernel's 16 accumulators).
    public static let blockLength = 1 << 14

    /// `Σᵢ xᵢ²` in Double.
    public static func sumOfSquares(_ x: UnsafeBufferPointer<Float>, parallelism: Parallelism = .automatic) -> Double {
        sumOfSquares(x, parallelism: parallelism, path: .automatic)
    }

    /// `Σᵢ xᵢ²` through the C kernels' `path`.
    static func sumOfSquares(_ x: UnsafeBufferPointer<Float>, parallelism: Parallelism, path: Float32KernelPath) -> Double {
        guard let base = x.baseAddress, !x.isEmpty else { return 0 }
        let blocks = (x.count + blockLength - 1) / blockLength
        var partial = [Double](repeating: 0, count: blocks)
        partial.withUnsafeMutableBufferPointer { out in
            guard let sums = out.baseAddress else { return }
            let shared = ThreadShared((x: base, sums: sums)), count = x.count, kernel = path.c
            let threaded = Parallelism(threads: parallelism.threadCount(for: count))
            threaded.forEachTask(blocks) { k in
                let start = k * blockLength
                shared.value.sums[k] = optimlab_sum_of_squares_f32(shared.value.x + start,
                                                                   min(count, start + blockLength) - start, kernel)
            }
        }
        return partial.reduce(0, +)
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
        scale(x, by: coefficient, parallelism: parallelism, path: .automatic)
    }

    /// `x ← x · coefficient` through the C kernels' `path`.
    static func scale(_ x: UnsafeMutableBufferPointer<Float>, by coefficient: Float, parallelism: Parallelism,
                      path: Float32KernelPath) {
        guard let base = x.baseAddress, !x.isEmpty else { return }
        let shared = ThreadShared(base), kernel = path.c
        parallelism.forEachChunk(of: x.count) { range in
            optimlab_scale_f32(shared.value + range.lowerBound, range.count, coefficient, kernel)
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
