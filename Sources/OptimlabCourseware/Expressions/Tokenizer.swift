/// Splits an expression into tokens. Accepts `−` (U+2212) and `×` as minus and times, so expressions
/// copied from prose work; rejects anything else it does not know with its column.
public enum Tokenizer {
    public static func tokens(_ text: String) throws(ExpressionError) -> [Token] {
        let chars = Array(text)
        var out: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c.isWhitespace { i += 1; continue }
            if c.isNumber && c.isASCII || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber) {
                let (value, next) = try number(chars, from: i)
                out.append(Token(kind: .number(value), column: column))
                i = next
                continue
            }
            if c.isLetter || c == "_" {
                var j = i
                // `run.final_loss`: a dot followed by a letter continues the name (a visual block's results).
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_"
                    || (chars[j] == "." && j + 1 < chars.count && (chars[j + 1].isLetter || chars[j + 1] == "_")) { j += 1 }
                out.append(Token(kind: .identifier(String(chars[i..<j])), column: column))
                i = j
                continue
            }
            if c == "\"" || c == "'" {
                var j = i + 1
                while j < chars.count, chars[j] != c { j += 1 }
                guard j < chars.count else { throw ExpressionError("unterminated string", column: column) }
                out.append(Token(kind: .string(String(chars[(i + 1)..<j])), column: column))
                i = j + 1
                continue
            }
            let kind: Token.Kind
            switch c {
            case "+": kind = .plus
            case "-", "\u{2212}": kind = .minus
            case "*", "×", "·": kind = .star
            case "/": kind = .slash
            case "^": kind = .caret
            case "(": kind = .leftParen
            case ")": kind = .rightParen
            case "[": kind = .leftBracket
            case "]": kind = .rightBracket
            case ",": kind = .comma
            case "=": kind = .equals
            default: throw ExpressionError("unexpected character '\(c)'", column: column)
            }
            out.append(Token(kind: kind, column: column))
            i += 1
        }
        out.append(Token(kind: .end, column: chars.count + 1))
        return out
    }

    /// Reads `12`, `0.5`, `.5`, `1e-3`, `7.5E+2` starting at `start`.
    static func number(_ chars: [Character], from start: Int) throws(ExpressionError) -> (Double, Int) {
        var j = start
        func digits() { while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 } }
        digits()
        if j < chars.count, chars[j] == "." { j += 1; digits() }
        if j < chars.count, chars[j] == "e" || chars[j] == "E" {
            var k = j + 1
            if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
            if k < chars.count, chars[k].isASCII, chars[k].isNumber {
                j = k
                digits()
            }
        }
        let text = String(chars[start..<j])
        guard let value = Double(text) else { throw ExpressionError("malformed number '\(text)'", column: start + 1) }
        // `1e999` reads as inf: refused here rather than shown later as an unexplained inf.
        guard value.isFinite else { throw ExpressionError("'\(text)' is beyond ±1.8e308, the largest Double", column: start + 1) }
        return (value, j)
    }
}
