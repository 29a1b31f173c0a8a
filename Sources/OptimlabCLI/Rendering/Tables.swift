import OptimlabCourseware

/// Draws a ``Table``: box drawing on a Unicode terminal, plain ASCII otherwise (pipes, files, tests).
/// Numbers are right-aligned in the general format; column groups get a spanning header line.
enum TableRenderer {
    struct Box {
        var vertical, horizontal, topLeft, topMid, topRight, midLeft, midMid, midRight, bottomLeft, bottomMid, bottomRight: String
        static let unicode = Box(vertical: "│", horizontal: "─", topLeft: "┌", topMid: "┬", topRight: "┐", midLeft: "├",
                                 midMid: "┼", midRight: "┤", bottomLeft: "└", bottomMid: "┴", bottomRight: "┘")
        static let ascii = Box(vertical: "|", horizontal: "-", topLeft: "+", topMid: "+", topRight: "+", midLeft: "+",
                               midMid: "+", midRight: "+", bottomLeft: "+", bottomMid: "+", bottomRight: "+")
    }

    static func cellText(_ cell: Table.Cell) -> String {
        switch cell {
        case .number(let x): ValueFormatter.plain(x)
        case .text(let s): s
        case .empty: ""
        }
    }

    /// `wrapTo`: narrow text columns until the table fits that width and wrap their cells over several
    /// lines instead of cutting them (lesson tables, whose words all matter).
    static func render(_ table: Table, caption: String? = nil, terminal: Terminal, wrapTo: Int? = nil) -> String {
        let box = terminal.unicode ? Box.unicode : Box.ascii
        let headers = table.columns.map(\.title)
        let body = table.rows.map { $0.map(cellText) }
        var widths = headers.map(\.count)
        for row in body { for (i, s) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], s.count) } }
        let groups = groupSpans(table.columns)
        if !groups.isEmpty {
            for g in groups where g.name != nil {
                let span = widths[g.range].reduce(0, +) + 3 * (g.range.count - 1)
                if g.name!.count > span { widths[g.range.upperBound - 1] += g.name!.count - span }
            }
        }
        if let w = wrapTo { fit(&widths, table: table, into: w, minimum: 6) } else if terminal.isTTY { fit(&widths, table: table, into: terminal.width) }
        let ellipsis = terminal.symbol("…", ascii: "~")
        func pad(_ s: String, _ w: Int, right: Bool) -> String {
            let s = s.count > w ? String(s.prefix(max(w - 1, 0))) + ellipsis : s
            let fill = String(repeating: " ", count: max(w - s.count, 0))
            return right ? fill + s : s + fill
        }
        func line(_ l: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: box.horizontal, count: $0 + 2) }.joined(separator: m) + r
        }
        var out: [String] = []
        if let caption { out += MarkdownRenderer.wrap(caption, width: terminal.width).map { terminal.styled($0, .bold) } }
        out.append(line(box.topLeft, box.topMid, box.topRight))
        if groups.contains(where: { $0.name != nil }) {
            let cells = groups.map { g -> String in
                let span = widths[g.range].reduce(0, +) + 3 * (g.range.count - 1)
                return " " + pad(g.name ?? "", span, right: false) + " "
            }
            out.append(box.vertical + cells.joined(separator: box.vertical) + box.vertical)
        }
        out.append(box.vertical + headers.enumerated().map { " " + pad($0.element, widths[$0.offset], right: false) + " " }.joined(separator: box.vertical) + box.vertical)
        out.append(line(box.midLeft, box.midMid, box.midRight))
        for (r, row) in body.enumerated() {
            // Each cell as the lines it takes (one unless it wraps).
            let parts = widths.indices.map { i -> [String] in
                let s = i < row.count ? row[i] : ""
                return wrapTo == nil ? [s] : MarkdownRenderer.wrap(s, width: widths[i])
            }
            for k in 0..<(parts.map(\.count).max() ?? 1) {
                let cells = widths.indices.map { i -> String in
                    let s = k < parts[i].count ? parts[i][k] : ""
                    let numeric = i < table.rows[r].count && { if case .number = table.rows[r][i] { return true } else { return false } }()
                    return " " + pad(s, widths[i], right: numeric) + " "
                }
                out.append(box.vertical + cells.joined(separator: box.vertical) + box.vertical)
            }
        }
        out.append(line(box.bottomLeft, box.bottomMid, box.bottomRight))
        return out.joined(separator: "\n")
    }

    /// Narrows text columns (widest first, never below 8) until a row fits in `width` on a terminal;
    /// number columns keep their width so no digit is lost.
    static func fit(_ widths: inout [Int], table: Table, into width: Int, minimum: Int = 8) {
        let textColumns = widths.indices.filter { i in
            !table.rows.contains { row in i < row.count && { if case .number = row[i] { return true } else { return false } }() }
        }
        func total() -> Int { widths.reduce(0, +) + 3 * widths.count + 1 }
        while total() > width, let widest = textColumns.max(by: { widths[$0] < widths[$1] }), widths[widest] > minimum {
            widths[widest] -= 1
        }
    }

    /// Runs of adjacent columns sharing a group (nil for ungrouped columns).
    static func groupSpans(_ columns: [Table.Column]) -> [(name: String?, range: Range<Int>)] {
        var spans: [(name: String?, range: Range<Int>)] = []
        for (i, c) in columns.enumerated() {
            if let last = spans.last, last.name == c.group, c.group != nil {
                spans[spans.count - 1].range = last.range.lowerBound..<(i + 1)
            } else {
                spans.append((c.group, i..<(i + 1)))
            }
        }
        return spans
    }
}
