/// Where PyTorch's fused CPU Adam kernel (`FusedAdamKernel.cpp`, `fused=True`) leaves its vector loop.
///
/// The kernel steps each parameter tensor in 8-lane vectors and finishes the tensor's last
/// `count % 8` elements in scalar code. There the compiler fuses the second-moment update the
/// other way round:
///
///     vector body:  v ← fma((1−β₂)·g, g, v·β₂)
///     scalar tail:  v ← fma(v, β₂, ((1−β₂)·g)·g)
///
/// Both are one correct rounding away from the exact value, but not always the same one, and a one-ulp
/// change in v moves a float32 trajectory past 1e-6 on parameters that shrink. Measured against torch
/// 2.15 (`fused=True`, CPU) on 10,770 element-steps: every θ, m and v identical with this rule, and
/// without it PyTorch's own float32 sample trace `f32-02-adamw` is not reproduced bit for bit.
/// The width is 8 even on AVX-512 machines (the sample traces pin it: 16 misses them too).
public enum FusedScalarTail {
    /// The fused kernel's vector width in Float lanes.
    public static let vectorWidth = 8

    /// The scalar-tail elements of one tensor of `count` elements, as a range of its indices.
    public static func range(count: Int) -> Range<Int> {
        (count - count % vectorWidth)..<count
    }

    /// For a flat vector holding tensors of `lengths` end to end, whether each index is in its
    /// tensor's scalar tail.
    public static func mask(lengths: [Int]) -> [Bool] {
        lengths.flatMap { n in (0..<n).map(range(count: n).contains) }
    }
}
