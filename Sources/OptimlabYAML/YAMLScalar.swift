/// The one set of scalar rules every optimlab YAML file is read with: the YAML 1.2 core schema.
///
/// - Only a *plain* (unquoted) scalar is ever anything but text: `"1"`, `'true'` and block scalars
///   (`|`, `>`) are text.
/// - Booleans are exactly `true`, `True`, `TRUE`, `false`, `False`, `FALSE`. YAML 1.1's `yes`, `no`,
///   `on`, `off`, `y`, `n` are text (so a `yes` where a boolean belongs is reported, not guessed).
/// - Null is `~`, `null`, `Null`, `NULL` or nothing at all.
/// - Integers are `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`.
/// - Floats are `[-+]?(.[0-9]+|[0-9]+(.[0-9]*)?)([eE][-+]?[0-9]+)?` (so `1e-3` and `3e-4` are numbers,
///   which YAML 1.1 would leave text), `[-+]?.inf` and `.nan` (any of `inf`/`Inf`/`INF`, `nan`/`NaN`/`NAN`).
///   No `_` digit separators, no sexagesimal `1:30`.
/// - A whole number may be written as a float: `steps: 1e3` is 1000.
/// - Any scalar's text is its string value (`id: 12` has the text "12").
public enum YAMLScalar {
    /// The boolean a plain scalar's text denotes, or nil.
    public static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// Whether a plain scalar's text denotes null.
    public static func isNull(_ text: String) -> Bool { ["", "~", "null", "Null", "NULL"].contains(text) }

    /// The number (integer or float, possibly infinite or nan) a plain scalar's text denotes, or nil.
    public static func number(_ text: String) -> Double? {
        if let i = integer(text) { return Double(i) }
        if let x = special(text) { return x }
        return decimal(text) ? Double(text) : nil
    }

    /// The integer a plain scalar's text denotes in integer form (`12`, `-3`, `0o17`, `0xff`), or nil.
    public static func integer(_ text: String) -> Int? {
        if text.hasPrefix("0o") { return digits(text.dropFirst(2), "01234567") ? Int(text.dropFirst(2), radix: 8) : nil }
        if text.hasPrefix("0x") { return digits(text.dropFirst(2), "0123456789abcdefABCDEF") ? Int(text.dropFirst(2), radix: 16) : nil }
        let unsigned = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        guard digits(unsigned, "0123456789") else { return nil }
        return Int(text.first == "+" ? String(unsigned) : text)
    }

    static func digits(_ s: Substring, _ allowed: String) -> Bool { !s.isEmpty && s.allSatisfy(allowed.contains) }

    static func special(_ text: String) -> Double? {
        let unsigned = text.first == "-" || text.first == "+" ? String(text.dropFirst()) : text
        if [".inf", ".Inf", ".INF"].contains(unsigned) { return text.first == "-" ? -.infinity : .infinity }
        if [".nan", ".NaN", ".NAN"].contains(text) { return .nan }
        return nil
    }

    /// `[-+]?(.[0-9]+|[0-9]+(.[0-9]*)?)([eE][-+]?[0-9]+)?`
    static func decimal(_ text: String) -> Bool {
        var s = Substring(text)
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        let whole = s.prefix { $0.isASCII && $0.isNumber }
        s = s.dropFirst(whole.count)
        var fraction = Substring("")
        if s.first == "." {
            s = s.dropFirst()
            fraction = s.prefix { $0.isASCII && $0.isNumber }
            s = s.dropFirst(fraction.count)
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return false }
        if s.first == "e" || s.first == "E" {
            s = s.dropFirst()
            if s.first == "-" || s.first == "+" { s = s.dropFirst() }
            let exponent = s.prefix { $0.isASCII && $0.isNumber }
            guard !exponent.isEmpty else { return false }
            s = s.dropFirst(exponent.count)
        }
        return s.isEmpty
    }
}
