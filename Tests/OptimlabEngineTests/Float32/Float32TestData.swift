import Foundation
@testable import OptimlabEngine

/// Test vectors for the Float32 kernels.
enum Float32TestData {
    /// Lengths around every vector and chunk boundary: empty, shorter than a vector, ±1 around
    /// multiples of 16, and odd primes.
    static let lengths = [0, 1, 2, 3, 7, 8, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 100, 255, 257, 1000, 4099]

    /// `count` values whose magnitudes span 1e-6 … 10 with both signs and some exact zeros, so the
    /// lerp, the FMAs, the square root and the division all meet small, large and zero inputs.
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            if Int.random(in: 0..<20, using: &rng) == 0 { return 0 }
            let magnitude = powf(10, Float.random(in: -6...1, using: &rng))
            return Bool.random(using: &rng) ? magnitude : -magnitude
        }
    }

    /// The index of the first element whose bits differ (nil when the arrays are identical).
    static func firstMismatch(_ a: [Float], _ b: [Float]) -> Int? {
        if a.count != b.count { return min(a.count, b.count) }
        return a.indices.first { a[$0].bitPattern != b[$0].bitPattern }
    }
}
