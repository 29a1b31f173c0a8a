import Foundation
import OptimlabEngine
import OptimlabYAML

/// Reads `exercises/<id>/exercise.yaml` (format in `exercises/README.md`) and the trace files its
/// cases name. Every problem is reported as `file:line: message`, all of them at once.
public enum ExerciseLoader {
    static let topKeys = ["id", "title", "harness", "file", "points", "tolerance", "time_limit", "instructions",
                          "api", "hints", "cases"]
    /// The largest case (tensor sizes × steps): the case file and the channel stay a few MiB.
    static let maxScalarsPerCase = 200_000
    static let caseKeys = ["name", "hidden", "trace", "optimizer", "tensors", "steps", "gradients", "schedule",
                           "clip_norm", "seed", "lr_changes"]

    /// Loads the exercise in `directory`.
    public static func load(directory: String) throws(ExerciseIssues) -> Exercise {
        let file = "\(directory)/exercise.yaml"
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw ExerciseIssues(issues: [ExerciseIssue(file: file, line: 0, message: "cannot read the file")])
        }
        return try parse(text, file: file, directory: directory)
    }

    /// Parses exercise.yaml text; trace paths are resolved against `directory`.
    public static func parse(_ text: String, file: String, directory: String) throws(ExerciseIssues) -> Exercise {
        var r = YAMLReader(file: file)
        guard let root = r.parse(text) else {
            if r.diagnostics.isEmpty { r.fail(nil, "the file is empty") }
            throw ExerciseIssues(issues: r.diagnostics)
        }
        guard let top = r.mapping(root, "the exercise", allowed: topKeys) else { throw ExerciseIssues(issues: r.diagnostics) }
        func value(_ key: String) -> YAMLNode? { top.first { $0.key == key }?.value }
        for key in ["id", "title", "harness", "file", "cases"] where value(key) == nil {
            r.fail(root, "missing key '\(key)'")
        }
        let id = value("id").flatMap { r.string($0, "id") } ?? ""
        let folder = (directory as NSString).lastPathComponent
        if let node = value("id"), !id.isEmpty, id != folder {
            r.fail(node, "id '\(id)' must match the folder name '\(folder)'")
        }
        var harness = HarnessKind.adamw
        if let node = value("harness"), let name = r.string(node, "harness") {
            if let h = HarnessKind(rawValue: name) { harness = h } else {
                r.fail(node, "unknown harness '\(name)' (expected one of \(HarnessKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        let fileName = value("file").flatMap { r.string($0, "file") } ?? ""
        if let node = value("file"), !fileName.isEmpty,
           !fileName.hasSuffix(".swift") || fileName.contains("/") || fileName == SubmissionBuild.glueFile {
            r.fail(node, "file must be a plain Swift file name such as \(harness.symbolName).swift")
        }
        var exercise = Exercise(id: id, title: value("title").flatMap { r.string($0, "title") } ?? "",
                                harness: harness, file: fileName, cases: [], directory: directory)
        if let node = value("instructions") { exercise.instructions = r.string(node, "instructions") ?? "" }
        if let node = value("api") { exercise.api = r.string(node, "api") ?? "" }
        if let node = value("hints") { exercise.hints = r.strings(node, "hints") ?? [] }
        if let node = value("points") { exercise.points = r.positiveNumber(node, "points") ?? 10 }
        if let node = value("time_limit") { exercise.timeLimit = r.positiveNumber(node, "time_limit") ?? 10 }
        if let node = value("tolerance"), let t = r.mapping(node, "tolerance", allowed: ["rel", "abs"]) {
            for (key, v) in t {
                guard let x = r.number(v, "tolerance.\(key)") else { continue }
                if x < 0 || x >= 1 { r.fail(v, "tolerance.\(key) must be in [0, 1), got \(x)"); continue }
                if key == "rel" { exercise.tolerance.rel = x } else { exercise.tolerance.abs = x }
            }
        }
        if let node = value("cases") {
            if let seq = node.items, !seq.isEmpty {
                var names = Set<String>()
                for (i, c) in seq.enumerated() {
                    guard let parsed = parseCase(c, index: i, harness: harness, directory: directory, reader: &r) else { continue }
                    if !names.insert(parsed.name).inserted { r.fail(c, "case name '\(parsed.name)' is used twice") }
                    exercise.cases.append(parsed)
                }
            } else {
                r.fail(node, "cases must be a non-empty list")
            }
        }
        if !r.diagnostics.isEmpty { throw ExerciseIssues(issues: r.diagnostics) }
        return exercise
    }

    static func parseCase(_ node: YAMLNode, index: Int, harness: HarnessKind, directory: String, reader r: inout YAMLReader) -> ExerciseCase? {
        let what = "cases[\(index)]"
        guard let entries = r.mapping(node, what, allowed: caseKeys) else { return nil }
        func value(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }
        guard let nameNode = value("name") else { r.fail(node, "\(what): missing key 'name'"); return nil }
        guard let name = r.string(nameNode, "\(what).name"), !name.isEmpty else { return nil }
        let hidden = value("hidden").flatMap { r.bool($0, "\(name): hidden") } ?? false
        if let traceNode = value("trace") {
            if let extra = entries.first(where: { !["name", "hidden", "trace"].contains($0.key) }) {
                r.fail(extra.value, "\(name): a trace case takes only name, hidden and trace (found '\(extra.key)')")
                return nil
            }
            guard let path = r.string(traceNode, "\(name): trace") else { return nil }
            let full = path.hasPrefix("/") ? path : "\(directory)/\(path)"
            switch loadTrace(full, harness: harness) {
            case .success(let trace): return ExerciseCase(name: name, hidden: hidden, source: .trace(trace, path: full))
            case .failure(let message): r.fail(traceNode, "\(name): \(message)"); return nil
            }
        }
        guard let generator = parseGenerator(value, caseNode: node, name: name, harness: harness, reader: &r) else { return nil }
        let sample = generator.trace(seed: 0)
        if let reason = harness.unsupportedReason(sample) {
            r.fail(node, "\(name): \(reason)")
            return nil
        }
        // Gradients stay within the (checked) range for every seed; the per-step lr does not depend on
        // the seed. So one draw shows whether a schedule with huge numbers overflows to inf or nan.
        if let step = sample.steps.firstIndex(where: { !($0.lr ?? 0).isFinite }) {
            r.fail(node, "\(name): the learning rate at step \(step + 1) is not a finite number; use smaller schedule values")
            return nil
        }
        return ExerciseCase(name: name, hidden: hidden, source: .generated(generator))
    }

    static func parseGenerator(_ value: (String) -> YAMLNode?, caseNode: YAMLNode, name: String, harness: HarnessKind,
                               reader r: inout YAMLReader) -> CaseGenerator? {
        let before = r.diagnostics.count
        for key in ["optimizer", "tensors", "steps"] where value(key) == nil {
            r.fail(caseNode, "\(name): missing key '\(key)' (or give a trace)")
        }
        var fields: [String: Double] = [:]
        let kind = harness.optimizerKind
        let allowedFields = (OptimizerSpec.fieldNames(of: kind) ?? []).filter { $0 != "amsgrad" }
        if let node = value("optimizer"), let m = r.mapping(node, "\(name): optimizer", allowed: allowedFields) {
            for (key, v) in m { fields[key] = r.number(v, "\(name): optimizer.\(key)") }
        }
        var tensors: [(name: String, size: Int)] = []
        if let node = value("tensors") {
            if let m = node.entries, !m.isEmpty {
                for (k, v) in m {
                    guard let tensor = r.string(k, "\(name): tensor name"),
                          let size = r.integer(v, "\(name): tensors.\(tensor)", min: 1, max: 100_000) else { continue }
                    tensors.append((tensor, size))
                }
            } else {
                r.fail(node, "\(name): tensors must map names to sizes, e.g. {w: 6, b: 2}")
            }
        }
        let steps = value("steps").flatMap { r.integer($0, "\(name): steps", min: 1, max: 10_000) } ?? 1
        var range: ClosedRange<Double> = 1e-2...1
        if let node = value("gradients") {
            let bounds = node.items?.compactMap { r.positiveNumber($0, "\(name): gradients") } ?? []
            // The ratio must be finite too: draws are lo·exp(u·ln(hi/lo)), and 5e-324 to 1e308 gave inf and nan.
            if bounds.count == 2, bounds[0] <= bounds[1], (bounds[1] / bounds[0]).isFinite { range = bounds[0]...bounds[1] } else {
                r.fail(node, "\(name): gradients must be [smallest, largest] magnitudes with a finite ratio, e.g. [1e-5, 1]")
            }
        }
        var schedule: ScheduleSpec?
        if let node = value("schedule") { schedule = parseSchedule(node, name: name, reader: &r) }
        let clip = value("clip_norm").flatMap { r.positiveNumber($0, "\(name): clip_norm") }
        let seed = value("seed").flatMap { r.integer($0, "\(name): seed", min: 0) }.map { UInt64($0) }
        let lrChanges = value("lr_changes").flatMap { r.bool($0, "\(name): lr_changes") } ?? false
        if lrChanges, harness != .adamw, let node = value("lr_changes") {
            r.fail(node, "\(name): lr_changes is for the adamw harness (the others have no settable lr)")
        }
        if harness == .adamw, schedule != nil, !lrChanges, let node = value("schedule") {
            r.fail(node, "\(name): the AdamW API follows a schedule only when the harness sets lr: add lr_changes: true")
        }
        if lrChanges, schedule == nil, let node = value("lr_changes") {
            r.fail(node, "\(name): lr_changes needs a schedule to take the per-step lr from")
        }
        let scalars = tensors.reduce(0) { $0 + $1.size } * steps
        if scalars > Self.maxScalarsPerCase {
            r.fail(caseNode, "\(name): \(scalars) gradient values (tensor sizes × steps) is more than the \(Self.maxScalarsPerCase) a case may have")
        }
        guard r.diagnostics.count == before, let optimizer = OptimizerSpec.make(kind: kind, fields: fields) else { return nil }
        return CaseGenerator(optimizer: optimizer, tensors: tensors, steps: steps, gradientRange: range, schedule: schedule,
                             clipNorm: clip, seed: seed, lrChanges: lrChanges)
    }

    static func parseSchedule(_ node: YAMLNode, name: String, reader r: inout YAMLReader) -> ScheduleSpec? {
        guard node.isMapping, let kindNode = node["name"], let kind = r.string(kindNode, "\(name): schedule.name"),
              let fields = ScheduleSpec.fields(of: kind) else {
            r.fail(node, "\(name): schedule needs a name (one of \(ScheduleSpec.names.joined(separator: ", ")))")
            return nil
        }
        guard let entries = r.mapping(node, "\(name): schedule", allowed: ["name"] + fields) else { return nil }
        func int(_ key: String) -> Int? {
            guard let v = entries.first(where: { $0.key == key })?.value else { r.fail(node, "\(name): schedule \(kind) needs \(key)"); return nil }
            return r.integer(v, "\(name): schedule.\(key)", min: key == "warmup_steps" ? 0 : 1)
        }
        func number(_ key: String, default d: Double) -> Double? {
            guard let v = entries.first(where: { $0.key == key })?.value else { return d }
            return r.number(v, "\(name): schedule.\(key)")
        }
        switch kind {
        case "constant": return .constant
        case "step": guard let s = int("step_size"), let g = number("gamma", default: 0.1) else { return nil }; return .step(stepSize: s, gamma: g)
        case "multistep":
            guard let v = entries.first(where: { $0.key == "milestones" })?.value, let seq = v.items else {
                r.fail(node, "\(name): schedule multistep needs milestones: [a, b, …]"); return nil
            }
            let ms = seq.compactMap { r.integer($0, "\(name): milestones", min: 1) }
            guard let g = number("gamma", default: 0.1) else { return nil }
            return .multistep(milestones: ms, gamma: g)
        case "cosine": guard let t = int("total_steps"), let m = number("min_lr", default: 0) else { return nil }; return .cosine(totalSteps: t, minLR: m)
        case "warmup_cosine", "warmup_linear":
            guard let w = int("warmup_steps"), let t = int("total_steps"), let m = number("min_lr", default: 0) else { return nil }
            if w > t { r.fail(node, "\(name): warmup_steps (\(w)) exceeds total_steps (\(t))"); return nil }
            return kind == "warmup_cosine" ? .warmupCosine(warmupSteps: w, totalSteps: t, minLR: m)
                : .warmupLinear(warmupSteps: w, totalSteps: t, minLR: m)
        default: guard let w = int("warmup_steps") else { return nil }; return .inverseSqrt(warmupSteps: w)
        }
    }

    /// Reads a trace file and checks the exercise's API can express it.
    public static func loadTrace(_ path: String, harness: HarnessKind) -> Result<Trace, GraderError> {
        TraceCase.load(path, harness: harness)      // size caps, names, finite values: see TraceCase
    }
}
