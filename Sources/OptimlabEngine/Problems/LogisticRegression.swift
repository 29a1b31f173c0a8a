#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Logistic regression with parameters `w` (one weight per feature) and `b` (the bias), two tensors so
/// that per-tensor and global clipping differ.
///
///     z = w·x + b,   p = σ(z),   loss = mean over examples of  softplus(z) − y·z
///     ∂loss/∂w = mean of (p − y)·x,   ∂loss/∂b = mean of (p − y)
///
/// softplus(z) = max(z, 0) + log(1 + e^−|z|) is the stable form of log(1 + e^z), so a huge margin gives a
/// large finite loss instead of overflowing.
public enum LogisticRegression {
    public static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    static func softplus(_ z: Double) -> Double {
        max(z, 0) + log1p(exp(-abs(z)))
    }

    /// Zero weights and bias for `featureCount` features: loss ln 2 at the start.
    public static func initialParams(featureCount: Int) -> NamedTensors {
        NamedTensors([("w", Array(repeating: 0, count: featureCount)), ("b", [0])])
    }

    /// z = w·x + b.
    static func margin(w: [Double], b: Double, _ row: [Double]) -> Double {
        var z = b
        for k in 0..<min(w.count, row.count) { z += w[k] * row[k] }
        return z
    }

    /// The mean loss over the examples.
    public static func loss(params: NamedTensors, features: [[Double]], labels: [Double]) -> Double {
        guard !features.isEmpty else { return 0 }
        let w = params["w"] ?? [], b = params["b"]?.first ?? 0
        var total = 0.0
        for (row, y) in zip(features, labels) {
            let z = margin(w: w, b: b, row)
            total += softplus(z) - y * z
        }
        return total / Double(features.count)
    }

    /// The gradient of the mean loss, with the parameters' names and shapes.
    public static func gradient(params: NamedTensors, features: [[Double]], labels: [Double]) -> NamedTensors {
        let w = params["w"] ?? [], b = params["b"]?.first ?? 0
        let count = w.count
        var gw = Array(repeating: 0.0, count: count), gb = 0.0
        for (row, y) in zip(features, labels) {
            let r = sigmoid(margin(w: w, b: b, row)) - y
            for k in 0..<min(count, row.count) { gw[k] += r * row[k] }
            gb += r
        }
        let n = Double(max(features.count, 1))
        return NamedTensors([("w", gw.map { $0 / n }), ("b", [gb / n])])
    }
}
