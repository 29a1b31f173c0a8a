/// How close a submission's value must be to the reference: |got − want| ≤ max(rel·|want|, abs).
/// A NaN or an infinity never passes, even against the same non-finite value.
public struct Tolerance: Sendable, Equatable {
    public var rel: Double
    public var abs: Double
    public init(rel: Double, abs: Double) { self.rel = rel; self.abs = abs }

    /// rel 1e-6 with a 1e-12 floor: float64 rounding differences between correct implementations stay
    /// near 1e-15 relative, while every semantic mistake on a discriminating case is above 1e-4.
    public static let standard = Tolerance(rel: 1e-6, abs: 1e-12)

    /// Whether `got` is close enough to `want`.
    public func accepts(_ got: Double, _ want: Double) -> Bool {
        guard got.isFinite, want.isFinite else { return false }
        return Swift.abs(got - want) <= Swift.max(rel * Swift.abs(want), self.abs)
    }

    /// The relative error |got − want| / |want| (the absolute error when want is 0).
    public static func relativeError(_ got: Double, _ want: Double) -> Double {
        let diff = Swift.abs(got - want)
        return want == 0 ? diff : diff / Swift.abs(want)
    }
}
