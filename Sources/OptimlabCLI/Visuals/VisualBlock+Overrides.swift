import OptimlabCourseware
import OptimlabEngine

/// A learner's own values for a lesson plot (`rerun plot-2 peak=1e-3 warmup=200`), applied through the
/// engine's own checks, and the full-screen view of a block (`tweak plot-2`).
extension VisualRequest {
    /// The block with `name=value` inputs applied:
    /// - schedules: any schedule field or alias (`peak`, `warmup`, `total`, `min`, `step_size`, `gamma`)
    ///   sets it on every schedule that takes it, `2.peak=…` on the second only; `mark=25,1500`;
    /// - trajectories: `lr.sgd=0.05`, `beta.momentum=0.8`, `steps=…`;
    /// - experiments: `switches=no-warmup,beta2-0.95` (flipped on every run they apply to), `steps=…`.
    func overriding(_ text: String) throws(CLIError) -> VisualRequest {
        let pairs = try Self.pairs(text)
        do {
            switch self {
            case .schedule(let r): return .schedule(try Self.schedule(r, pairs))
            case .trajectory(let r): return .trajectory(try Self.trajectory(r, pairs))
            case .experiment(let r): return .experiment(try Self.experiment(r, pairs))
            }
        } catch let error as CLIError {
            throw error
        } catch let error as ProblemError {
            throw CLIError.usage(error.message)
        } catch {
            throw CLIError.usage("\(error)")
        }
    }

    /// `name=value name=value …` (values may be comma lists); every token must have a `=`.
    static func pairs(_ text: String) throws(CLIError) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        for token in text.split(separator: " ") {
            guard let eq = token.firstIndex(of: "="), eq != token.startIndex, token.index(after: eq) != token.endIndex else {
                throw CLIError.usage("expected name=value, got \"\(token)\"")
            }
            out.append((String(token[..<eq]), String(token[token.index(after: eq)...])))
        }
        return out
    }

    static func numbers(_ pair: (name: String, value: String)) throws(CLIError) -> [Double] {
        let values = pair.value.split(separator: ",").map { Double($0) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { throw CLIError.usage("\(pair.name): \"\(pair.value)\" is not a number") }
        return values.compactMap { $0 }
    }

    static func number(_ pair: (name: String, value: String)) throws(CLIError) -> Double {
        let v = try numbers(pair)
        guard v.count == 1, v[0].isFinite else { throw CLIError.usage("\(pair.name) takes one number") }
        return v[0]
    }

    static func schedule(_ request: ScheduleRequest, _ pairs: [(name: String, value: String)]) throws -> ScheduleRequest {
        var out = request
        var fields = request.recipes.map { ScheduleView.makeFields(of: $0, steps: request.steps) }
        for pair in pairs {
            if pair.name == "mark" {
                out.marks = try ScheduleArguments.marks(pair.value, steps: request.steps)
                continue
            }
            var name = Substring(pair.name), only: Int?
            if let dot = name.firstIndex(of: "."), let k = Int(name[..<dot]) {
                guard (1...request.recipes.count).contains(k) else { throw CLIError.usage("\(pair.name): there are \(request.recipes.count) schedules") }
                only = k - 1
                name = name[name.index(after: dot)...]
            }
            guard let field = ScheduleRecipe.canonicalField(String(name)) else {
                throw CLIError.usage("unknown field \"\(name)\" (expected \(ScheduleRecipe.fieldNames.joined(separator: ", ")), mark, or warmup, total, min)")
            }
            let value = try numbers(pair)
            var used = false
            for k in fields.indices where only == nil || only == k {
                let takes = field == "peak" || (ScheduleSpec.fields(of: request.recipes[k].spec.name) ?? []).contains(field)
                if takes { fields[k][field] = value; used = true }
            }
            guard used else { throw CLIError.usage("no schedule here takes \(field)") }
        }
        out.recipes = try zip(request.recipes, fields).map { r, f in try ScheduleRecipe.make(name: r.spec.name, fields: f, steps: request.steps) }
        return out
    }

    static func trajectory(_ request: TrajectoryRequest, _ pairs: [(name: String, value: String)]) throws -> TrajectoryRequest {
        var out = request
        for pair in pairs {
            let parts = pair.name.split(separator: ".", maxSplits: 1).map(String.init)
            switch (parts.first, parts.count) {
            case ("steps", 1):
                let v = try number(pair)
                guard v == v.rounded(), (1...100_000).contains(Int(v)) else { throw CLIError.usage("steps must be a whole number from 1 to 100000") }
                out.steps = Int(v)
            case ("lr", 2):
                let v = try number(pair)
                guard v > 0 else { throw CLIError.usage("\(pair.name) must be positive") }
                out.lrs[try OptimizerChoice.named(parts[1])] = v
            case ("beta", 2):
                let c = try OptimizerChoice.named(parts[1]), v = try number(pair)
                guard c.betaField != nil else { throw CLIError.usage("\(c.rawValue) has no β (momentum, rmsprop, adam and adamw do)") }
                guard v >= 0 && v < 1 else { throw CLIError.usage("\(pair.name) must be in [0, 1)") }
                out.betas[c] = v
            default:
                throw CLIError.usage("unknown input \"\(pair.name)\" (expected steps, lr.NAME or beta.NAME)")
            }
        }
        return out
    }

    static func experiment(_ request: ExperimentRequest, _ pairs: [(name: String, value: String)]) throws -> ExperimentRequest {
        var out = request
        for pair in pairs {
            switch pair.name {
            case "steps":
                let v = try number(pair)
                guard v == v.rounded(), (1...5000).contains(Int(v)) else { throw CLIError.usage("steps must be a whole number from 1 to 5000") }
                out.steps = Int(v)
            case "switches":
                let flipped = try pair.value.split(separator: ",").map { name throws(ProblemError) in try BreakSwitch.named(String(name)) }
                var view = ExperimentView(request: request, terminal: .plain)
                view.set([])
                for s in flipped where !view.on.contains(s) {
                    view.toggle(s)
                    if let message = view.message { throw CLIError.usage(message) }
                }
                out.entries = view.current.entries
            default:
                throw CLIError.usage("unknown input \"\(pair.name)\" (expected steps or switches)")
            }
        }
        _ = try out.runs()
        return out
    }
}
