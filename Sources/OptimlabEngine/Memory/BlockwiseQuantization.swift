#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A vector stored as signed 8-bit codes with one scale per block: blockwise absmax quantization, the
/// storage idea behind 8-bit optimizer states (Dettmers et al., "8-bit Optimizers via Block-wise
/// Quantization", ICLR 2022).
///
/// The vector is cut into blocks of `blockSize` consecutive values (the last block may be shorter). A
/// block keeps its largest magnitude `a = max |xᵢ|` (one float) and each value as the integer
///
///     qᵢ = round(127 · xᵢ / a)   ∈ [−127, 127],      x̂ᵢ = qᵢ · a / 127,
///
/// so `|xᵢ − x̂ᵢ| ≤ a / 254`: the error is relative to the block's largest value, not to xᵢ itself. A
/// value under `a / 254` in magnitude becomes 0, which is what makes a linear code dangerous for Adam's
/// second moment (a zero v̂ puts ε alone under the division). bitsandbytes uses a non-linear "dynamic"
/// code for that reason; this type keeps the linear one, whose error can be written down.
///
/// An all-zero block has `a = 0` and decodes to zeros. Rounding is to nearest, halves away from zero. A
/// block holding a non-finite value keeps it as its absmax and codes 0 (it decodes to NaN: such a
/// block cannot be stored in 8 bits).
public struct BlockwiseQuantized: Sendable, Equatable {
    /// The number of values per block.
    public let blockSize: Int
    /// One code per value.
    public let codes: [Int8]
    /// One absmax per block (`(codes.count + blockSize − 1) / blockSize` of them).
    public let absmax: [Double]

    /// The largest code magnitude.
    public static let levels = 127.0

    /// Quantizes `values` in blocks of `blockSize` (> 0).
    public init(_ values: [Double], blockSize: Int) {
        precondition(blockSize > 0, "a block holds at least one value")
        self.blockSize = blockSize
        var codes = [Int8](repeating: 0, count: values.count)
        var absmax: [Double] = []
        var start = 0
        while start < values.count {
            let end = min(start + blockSize, values.count)
            let a = values[start..<end].reduce(0) { max($0, abs($1)) }
            absmax.append(a)
            if a > 0 && a.isFinite {
                for i in start..<end {
                    let q = (Self.levels * values[i] / a).rounded()
                    codes[i] = q.isFinite ? Int8(Swift.max(-Self.levels, Swift.min(Self.levels, q))) : 0
                }
            }
            start = end
        }
        self.codes = codes
        self.absmax = absmax
    }

    /// The decoded values x̂ᵢ = qᵢ · aₖ / 127.
    public var dequantized: [Double] {
        codes.indices.map { Double(codes[$0]) * absmax[$0 / blockSize] / Self.levels }
    }

    /// Bytes of storage: one per code plus a float32 absmax per block.
    public var bytes: Int { codes.count + 4 * absmax.count }
}

/// What quantizing a vector costs in accuracy.
public struct QuantizationError: Sendable, Equatable {
    /// max |xᵢ − x̂ᵢ|.
    public var maxAbsolute: Double
    /// √(mean (xᵢ − x̂ᵢ)²).
    public var rms: Double
    /// max |xᵢ − x̂ᵢ| / |xᵢ| over the non-zero xᵢ.
    public var maxRelative: Double
    /// The fraction of non-zero values that decode to exactly 0.
    public var zeroedFraction: Double

    /// Compares `values` with their decoded copy `decoded` (same length).
    public init(values: [Double], decoded: [Double]) {
        precondition(values.count == decoded.count, "one decoded value per value")
        var maxAbs = 0.0, sumSq = 0.0, maxRel = 0.0, nonZero = 0, zeroed = 0
        for (x, y) in zip(values, decoded) {
            let e = abs(x - y)
            maxAbs = max(maxAbs, e)
            sumSq += e * e
            if x != 0 {
                nonZero += 1
                maxRel = max(maxRel, e / abs(x))
                if y == 0 { zeroed += 1 }
            }
        }
        self.maxAbsolute = maxAbs
        self.rms = values.isEmpty ? 0 : (sumSq / Double(values.count)).squareRoot()
        self.maxRelative = maxRel
        self.zeroedFraction = nonZero == 0 ? 0 : Double(zeroed) / Double(nonZero)
    }
}

extension BlockwiseQuantized {
    /// The error of storing `values` this way.
    public static func error(of values: [Double], blockSize: Int) -> QuantizationError {
        QuantizationError(values: values, decoded: BlockwiseQuantized(values, blockSize: blockSize).dequantized)
    }
}
