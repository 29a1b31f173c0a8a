import Foundation
import Yams

/// Converting YAML nodes to expression values.
enum YAMLValues {
    /// A plain scalar that reads as a number (`1e-3` included, which YAML 1.1 would leave a string).
    static func number(_ node: Node) -> Double? {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return nil }
        let text = scalar.string.replacingOccurrences(of: "_", with: "")
        guard !text.isEmpty, text.allSatisfy({ "0123456789.eE+-".contains($0) }), let x = Double(text) else { return nil }
        return x
    }

    /// Numbers, strings and (nested) lists; a mapping is not a value.
    static func value(_ node: Node, source: YAMLSource) throws(LessonDiagnostic) -> Value {
        if let x = number(node) { return .number(x) }
        if let scalar = node.scalar {
            if scalar.style == .plain, ["true", "false"].contains(scalar.string) {
                return .number(scalar.string == "true" ? 1 : 0)
            }
            return .string(scalar.string)
        }
        if let items = node.sequence {
            var out: [Value] = []
            for item in items { out.append(try value(item, source: source)) }
            return .list(out)
        }
        throw source.diagnostic(node, "expected a number, text or a list here, not a mapping")
    }
}
