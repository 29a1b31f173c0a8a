import OptimlabCourseware
import OptimlabEngine

extension ExperimentRequest {
    public func report() throws(ProblemError) -> PlotReport { try compute().report() }
}

extension ExperimentFigure {
    /// Loss curves of every run, and the table of what each measured.
    public func report() -> PlotReport {
        let results = runs.map(\.result), steps = request.steps, logY = request.logY, title = request.title
        var figure = PlotFigure(title: title, xLabel: "update", yLabel: "loss (whole dataset)",
                                series: results.map { r in
                                    PlotSeries(name: r.label, points: r.losses.enumerated().map { PlotPoint(Double($0.offset), $0.element) })
                                })
        figure.logY = logY
        figure.xCountsSteps = true
        figure.xRange = 0...Double(max(steps, 1))
        figure.yRange = lossRange(results)
        return PlotReport(figure: figure, table: table())
    }

    /// Fits the finite losses, capped at ``lossCap`` times the starting loss: a spike past the
    /// divergence line (10× the start) stays on the plot, while a run that blew up to 1e300 does not
    /// flatten every other curve (its spike runs off the top).
    func lossRange(_ results: [ExperimentResult]) -> ClosedRange<Double> {
        let logY = request.logY
        let initial = results.first?.initialLoss ?? 1
        let shown = results.flatMap(\.losses).filter { $0.isFinite && (!logY || $0 > 0) }
        let lo = shown.min() ?? 0, hi = min(shown.max() ?? 1, Self.lossCap * initial)
        let scale = AxisScale.fitting([lo, max(hi, lo)], log: logY)
        return scale.lower...scale.upper
    }

    /// The plot's top, in multiples of the starting loss.
    static let lossCap = 15.0

    func table() -> [String] {
        let steps = request.steps, results = runs.map(\.result)
        let rows = runs.map { run -> [String] in
            let r = run.result, ratios = run.ratios
            func shown(_ v: Double, _ ratio: Double??) -> String {
                guard let ratio = ratio ?? nil, abs(ratio - 1) > 1e-9 else { return PlotNumberFormat.value(v) }
                return "\(PlotNumberFormat.value(v)) (×\(PlotNumberFormat.value(ratio)))"
            }
            return [r.label,
                    shown(r.firstUpdateSize, ratios?.firstUpdate),
                    r.divergenceStep.map(String.init) ?? "-",
                    PlotNumberFormat.value(r.worstLoss),
                    PlotNumberFormat.value(r.finalLoss),
                    shown(r.weightNorm, ratios?.weightNorm),
                    shown(r.lastUpdateSize, ratios?.lastUpdate)]
        }
        let header = ["run", "first update", "diverged at", "worst loss", "final loss", "weight norm", "last update"]
        return ["Measured over \(steps) updates (start loss \(PlotNumberFormat.value(results.first?.initialLoss ?? .nan)); "
                + "diverged = loss > \(PlotNumberFormat.value(Experiment.divergenceFactor))× start; (×r) = against the correct run):"]
            + TextTable.render(header: header, rows: rows) + nonFiniteNotes()
    }

    /// One line per run whose numbers left the range of a Double, so a `nan` in the table is explained.
    func nonFiniteNotes() -> [String] {
        runs.compactMap { run in
            run.firstNonFiniteUpdate.map { i in
                "\(run.result.label): nan/inf from update \(i) on: its numbers grew past 1.8e308, the largest Double; a smaller lr keeps them finite."
            }
        }
    }
}

