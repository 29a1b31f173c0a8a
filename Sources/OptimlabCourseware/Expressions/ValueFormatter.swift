import Foundation

/// Turns values into text for prose, prompts and the calculator. The formats are the lesson
/// language's `{{ expr | format }}` suffixes.
public enum ValueFormatter {
    /// The formats a lesson may name after `|`.
    public static let formats = ["sci2", "sci3", "sci4", "fix1", "fix2", "fix3", "fix4", "fix6", "pct1", "pct2", "int", "g"]

    /// Formats `value`; `format` nil means the general format (up to 6 significant digits).
    public static func format(_ value: Value, _ format: String? = nil) -> String {
        switch value {
        case .number(let x): number(x, format)
        case .string(let s): s
        case .list(let items): "[" + items.map { self.format($0, format) }.joined(separator: ", ") + "]"
        case .table(let t): "(a table of \(t.rows.count) rows: \(t.columns.map(\.title).joined(separator: ", ")))"
        }
    }

    /// One number in a named format.
    public static func number(_ x: Double, _ format: String? = nil) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        guard let format else { return plain(x) }
        let digits = Int(format.dropFirst(3)) ?? 0
        switch format.prefix(3) {
        case "sci": return scientific(x, significant: max(digits, 1))
        case "fix": return String(format: "%.\(digits)f", x)
        case "pct": return String(format: "%.\(digits)f%%", x * 100)
        case "int": return String(format: "%.0f", x.rounded())
        default: return plain(x)
        }
    }

    /// The general format: integers as integers, otherwise up to 6 significant digits, scientific for
    /// very small or large magnitudes (`7.5e-05` reads as `7.5e-5`).
    public static func plain(_ x: Double) -> String {
        guard x.isFinite else { return number(x) }
        if x == x.rounded(), abs(x) < 1e15 { return String(format: "%.0f", x) }
        let s = String(format: "%.6g", x)
        return tidyExponent(s)
    }

    /// `x` with `significant` significant digits in scientific notation, e.g. 7.50e-5.
    public static func scientific(_ x: Double, significant: Int) -> String {
        tidyExponent(String(format: "%.\(significant - 1)e", x))
    }

    /// A value for reading: at most 6 significant digits, so float noise never shows
    /// (999.9999999999991 → 1000, 0.22860000000000003 → 0.2286, -0.0 → 0).
    public static func readable(_ x: Double) -> String { x == 0 ? "0" : plain(x) }

    /// All the digits needed to reproduce `x` exactly (the "exact engine value").
    public static func exact(_ x: Double) -> String {
        guard x.isFinite else { return number(x) }
        return "\(x)"
    }

    /// `1.5e-05` → `1.5e-5`, `2e+03` → `2e3`.
    static func tidyExponent(_ s: String) -> String {
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return s }
        let mantissa = s[..<e]
        var exponent = s[s.index(after: e)...]
        var sign = ""
        if exponent.first == "-" { sign = "-"; exponent = exponent.dropFirst() }
        else if exponent.first == "+" { exponent = exponent.dropFirst() }
        let digits = exponent.drop { $0 == "0" }
        return "\(mantissa)e\(sign)\(digits.isEmpty ? "0" : String(digits))"
    }
}
