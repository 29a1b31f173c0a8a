import OptimlabYAML

/// Converting YAML nodes to expression values (scalars read by ``YAMLScalar``'s rules).
enum YAMLValues {
    /// Numbers, strings and (nested) lists; `true`/`false` are 1 and 0; a mapping is not a value.
    static func value(_ node: YAMLNode) throws(LessonDiagnostic) -> Value {
        if let x = node.number { return .number(x) }
        if let b = node.bool { return .number(b ? 1 : 0) }
        if let text = node.text { return .string(text) }
        if let items = node.items {
            var out: [Value] = []
            for item in items { out.append(try value(item)) }
            return .list(out)
        }
        throw node.diagnostic("expected a number, text or a list here, not a mapping")
    }
}
