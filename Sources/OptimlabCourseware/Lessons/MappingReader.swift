import OptimlabYAML

/// A YAML mapping read key by key; keys never read are reported as unknown fields.
struct MappingReader {
    let source: YAMLSource
    let node: YAMLNode
    let entries: [(key: YAMLNode, value: YAMLNode)]
    /// What the mapping is, for messages ("a question block").
    let what: String
    private(set) var read: Set<String> = []

    init(_ node: YAMLNode?, source: YAMLSource, what: String) throws(LessonDiagnostic) {
        guard let node else { throw source.diagnostic(node, "\(what) must be a mapping of fields") }
        let entries = try node.mapping(what)
        self.source = source; self.node = node; self.entries = entries; self.what = what
    }

    var keys: [String] { entries.compactMap(\.key.text) }

    mutating func node(_ key: String) -> YAMLNode? {
        read.insert(key)
        return entries.first { $0.key.text == key }?.value
    }

    mutating func string(_ key: String) throws(LessonDiagnostic) -> String? {
        try node(key)?.string("'\(key)'")
    }

    mutating func requiredString(_ key: String) throws(LessonDiagnostic) -> String {
        guard let s = try string(key) else { throw source.diagnostic(node, "\(what) needs '\(key)'") }
        return s
    }

    mutating func number(_ key: String) throws(LessonDiagnostic) -> Double? {
        try node(key)?.number("'\(key)'")
    }

    mutating func integer(_ key: String) throws(LessonDiagnostic) -> Int? {
        try node(key)?.integer("'\(key)'")
    }

    /// A list of strings (a single string is a list of one).
    mutating func strings(_ key: String) throws(LessonDiagnostic) -> [(String, line: Int)]? {
        guard let n = node(key) else { return nil }
        if let s = n.text { return [(s, n.line)] }
        var out: [(String, line: Int)] = []
        for item in try n.list("'\(key)'") {
            guard let s = item.text else { throw item.diagnostic("'\(key)' items must be text") }
            out.append((s, item.line))
        }
        return out
    }

    /// Unknown keys, each at its position, with a suggestion when one is close to an allowed key.
    func unknownKeys(allowed: [String]) -> [LessonDiagnostic] {
        entries.compactMap { entry -> LessonDiagnostic? in
            guard let name = entry.key.text, !read.contains(name) else { return nil }
            return entry.key.unknownField(name, in: what, allowed: allowed)
        }
    }
}
