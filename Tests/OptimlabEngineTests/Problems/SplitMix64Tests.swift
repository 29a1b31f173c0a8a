import Testing
@testable import OptimlabEngine

struct SplitMix64Tests {
    /// The first outputs of Vigna's reference splitmix64.c seeded with 1234567.
    @Test func matchesTheReferenceSequence() {
        var rng = SplitMix64(seed: 1234567)
        #expect(rng.next() == 6457827717110365317)
        #expect(rng.next() == 3203168211198807973)
        #expect(rng.next() == 9817491932198370423)
    }

    @Test func unitDrawsStayInTheHalfOpenInterval() {
        var rng = SplitMix64(seed: 7)
        let draws = (0..<10_000).map { _ in rng.nextUnit() }
        #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = draws.reduce(0, +) / Double(draws.count)
        #expect(abs(mean - 0.5) < 0.01)          // σ of the mean is 0.0029
    }

    @Test func gaussianDrawsHaveUnitMoments() {
        var rng = SplitMix64(seed: 11)
        let draws = (0..<20_000).map { _ in rng.nextGaussian() }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count)
        #expect(abs(mean) < 0.03)                // σ of the mean is 0.007
        #expect(abs(variance - 1) < 0.05)
    }
}
