/// Draws a ``PlotFigure`` as terminal text: braille dots on a Unicode terminal, one glyph per cell in
/// plain ASCII, with a y axis of tick labels, an x axis with ticks, the title, axis labels and a legend.
/// Colour (one per series, contours dim) only when the terminal has it.
struct TextPlotRenderer {
    let terminal: Terminal

    static let colors: [Terminal.Style] = [.blue, .red, .green, .yellow, .magenta, .cyan]
    static let asciiGlyphs: [Character] = ["*", "+", "o", "x", "#", "%", "@", "&"]

    func glyph(series k: Int) -> Character { Self.asciiGlyphs[k % Self.asciiGlyphs.count] }
    func color(series k: Int) -> Terminal.Style { Self.colors[k % Self.colors.count] }

    func layout(for figure: PlotFigure) -> PlotLayout {
        PlotLayout(figure: figure, width: terminal.width, braille: terminal.unicode)
    }

    /// Whether series are drawn with one glyph each instead of braille: in plain ASCII, and on a Unicode
    /// terminal without colour when there are several series (braille alone would make them one tangle).
    func usesGlyphs(_ figure: PlotFigure) -> Bool {
        !terminal.unicode || (!terminal.color && figure.series.count > 1)
    }

    func render(_ figure: PlotFigure) -> String {
        let layout = layout(for: figure)
        let canvas = draw(figure, layout: layout)
        var lines: [String] = []
        let plotStart = layout.labelWidth + 1
        let total = plotStart + layout.columns
        if !figure.title.isEmpty {
            let title = fitted(plain(figure.title), total)
            lines.append(centered(terminal.styled(title, .bold), visible: title.count, in: plotStart, layout.columns, total: total))
        }
        if !figure.yLabel.isEmpty { lines.append(fitted(plain(figure.yLabel), total)) }
        lines += body(canvas, layout: layout, glyphs: usesGlyphs(figure))
        lines += xAxis(layout)
        if !figure.xLabel.isEmpty {
            let label = fitted(plain(figure.xLabel), total)
            lines.append(centered(label, visible: label.count, in: plotStart, layout.columns, total: total))
        }
        lines += legend(figure, width: plotStart + layout.columns + 1)
        return lines.map { trimTrailing($0) }.joined(separator: "\n") + "\n"
    }

    // MARK: drawing

    func draw(_ figure: PlotFigure, layout: PlotLayout) -> DotCanvas {
        var canvas = DotCanvas(columns: layout.columns, rows: layout.rows, braille: terminal.unicode)
        if let field = figure.contours {
            for level in field.levels {
                for s in ContourTracer.segments(of: field, level: level) {
                    guard let a = layout.dot(s.from), let b = layout.dot(s.to) else { continue }
                    canvas.line(from: a, to: b, owner: .contour)
                }
            }
        }
        for (k, series) in figure.series.enumerated() {
            var previous: (x: Double, y: Double)?
            for p in series.points {
                guard let d = layout.dot(p) else { previous = nil; continue }
                canvas.line(from: previous ?? d, to: d, owner: .series(k))
                previous = d
            }
        }
        for m in figure.markers {
            guard let d = layout.dot(m.point) else { continue }
            canvas.mark(x: DotCanvas.pixel(d.x), y: DotCanvas.pixel(d.y), terminal.unicode ? m.unicode : m.ascii)
        }
        return canvas
    }

    func cellText(_ canvas: DotCanvas, column: Int, row: Int, glyphs: Bool) -> String {
        let cell = canvas.cell(column: column, row: row)
        if let m = cell.marker { return terminal.styled(String(m), .bold) }
        switch cell.owner {
        case .empty: return " "
        case .contour:
            return terminal.unicode ? terminal.styled(braille(cell.bits), .dim) : "."
        case .series(let k):
            return terminal.styled(glyphs ? String(glyph(series: k)) : braille(cell.bits), color(series: k))
        }
    }

    func braille(_ bits: UInt8) -> String {
        String(UnicodeScalar(0x2800 + UInt32(bits)).map(Character.init) ?? " ")
    }

    // MARK: axes

    func body(_ canvas: DotCanvas, layout: PlotLayout, glyphs: Bool) -> [String] {
        var tickRows: [Int: String] = [:]
        for t in layout.yScale.ticks {
            if let r = layout.row(forY: t), tickRows[r] == nil { tickRows[r] = layout.yScale.label(t) }
        }
        let vertical = terminal.symbol("│", ascii: "|"), tick = terminal.symbol("┤", ascii: "+")
        return (0..<layout.rows).map { r in
            let label = tickRows[r] ?? ""
            let pad = String(repeating: " ", count: max(layout.labelWidth - label.count, 0))
            let cells = (0..<layout.columns).map { cellText(canvas, column: $0, row: r, glyphs: glyphs) }.joined()
            return pad + label + (tickRows[r] == nil ? vertical : tick) + cells
        }
    }

    func xAxis(_ layout: PlotLayout) -> [String] {
        let ticks = layout.xScale.ticks.compactMap { t in layout.column(forX: t).map { (column: $0, label: layout.xScale.label(t)) } }
        let tickColumns = Set(ticks.map(\.column))
        let ruler = (0..<layout.columns).map { tickColumns.contains($0) ? terminal.symbol("┬", ascii: "+") : terminal.symbol("─", ascii: "-") }.joined()
        let axis = String(repeating: " ", count: layout.labelWidth) + terminal.symbol("└", ascii: "+") + ruler
        var labels = Array(repeating: Character(" "), count: layout.labelWidth + 1 + layout.columns + 8)
        var nextFree = 0
        for t in ticks {
            let start = max(layout.labelWidth + 1 + t.column - t.label.count / 2, 0)
            guard start >= nextFree, start + t.label.count <= labels.count else { continue }
            for (i, ch) in t.label.enumerated() { labels[start + i] = ch }
            nextFree = start + t.label.count + 1
        }
        return [axis, String(labels)]
    }

    func legend(_ figure: PlotFigure, width: Int) -> [String] {
        var entries: [(text: String, visible: Int)] = []
        func fit(_ name: String, after key: Int) -> String { fitted(plain(name), max(width - key - 1, 8)) }
        for (k, s) in figure.series.enumerated() {
            let key = usesGlyphs(figure) ? String(repeating: glyph(series: k), count: 2) : "━━"
            let name = fit(s.name, after: 2)
            entries.append((terminal.styled(key, color(series: k)) + " " + name, key.count + 1 + name.count))
        }
        for m in figure.markers where !m.label.isEmpty {
            let key = String(terminal.unicode ? m.unicode : m.ascii)
            let name = fit(m.label, after: 1)
            entries.append((key + " " + name, 2 + name.count))
        }
        var lines: [String] = [], line = "", used = 0
        for e in entries {
            if used > 0 && used + 3 + e.visible > width { lines.append(line); line = ""; used = 0 }
            if used > 0 { line += "   "; used += 3 }
            line += e.text; used += e.visible
        }
        if used > 0 { lines.append(line) }
        return lines
    }

    // MARK: text helpers

    /// `text` centred over the plotting area (`width` columns from `offset`), kept within `total`.
    func centered(_ text: String, visible: Int, in offset: Int, _ width: Int, total: Int) -> String {
        let start = min(offset + max((width - visible) / 2, 0), max(total - visible, 0))
        return String(repeating: " ", count: start) + text
    }

    /// Text as the terminal can show it: unchanged on Unicode, spelled in ASCII otherwise.
    func plain(_ text: String) -> String {
        terminal.unicode ? text : PlotReport.ascii(text)
    }

    /// `text`, cut to `room` characters with "..." when longer.
    func fitted(_ text: String, _ room: Int) -> String {
        text.count <= room ? text : String(text.prefix(max(room - 3, 1))) + "..."
    }

    func trimTrailing(_ s: String) -> String {
        var out = s
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }
}
