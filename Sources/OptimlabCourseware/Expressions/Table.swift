/// A table of computed values: what every table function returns and what `example` blocks show.
///
/// Columns have a `key` (what a lesson's `show:` names, e.g. `m_hat`) and a `title` (what the
/// learner reads, e.g. `m̂`); an optional `group` labels a set of columns (one parameter of several).
public struct Table: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var key: String
        public var title: String
        public var group: String?
        public init(key: String, title: String, group: String? = nil) {
            self.key = key; self.title = title; self.group = group
        }
    }

    /// One cell: a number, a piece of text, or nothing (a column group a row does not use).
    public enum Cell: Sendable, Equatable {
        case number(Double)
        case text(String)
        case empty
    }

    public var columns: [Column]
    public var rows: [[Cell]]

    public init(columns: [Column], rows: [[Cell]] = []) {
        self.columns = columns; self.rows = rows
    }

    /// Appends a row of numbers.
    public mutating func append(_ numbers: [Double]) { rows.append(numbers.map(Cell.number)) }

    /// Appends a row of cells.
    public mutating func append(cells: [Cell]) { rows.append(cells) }

    /// The table with only the columns whose keys are listed, in that order; nil names an unknown key.
    public func selecting(_ keys: [String]) -> Result<Table, UnknownColumn> {
        var indices: [Int] = []
        for key in keys {
            guard let i = columns.firstIndex(where: { $0.key == key }) else {
                return .failure(UnknownColumn(key: key, available: columns.map(\.key)))
            }
            indices.append(i)
        }
        return .success(Table(columns: indices.map { columns[$0] }, rows: rows.map { row in indices.map { row[$0] } }))
    }

    /// The numbers in the column `key`, top to bottom (nil when the column does not exist).
    public func column(_ key: String) -> [Cell]? {
        guard let i = columns.firstIndex(where: { $0.key == key }) else { return nil }
        return rows.map { $0[i] }
    }

    public struct UnknownColumn: Error, Equatable, CustomStringConvertible {
        public var key: String
        public var available: [String]
        public var description: String {
            "unknown column '\(key)' (columns: \(available.joined(separator: ", ")))"
        }
    }
}
