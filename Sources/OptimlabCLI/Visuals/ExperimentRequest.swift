import OptimlabEngine

/// Training runs on the synthetic problem, overlaid as loss curves, with the measured effects of each
/// run (and of each broken run against its correct twin) printed under the plot.
public struct ExperimentRequest: Sendable, Equatable {
    public var entries: [ExperimentEntry]
    public var steps: Int
    public var logY = false
    public var title = "Training loss"

    public init(entries: [ExperimentEntry], steps: Int = 200, logY: Bool = false) {
        self.entries = entries; self.steps = steps; self.logY = logY
    }

    /// The setups to run in order: every entry with switches is preceded by its correct twin unless the
    /// same correct run is already listed. Throws when a switch does not apply.
    func runs() throws(ProblemError) -> [(setup: RunSetup, twin: Int?)] {
        var out: [(setup: RunSetup, twin: Int?)] = []
        for e in entries {
            if e.switches.isEmpty { out.append((e.setup, nil)); continue }
            let broken = try e.setup.breaking(e.switches)
            var twin = out.firstIndex { $0.twin == nil && $0.setup.sameRun(as: e.setup) }
            if twin == nil {
                out.append((e.setup, nil))
                twin = out.count - 1
            }
            out.append((broken, twin))
        }
        return out
    }

    public func report() throws(ProblemError) -> PlotReport {
        let experiment = Experiment(steps: steps)
        let planned = try runs()
        let results = planned.map { experiment.run($0.setup) }
        var figure = PlotFigure(title: title, xLabel: "update", yLabel: "loss (whole dataset)",
                                series: results.map { r in
                                    PlotSeries(name: r.label, points: r.losses.enumerated().map { PlotPoint(Double($0.offset), $0.element) })
                                })
        figure.logY = logY
        figure.xCountsSteps = true
        figure.xRange = 0...Double(max(steps, 1))
        figure.yRange = lossRange(results)
        return PlotReport(figure: figure, table: table(results, twins: planned.map(\.twin)))
    }

    /// Fits the finite losses, capped at twice the starting loss so one diverged run does not flatten
    /// every other curve (its spike runs off the top).
    func lossRange(_ results: [ExperimentResult]) -> ClosedRange<Double> {
        let initial = results.first?.initialLoss ?? 1
        let shown = results.flatMap(\.losses).filter { $0.isFinite && (!logY || $0 > 0) }
        let lo = shown.min() ?? 0, hi = min(shown.max() ?? 1, 2 * initial)
        let scale = AxisScale.fitting([lo, max(hi, lo)], log: logY)
        return scale.lower...scale.upper
    }

    func table(_ results: [ExperimentResult], twins: [Int?]) -> [String] {
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

extension RunSetup {
    /// Same optimizer, schedule, clipping and variant, whatever the labels.
    func sameRun(as other: RunSetup) -> Bool {
        optimizer == other.optimizer && schedule == other.schedule && clipNorm == other.clipNorm && variant == other.variant
    }
}
