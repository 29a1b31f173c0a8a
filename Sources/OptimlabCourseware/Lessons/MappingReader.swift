import Yams

/// A YAML mapping read key by key; keys never read are reported as unknown fields.
struct MappingReader {
    let source: YAMLSource
    let node: Node
    let mapping: Node.Mapping
    /// What the mapping is, for messages ("a question block").
    let what: String
    private(set) var read: Set<String> = []

    init(_ node: Node?, source: YAMLSource, what: String) throws(LessonDiagnostic) {
        guard let node, let mapping = node.mapping else {
            throw source.diagnostic(node, "\(what) must be a YAML mapping of fields")
        }
        self.source = source; self.node = node; self.mapping = mapping; self.what = what
    }

    var keys: [String] { mapping.keys.compactMap(\.string) }

    mutating func node(_ key: String) -> Node? {
        read.insert(key)
        return mapping[key]
    }

    mutating func string(_ key: String) throws(LessonDiagnostic) -> String? {
        guard let n = node(key) else { return nil }
        guard let s = n.scalar?.string else { throw source.diagnostic(n, "'\(key)' must be text") }
        return s
    }

    mutating func requiredString(_ key: String) throws(LessonDiagnostic) -> String {
        guard let s = try string(key) else { throw source.diagnostic(node, "\(what) needs '\(key)'") }
        return s
    }

    mutating func number(_ key: String) throws(LessonDiagnostic) -> Double? {
        guard let n = node(key) else { return nil }
        guard let x = YAMLValues.number(n) else { throw source.diagnostic(n, "'\(key)' must be a number") }
        return x
    }

    mutating func integer(_ key: String) throws(LessonDiagnostic) -> Int? {
        guard let n = node(key) else { return nil }
        guard let x = YAMLValues.number(n), x == x.rounded(), abs(x) < 1e9 else {
            throw source.diagnostic(n, "'\(key)' must be a whole number")
        }
        return Int(x)
    }

    /// A list of strings (a single string is a list of one).
    mutating func strings(_ key: String) throws(LessonDiagnostic) -> [(String, line: Int)]? {
        guard let n = node(key) else { return nil }
        if let s = n.scalar?.string { return [(s, source.line(n))] }
        guard let items = n.sequence else { throw source.diagnostic(n, "'\(key)' must be a list") }
        var out: [(String, line: Int)] = []
        for item in items {
            guard let s = item.scalar?.string else { throw source.diagnostic(item, "'\(key)' items must be text") }
            out.append((s, source.line(item)))
        }
        return out
    }

    /// Unknown keys, each at its line, with a suggestion when one is close to an allowed key.
    func unknownKeys(allowed: [String]) -> [LessonDiagnostic] {
        mapping.keys.compactMap { key -> LessonDiagnostic? in
            guard let name = key.string, !read.contains(name) else { return nil }
            let hint = Suggestions.closest(to: name, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
            return source.diagnostic(key, "unknown field '\(name)' in \(what)\(hint) (fields: \(allowed.joined(separator: ", ")))")
        }
    }
}
