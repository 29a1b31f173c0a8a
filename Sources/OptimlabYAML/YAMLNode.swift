import Yams

/// A node of a parsed YAML document that knows its file and its position in it, read with the rules of
/// ``YAMLScalar``. Mappings keep their order (tensor order matters) and their keys' positions.
public struct YAMLNode: @unchecked Sendable {
    let node: Node
    /// The file the node was read from, for diagnostics.
    public let file: String
    /// Added to the node's line within the parsed text (a lesson block's body starts after its fence).
    let lineOffset: Int
    /// The parsed text's lines, shared by every node of the document, to locate a column inside a scalar.
    let source: SourceLines

    init(_ node: Node, file: String, lineOffset: Int, source: SourceLines) {
        self.node = node; self.file = file; self.lineOffset = lineOffset; self.source = source
    }

    func child(_ n: Node) -> YAMLNode { YAMLNode(n, file: file, lineOffset: lineOffset, source: source) }

    /// The lines of a parsed text, as Unicode scalars (the unit of libyaml's columns).
    final class SourceLines: @unchecked Sendable {
        let lines: [[Unicode.Scalar]]
        init(_ text: String) {
            lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        }
    }

    /// Where the node starts in its file.
    public var mark: YAMLMark {
        guard let m = node.mark else { return YAMLMark(line: lineOffset + 1) }
        return YAMLMark(line: lineOffset + m.line, column: m.column)
    }

    /// The node's line in its file.
    public var line: Int { mark.line }

    /// A diagnostic located at this node.
    public func diagnostic(_ message: String) -> YAMLDiagnostic { YAMLDiagnostic(file: file, at: mark, message: message) }

    /// Where character `k` (1-based; one past the end is allowed) of this scalar's text is in the file
    /// (its column counted in Unicode scalars, as every YAML diagnostic's is),
    /// when the text stands on its line exactly as written: a plain scalar, or a quoted one with nothing
    /// escaped or folded. Nil otherwise (a block scalar, a scalar over several lines, an escape), and
    /// then only the node's own position is known.
    public func mark(ofTextColumn k: Int) -> YAMLMark? {
        guard let text, let m = node.mark, !isBlockScalar, k >= 1, k <= text.count + 1 else { return nil }
        let scalars = Array(text.unicodeScalars)
        let row = m.line - 1, start = m.column - 1 + (isPlain ? 0 : 1)
        guard source.lines.indices.contains(row), start >= 0 else { return nil }
        let line = source.lines[row]
        guard start + scalars.count <= line.count, Array(line[start..<(start + scalars.count)]) == scalars else { return nil }
        return YAMLMark(line: lineOffset + m.line, column: start + text.prefix(k - 1).unicodeScalars.count + 1)
    }

    // MARK: Shape

    public var isScalar: Bool { node.scalar != nil }
    public var isMapping: Bool { node.mapping != nil }
    public var isSequence: Bool { node.sequence != nil }

    /// The text of a scalar of any style (quoted, plain or block); nil for a mapping or a list.
    public var text: String? { node.scalar?.string }

    /// Whether the node is an unquoted, non-block scalar: the only kind that can be a number, boolean or null.
    public var isPlain: Bool {
        guard let style = node.scalar?.style else { return false }
        return style == .plain || style == .any
    }

    /// Whether the node is a `|` or `>` block scalar, whose text starts on the line after its mark.
    public var isBlockScalar: Bool {
        guard let style = node.scalar?.style else { return false }
        return style == .literal || style == .folded
    }

    /// The file line where a scalar's text starts (block scalars start on the line after `|`/`>`).
    public var textLine: Int { line + (isBlockScalar ? 1 : 0) }

    /// A list's items, in order; nil when the node is not a list.
    public var items: [YAMLNode]? { node.sequence.map { $0.map(child) } }

    /// A mapping's entries, in order; nil when the node is not a mapping.
    public var entries: [(key: YAMLNode, value: YAMLNode)]? {
        node.mapping.map { m in m.map { (key: child($0.key), value: child($0.value)) } }
    }

    /// The value under the text key `key`, when this is a mapping that has it.
    public subscript(key: String) -> YAMLNode? {
        entries?.first { $0.key.text == key }?.value
    }

    // MARK: Scalars (``YAMLScalar``'s rules)

    /// A plain scalar's number (finite or not).
    public var number: Double? { isPlain ? text.flatMap(YAMLScalar.number) : nil }

    /// A plain scalar's whole number (`3`, `0x10`, `1e3`); nil when not whole or beyond ±2⁵³.
    public var integer: Int? {
        guard isPlain, let text else { return nil }
        if let i = YAMLScalar.integer(text) { return i }
        guard let x = YAMLScalar.number(text), x == x.rounded(), abs(x) <= 9_007_199_254_740_992 else { return nil }
        return Int(x)
    }

    /// A plain scalar's boolean: only `true`/`false` (and their capitalised forms).
    public var bool: Bool? { isPlain ? text.flatMap(YAMLScalar.bool) : nil }

    /// Whether the node is a plain null (`~`, `null`, or an empty value).
    public var isNull: Bool { isPlain && text.map(YAMLScalar.isNull) == true }
}
