import Foundation

/// A plot with the measurements printed beside it: what `optimlab plot`, `optimlab experiment` and
/// lesson blocks show. The numbers in `table` come from the engine; this type only lays them out.
public struct PlotReport: Sendable, Equatable {
    public var figure: PlotFigure
    /// Lines printed under the plot (values at marked steps, steps to target, measured effects).
    public var table: [String]

    public init(figure: PlotFigure, table: [String]) { self.figure = figure; self.table = table }

    /// The plot and its table as terminal text.
    public func text(terminal: Terminal) -> String {
        let spell = { (s: String) in terminal.unicode ? s : Self.ascii(s) }
        let plot = spell(TextPlotRenderer(terminal: terminal).render(figure))
        // The table's sentences wrap to the terminal (as spelled); its column rows stay as laid out.
        let lines = table.map { MarkdownRenderer.wrapLines(spell($0), width: terminal.width) }
        return table.isEmpty ? plot : plot + "\n" + lines.joined(separator: "\n") + "\n"
    }

    /// Plain-ASCII spellings of the few symbols titles and tables use, for pipes and `--ascii`.
    static let asciiSpellings: [(String, String)] = [
        ("½", "1/2"), ("²", "^2"), ("≤", "<="), ("≥", ">="), ("×", "x"), ("β₁", "beta1"), ("β₂", "beta2"),
        ("λ", "lambda"), ("μ", "mu"), ("ε", "eps"), ("η", "lr"), ("α", "alpha"), ("θ", "theta"), ("√", "sqrt"),
        ("≈", "~"), ("−", "-"), ("…", "..."), ("\u{0302}", "_hat"), ("ᵗ", "^t"), ("—", "-"), ("–", "-"), ("→", "->"), ("‖", "|"), ("·", "*"),
    ]

    static func ascii(_ text: String) -> String {
        var out = text
        for (symbol, spelling) in asciiSpellings { out = out.replacingOccurrences(of: symbol, with: spelling) }
        return String(out.unicodeScalars.map { $0.isASCII ? Character($0) : "?" })
    }

    /// The plot alone as a standalone SVG document.
    public var svg: String { SVGPlotRenderer().render(figure) }
}
