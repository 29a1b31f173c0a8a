/// Where a YAML node starts in its file: 1-based line and column (column 0 when only the line is known).
public struct YAMLMark: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int = 0) { self.line = line; self.column = column }

    public static func < (a: YAMLMark, b: YAMLMark) -> Bool { (a.line, a.column) < (b.line, b.column) }
}
