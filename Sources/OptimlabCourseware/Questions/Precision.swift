import Foundation

/// What a numeric answer must look like, as the lesson declares it (`precision: {sig: 3}`,
/// `{decimals: 2}`, `{sig: 3, unit: percent}`, `{sig: 3, sign: positive}`). One declaration gives the
/// sentence the prompt ends with and the tolerance, so the two can never disagree.
///
/// With `u` the unit in the last stated place of the engine's value `b` (10^(⌊log₁₀|b|⌋ − sig + 1) for
/// significant figures, 10^−decimals for decimals), an answer `a` is
/// - accepted when |a − b| ≤ u: the correctly rounded value (|a − b| ≤ u/2) always passes, and so does
///   one that is a unit off in the last digit from carrying rounded intermediates;
/// - close when |a − b| ≤ 10·u: about right but with fewer figures than asked (costs no try).
public struct Precision: Sendable, Equatable, CustomStringConvertible {
    public enum Digits: Sendable, Equatable {
        case significant(Int)
        case decimals(Int)
    }

    /// What the number is expressed in.
    public enum Unit: String, Sendable, Equatable, CaseIterable {
        /// The answer is a number of percent: `2` or `2%` both mean 2 %.
        case percent
    }

    public var digits: Digits
    public var unit: Unit?
    /// The prompt asks for a positive number (a size, not a signed change).
    public var positive: Bool

    /// How many units in the last place still count as "close".
    public static let closeFactor = 10.0

    public init(_ digits: Digits, unit: Unit? = nil, positive: Bool = false) {
        self.digits = digits; self.unit = unit; self.positive = positive
    }

    /// The sentence appended to the prompt: "Give it in percent, to 3 significant figures."
    public var statement: String {
        var parts: [String] = []
        if positive { parts.append("as a positive number") }
        if unit == .percent { parts.append("in percent (2 for 2%)") }
        parts.append(digitsPhrase)
        return "Give it " + parts.joined(separator: ", ") + "."
    }

    /// "to 3 significant figures", "to 2 decimal places", "as a whole number".
    public var digitsPhrase: String {
        switch digits {
        case .significant(let n): "to \(n) significant figure\(n == 1 ? "" : "s")"
        case .decimals(0): "as a whole number"
        case .decimals(let n): "to \(n) decimal place\(n == 1 ? "" : "s")"
        }
    }

    /// "give 3 significant figures" (in the close message).
    public var request: String {
        switch digits {
        case .significant(let n): "give \(n) significant figure\(n == 1 ? "" : "s")"
        case .decimals(0): "give a whole number"
        case .decimals(let n): "give \(n) decimal place\(n == 1 ? "" : "s")"
        }
    }

    public var description: String { digitsPhrase + (unit == .percent ? ", in percent" : "") }

    /// The unit in the last stated place of `b`.
    public func lastPlace(_ b: Double) -> Double {
        switch digits {
        case .decimals(let n): return pow(10, -Double(n))
        case .significant(let n):
            guard b != 0, b.isFinite else { return 0 }
            return pow(10, Foundation.floor(Foundation.log10(Swift.abs(b))) - Double(n) + 1)
        }
    }

    /// `b` rounded as the prompt asks (3 significant figures of 0.043617 → 0.0436).
    public func rounded(_ b: Double) -> Double {
        switch digits {
        case .significant(let n): return Given.roundSignificant(b, digits: n)
        case .decimals(let n):
            let scale = pow(10, Double(n))
            return (b * scale).rounded() / scale
        }
    }

    /// Slack for the binary representation of decimal answers (0.0436 is not exactly 0.0436).
    func slack(_ b: Double) -> Double { 1e-9 * lastPlace(b) + 4 * Double.ulpOfOne * Swift.abs(b) }

    public func accepts(_ a: Double, expected b: Double) -> Bool {
        guard a.isFinite, b.isFinite else { return a == b }
        return Swift.abs(a - b) <= lastPlace(b) + slack(b)
    }

    public func isClose(_ a: Double, expected b: Double) -> Bool {
        guard a.isFinite, b.isFinite else { return false }
        return Swift.abs(a - b) <= Self.closeFactor * lastPlace(b) + slack(b)
    }

    /// `b` as the learner should read it: rounded to the stated precision, trailing zeros dropped
    /// (1000, 2.5, -0.0436, 3.16e-5), with `%` for a percent.
    public func format(_ b: Double) -> String {
        ValueFormatter.readable(rounded(b)) + (unit == .percent ? "%" : "")
    }
}
