/// A learning-rate schedule written the way people type it: a name, a peak and named fields, with the
/// fields left out filled in from the length of the run. Every schedule built from typed-in fields goes
/// through this, so `warmup=100` means the same thing wherever it is written.
///
/// Defaults for a run of N steps: `total_steps` = N, `warmup_steps` = N/10, `min_lr` = 0,
/// `step_size` = N/3, `gamma` = 0.1, `milestones` = [N/2, 3N/4], `peak` = 10⁻³.
public struct ScheduleRecipe: Sendable, Equatable {
    public var spec: ScheduleSpec
    public var peak: Double

    public init(spec: ScheduleSpec, peak: Double) { self.spec = spec; self.peak = peak }

    /// Every field a recipe may set, by its full name.
    public static let fieldNames = ["peak", "warmup_steps", "total_steps", "min_lr", "step_size", "gamma", "milestones"]

    /// Short spellings (`lr`, `warmup`, `total`, `min`, `steps`) accepted wherever a recipe is written.
    public static let aliases = ["lr": "peak", "warmup": "warmup_steps", "total": "total_steps", "min": "min_lr",
                                 "steps": "total_steps"]

    /// The full field name for a name or alias, nil if unknown.
    public static func canonicalField(_ name: String) -> String? {
        fieldNames.contains(name) ? name : aliases[name]
    }

    public static let defaultPeak = 1e-3

    /// Builds a recipe from `name` and fields (full names or aliases; `milestones` as a list, the others
    /// as one number each) for a run of `steps` steps. Fields the schedule does not take, non-integral
    /// step counts and out-of-range values are errors naming the field.
    public static func make(name: String, fields: [String: [Double]], steps: Int) throws(ProblemError) -> ScheduleRecipe {
        guard let allowed = ScheduleSpec.fields(of: name) else {
            throw ProblemError("unknown schedule \"\(name)\" (expected one of \(ScheduleSpec.names.joined(separator: ", ")))")
        }
        var values: [String: [Double]] = [:]
        for (key, value) in fields {
            guard let field = canonicalField(key) else {
                throw ProblemError("unknown schedule field \"\(key)\" (expected one of \(fieldNames.joined(separator: ", ")))")
            }
            guard field == "peak" || allowed.contains(field) else {
                let takes = (["peak"] + allowed).joined(separator: ", ")
                throw ProblemError("\(name) does not take \(field) (it takes \(takes))")
            }
            values[field] = value
        }
        let reader = FieldReader(name: name, values: values)
        let n = max(steps, 1)
        let peak = try reader.number("peak", default: defaultPeak, minimum: 0)
        let total = try reader.count("total_steps", default: n, minimum: 1)
        let warmup = try reader.count("warmup_steps", default: n / 10, minimum: 0)
        let minLR = try reader.number("min_lr", default: 0, minimum: 0)
        let stepSize = try reader.count("step_size", default: max(n / 3, 1), minimum: 1)
        let gamma = try reader.number("gamma", default: 0.1, minimum: 0)
        let milestones = try reader.counts("milestones", default: [n / 2, 3 * n / 4])
        if name.hasPrefix("warmup_") && warmup > total {
            throw ProblemError("\(name): warmup_steps (\(warmup)) must not exceed total_steps (\(total))")
        }
        let spec: ScheduleSpec
        switch name {
        case "step": spec = .step(stepSize: stepSize, gamma: gamma)
        case "multistep": spec = .multistep(milestones: milestones.sorted(), gamma: gamma)
        case "cosine": spec = .cosine(totalSteps: total, minLR: minLR)
        case "warmup_cosine": spec = .warmupCosine(warmupSteps: warmup, totalSteps: total, minLR: minLR)
        case "warmup_linear": spec = .warmupLinear(warmupSteps: warmup, totalSteps: total, minLR: minLR)
        case "inverse_sqrt": spec = .inverseSqrt(warmupSteps: warmup)
        default: spec = .constant
        }
        return ScheduleRecipe(spec: spec, peak: peak)
    }

    /// The fields ``make(name:fields:steps:)`` rebuilds this recipe from, by full name: the inverse of
    /// `make`, so `make(name: r.spec.name, fields: r.fields, steps: n) == r` for any run length n.
    public var fields: [String: [Double]] {
        var out = ["peak": [peak]]
        switch spec {
        case .constant: break
        case let .step(size, gamma): out["step_size"] = [Double(size)]; out["gamma"] = [gamma]
        case let .multistep(milestones, gamma): out["milestones"] = milestones.map(Double.init); out["gamma"] = [gamma]
        case let .cosine(total, minLR): out["total_steps"] = [Double(total)]; out["min_lr"] = [minLR]
        case let .warmupCosine(w, total, minLR), let .warmupLinear(w, total, minLR):
            out["warmup_steps"] = [Double(w)]; out["total_steps"] = [Double(total)]; out["min_lr"] = [minLR]
        case let .inverseSqrt(w): out["warmup_steps"] = [Double(w)]
        }
        return out
    }

    /// The engine schedule.
    public var schedule: any LearningRateSchedule { spec.schedule(peak: peak) }

    /// The lr at step s (s = 0 is the first update).
    public func learningRate(atStep s: Int) -> Double { schedule.learningRate(atStep: s) }

    /// (step, lr) pairs for steps 0 ..< `steps`: every step when there are at most `maxSamples`, else
    /// evenly spaced steps plus both sides of every jump (step decay), so a plot never smooths a drop.
    public func curve(steps: Int, maxSamples: Int = 2000) -> [(step: Int, lr: Double)] {
        let n = max(steps, 1)
        let schedule = self.schedule
        var picked: [Int]
        if n <= maxSamples {
            picked = Array(0..<n)
        } else {
            let stride = Double(n - 1) / Double(max(maxSamples - 1, 1))
            picked = (0..<maxSamples).map { Int((Double($0) * stride).rounded()) }
            picked += jumps(below: n).flatMap { [$0 - 1, $0] }
            picked = Array(Set(picked)).sorted()
        }
        return picked.map { ($0, schedule.learningRate(atStep: $0)) }
    }

    /// Steps below `n` at which the lr changes discontinuously (at most 10 000 of them).
    private func jumps(below n: Int) -> [Int] {
        switch spec {
        case .step(let size, _): Array(Swift.stride(from: max(size, 1), to: n, by: max(size, 1)).prefix(10_000))
        case .multistep(let milestones, _): milestones.filter { $0 > 0 && $0 < n }
        default: []
        }
    }

    /// The recipe as a short line of full field values, e.g. `warmup_cosine peak=0.0003 warmup=100 total=2000 min=3e-05`.
    public var summary: String {
        let p = "peak=\(Self.short(peak))"
        switch spec {
        case .constant: return "constant \(p)"
        case let .step(size, gamma): return "step \(p) step_size=\(size) gamma=\(Self.short(gamma))"
        case let .multistep(ms, gamma):
            return "multistep \(p) milestones=\(ms.map(String.init).joined(separator: ",")) gamma=\(Self.short(gamma))"
        case let .cosine(total, minLR): return "cosine \(p) total=\(total) min=\(Self.short(minLR))"
        case let .warmupCosine(w, total, minLR): return "warmup_cosine \(p) warmup=\(w) total=\(total) min=\(Self.short(minLR))"
        case let .warmupLinear(w, total, minLR): return "warmup_linear \(p) warmup=\(w) total=\(total) min=\(Self.short(minLR))"
        case let .inverseSqrt(w): return "inverse_sqrt \(p) warmup=\(w)"
        }
    }

    static func short(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e6 ? String(Int(x)) : "\(x)"
    }
}

/// Reads typed fields of one recipe, with messages naming the schedule and the field.
private struct FieldReader {
    let name: String
    let values: [String: [Double]]

    func single(_ field: String) throws(ProblemError) -> Double? {
        guard let v = values[field] else { return nil }
        guard v.count == 1 else { throw ProblemError("\(name): \(field) takes one number") }
        guard v[0].isFinite else { throw ProblemError("\(name): \(field) must be a finite number") }
        return v[0]
    }

    func number(_ field: String, default d: Double, minimum: Double) throws(ProblemError) -> Double {
        guard let v = try single(field) else { return d }
        guard v >= minimum else { throw ProblemError("\(name): \(field) must be ≥ \(ScheduleRecipe.short(minimum)), got \(v)") }
        return v
    }

    func count(_ field: String, default d: Int, minimum: Int) throws(ProblemError) -> Int {
        guard let v = try single(field) else { return d }
        return try Self.integer(v, field: field, name: name, minimum: minimum)
    }

    func counts(_ field: String, default d: [Int]) throws(ProblemError) -> [Int] {
        guard let list = values[field] else { return d }
        guard !list.isEmpty else { throw ProblemError("\(name): \(field) needs at least one step") }
        var out: [Int] = []
        for v in list { out.append(try Self.integer(v, field: field, name: name, minimum: 0)) }
        return out
    }

    static func integer(_ v: Double, field: String, name: String, minimum: Int) throws(ProblemError) -> Int {
        guard v.isFinite, v == v.rounded(), abs(v) < 1e12 else {
            throw ProblemError("\(name): \(field) must be a whole number of steps, got \(v)")
        }
        guard Int(v) >= minimum else { throw ProblemError("\(name): \(field) must be ≥ \(minimum), got \(Int(v))") }
        return Int(v)
    }
}
