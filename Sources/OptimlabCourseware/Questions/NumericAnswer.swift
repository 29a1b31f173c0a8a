/// Reads a number as a learner types it: `7.5e-5`, `0.000075`, `7.5×10^-5`, `7.5*10^-5`, `7.5x10^-5`,
/// `7.5 × 10⁻⁵`, `3/4`, `−0.2` (Unicode minus), `+0.2`, spaces anywhere, `75e-6`, a trailing `%`.
/// Anything else is rejected with a message saying what was expected (never evaluated as code).
public enum NumericAnswer {
    public struct Rejection: Error, Equatable, CustomStringConvertible {
        public var input: String
        public var description: String {
            "'\(input)' is not a number I can read; type e.g. 7.5e-5, 0.000075, 7.5×10^-5 or 3/4"
        }
    }

    public static func parse(_ input: String) throws(Rejection) -> Double {
        let text = normalise(input)
        guard !text.isEmpty else { throw Rejection(input: input) }
        if text.hasSuffix("%"), let x = try? parse(String(text.dropLast())) { return x / 100 }
        if let slash = text.firstIndex(of: "/") {
            guard let n = plain(String(text[..<slash])), let d = plain(String(text[text.index(after: slash)...])), d != 0 else {
                throw Rejection(input: input)
            }
            // A finite quotient only: 7/1e-320 overflows to inf, which no answer can be.
            guard (n / d).isFinite else { throw Rejection(input: input) }
            return n / d
        }
        if let x = plain(text) { return x }
        throw Rejection(input: input)
    }

    /// Removes spaces, maps Unicode minus and superscripts, and rewrites `a×10^b` as `aeb`.
    static func normalise(_ input: String) -> String {
        let superscripts: [Character: Character] = ["⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5",
                                                    "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+"]
        var s = ""
        var inSuperscript = false
        for c in input where !c.isWhitespace && c != "_" {
            if let d = superscripts[c] {
                if !inSuperscript { s.append("^"); inSuperscript = true }
                s.append(d)
                continue
            }
            inSuperscript = false
            switch c {
            case "\u{2212}", "\u{2013}": s.append("-")
            case "×", "·", "X": s.append("x")
            case "E": s.append("e")
            default: s.append(c)
            }
        }
        for times in ["x10^", "*10^", "x10**", "*10**"] {
            if let r = s.range(of: times) { s.replaceSubrange(r, with: "e") }
        }
        if s.hasPrefix("10^") || s.hasPrefix("10**") { s = "1e" + s.drop { $0 != "^" && $0 != "*" }.drop { $0 == "^" || $0 == "*" } }
        return s
    }

    /// A plain decimal or e-notation number with an optional sign.
    static func plain(_ s: String) -> Double? {
        var body = Substring(s)
        if body.first == "+" { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ "0123456789.e+-".contains($0) }),
              body.first?.isNumber == true || body.first == "." || body.first == "-",
              let x = Double(body), x.isFinite else { return nil }
        return x
    }
}
