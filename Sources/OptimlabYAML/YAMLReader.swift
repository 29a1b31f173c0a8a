/// Typed reads that record a ``YAMLDiagnostic`` and return nil instead of throwing, so one pass over a
/// file reports every problem it has. The reads are ``YAMLNode``'s throwing ones (same rules, same
/// messages); ``read(_:)`` turns any throwing read into a recorded one.
public struct YAMLReader: Sendable {
    public let file: String
    public private(set) var diagnostics: [YAMLDiagnostic] = []

    public init(file: String) { self.file = file }

    /// Records a problem at `node` (about the whole file when nil).
    public mutating func fail(_ node: YAMLNode?, _ message: String) {
        diagnostics.append(node?.diagnostic(message) ?? YAMLDiagnostic(file: file, line: 0, message: message))
    }

    public mutating func report(_ diagnostic: YAMLDiagnostic) { diagnostics.append(diagnostic) }

    /// Parses `text` (starting on line `lineOffset + 1`); nil when empty or unparsable (recorded).
    public mutating func parse(_ text: String, lineOffset: Int = 0) -> YAMLNode? {
        do { return try YAMLDocument.parse(text, file: file, lineOffset: lineOffset) } catch {
            diagnostics.append(error)
            return nil
        }
    }

    /// Runs a throwing read, recording its diagnostic.
    public mutating func read<T>(_ body: () throws(YAMLDiagnostic) -> T) -> T? {
        do { return try body() } catch { diagnostics.append(error); return nil }
    }

    /// The mapping's entries in order, keyed by text (a key that is not text is recorded and skipped).
    /// Which keys are allowed is checked by ``checkFields(_:allowed:in:)``.
    public mutating func fields(_ node: YAMLNode, _ what: String) -> [YAMLField]? {
        guard let entries = read({ () throws(YAMLDiagnostic) in try node.mapping(what) }) else { return nil }
        return entries.compactMap { k, v in
            guard let key = k.text else { fail(k, "\(what): keys must be text"); return nil }
            return YAMLField(key: key, keyNode: k, value: v)
        }
    }

    /// Records every field that is not one of `allowed` (``YAMLNode/unknownField(_:in:allowed:)``).
    public mutating func checkFields(_ fields: [YAMLField], allowed: [String], in what: String) {
        for f in fields where !allowed.contains(f.key) { report(f.keyNode.unknownField(f.key, in: what, allowed: allowed)) }
    }

    /// The mapping's entries in order, keyed by text, after checking every key is one of `allowed`
    /// (unknown ones are recorded and left out).
    public mutating func mapping(_ node: YAMLNode, _ what: String, allowed: [String]) -> [(key: String, value: YAMLNode)]? {
        guard let fields = fields(node, what) else { return nil }
        checkFields(fields, allowed: allowed, in: what)
        return fields.filter { allowed.contains($0.key) }.map { ($0.key, $0.value) }
    }

    public mutating func string(_ node: YAMLNode, _ what: String) -> String? {
        read { () throws(YAMLDiagnostic) in try node.string(what) }
    }

    public mutating func number(_ node: YAMLNode, _ what: String) -> Double? {
        read { () throws(YAMLDiagnostic) in try node.number(what) }
    }

    public mutating func positiveNumber(_ node: YAMLNode, _ what: String) -> Double? {
        read { () throws(YAMLDiagnostic) in try node.positiveNumber(what) }
    }

    public mutating func integer(_ node: YAMLNode, _ what: String, min: Int = .min, max: Int = .max) -> Int? {
        read { () throws(YAMLDiagnostic) in try node.integer(what, min: min, max: max) }
    }

    public mutating func integer(_ node: YAMLNode, _ what: String, in range: ClosedRange<Int>) -> Int? {
        integer(node, what, min: range.lowerBound, max: range.upperBound)
    }

    public mutating func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        read { () throws(YAMLDiagnostic) in try node.bool(what) }
    }

    public mutating func list(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        read { () throws(YAMLDiagnostic) in try node.list(what) }
    }

    /// A list of texts; each item that is not text is recorded and skipped.
    public mutating func strings(_ node: YAMLNode, _ what: String) -> [String]? {
        guard let items = list(node, what) else { return nil }
        return items.compactMap { string($0, what) }
    }
}
