/// Shared pieces of the views' frames: the header, the slider grid, the plot sized to the rows left,
/// and cropping to the width.
enum FrameLayout {
    /// The header: the view's name in bold, then its keys, cut to the width.
    static func header(_ title: String, keys: String, width: Int, terminal: Terminal) -> String {
        let room = max(width - title.count - 3, 0)
        let keys = String(keys.prefix(room))
        return terminal.styled(title, .bold) + (keys.isEmpty ? "" : "   " + terminal.styled(keys, .dim))
    }

    /// Sliders in as many columns of at least 38 characters as fit (at most 3), row by row.
    static func sliders(_ sliders: [Slider], selected: Int, width: Int, terminal: Terminal) -> [String] {
        guard !sliders.isEmpty else { return [] }
        let columns = max(1, min(3, width / 38, sliders.count))
        let cell = width / columns
        let labelWidth = min(sliders.map(\.label.count).max() ?? 4, 16)
        var rows: [String] = []
        for start in stride(from: 0, to: sliders.count, by: columns) {
            let cells = (start..<min(start + columns, sliders.count)).map { i in
                sliders[i].render(width: cell - 1, labelWidth: labelWidth, selected: i == selected, terminal: terminal)
            }
            rows.append(cells.joined(separator: " "))
        }
        return rows
    }

    /// The figure drawn `width` wide with as many plot rows as leave `otherRows` for the rest of a
    /// `height`-row screen (at least 4).
    static func plot(_ figure: PlotFigure, width: Int, height: Int, otherRows: Int, terminal: Terminal) -> [String] {
        var figure = figure
        let t = Terminal(isTTY: true, color: terminal.color, unicode: terminal.unicode, width: width)
        let renderer = TextPlotRenderer(terminal: t)
        figure.rows = 4
        let layout = renderer.layout(for: figure)
        let legend = renderer.legend(figure, width: layout.labelWidth + 1 + layout.columns + 1).count
        let fixed = (figure.title.isEmpty ? 0 : 1) + (figure.yLabel.isEmpty ? 0 : 1) + 2 + (figure.xLabel.isEmpty ? 0 : 1) + legend
        figure.rows = max(height - otherRows - fixed, 4)
        var text = renderer.render(figure)
        if !t.unicode { text = PlotReport.ascii(text) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// A plain line cut to `width` characters.
    static func cropped(_ line: String, _ width: Int, terminal: Terminal) -> String {
        let more = terminal.symbol("…", ascii: "~")
        return line.count <= width ? line : String(line.prefix(max(width - 1, 0))) + more
    }

    /// `top`, `middle` and `bottom` stacked into at most `rows` lines: lines of `middle` are dropped
    /// from its end when the screen is too short, so the header and the footer always show.
    static func stack(top: [String], middle: [String], bottom: [String], rows: Int) -> [String] {
        let room = max(rows - top.count - bottom.count, 0)
        return Array((top + middle.prefix(room) + bottom).prefix(rows))
    }

    /// The last row: a status in dim (or a refusal in yellow), cut to the width.
    static func footer(_ text: String, warning: Bool, width: Int, terminal: Terminal) -> String {
        terminal.styled(cropped(plain(text, terminal: terminal), width, terminal: terminal), warning ? .yellow : .dim)
    }

    /// Text as the terminal can show it (ASCII spellings on a plain terminal).
    static func plain(_ text: String, terminal: Terminal) -> String {
        terminal.unicode ? text : PlotReport.ascii(text)
    }
}
