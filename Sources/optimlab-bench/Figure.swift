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
