import OptimlabEngine

/// A visual block's computed numbers: what the CLI draws and what `expect:` and prose holes read.
public enum VisualFigure: Sendable, Equatable {
    case schedule(ScheduleFigure)
    case trajectory(TrajectoryFigure)
    case experiment(ExperimentFigure)

    /// The results by name, for expressions: `run.loss` (a list), `run.final_loss`, … (see each figure).
    public var variables: [String: Value] {
        switch self {
        case .schedule(let f): f.variables
        case .trajectory(let f): f.variables
        case .experiment(let f): f.variables
        }
    }
}

/// Each recipe's lr curve.
public struct ScheduleFigure: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var step: Int
        public var lr: Double
    }

    public var request: ScheduleRequest
    /// One curve per recipe (every step, or evenly spaced steps plus both sides of each jump).
    public var curves: [[Point]]
    /// lr at each marked step, one row per recipe.
    public var marked: [[Double]]
    /// lr of each recipe at the request's cursor (empty without one).
    public var atCursor: [Double] = []

    /// Recipe names (`warmup_cosine`, a second one `warmup_cosine2`): `name.lr` (the curve's lrs),
    /// `name.marked` (lr at the `mark:` steps), `name.peak`.
    public var variables: [String: Value] {
        var out: [String: Value] = [:]
        for (i, name) in VisualNames.unique(request.recipes.map(\.spec.name)).enumerated() {
            out[name + ".lr"] = .numbers(curves[i].map(\.lr))
            out[name + ".marked"] = .numbers(marked[i])
            out[name + ".peak"] = .number(request.recipes[i].peak)
        }
        return out
    }
}

/// Each optimizer's path through the canyon, what each one measured, and the loss surface behind them.
public struct TrajectoryFigure: Sendable, Equatable {
    /// f sampled on a grid, with the losses its contour lines are drawn at.
    public struct LossField: Sendable, Equatable {
        public var xs: [Double]
        public var ys: [Double]
        /// `values[j][i]` = f(xs[i], ys[j]).
        public var values: [[Double]]
        public var levels: [Double]
    }

    public var request: TrajectoryRequest
    public var paths: [Trajectory]
    /// Each path's lr (the request's, else the optimizer's default).
    public var lrs: [Double]
    /// The steps each path takes to reach the target loss; nil when it does not within the run.
    public var arrivals: [Int?]
    /// f at the common start.
    public var startLoss: Double
    /// f over x ∈ ±1.25|x₀| and y from −0.3·1.15|y₀| to 1.15|y₀| (61 × 61 samples), so the start and
    /// the minimum are both in view; six contour levels spaced geometrically from 0.02 to f(start).
    public var field: LossField

    /// The figure of `paths`, the engine's race for `request`.
    init(request: TrajectoryRequest, paths: [Trajectory]) {
        let canyon = request.canyon
        self.request = request
        self.paths = paths
        lrs = request.optimizers.map(request.lr(of:))
        arrivals = paths.map { $0.stepsToReach(request.targetLoss) }
        startLoss = canyon.loss(at: canyon.start)
        let xr = 1.25 * abs(canyon.start.x), yTop = 1.15 * abs(canyon.start.y)
        let xs = (0...60).map { -xr + 2 * xr * Double($0) / 60 }
        let ys = (0...60).map { -0.3 * yTop + 1.3 * yTop * Double($0) / 60 }
        field = LossField(xs: xs, ys: ys, values: canyon.lossGrid(xs: xs, ys: ys), levels: canyon.contourLevels(count: 6))
    }

    /// Per optimizer (`sgd`, `adam`, …): `name.loss` (a list, index 0 at the start), `name.final_loss`,
    /// `name.steps_to_target` (the steps to reach the target loss, or steps + 1 when it never does),
    /// `name.lr`.
    public var variables: [String: Value] {
        var out: [String: Value] = [:]
        for (k, (choice, path)) in zip(request.optimizers, paths).enumerated() {
            let name = choice.rawValue
            out[name + ".loss"] = .numbers(path.losses)
            out[name + ".final_loss"] = .number(path.losses.last ?? .nan)
            out[name + ".steps_to_target"] = .number(Double(arrivals[k] ?? request.steps + 1))
            out[name + ".lr"] = .number(lrs[k])
        }
        return out
    }
}

/// Each run's measurements; a broken run points at its correct twin.
public struct ExperimentFigure: Sendable, Equatable {
    public struct Run: Sendable, Equatable {
        /// The run's name in expressions (its `id:`, or `correct`/`broken` in a preset, or `runN`).
        public var name: String
        public var result: ExperimentResult
        /// The index of the correct run this one breaks.
        public var twin: Int?
        /// This run's first update, weight norm and last update divided by its twin's; nil without a
        /// twin, and each nil where the twin's value is 0 or either is not finite.
        public var ratios: Ratios?
        /// The first update (1-based) whose loss or update size is nan or ±inf; nil when all are finite.
        public var firstNonFiniteUpdate: Int?

        init(name: String, result: ExperimentResult, twin: Int?, twinResult: ExperimentResult?) {
            self.name = name; self.result = result; self.twin = twin
            let r = result
            firstNonFiniteUpdate = r.losses.indices.first { k in
                !r.losses[k].isFinite || (r.updateSizes.indices.contains(k - 1) && !r.updateSizes[k - 1].isFinite)
            }.map { max($0, 1) }
            ratios = twinResult.map { base in
                let r = result.ratios(to: base)
                return Ratios(firstUpdate: r.firstUpdate, weightNorm: r.weightNorm, lastUpdate: r.lastUpdate)
            }
        }
    }

    /// A broken run's measurements against its correct twin's.
    public struct Ratios: Sendable, Equatable {
        public var firstUpdate: Double?
        public var weightNorm: Double?
        public var lastUpdate: Double?
    }

    public var request: ExperimentRequest
    public var runs: [Run]

    /// Per run: `name.loss` (full-dataset loss, index 0 before any update), `name.start_loss`,
    /// `name.final_loss`, `name.worst_loss`, `name.first_update`, `name.last_update`,
    /// `name.weight_norm`, `name.diverged` (the update it diverged at, 0 if never), `name.update`,
    /// `name.lr` and `name.grad_norm` (lists, one per update).
    public var variables: [String: Value] {
        var out: [String: Value] = [:]
        for run in runs {
            let r = run.result, n = run.name
            out[n + ".loss"] = .numbers(r.losses)
            out[n + ".start_loss"] = .number(r.initialLoss)
            out[n + ".final_loss"] = .number(r.finalLoss)
            out[n + ".worst_loss"] = .number(r.worstLoss)
            out[n + ".first_update"] = .number(r.firstUpdateSize)
            out[n + ".last_update"] = .number(r.lastUpdateSize)
            out[n + ".weight_norm"] = .number(r.weightNorm)
            out[n + ".diverged"] = .number(Double(r.divergenceStep ?? 0))
            out[n + ".update"] = .numbers(r.updateSizes)
            out[n + ".lr"] = .numbers(r.lrs)
            out[n + ".grad_norm"] = .numbers(r.gradNorms)
        }
        return out
    }
}

/// Names for expressions: identifiers, made unique by a number (`adam`, `adam2`).
enum VisualNames {
    static func unique(_ names: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return names.map { raw in
            let base = identifier(raw)
            seen[base, default: 0] += 1
            return seen[base]! == 1 ? base : "\(base)\(seen[base]!)"
        }
    }

    static func identifier(_ s: String) -> String {
        let mapped = String(s.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        return mapped.first?.isLetter == true ? mapped : "r" + mapped
    }

    /// Lowercase ASCII letters, digits and `_`, starting with a letter: usable in an expression.
    static func isName(_ s: String) -> Bool {
        guard let first = s.first, first.isASCII, first.isLetter else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }
}
