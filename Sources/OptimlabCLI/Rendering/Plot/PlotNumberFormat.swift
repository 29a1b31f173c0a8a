import Foundation

/// How numbers appear on axes and in the tables beside plots: short, without trailing zeros, and in
/// scientific form only when fixed notation would be long (3e-4, not 0.0003000).
enum PlotNumberFormat {
    /// A tick value, with as many digits as the tick spacing `step` needs.
    static func tick(_ v: Double, step: Double) -> String {
        if v == 0 { return "0" }
        let magnitude = abs(v)
        let stepExponent = Int(floor(log10(abs(step) > 0 ? abs(step) : magnitude)))
        if magnitude >= 1e-3 && magnitude < 1e5 {
            return trimmed(String(format: "%.\(min(max(0, -stepExponent), 8))f", v))
        }
        let digits = min(max(0, Int(floor(log10(magnitude))) - stepExponent), 3)
        return scientific(v, digits: digits)
    }

    /// A measured value with four significant digits.
    static func value(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        if v == 0 { return "0" }
        let magnitude = abs(v)
        if magnitude >= 1e-3 && magnitude < 1e5 { return trimmed(String(format: "%.4g", v)) }
        return scientific(v, digits: 3)
    }

    /// `3.00e-04` → `3e-4`.
    static func scientific(_ v: Double, digits: Int) -> String {
        let s = String(format: "%.\(digits)e", v)
        guard let e = s.firstIndex(of: "e") else { return s }
        let mantissa = trimmed(String(s[..<e]))
        var exponent = String(s[s.index(after: e)...])
        let sign = exponent.hasPrefix("-") ? "-" : ""
        exponent = String(exponent.drop { $0 == "-" || $0 == "+" || $0 == "0" })
        return "\(mantissa)e\(sign)\(exponent.isEmpty ? "0" : exponent)"
    }

    /// Drops trailing zeros after a decimal point, and the point itself if nothing is left after it.
    static func trimmed(_ s: String) -> String {
        guard s.contains("."), !s.contains("e") else { return s }
        var out = s
        while out.hasSuffix("0") { out.removeLast() }
        if out.hasSuffix(".") { out.removeLast() }
        return out == "-0" ? "0" : out
    }
}
