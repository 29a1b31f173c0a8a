import Foundation

/// One adjustable input of a view: a name, a value and how a key press moves it. The value is only an
/// input; whatever the view shows for it is computed by the engine from it.
public struct Slider: Equatable, Sendable {
    public enum Scale: Equatable, Sendable {
        /// Whole numbers in a range, moved `step` at a time.
        case count(ClosedRange<Int>, step: Int)
        /// Positive numbers moved along 1, 2, 3, 5 × 10ᵏ within a range; `allowsZero` puts 0 below the
        /// bottom of the ladder (a floor of 0).
        case ladder(ClosedRange<Double>, allowsZero: Bool)
        /// Numbers in a range moved `step` at a time.
        case linear(ClosedRange<Double>, step: Double)
        /// One of these values, in increasing order.
        case choices([Double])
    }

    /// The field it sets (`warmup_steps`, `lr`, …).
    public var field: String
    /// What the learner sees (`1. warmup`, `adam lr`).
    public var label: String
    public var value: Double
    public var scale: Scale

    public init(field: String, label: String, value: Double, scale: Scale) {
        self.field = field; self.label = label; self.value = value; self.scale = scale
    }

    /// The value `notches` presses further (negative: back), kept in range.
    public func moved(by notches: Int) -> Double {
        switch scale {
        case let .count(range, step):
            let v = Int(value.rounded()) + notches * step
            return Double(min(max(v, range.lowerBound), range.upperBound))
        case let .linear(range, step):
            let k = (value / step).rounded() + Double(notches)
            return min(max(Self.clean(k * step), range.lowerBound), range.upperBound)
        case let .choices(values):
            guard !values.isEmpty else { return value }
            let here = values.indices.min { abs(values[$0] - value) < abs(values[$1] - value) } ?? 0
            return values[min(max(here + notches, 0), values.count - 1)]
        case let .ladder(range, allowsZero):
            var ladder = Self.ladder(range)
            if allowsZero { ladder.insert(0, at: 0) }
            guard !ladder.isEmpty else { return value }
            // The rung at or just below the value, then `notches` rungs on.
            let here = ladder.lastIndex { $0 <= value * (1 + 1e-9) } ?? 0
            let onRung = abs(ladder[here] - value) <= abs(value) * 1e-9
            let target = notches > 0 ? here + notches : (onRung ? here + notches : here + notches + 1)
            return ladder[min(max(target, 0), ladder.count - 1)]
        }
    }

    /// Where the value sits in its range, 0…1, for drawing the handle.
    public var fraction: Double {
        switch scale {
        case let .count(range, _):
            let span = Double(range.upperBound - range.lowerBound)
            return span > 0 ? (value - Double(range.lowerBound)) / span : 0
        case let .linear(range, _):
            let span = range.upperBound - range.lowerBound
            return span > 0 ? (value - range.lowerBound) / span : 0
        case let .choices(values):
            guard values.count > 1, let i = values.firstIndex(where: { $0 >= value }) else { return 1 }
            return Double(i) / Double(values.count - 1)
        case let .ladder(range, _):
            guard value > 0 else { return 0 }
            let lo = log10(range.lowerBound), hi = log10(range.upperBound)
            return hi > lo ? (log10(value) - lo) / (hi - lo) : 0
        }
    }

    /// The value as typed on a command line: whole numbers without a point, others in their shortest form.
    public var text: String {
        if case .count = scale { return String(Int(value.rounded())) }
        return PlotNumberFormat.value(value)
    }

    /// 1, 2, 3, 5 × 10ᵏ within `range`.
    static func ladder(_ range: ClosedRange<Double>) -> [Double] {
        guard range.lowerBound > 0 else { return [] }
        let lo = Int(floor(log10(range.lowerBound))), hi = Int(ceil(log10(range.upperBound)))
        return (lo...hi).flatMap { k in [1.0, 2, 3, 5].map { Self.clean($0 * pow(10, Double(k))) } }
            .filter { range.contains($0) }
    }

    /// Rounds away float noise (0.15000000000000002 → 0.15).
    static func clean(_ v: Double) -> Double {
        guard v != 0, v.isFinite else { return v }
        return Double(String(format: "%.12g", v)) ?? v
    }

    /// `▸ 1. warmup  ━━━━━━●─────  100` in `width` columns; the handle at ``fraction``.
    func render(width: Int, labelWidth: Int, selected: Bool, terminal: Terminal) -> String {
        let pointer = selected ? terminal.symbol("▸", ascii: ">") : " "
        let label = String(self.label.prefix(labelWidth)).padding(labelWidth)
        let value = self.text
        let bar = max(width - 2 - labelWidth - 1 - 1 - value.count, 3)
        let at = min(max(Int((fraction * Double(bar - 1)).rounded()), 0), bar - 1)
        let filled = String(repeating: terminal.symbol("━", ascii: "="), count: at)
        let empty = String(repeating: terminal.symbol("─", ascii: "-"), count: bar - at - 1)
        let handle = terminal.symbol("●", ascii: "O")
        let track = terminal.styled(filled, selected ? .cyan : .dim) + terminal.styled(handle, .bold) + terminal.styled(empty, .dim)
        let head = pointer + " " + (selected ? terminal.styled(label, .bold) : label)
        return head + " " + track + " " + value
    }
}
