import OptimlabEngine

/// Training runs on the synthetic problem, overlaid as loss curves, with the measured effects of each
/// run (and of each broken run against its correct twin).
public struct ExperimentRequest: Sendable, Equatable {
    public var entries: [ExperimentEntry]
    public var steps: Int
    public var logY = false
    public var title = "Training loss"

    /// The run lengths a lesson block or a learner's rerun may ask for.
    public static let stepRange = 1...5000

    public init(entries: [ExperimentEntry], steps: Int = 200, logY: Bool = false) {
        self.entries = entries; self.steps = steps; self.logY = logY
    }

    /// The setups to run in order, with their names: every entry with switches is preceded by its
    /// correct twin unless the same correct run is already listed. Throws when a switch does not apply.
    public func runs() throws(ProblemError) -> [(name: String, setup: RunSetup, twin: Int?)] {
        var out: [(name: String, setup: RunSetup, twin: Int?)] = []
        for (k, e) in entries.enumerated() {
            let name = e.name ?? "run\(k + 1)"
            if e.switches.isEmpty { out.append((name, e.setup, nil)); continue }
            let broken = try e.setup.breaking(e.switches)
            var twin = out.firstIndex { $0.twin == nil && $0.setup.sameRun(as: e.setup) }
            if twin == nil {
                out.append((e.twinName ?? name + "_correct", e.setup, nil))
                twin = out.count - 1
            }
            out.append((name, broken, twin))
        }
        return out
    }

    /// Runs every setup on the engine's synthetic problem.
    public func compute() throws(ProblemError) -> ExperimentFigure {
        let experiment = Experiment(steps: steps)
        let planned = try runs()
        var results: [ExperimentResult] = []
        var figureRuns: [ExperimentFigure.Run] = []
        for p in planned {
            let result = experiment.run(p.setup)
            results.append(result)
            figureRuns.append(ExperimentFigure.Run(name: p.name, result: result, twin: p.twin, twinResult: p.twin.map { results[$0] }))
        }
        return ExperimentFigure(request: self, runs: figureRuns)
    }
}

extension RunSetup {
    /// Same optimizer, schedule, clipping and variant, whatever the labels.
    func sameRun(as other: RunSetup) -> Bool {
        optimizer == other.optimizer && schedule == other.schedule && clipNorm == other.clipNorm && variant == other.variant
    }
}
