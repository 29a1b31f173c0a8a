import OptimlabCourseware
import OptimlabEngine

extension TrajectoryRequest {
    /// Contours of f, each optimizer's path from the same start (engine runs), and a table of the
    /// steps each needs to reach the target loss.
    public func report() -> PlotReport { compute().report() }
}

extension TrajectoryFigure {
    /// Contours of f, each optimizer's path, and a table of the steps each needs to reach the target loss.
    public func report() -> PlotReport {
        let canyon = request.canyon, title = request.title
        let start = canyon.start, xs = field.xs, ys = field.ys
        var figure = PlotFigure(
            title: title ?? "The narrow canyon f(x, y) = ½(\(PlotNumberFormat.value(canyon.a))x² + \(PlotNumberFormat.value(canyon.b))y²)",
            xLabel: "x (across, steep)", yLabel: "y (along the floor, shallow)",
            series: paths.map { p in PlotSeries(name: p.name, points: p.points.map { PlotPoint($0.x, $0.y) }) })
        figure.contours = ContourField(xs: xs, ys: ys, values: field.values, levels: field.levels)
        figure.xRange = xs[0]...xs[xs.count - 1]
        figure.yRange = ys[0]...ys[ys.count - 1]
        figure.markers = [PlotMarker(point: PlotPoint(start.x, start.y), unicode: "◆", ascii: "S", label: "start"),
                          PlotMarker(point: PlotPoint(0, 0), unicode: "★", ascii: "X", label: "minimum")]
        figure.rows = 18
        return PlotReport(figure: figure, table: table())
    }

    /// "not within N" for a path that never reached the target, else the step it did.
    func arrival(_ k: Int) -> String { arrivals[k].map(String.init) ?? "not within \(request.steps)" }

    func table() -> [String] {
        let rows = paths.indices.map { k -> [String] in
            [paths[k].name, PlotNumberFormat.value(lrs[k]), arrival(k), PlotNumberFormat.value(paths[k].losses.last ?? .nan)]
        }
        return ["Steps to reach loss ≤ \(PlotNumberFormat.value(request.targetLoss)) from f = \(PlotNumberFormat.value(startLoss)):"]
            + TextTable.render(header: ["optimizer", "lr", "steps", "final loss"], rows: rows)
    }
}
