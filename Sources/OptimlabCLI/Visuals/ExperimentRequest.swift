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
        return PlotReport(figure: figure, table: table(results, twins: runs.map(\.twin)))
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

    func table(_ results: [ExperimentResult], twins: [Int?]) -> [String] {
        let steps = request.steps
        let rows = zip(results, twins).map { r, twin -> [String] in
            let ratios = twin.map { r.ratios(to: results[$0]) }
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
            + TextTable.render(header: header, rows: rows) + nonFiniteNotes(results)
    }

    /// One line per run whose numbers left the range of a Double, so a `nan` in the table is explained.
    func nonFiniteNotes(_ results: [ExperimentResult]) -> [String] {
        results.compactMap { r in
            guard let i = r.losses.indices.first(where: { !r.losses[$0].isFinite || (r.updateSizes.indices.contains($0 - 1) && !r.updateSizes[$0 - 1].isFinite) }) else {
                return nil
            }
            return "\(r.label): nan/inf from update \(max(i, 1)) on: its numbers grew past 1.8e308, the largest Double; a smaller lr keeps them finite."
        }
    }
}

