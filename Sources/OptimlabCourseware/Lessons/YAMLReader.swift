import Foundation
import Yams

/// Reads a block's YAML body with file line numbers: every node's position is mapped to the lesson
/// file (the fence's line + the line within the block), so every problem is `file:line: message`.
struct YAMLSource {
    var file: String
    /// The file line of the body's first line, minus one.
    var lineOffset: Int

    func line(_ node: Node?) -> Int { lineOffset + (node?.mark?.line ?? 1) }

    func diagnostic(_ node: Node?, _ message: String) -> LessonDiagnostic {
        LessonDiagnostic(file: file, line: line(node), message: message)
    }

    /// Parses `text` into a node tree; syntax errors and duplicate keys become diagnostics at their line.
    func compose(_ text: String) throws(LessonDiagnostic) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw diagnostic(for: error, text: text)
        } catch {
            throw LessonDiagnostic(file: file, line: lineOffset + 1, message: "YAML: \(error)")
        }
    }

    func diagnostic(for error: YamlError, text: String) -> LessonDiagnostic {
        func at(_ mark: Mark, _ message: String) -> LessonDiagnostic {
            LessonDiagnostic(file: file, line: lineOffset + mark.line, message: message)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text))" } ?? ""
            return at(mark, "YAML: \(problem)\(while_)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return at(context.mark, "duplicate key '\(duplicates.joined(separator: "', '"))'")
        case .reader(let problem, let offset, _, _):
            let line = offset.map { o in text.prefix(o).filter { $0 == "\n" }.count + 1 } ?? 1
            return LessonDiagnostic(file: file, line: lineOffset + line, message: "YAML: \(problem)")
        default:
            return LessonDiagnostic(file: file, line: lineOffset + 1, message: "YAML: \(error)")
        }
    }
}

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
            let hint = closest(to: name, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
            return source.diagnostic(key, "unknown field '\(name)' in \(what)\(hint) (fields: \(allowed.joined(separator: ", ")))")
        }
    }
}

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
