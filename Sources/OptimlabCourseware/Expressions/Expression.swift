/// The syntax tree of an expression. Every node remembers the column it starts at, so evaluation
/// errors point into the text the author or learner typed.
public indirect enum Expression: Sendable, Equatable {
    case number(Double, column: Int)
    case string(String, column: Int)
    case name(String, column: Int)
    case list([Expression], column: Int)
    case negate(Expression, column: Int)
    case binary(BinaryOperator, Expression, Expression, column: Int)
    case call(String, [Argument], column: Int)

    public enum BinaryOperator: String, Sendable, Equatable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    }

    /// A call argument: positional (`label == nil`) or named.
    public struct Argument: Sendable, Equatable {
        public var label: String?
        public var value: Expression
        public var column: Int
    }

    public var column: Int {
        switch self {
        case .number(_, let c), .string(_, let c), .name(_, let c), .list(_, let c), .negate(_, let c),
             .binary(_, _, _, let c), .call(_, _, let c): c
        }
    }

    /// Every name the expression reads (not function names), in order of appearance.
    public var names: [(name: String, column: Int)] {
        switch self {
        case .number, .string: []
        case .name(let n, let c): [(n, c)]
        case .list(let items, _): items.flatMap(\.names)
        case .negate(let e, _): e.names
        case .binary(_, let l, let r, _): l.names + r.names
        case .call(_, let args, _): args.flatMap(\.value.names)
        }
    }

    /// Every call in the expression, outermost first.
    public var calls: [(name: String, arguments: [Argument], column: Int)] {
        switch self {
        case .number, .string, .name: []
        case .list(let items, _): items.flatMap(\.calls)
        case .negate(let e, _): e.calls
        case .binary(_, let l, let r, _): l.calls + r.calls
        case .call(let n, let args, let c): [(n, args, c)] + args.flatMap(\.value.calls)
        }
    }
}
