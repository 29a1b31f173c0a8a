/// A lexical token of the expression language, with the column (1-based, in characters) it starts at.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case number(Double)
        case identifier(String)
        case string(String)
        case plus, minus, star, slash, caret
        case leftParen, rightParen, leftBracket, rightBracket, comma, equals
        case end
    }
    public var kind: Kind
    public var column: Int

    /// How the token reads in an error message.
    public var spelling: String {
        switch kind {
        case .number(let x): ValueFormatter.plain(x)
        case .identifier(let s): "'\(s)'"
        case .string(let s): "\"\(s)\""
        case .plus: "'+'"
        case .minus: "'-'"
        case .star: "'*'"
        case .slash: "'/'"
        case .caret: "'^'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .comma: "','"
        case .equals: "'='"
        case .end: "the end of the expression"
        }
    }
}
