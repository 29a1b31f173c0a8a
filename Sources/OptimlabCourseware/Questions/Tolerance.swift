/// How close a numeric answer must be: `|a − b| ≤ abs + rel·|b|`, b the engine's value (as
/// `numpy.isclose` and PrairieLearn's relabs mode). The default is `rel: 1e-3`.
public struct Tolerance: Sendable, Equatable, CustomStringConvertible {
    public var relative: Double
    public var absolute: Double

    public init(relative: Double = 1e-3, absolute: Double = 0) {
        self.relative = relative; self.absolute = absolute
    }

    public static let `default` = Tolerance()

    public func accepts(_ answer: Double, expected: Double) -> Bool {
        guard answer.isFinite, expected.isFinite else { return answer == expected }
        return abs(answer - expected) <= absolute + relative * abs(expected)
    }

    /// "relative 0.1%" or "absolute 1e-6 + relative 0.1%".
    public var description: String {
        var parts: [String] = []
        if absolute > 0 { parts.append("absolute \(ValueFormatter.plain(absolute))") }
        if relative > 0 { parts.append("relative \(ValueFormatter.plain(relative * 100))%") }
        return parts.isEmpty ? "exact" : parts.joined(separator: " + ")
    }
}
