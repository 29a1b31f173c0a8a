/// One measured figure: a kernel on `n` parameters, its median step time and the bytes it must move
/// per parameter (what "effective bandwidth" is counted against).
struct Figure {
    var name: String
    var n: Int
    var seconds: Double
    var bytesPerParam: Int

    var nanosecondsPerParam: Double { seconds / Double(n) * 1e9 }
    var gigabytesPerSecond: Double { Double(bytesPerParam * n) / seconds / 1e9 }

    /// The script-friendly line, e.g. `adamw-f32 n=16777216 ns_per_param=0.71`.
    var line: String { "\(name) n=\(n) ns_per_param=\(fixed(nanosecondsPerParam, 2))" }
}

/// `x` with `digits` decimals (the engine has no Foundation, and neither does the benchmark).
func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "\(x)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(x) * scale).rounded()
    let whole = Int(scaled / scale), fraction = Int(scaled) - whole * Int(scale)
    var fractionText = String(fraction)
    while fractionText.count < digits { fractionText = "0" + fractionText }
    return (x < 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + fractionText : "")
}

/// Pads `text` on the left to `width` characters.
func padded(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}
