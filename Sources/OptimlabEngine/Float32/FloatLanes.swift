/// The vector the Float32 kernels compute with: 16 Float lanes, one 64-byte cache line, one AVX-512
/// register (two AVX2 registers, four SSE or NEON registers).
///
/// Every lane does exactly the IEEE operation its scalar counterpart does — `*`, `/`, `+`, `-`,
/// `addingProduct` (one rounding, an FMA) and `squareRoot()` (correctly rounded) — so a lane's result
/// equals the scalar result bit for bit, whatever width the compiler lowers the vector to. That is why
/// the fast kernels can promise the same bits as ``AdamStep/apply(params:grads:state:lr:)``.
typealias FloatLanes = SIMD16<Float>

extension SIMD16 where Scalar == Float {
    /// Loads 16 consecutive Floats starting at `base + offset` (no alignment required).
    @inline(__always)
    static func load(_ base: UnsafePointer<Float>, at offset: Int) -> Self {
        UnsafeRawPointer(base + offset).loadUnaligned(as: Self.self)
    }

    @inline(__always)
    static func load(_ base: UnsafeMutablePointer<Float>, at offset: Int) -> Self {
        UnsafeRawPointer(base + offset).loadUnaligned(as: Self.self)
    }

    /// Stores the 16 lanes at `base + offset` (no alignment required).
    @inline(__always)
    func store(to base: UnsafeMutablePointer<Float>, at offset: Int) {
        UnsafeMutableRawPointer(base + offset).storeBytes(of: self, as: Self.self)
    }

    /// Loads the `count` (< 16) Floats at `base + offset` into the low lanes; the other lanes are 0.
    /// The kernels run a buffer's tail through the same vector code, so the tail gets the same bits as
    /// the body and there is one formula, not two.
    @inline(__always)
    static func loadPartial(_ base: UnsafePointer<Float>, at offset: Int, count: Int) -> Self {
        var lanes = Self()
        for k in 0..<count { lanes[k] = base[offset + k] }
        return lanes
    }

    @inline(__always)
    static func loadPartial(_ base: UnsafeMutablePointer<Float>, at offset: Int, count: Int) -> Self {
        loadPartial(UnsafePointer(base), at: offset, count: count)
    }

    /// Stores the low `count` lanes at `base + offset`.
    @inline(__always)
    func storePartial(to base: UnsafeMutablePointer<Float>, at offset: Int, count: Int) {
        for k in 0..<count { base[offset + k] = self[k] }
    }

    /// `Swift.max(self, other)` lane by lane, with its exact tie and NaN behaviour: `other` when
    /// `other >= self`, otherwise `self` (so a NaN in either keeps `self`).
    @inline(__always)
    func maximum(_ other: Self) -> Self {
        replacing(with: other, where: other .>= self)
    }
}
