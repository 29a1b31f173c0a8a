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
        let start = canyon.start
        let xr = 1.25 * abs(start.x), yTop = 1.15 * abs(start.y)
        let xs = (0...60).map { -xr + 2 * xr * Double($0) / 60 }
        let ys = (0...60).map { -0.3 * yTop + 1.3 * yTop * Double($0) / 60 }
        var figure = PlotFigure(
            title: title ?? "The narrow canyon f(x, y) = ½(\(PlotNumberFormat.value(canyon.a))x² + \(PlotNumberFormat.value(canyon.b))y²)",
            xLabel: "x (across, steep)", yLabel: "y (along the floor, shallow)",
            series: paths.map { p in PlotSeries(name: p.name, points: p.points.map { PlotPoint($0.x, $0.y) }) })
        figure.contours = ContourField(xs: xs, ys: ys, values: canyon.lossGrid(xs: xs, ys: ys),
                                       levels: canyon.contourLevels(count: 6))
        figure.xRange = xs[0]...xs[xs.count - 1]
        figure.yRange = ys[0]...ys[ys.count - 1]
        figure.markers = [PlotMarker(point: PlotPoint(start.x, start.y), unicode: "◆", ascii: "S", label: "start"),
                          PlotMarker(point: PlotPoint(0, 0), unicode: "★", ascii: "X", label: "minimum")]
        figure.rows = 18
        return PlotReport(figure: figure, table: table(paths))
    }

    func table(_ paths: [Trajectory]) -> [String] {
        let canyon = request.canyon, optimizers = request.optimizers, steps = request.steps, lrs = request.lrs
        let targetLoss = request.targetLoss
        let rows = zip(optimizers, paths).map { choice, path -> [String] in
            let lr = lrs[choice] ?? Canyon.defaultLR(for: choice)
            let reached = path.stepsToReach(targetLoss).map(String.init) ?? "not within \(steps)"
            return [path.name, PlotNumberFormat.value(lr), reached, PlotNumberFormat.value(path.losses.last ?? .nan)]
        }
        return ["Steps to reach loss ≤ \(PlotNumberFormat.value(targetLoss)) from f = \(PlotNumberFormat.value(canyon.loss(at: canyon.start))):"]
            + TextTable.render(header: ["optimizer", "lr", "steps", "final loss"], rows: rows)
    }
}
