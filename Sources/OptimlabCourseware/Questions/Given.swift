import Foundation

/// A named input of a question: fixed, drawn at random per learner, or computed from earlier inputs.
public struct Given: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case fixed(Value)
        /// Uniform in [low, high], rounded to `digits` significant digits (0: a whole number).
        case random(low: Double, high: Double, digits: Int)
        /// One of the values, uniformly.
        case choice([Value])
        /// An expression over the inputs listed before this one.
        case expression(Expression, source: String)
    }

    public var name: String
    public var source: Source
    public var line: Int

    public init(name: String, source: Source, line: Int) {
        self.name = name; self.source = source; self.line = line
    }

    /// Draws every input in order with one generator seeded by `seed`.
    /// `values` holds inputs drawn before (shared givens); expressions may use them.
    public static func draw(_ givens: [Given], seed: UInt64, into values: [String: Value] = [:]) throws(ExpressionError) -> [String: Value] {
        var rng = SeededGenerator(seed: seed)
        var values = values
        for g in givens {
            switch g.source {
            case .fixed(let v): values[g.name] = v
            case .random(let low, let high, let digits):
                let x = low + (high - low) * rng.unit()
                values[g.name] = .number(digits == 0 ? min(max(x.rounded(), low.rounded(.up)), high.rounded(.down)) : roundSignificant(x, digits: digits))
            case .choice(let options):
                values[g.name] = options[Int(rng.next() % UInt64(options.count))]
            case .expression(let e, let source):
                var ev = Evaluator(variables: values)
                do { values[g.name] = try ev.evaluate(e) } catch {
                    throw ExpressionError("in given '\(g.name)' (\(source)): \(error.message)", column: error.column, suggestion: error.suggestion)
                }
            }
        }
        return values
    }

    /// `x` rounded to `digits` significant digits (3.14159, 2 → 3.1).
    public static func roundSignificant(_ x: Double, digits: Int) -> Double {
        guard x != 0, x.isFinite else { return x }
        let magnitude = Foundation.floor(Foundation.log10(Swift.abs(x)))
        let scale = Foundation.pow(10, Double(max(digits, 1)) - 1 - magnitude)
        return (x * scale).rounded() / scale
    }
}
