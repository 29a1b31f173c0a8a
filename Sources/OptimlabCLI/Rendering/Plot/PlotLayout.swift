/// Where a figure's axes and plotting area sit in a terminal of a given width, and how data maps to dots
/// and cells. The text renderer draws through this, and tests use it to check that a curve lands on
/// the rows its values call for.
struct PlotLayout: Sendable {
    let xScale: AxisScale
    let yScale: AxisScale
    /// Width of the y tick labels column.
    let labelWidth: Int
    let columns: Int
    let rows: Int
    let dotsPerColumn: Int
    let dotsPerRow: Int

    /// The narrowest plotting area that still reads as a plot.
    static let minimumColumns = 20

    init(figure: PlotFigure, width: Int, braille: Bool) {
        var xs = figure.series.flatMap { $0.points.map(\.x) } + figure.markers.map(\.point.x)
        var ys = figure.series.flatMap { $0.points.map(\.y) } + figure.markers.map(\.point.y)
        if let field = figure.contours { xs += field.xs; ys += field.ys }
        xScale = figure.xRange.map { AxisScale.fixed($0, log: false, minimumStep: figure.xCountsSteps ? 1 : 0) } ?? AxisScale.fitting(xs, log: false)
        yScale = figure.yRange.map { AxisScale.fixed($0, log: figure.logY) }
            ?? AxisScale.fitting(ys, log: figure.logY, includeZero: figure.yIncludesZero && !figure.logY)
        let yScale = self.yScale
        labelWidth = yScale.ticks.map { yScale.label($0).count }.max() ?? 1
        columns = max(width - labelWidth - 2, Self.minimumColumns)
        rows = max(figure.rows, 4)
        dotsPerColumn = braille ? 2 : 1
        dotsPerRow = braille ? 4 : 1
    }

    var dotWidth: Int { columns * dotsPerColumn }
    var dotHeight: Int { rows * dotsPerRow }

    /// Dot coordinates (origin top-left, may lie outside the canvas) of a data point; nil if the point
    /// cannot be shown (non-finite, or non-positive on a log axis).
    func dot(_ p: PlotPoint) -> (x: Double, y: Double)? {
        guard let fx = xScale.fraction(p.x), let fy = yScale.fraction(p.y) else { return nil }
        return (fx * Double(dotWidth - 1), (1 - fy) * Double(dotHeight - 1))
    }

    /// The character column holding data x, if it is inside the area.
    func column(forX x: Double) -> Int? {
        guard let f = xScale.fraction(x) else { return nil }
        let d = DotCanvas.pixel(f * Double(dotWidth - 1))
        return (0..<dotWidth).contains(d) ? d / dotsPerColumn : nil
    }

    /// The character row (0 at the top) holding data y, if it is inside the area.
    func row(forY y: Double) -> Int? {
        guard let f = yScale.fraction(y) else { return nil }
        let d = DotCanvas.pixel((1 - f) * Double(dotHeight - 1))
        return (0..<dotHeight).contains(d) ? d / dotsPerRow : nil
    }

    /// The data x at the centre of a character column.
    func x(atColumn c: Int) -> Double {
        let dot = (Double(c) + 0.5) * Double(dotsPerColumn) - 0.5
        let f = dot / Double(max(dotWidth - 1, 1))
        return xScale.lower + f * (xScale.upper - xScale.lower)
    }
}
