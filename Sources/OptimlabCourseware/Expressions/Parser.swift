/// A recursive-descent parser for the expression language:
///
///     expression := term (('+' | '-') term)*
///     term       := unary (('*' | '/') unary)*
///     unary      := '-' unary | '+' unary | power
///     power      := primary ('^' unary)?              (right-associative: 2^3^2 = 2^9)
///     primary    := number | string | name | name '(' arguments ')' | '[' items ']' | '(' expression ')'
///     arguments  := (argument (',' argument)*)?    argument := (name '=')? expression
///
/// So `-2^2` is −4 (the power binds tighter than the minus) and `2^-1` is 0.5. Nesting is limited to
/// ``maxDepth`` levels so a hostile input cannot overflow the stack.
public struct ExpressionParser {
    public static let maxDepth = 64
    /// A chain `1 + 1 + … + 1` builds a tree as deep as it is long, and evaluating (or freeing) that
    /// tree recurses once per operator: 50,000 of them overflowed the stack. So chains are capped too.
    public static let maxChain = 500

    var tokens: [Token]
    var index = 0
    var depth = 0
    var chained = 0

    init(tokens: [Token]) { self.tokens = tokens }

    /// Parses a whole expression; anything left over is an error.
    public static func parse(_ text: String) throws(ExpressionError) -> Expression {
        var p = ExpressionParser(tokens: try Tokenizer.tokens(text))
        guard p.current.kind != .end else { throw ExpressionError("empty expression") }
        let e = try p.expression()
        guard p.current.kind == .end else {
            throw ExpressionError("unexpected \(p.current.spelling)", column: p.current.column)
        }
        return e
    }

    /// Parses `name=expr name=expr …` (commas optional), as in `rerun ID grads=[1, 2] lr=0.1`.
    public static func parseAssignments(_ text: String) throws(ExpressionError) -> [(name: String, value: Expression)] {
        var p = ExpressionParser(tokens: try Tokenizer.tokens(text))
        var out: [(String, Expression)] = []
        while p.current.kind != .end {
            guard case .identifier(let name) = p.current.kind else {
                throw ExpressionError("expected name=value, found \(p.current.spelling)", column: p.current.column)
            }
            p.advance()
            guard p.current.kind == .equals else {
                throw ExpressionError("expected '=' after '\(name)'", column: p.current.column)
            }
            p.advance()
            out.append((name, try p.expression()))
            if p.current.kind == .comma { p.advance() }
        }
        return out
    }

    var current: Token { tokens[index] }
    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    /// Counts one more binary operator in a chain, refusing chains past ``maxChain``.
    mutating func chain() throws(ExpressionError) {
        chained += 1
        guard chained <= Self.maxChain else {
            throw ExpressionError("expression too long (more than \(Self.maxChain) operators)", column: current.column)
        }
    }

    mutating func nested<T>(_ body: (inout ExpressionParser) throws(ExpressionError) -> T) throws(ExpressionError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw ExpressionError("expression nested too deeply (more than \(Self.maxDepth) levels)", column: current.column)
        }
        return try body(&self)
    }

    mutating func expression() throws(ExpressionError) -> Expression {
        try nested { (p: inout ExpressionParser) throws(ExpressionError) -> Expression in
            var lhs = try p.term()
            while true {
                let op: Expression.BinaryOperator
                switch p.current.kind {
                case .plus: op = .add
                case .minus: op = .subtract
                default: return lhs
                }
                let column = p.current.column
                try p.chain()
                p.advance()
                lhs = .binary(op, lhs, try p.term(), column: column)
            }
        }
    }

    mutating func term() throws(ExpressionError) -> Expression {
        var lhs = try unary()
        while true {
            let op: Expression.BinaryOperator
            switch current.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            default: return lhs
            }
            let column = current.column
            try chain()
            advance()
            lhs = .binary(op, lhs, try unary(), column: column)
        }
    }

    mutating func unary() throws(ExpressionError) -> Expression {
        try nested { (p: inout ExpressionParser) throws(ExpressionError) -> Expression in
            let column = p.current.column
            switch p.current.kind {
            case .minus:
                p.advance()
                return .negate(try p.unary(), column: column)
            case .plus:
                p.advance()
                return try p.unary()
            default:
                return try p.power()
            }
        }
    }

    mutating func power() throws(ExpressionError) -> Expression {
        let base = try primary()
        guard current.kind == .caret else { return base }
        let column = current.column
        advance()
        return .binary(.power, base, try unary(), column: column)
    }

    mutating func primary() throws(ExpressionError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let x):
            advance()
            return .number(x, column: token.column)
        case .string(let s):
            advance()
            return .string(s, column: token.column)
        case .identifier(let name):
            advance()
            guard current.kind == .leftParen else { return .name(name, column: token.column) }
            advance()
            return .call(name, try arguments(), column: token.column)
        case .leftBracket:
            advance()
            var items: [Expression] = []
            if current.kind != .rightBracket {
                items.append(try expression())
                while current.kind == .comma {
                    advance()
                    if current.kind == .rightBracket { break }     // a trailing comma is fine
                    items.append(try expression())
                }
            }
            guard current.kind == .rightBracket else {
                throw ExpressionError("expected ',' or ']', found \(current.spelling)", column: current.column)
            }
            advance()
            return .list(items, column: token.column)
        case .leftParen:
            advance()
            let inner = try expression()
            guard current.kind == .rightParen else {
                throw ExpressionError("expected ')', found \(current.spelling)", column: current.column)
            }
            advance()
            return inner
        default:
            throw ExpressionError("expected a number, a name, '(' or '[', found \(token.spelling)", column: token.column)
        }
    }

    /// After '(': arguments up to and including ')'.
    mutating func arguments() throws(ExpressionError) -> [Expression.Argument] {
        var args: [Expression.Argument] = []
        guard current.kind != .rightParen else { advance(); return args }
        while true {
            let column = current.column
            var label: String?
            if case .identifier(let name) = current.kind, tokens[index + 1].kind == .equals {
                label = name
                advance(); advance()
            }
            args.append(Expression.Argument(label: label, value: try expression(), column: column))
            switch current.kind {
            case .comma: advance()
            case .rightParen: advance(); return args
            default: throw ExpressionError("expected ',' or ')', found \(current.spelling)", column: current.column)
            }
        }
    }
}
