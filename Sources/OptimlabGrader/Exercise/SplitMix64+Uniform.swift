import OptimlabEngine

extension SplitMix64 {
    /// A double uniform in [low, high): the top 53 bits scaled by 2⁻⁵³. Case generation draws from the
    /// engine's SplitMix64, so a seed reproduces the same case on every platform and Swift version.
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * nextUnit()
    }
}
