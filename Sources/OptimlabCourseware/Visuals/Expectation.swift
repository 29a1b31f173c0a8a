/// An `expect:` claim of a visual block: `lhs op rhs`, two expressions over the block's results
/// compared with `<`, `<=`, `>`, `>=`. `optimlab check` evaluates it, so a demo that stops showing what
/// the prose says fails the check.
public struct Expectation: Sendable, Equatable {
    public enum Comparison: String, Sendable, CaseIterable {
        case lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">"

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            case .greaterOrEqual: a >= b
            }
        }
    }

    /// As written.
    public var text: String
    public var lhs: Expression
    public var comparison: Comparison
    public var rhs: Expression
    /// The line in the lesson file.
    public var line: Int

    /// Splits `text` at its one comparison outside parentheses, brackets and quotes.
    public static func parse(_ text: String, line: Int = 1) throws(ExpressionError) -> Expectation {
        let chars = Array(text)
        var depth = 0, quote: Character?, found: (at: Int, op: Comparison)?
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote { if c == q { quote = nil }; i += 1; continue }
            switch c {
            case "\"", "'": quote = c
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            case "<" where depth == 0, ">" where depth == 0:
                guard found == nil else { throw ExpressionError("an expectation compares once; write two expectations", column: i + 1) }
                let orEqual = i + 1 < chars.count && chars[i + 1] == "="
                found = (i, Comparison(rawValue: String(c) + (orEqual ? "=" : ""))!)
                if orEqual { i += 1 }
            default: break
            }
            i += 1
        }
        guard let found else { throw ExpressionError("an expectation compares two expressions with <, <=, > or >= (e.g. \"warm.worst_loss < 2 * warm.start_loss\")") }
        let split = found.at
        let left = String(chars[..<split]), right = String(chars[(split + found.op.rawValue.count)...])
        let lhs: Expression, rhs: Expression
        do { lhs = try ExpressionParser.parse(left) } catch { throw ExpressionError("left of \(found.op.rawValue): \(error.message)") }
        do { rhs = try ExpressionParser.parse(right) } catch { throw ExpressionError("right of \(found.op.rawValue): \(error.message)") }
        return Expectation(text: text, lhs: lhs, comparison: found.op, rhs: rhs, line: line)
    }

    /// What the claim measured: both sides' values and whether it holds.
    public struct Outcome: Sendable, Equatable {
        public var lhs: Double
        public var rhs: Double
        public var holds: Bool
    }

    public func evaluate(_ variables: [String: Value]) throws(ExpressionError) -> Outcome {
        var ev = Evaluator(variables: variables)
        let a = try ev.evaluate(lhs), b = try ev.evaluate(rhs)
        guard let x = a.number, let y = b.number else {
            throw ExpressionError("expect \"\(text)\": both sides must be numbers (got \(a.typeName) and \(b.typeName))")
        }
        return Outcome(lhs: x, rhs: y, holds: x.isFinite && y.isFinite && comparison.holds(x, y))
    }
}
