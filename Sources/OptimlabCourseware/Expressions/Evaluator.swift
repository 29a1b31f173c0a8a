import Foundation
import OptimlabEngine
import OptimlabYAML

/// Evaluates expressions against named values (a question's `given`, a learner's `rerun` inputs)
/// under a ``Variant``: the correct engine by default, or a known mistake when the answer checker
/// asks "what would this answer be with that mistake?".
public struct Evaluator: Sendable {
    public var variables: [String: Value]
    public var variant: Variant
    /// When set, only functions of these categories may be called (the calculator at a question).
    public var categories: Set<FunctionDefinition.Category>?
    /// Things worth telling the reader that are not errors, e.g. a division by zero giving inf.
    public private(set) var notes: [String] = []

    public init(variables: [String: Value] = [:], variant: Variant = .correct) {
        self.variables = variables; self.variant = variant
    }

    /// Parses and evaluates `text`.
    public mutating func evaluate(_ text: String) throws(ExpressionError) -> Value {
        try evaluate(try ExpressionParser.parse(text))
    }

    public mutating func evaluate(_ expression: Expression) throws(ExpressionError) -> Value {
        switch expression {
        case .number(let x, _):
            return .number(x)
        case .string(let s, _):
            return .string(s)
        case .name(let name, let column):
            if let v = variables[name] ?? FunctionCatalogue.constants[name] { return v }
            if FunctionCatalogue.named(name) != nil {
                throw ExpressionError("'\(name)' is a function; call it with arguments, e.g. \(FunctionCatalogue.named(name)!.signature)", column: column)
            }
            throw ExpressionError("unknown name '\(name)'", column: column,
                                  suggestion: Suggestions.closest(to: name, in: Array(variables.keys) + Array(FunctionCatalogue.constants.keys)))
        case .list(let items, _):
            var out: [Value] = []
            for item in items { out.append(try evaluate(item)) }
            return .list(out)
        case .negate(let inner, let column):
            let v = try evaluate(inner)
            guard case .number(let x) = v else { throw ExpressionError("'-' needs a number, not \(v.typeName)", column: column) }
            return .number(-x)
        case .binary(let op, let lhs, let rhs, let column):
            let l = try evaluate(lhs), r = try evaluate(rhs)
            guard case .number(let a) = l, case .number(let b) = r else {
                throw ExpressionError("'\(op.rawValue)' needs numbers, not \(l.number == nil ? l.typeName : r.typeName)", column: column)
            }
            return .number(arithmetic(op, a, b, column: column))
        case .call(let name, let arguments, let column):
            guard let function = FunctionCatalogue.named(name) else {
                throw ExpressionError("unknown function '\(name)'", column: column,
                                      suggestion: Suggestions.closest(to: name, in: FunctionCatalogue.names))
            }
            if let categories, !categories.contains(function.category) {
                throw ExpressionError("while a question is on screen, calc offers arithmetic and the elementary functions (\(FunctionCatalogue.all.filter { categories.contains($0.category) }.prefix(6).map(\.name).joined(separator: ", ")), …); '\(name)' is back once the question is answered")
            }
            var values: [(label: String?, value: Value, column: Int)] = []
            for a in arguments { values.append((a.label, try evaluate(a.value), a.column)) }
            var bound = try function.bind(values, column: column)
            bound.variant = variant
            let result = try function.body(bound)
            if result.containsNonFinite, !values.contains(where: { $0.value.containsNonFinite }) {
                notes.append("\(name) at column \(column) gives inf or nan for these inputs (a denominator of zero, or a value beyond ±1.8e308)")
            }
            return result
        }
    }

    /// `a op b`. When finite operands give inf or nan, a note says why (division by zero, overflow past
    /// ±1.8e308, a negative base to a fractional power), so no `nan` reaches a learner unexplained.
    mutating func arithmetic(_ op: Expression.BinaryOperator, _ a: Double, _ b: Double, column: Int) -> Double {
        let result: Double
        switch op {
        case .add: result = a + b
        case .subtract: result = a - b
        case .multiply: result = a * b
        case .divide: result = a / b
        case .power: result = pow(a, b)
        }
        guard !result.isFinite, a.isFinite, b.isFinite else { return result }
        let gives = ValueFormatter.number(result)
        if op == .divide, b == 0 {
            notes.append("division by zero at column \(column) gives \(gives)")
        } else if op == .power, a == 0 {
            notes.append("zero to a negative power at column \(column) gives \(gives)")
        } else if result.isNaN {
            notes.append("a negative number to a fractional power at column \(column) has no real value (nan)")
        } else {
            notes.append("overflow at column \(column): the result is beyond ±1.8e308, the largest Double, so it is \(gives)")
        }
        return result
    }
}
