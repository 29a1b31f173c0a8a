import Foundation

/// One axis: the visible range, linear or logarithmic, and its round tick values.
///
/// Fitted ranges snap outward to a multiple of a "nice" step (1, 2 or 5 × 10ᵏ) so tick labels are short;
/// a log axis snaps to whole decades and puts its ticks on powers of ten.
struct AxisScale: Sendable, Equatable {
    let lower: Double
    let upper: Double
    let isLog: Bool
    let ticks: [Double]
    let step: Double

    /// Where `v` falls between the ends, 0 at `lower` and 1 at `upper`; nil if it cannot be shown.
    func fraction(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        if isLog {
            guard v > 0 else { return nil }
            return (log10(v) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return (v - lower) / (upper - lower)
    }

    /// A fixed range with round ticks inside it, spaced at least `minimumStep` apart (1 for step counts).
    static func fixed(_ range: ClosedRange<Double>, log isLog: Bool, minimumStep: Double = 0) -> AxisScale {
        var lo = range.lowerBound, hi = range.upperBound
        if isLog { lo = max(lo, 1e-300); hi = max(hi, lo * 10) }
        if hi <= lo { hi = lo + 1 }
        if isLog { return AxisScale(lower: lo, upper: hi, isLog: true, ticks: decades(lo, hi), step: 10) }
        let step = max(niceStep((hi - lo) / 5), minimumStep)
        let first = (lo / step).rounded(.up), last = (hi / step).rounded(.down)
        let ticks = stride(from: first, through: last, by: 1).map { $0 * step }
        return AxisScale(lower: lo, upper: hi, isLog: false, ticks: ticks, step: step)
    }

    /// A range covering `values` (non-finite ones ignored), widened to round ticks.
    static func fitting(_ values: [Double], log isLog: Bool, includeZero: Bool = false) -> AxisScale {
        let shown = values.filter { $0.isFinite && (!isLog || $0 > 0) }
        guard var lo = shown.min(), var hi = shown.max() else {
            return fixed(isLog ? 0.1...1 : 0...1, log: isLog)
        }
        if isLog {
            let a = pow(10, floor(log10(lo))), b = pow(10, ceil(log10(hi)))
            return fixed(a...(b > a ? b : a * 10), log: true)
        }
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if hi == lo { let pad = lo == 0 ? 1 : abs(lo) * 0.5; lo -= pad; hi += pad }
        let step = niceStep((hi - lo) / 5)
        return fixed(((lo / step).rounded(.down) * step)...((hi / step).rounded(.up) * step), log: false)
    }

    /// The smallest of 1, 2, 5 × 10ᵏ at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let base = pow(10, floor(log10(raw)))
        for m in [1.0, 2, 5, 10] where m * base >= raw * (1 - 1e-9) { return m * base }
        return 10 * base
    }

    /// Powers of ten within [lo, hi], thinned to at most 6.
    static func decades(_ lo: Double, _ hi: Double) -> [Double] {
        let a = Int(ceil(log10(lo) - 1e-9)), b = Int(floor(log10(hi) + 1e-9))
        guard a <= b else { return [lo, hi] }
        let every = max(1, (b - a + 5) / 6)
        return stride(from: a, through: b, by: every).map { pow(10, Double($0)) }
    }

    func label(_ v: Double) -> String {
        PlotNumberFormat.tick(v, step: isLog ? v : step)
    }
}
