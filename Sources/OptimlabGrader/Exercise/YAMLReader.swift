import Yams

/// Typed reads from a composed YAML node tree that record `file:line` issues instead of throwing, so
/// one pass over an exercise reports every problem it has. Working on nodes (not Codable) keeps the
/// line of every value and the order of mappings (tensor order matters).
struct YAMLReader {
    let file: String
    private(set) var issues: [ExerciseIssue] = []

    init(file: String) { self.file = file }

    mutating func fail(_ node: Node?, _ message: String) {
        issues.append(ExerciseIssue(file: file, line: node?.mark?.line ?? 0, message: message))
    }

    /// Parses the text into a node tree; syntax errors become issues with the parser's line.
    mutating func compose(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else { fail(nil, "the file is empty"); return nil }
            return node
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                issues.append(ExerciseIssue(file: file, line: mark.line, message: "YAML syntax: \(problem)"))
            case let .duplicatedKeysInMapping(duplicates, context):
                issues.append(ExerciseIssue(file: file, line: context.mark.line,
                                            message: "duplicate key(s): \(duplicates.sorted().joined(separator: ", "))"))
            default:
                fail(nil, "YAML: \(error)")
            }
            return nil
        } catch {
            fail(nil, "YAML: \(error)")
            return nil
        }
    }

    /// The mapping's entries in order, after checking every key is one of `allowed`.
    mutating func mapping(_ node: Node, _ what: String, allowed: [String]) -> [(key: String, value: Node)]? {
        guard let m = node.mapping else { fail(node, "\(what) must be a mapping"); return nil }
        var out: [(key: String, value: Node)] = []
        for (k, v) in m {
            guard let key = k.string else { fail(k, "\(what): keys must be strings"); continue }
            if !allowed.contains(key) {
                fail(k, "\(what): unknown key '\(key)' (expected one of \(allowed.joined(separator: ", ")))")
                continue
            }
            out.append((key, v))
        }
        return out
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let s) = node else {
            let why = node.mapping != nil ? " (a ': ' inside unquoted text starts a mapping: quote the text)" : ""
            fail(node, "\(what) must be text\(why)"); return nil
        }
        return s.string
    }

    mutating func number(_ node: Node, _ what: String) -> Double? {
        guard case .scalar = node, let x = node.float, x.isFinite else {
            fail(node, "\(what) must be a finite number"); return nil
        }
        return x
    }

    mutating func positiveNumber(_ node: Node, _ what: String) -> Double? {
        guard let x = number(node, what) else { return nil }
        guard x > 0 else { fail(node, "\(what) must be positive, got \(x)"); return nil }
        return x
    }

    mutating func integer(_ node: Node, _ what: String, min: Int = 0, max: Int = Int.max) -> Int? {
        guard case .scalar = node, let x = node.int else { fail(node, "\(what) must be a whole number"); return nil }
        guard x >= min, x <= max else { fail(node, "\(what) must be between \(min) and \(max), got \(x)"); return nil }
        return x
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        guard case .scalar = node, let b = node.bool else { fail(node, "\(what) must be true or false"); return nil }
        return b
    }

    mutating func strings(_ node: Node, _ what: String) -> [String]? {
        guard let seq = node.sequence else { fail(node, "\(what) must be a list"); return nil }
        return seq.compactMap { string($0, what) }
    }
}
