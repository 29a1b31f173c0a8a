import OptimlabEngine

/// A learner's own values for a lesson plot (`rerun plot-2 peak=1e-3 warmup=200`), applied through the
/// engine's own checks and the same limits a lesson file's block is held to:
/// - schedules: any schedule field or alias (`peak`, `warmup`, `total`, `min`, `step_size`, `gamma`)
///   sets it on every schedule that takes it, `2.peak=…` on the second only; `mark=25,1500`;
/// - trajectories: `lr.sgd=0.05`, `beta.momentum=0.8`, `steps=…`;
/// - experiments: `switches=no-warmup,beta2-0.95` (flipped on every run they apply to), `steps=…`.
extension VisualRequest {
    /// One `name=value` input (the value may be a comma list).
    public typealias Input = (name: String, value: String)

    /// The request with the inputs of `text` (`name=value name=value …`) applied.
    public func overriding(_ text: String) throws(ProblemError) -> VisualRequest {
        let inputs = try Self.inputs(text)
        switch self {
        case .schedule(let r): return .schedule(try r.overriding(inputs))
        case .trajectory(let r): return .trajectory(try r.overriding(inputs))
        case .experiment(let r): return .experiment(try r.overriding(inputs))
        }
    }

    /// `name=value name=value …`; every token must have a name, a `=` and a value.
    static func inputs(_ text: String) throws(ProblemError) -> [Input] {
        var out: [Input] = []
        for token in text.split(separator: " ") {
            guard let eq = token.firstIndex(of: "="), eq != token.startIndex, token.index(after: eq) != token.endIndex else {
                throw ProblemError("expected name=value, got \"\(token)\"")
            }
            out.append((String(token[..<eq]), String(token[token.index(after: eq)...])))
        }
        return out
    }

    static func numbers(_ input: Input) throws(ProblemError) -> [Double] {
        let values = input.value.split(separator: ",").map { Double($0) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { throw ProblemError("\(input.name): \"\(input.value)\" is not a number") }
        return values.compactMap { $0 }
    }

    static func number(_ input: Input) throws(ProblemError) -> Double {
        let v = try numbers(input)
        guard v.count == 1, v[0].isFinite else { throw ProblemError("\(input.name) takes one number") }
        return v[0]
    }

    /// A whole number of steps within `range`.
    static func steps(_ input: Input, in range: ClosedRange<Int>) throws(ProblemError) -> Int {
        let v = try number(input)
        guard v == v.rounded(), v >= Double(range.lowerBound), v <= Double(range.upperBound) else {
            throw ProblemError("steps must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(v)
    }
}

extension ScheduleRequest {
    /// Each input sets a field on every recipe that takes it (`2.peak` on the second recipe only);
    /// `mark` replaces the marked steps. Every recipe is rebuilt through ``ScheduleRecipe/make(name:fields:steps:)``.
    func overriding(_ inputs: [VisualRequest.Input]) throws(ProblemError) -> ScheduleRequest {
        var out = self
        var fields = recipes.map(\.fields)
        for input in inputs {
            if input.name == "mark" {
                out.marks = try Self.marks(input.value, steps: steps, option: "mark")
                continue
            }
            var name = Substring(input.name), only: Int?
            if let dot = name.firstIndex(of: "."), let k = Int(name[..<dot]) {
                guard k >= 1, k <= recipes.count else { throw ProblemError("\(input.name): there are \(recipes.count) schedules") }
                only = k - 1
                name = name[name.index(after: dot)...]
            }
            guard let field = ScheduleRecipe.canonicalField(String(name)) else {
                throw ProblemError("unknown field \"\(name)\" (expected \(ScheduleRecipe.fieldNames.joined(separator: ", ")), mark, or warmup, total, min)")
            }
            let value = try VisualRequest.numbers(input)
            var used = false
            for k in fields.indices where only == nil || only == k {
                let takes = field == "peak" || (ScheduleSpec.fields(of: recipes[k].spec.name) ?? []).contains(field)
                if takes { fields[k][field] = value; used = true }
            }
            guard used else { throw ProblemError("no schedule here takes \(field)") }
        }
        out.recipes = []
        for (r, f) in zip(recipes, fields) { out.recipes.append(try ScheduleRecipe.make(name: r.spec.name, fields: f, steps: steps)) }
        return out
    }

    /// Steps to mark, `25,1500`: each a whole step from 0 to `steps` − 1. `option` names the input in
    /// the message (`--mark` on the command line, `mark` in a rerun).
    public static func marks(_ text: String, steps: Int, option: String) throws(ProblemError) -> [Int] {
        var out: [Int] = []
        for part in text.split(separator: ",") {
            guard let s = Int(part.trimmingCharacters(in: .whitespaces)), s >= 0, s < steps else {
                throw ProblemError("\(option) takes steps between 0 and \(steps - 1), got \"\(part)\"")
            }
            out.append(s)
        }
        return out
    }
}

extension TrajectoryRequest {
    /// `steps`, `lr.NAME` (positive) and `beta.NAME` (in [0, 1), for optimizers that have a β).
    func overriding(_ inputs: [VisualRequest.Input]) throws(ProblemError) -> TrajectoryRequest {
        var out = self
        for input in inputs {
            let parts = input.name.split(separator: ".", maxSplits: 1).map(String.init)
            switch (parts.first, parts.count) {
            case ("steps", 1):
                out.steps = try VisualRequest.steps(input, in: Self.stepRange)
            case ("lr", 2):
                let v = try VisualRequest.number(input)
                guard v > 0 else { throw ProblemError("\(input.name) must be positive") }
                out.lrs[try OptimizerChoice.named(parts[1])] = v
            case ("beta", 2):
                let c = try OptimizerChoice.named(parts[1]), v = try VisualRequest.number(input)
                if let refusal = c.betaRefusal { throw ProblemError(refusal) }
                guard v >= 0 && v < 1 else { throw ProblemError("\(input.name) must be in [0, 1)") }
                out.betas[c] = v
            default:
                throw ProblemError("unknown input \"\(input.name)\" (expected steps, lr.NAME or beta.NAME)")
            }
        }
        return out
    }
}

extension ExperimentRequest {
    /// `steps`, and `switches` (exactly these switches on, each on every run it applies to; the runs'
    /// own switches are replaced). The result is checked to run.
    func overriding(_ inputs: [VisualRequest.Input]) throws(ProblemError) -> ExperimentRequest {
        var out = self
        for input in inputs {
            switch input.name {
            case "steps":
                out.steps = try VisualRequest.steps(input, in: Self.stepRange)
            case "switches":
                var flipped: [BreakSwitch] = []
                for name in input.value.split(separator: ",") { flipped.append(try BreakSwitch.named(String(name))) }
                for s in flipped { if let reason = refusal(of: s) { throw ProblemError(reason) } }
                out.entries = applying(BreakSwitch.allCases.filter(flipped.contains)).entries
            default:
                throw ProblemError("unknown input \"\(input.name)\" (expected steps or switches)")
            }
        }
        _ = try out.runs()
        return out
    }

    /// The request with exactly `switches` on: each run gets those of them that apply to it.
    public func applying(_ switches: [BreakSwitch]) -> ExperimentRequest {
        var out = self
        out.entries = entries.map { e in
            var flipped = e
            flipped.switches = switches.filter { (try? e.setup.breaking([$0])) != nil }
            return flipped
        }
        return out
    }

    /// Why `s` cannot be flipped here (the engine's reason for the first run it fails on), or nil
    /// when it applies to at least one run.
    public func refusal(of s: BreakSwitch) -> String? {
        var reason: String?
        for e in entries {
            do { _ = try e.setup.breaking([s]); return nil } catch { reason = reason ?? error.message }
        }
        return reason ?? "\(s.rawValue) applies to none of these runs"
    }
}
