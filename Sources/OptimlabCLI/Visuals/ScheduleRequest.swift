import OptimlabEngine

/// Learning-rate schedules to overlay, with the steps whose values are printed beside the plot.
public struct ScheduleRequest: Sendable, Equatable {
    public var recipes: [ScheduleRecipe]
    public var steps: Int
    public var marks: [Int]
    public var logY = false
    public var title = "Learning-rate schedule"

    public init(recipes: [ScheduleRecipe], steps: Int, marks: [Int] = [], logY: Bool = false) {
        self.recipes = recipes; self.steps = steps; self.marks = marks; self.logY = logY
    }

    /// The plot of lr against step (from the engine's schedules) and the table of lr at each marked step.
    public func report() -> PlotReport {
        let series = recipes.map { r in
            PlotSeries(name: r.summary, points: r.curve(steps: steps).map { PlotPoint(Double($0.step), $0.lr) })
        }
        var figure = PlotFigure(title: title, xLabel: "step", yLabel: "lr", series: series)
        figure.yIncludesZero = true
        figure.xCountsSteps = true
        figure.logY = logY
        figure.xRange = 0...Double(max(steps - 1, 1))
        for (k, s) in marks.enumerated() {
            for r in recipes {
                figure.markers.append(PlotMarker(point: PlotPoint(Double(s), r.learningRate(atStep: s)), unicode: "●", ascii: "O",
                                                 label: k == 0 && r == recipes[0] ? "marked steps" : ""))
            }
        }
        return PlotReport(figure: figure, table: table())
    }

    func table() -> [String] {
        guard !marks.isEmpty else { return [] }
        let header = ["step"] + recipes.enumerated().map { "\($0.offset + 1). \($0.element.spec.name)" }
        let rows = marks.map { s in [String(s)] + recipes.map { PlotNumberFormat.value($0.learningRate(atStep: s)) } }
        return ["lr at the marked steps (s = 0 is the first update):"] + TextTable.render(header: header, rows: rows)
    }
}
