import OptimlabCourseware
import OptimlabEngine

extension ScheduleRequest {
    /// The plot of lr against step and the table of lr at each marked step.
    public func report() -> PlotReport { compute().report() }
}

extension ScheduleFigure {
    /// Draws the engine's curves; the markers and the table read the computed values.
    public func report() -> PlotReport {
        let series = zip(request.recipes, curves).map { r, curve in
            PlotSeries(name: r.summary, points: curve.map { PlotPoint(Double($0.step), $0.lr) })
        }
        var figure = PlotFigure(title: request.title, xLabel: "step", yLabel: "lr", series: series)
        figure.yIncludesZero = true
        figure.xCountsSteps = true
        figure.logY = request.logY
        figure.xRange = 0...Double(max(request.steps - 1, 1))
        for (k, s) in request.marks.enumerated() {
            for (i, _) in request.recipes.enumerated() {
                figure.markers.append(PlotMarker(point: PlotPoint(Double(s), marked[i][k]), unicode: "●", ascii: "O",
                                                 label: k == 0 && i == 0 ? "marked steps" : ""))
            }
        }
        return PlotReport(figure: figure, table: table())
    }

    func table() -> [String] {
        guard !request.marks.isEmpty else { return [] }
        let header = ["step"] + request.recipes.enumerated().map { "\($0.offset + 1). \($0.element.spec.name)" }
        let rows = request.marks.enumerated().map { k, s in [String(s)] + marked.map { PlotNumberFormat.value($0[k]) } }
        return ["lr at the marked steps (s = 0 is the first update):"] + TextTable.render(header: header, rows: rows)
    }
}
