import Dispatch
import OptimlabEngine

/// The buffers of one benchmark size and the kernels timed on them.
///
/// Every kernel runs on the same θ, g, m, v; each timed call is a real step (the step counter
/// advances), so the work is what a training loop does. The buffers are filled with deterministic
/// pseudo-random values in [−1, 1) so no lane hits a subnormal or a NaN, and start on 64-byte
/// boundaries, as PyTorch's tensors do (a Swift array's elements start 16 bytes into a cache line,
/// so every other 32-byte vector access would straddle two lines).
final class Workbench {
    let n: Int
    let parallelism: Parallelism
    let stopwatch: Stopwatch
    let params, grads, m, v, momentumBuffer: UnsafeMutableBufferPointer<Float>

    init(n: Int, parallelism: Parallelism, stopwatch: Stopwatch) {
        self.n = n; self.parallelism = parallelism; self.stopwatch = stopwatch
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Float {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Float(seed >> 40) / Float(1 << 23) - 1
        }
        params = Self.allocate(n) { _ in uniform() }
        grads = Self.allocate(n) { _ in uniform() }
        m = Self.allocate(n) { _ in 0 }
        v = Self.allocate(n) { _ in 0 }
        momentumBuffer = Self.allocate(n) { _ in 0 }
    }

    deinit {
        for buffer in [params, grads, m, v, momentumBuffer] { UnsafeMutableRawPointer(buffer.baseAddress)?.deallocate() }
    }

    /// `count` Floats on a 64-byte boundary, element k set to `value(k)`.
    static func allocate(_ count: Int, _ value: (Int) -> Float) -> UnsafeMutableBufferPointer<Float> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Float>.stride, alignment: 64)
        let buffer = UnsafeMutableBufferPointer(start: raw.bindMemory(to: Float.self, capacity: count), count: count)
        for k in 0..<count { buffer.initializeElement(at: k, to: value(k)) }
        return buffer
    }

    /// An Adam-family step (Adam: coupled L2 off, PyTorch's default; AdamW: decoupled λ = 0.1, the
    /// PyTorch comparison script's setting): reads θ, g, m, v and writes θ, m, v, 28 bytes.
    func adam(decoupled: Bool) -> Figure {
        let step = Float32AdamStep(
            hyperparameters: AdamHyperparameters(lr: 1e-3, weightDecay: decoupled ? 0.1 : 0),
            weightDecay: decoupled ? .decoupled : .coupledL2)
        var t = 0
        let seconds = stopwatch.medianSeconds {
            step.apply(params: params, grads: UnsafeBufferPointer(grads), m: m, v: v, stepCount: t, lr: 1e-3,
                       parallelism: parallelism)
            t += 1
        }
        return Figure(name: decoupled ? "adamw-f32" : "adam-f32", n: n, seconds: seconds, bytesPerParam: 28)
    }

    /// SGD with momentum 0.9: reads θ, g, buf and writes θ, buf, 20 bytes.
    func sgd() -> Figure {
        guard let step = Float32SGDStep(sgd: SGD(lr: 1e-3, momentum: 0.9)) else {
            return Figure(name: "sgd-f32", n: n, seconds: .nan, bytesPerParam: 20)
        }
        var first = true
        let seconds = stopwatch.medianSeconds {
            step.apply(params: params, grads: UnsafeBufferPointer(grads), momentumBuffer: momentumBuffer,
                       isFirstStep: first, lr: 1e-3, parallelism: parallelism)
            first = false
        }
        return Figure(name: "sgd-f32", n: n, seconds: seconds, bytesPerParam: 20)
    }

    /// Global-norm clipping of one tensor (PyTorch's rule, max_norm 1): the norm reads g, the scale
    /// reads and writes it, 12 bytes.
    func clip() -> Figure {
        let clipping = GradientClipping(maxNorm: 1)
        let seconds = stopwatch.medianSeconds {
            Float32Clipping.clip([grads], by: clipping, parallelism: parallelism)
        }
        return Figure(name: "clip-f32", n: n, seconds: seconds, bytesPerParam: 12)
    }

    /// A plain copy of 28 bytes per parameter (7n Floats) on the same threads, the yardstick of
    /// what the memory system delivers: it moves 56 bytes per parameter (read + write).
    func copy() -> Figure {
        let count = 7 * n
        let source = Self.allocate(count) { _ in 1 }, target = Self.allocate(count) { _ in 0 }
        defer { for b in [source, target] { UnsafeMutableRawPointer(b.baseAddress)?.deallocate() } }
        let parts = parallelism.threads
        let perPart = (count + parts - 1) / parts
        let buffers = CopyBuffers(source: source, target: target)
        let seconds = stopwatch.medianSeconds {
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let start = min(count, part * perPart), end = min(count, start + perPart)
                guard end > start, let s = buffers.source.baseAddress, let t = buffers.target.baseAddress else { return }
                (t + start).update(from: s + start, count: end - start)
            }
        }
        return Figure(name: "copy-f32", n: n, seconds: seconds, bytesPerParam: 56)
    }
}

/// The copy's buffers, shared by its threads: each thread copies its own disjoint range and
/// `concurrentPerform` returns after all have finished.
struct CopyBuffers: @unchecked Sendable {
    let source: UnsafeMutableBufferPointer<Float>
    let target: UnsafeMutableBufferPointer<Float>
}
