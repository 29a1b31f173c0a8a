import OptimlabEngine
import OptimlabYAML

extension ExerciseLoader {
    static let caseKeys = ["name", "hidden", "trace", "optimizer", "tensors", "steps", "gradients", "schedule",
                           "clip_norm", "seed", "lr_changes", "batch", "zeros"]

    static func parseCase(_ node: YAMLNode, index: Int, exercise: Exercise, directory: String, reader r: inout YAMLReader) -> ExerciseCase? {
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
            switch loadTrace(full, exercise: exercise) {
            case .success(let trace): return ExerciseCase(name: name, hidden: hidden, source: .trace(trace, path: full))
            case .failure(let message): r.fail(traceNode, "\(name): \(message)"); return nil
            }
        }
        guard let generator = parseGenerator(value, caseNode: node, name: name, exercise: exercise, reader: &r) else { return nil }
        let sample = generator.trace(seed: 0)
        if let reason = exercise.unsupportedReason(sample, generated: true) {
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

    static func parseGenerator(_ value: (String) -> YAMLNode?, caseNode: YAMLNode, name: String, exercise: Exercise,
                               reader r: inout YAMLReader) -> CaseGenerator? {
        let before = r.diagnostics.count
        let reference = exercise.reference
        for key in ["optimizer", "tensors", "steps"] where value(key) == nil {
            r.fail(caseNode, "\(name): missing key '\(key)' (or give a trace)")
        }
        var fields: [OptimizerField: Double] = [:]
        let kind = reference.optimizer ?? .sgd
        let allowedFields = reference.optimizer?.fields ?? [.lr]
        if let node = value("optimizer"), let m = r.mapping(node, "\(name): optimizer", allowed: allowedFields.map(\.rawValue)) {
            for (key, v) in m {
                guard let field = OptimizerField(rawValue: key) else { continue }
                fields[field] = fieldValue(v, field, what: "\(name): optimizer.\(key)", reader: &r)
            }
        }
        var tensors: [(name: String, size: Int)] = []
        var shapes: [String: [Int]] = [:]
        if let node = value("tensors") {
            if let m = node.entries, !m.isEmpty {
                for (k, v) in m {
                    guard let tensor = r.string(k, "\(name): tensor name") else { continue }
                    if let dims = v.items {
                        let shape = dims.compactMap { r.integer($0, "\(name): tensors.\(tensor)", min: 1, max: 100_000) }
                        guard shape.count == dims.count else { continue }
                        let size = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
                        guard !shape.isEmpty, size <= 100_000 else {
                            r.fail(v, "\(name): tensors.\(tensor) must be a size or a shape of at most 100000 values, e.g. [3, 4]")
                            continue
                        }
                        tensors.append((tensor, size))
                        shapes[tensor] = shape
                    } else if let size = r.integer(v, "\(name): tensors.\(tensor)", min: 1, max: 100_000) {
                        tensors.append((tensor, size))
                    }
                }
            } else {
                r.fail(node, "\(name): tensors must map names to sizes or shapes, e.g. {w: [3, 4], b: 2}")
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
        var zeros = 0.0
        if let node = value("zeros"), let x = r.number(node, "\(name): zeros") {
            if x >= 0 && x < 1 { zeros = x } else { r.fail(node, "\(name): zeros is the share of gradients that are exactly 0: in [0, 1), got \(x)") }
        }
        var schedule: ScheduleSpec?
        if let node = value("schedule") { schedule = parseSchedule(node, name: name, reader: &r) }
        let clip = value("clip_norm").flatMap { r.positiveNumber($0, "\(name): clip_norm") }
        let seed = value("seed").flatMap { r.integer($0, "\(name): seed") }.map { UInt64($0) }
        let lrChanges = value("lr_changes").flatMap { r.bool($0, "\(name): lr_changes") } ?? false
        var batch: (base: Int, new: Int)?
        if let node = value("batch"), let m = r.mapping(node, "\(name): batch", allowed: ["base", "new"]) {
            let sizes = m.compactMap { r.integer($0.value, "\(name): batch.\($0.key)", min: 1, max: 1 << 30) }
            if sizes.count == 2, m.map(\.key) == ["base", "new"] { batch = (sizes[0], sizes[1]) } else {
                r.fail(node, "\(name): batch needs base and new, e.g. {base: 256, new: 1024}")
            }
        }
        checkCaseFits(value, caseNode: caseNode, name: name, exercise: exercise, fields: fields, schedule: schedule,
                      lrChanges: lrChanges, batch: batch != nil, reader: &r)
        let scalars = tensors.reduce(0) { $0 + $1.size } * steps
        if scalars > Self.maxScalarsPerCase {
            r.fail(caseNode, "\(name): \(scalars) gradient values (tensor sizes × steps) is more than the \(Self.maxScalarsPerCase) a case may have")
        }
        guard r.diagnostics.count == before else { return nil }
        let optimizer = OptimizerSpec.make(kind: kind, fields: fields)
        return CaseGenerator(optimizer: optimizer, tensors: tensors, steps: steps, gradientRange: range, schedule: schedule,
                             clipNorm: clip, seed: seed, lrChanges: lrChanges, batch: batch, shapes: TensorShapes(shapes), zeroFraction: zeros)
    }

    /// The case gives the student's API what it needs, and nothing the API cannot take.
    static func checkCaseFits(_ value: (String) -> YAMLNode?, caseNode: YAMLNode, name: String, exercise: Exercise, fields: [OptimizerField: Double],
                              schedule: ScheduleSpec?, lrChanges: Bool, batch: Bool, reader r: inout YAMLReader) {
        let reference = exercise.reference, api = exercise.declaration
        if let kind = reference.optimizer {
            let standard = OptimizerSpec.make(kind: kind, fields: [:]).fieldValues
            for (field, x) in fields.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !api.hyperparameters.contains(field.rawValue) && standard[field] != x {
                r.fail(value("optimizer"), "\(name): optimizer.\(field) is not passed to \(api.symbol)'s init, so it must keep its default \(standard[field] ?? 0)")
            }
        }
        if lrChanges, !api.settableLR, let node = value("lr_changes") {
            r.fail(node, "\(name): lr_changes needs an API with a settable lr (api.settable_lr: true)")
        }
        if lrChanges, schedule == nil, let node = value("lr_changes") {
            r.fail(node, "\(name): lr_changes needs a schedule to take the per-step lr from")
        }
        if let s = schedule, let node = value("schedule") {
            if let wanted = reference.schedule, s.name != wanted {
                r.fail(node, "\(name): the schedule is \(s.name); this exercise implements \(wanted)")
            } else if reference.schedule == nil, !lrChanges {
                r.fail(node, "\(name): the \(api.symbol) API follows a schedule only when the harness sets lr: add lr_changes: true")
            }
        } else if let wanted = reference.schedule {
            r.fail(caseNode, "\(name): this exercise implements \(wanted); give the case a schedule: {name: \(wanted), …}")
        }
        if reference.clipsGradients, value("clip_norm") == nil {
            r.fail(caseNode, "\(name): the \(api.symbol) API always clips (give clip_norm)")
        }
        if !reference.clipsGradients, let node = value("clip_norm") {
            r.fail(node, "\(name): the \(api.symbol) API does not clip; remove clip_norm")
        }
        if (reference.scaling != nil) != batch {
            r.fail(value("batch") ?? caseNode, reference.scaling != nil ? "\(name): a scaling case needs batch: {base: …, new: …}"
                                                                        : "\(name): batch is for a reference with scaling")
        }
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
}

extension Exercise {
    /// Why a trace (a trace case, or a generated case's draw) cannot be graded with this exercise's
    /// reference and API, or nil when it can.
    public func unsupportedReason(_ trace: Trace, generated: Bool = false) -> String? {
        let symbol = declaration.symbol
        if !generated {
            guard let kind = reference.optimizer else {
                return "trace cases are for optimizer exercises; this one grades \(reference.output == .learningRate ? "a schedule" : "a function")"
            }
            let name = trace.optimizer.kind
            var spec = trace.optimizer
            if name != kind {
                // Adam without decay is AdamW with λ = 0, and the other way round.
                guard [.adam, .adamw].contains(name), [.adam, .adamw].contains(kind),
                      trace.optimizer.fields.first(where: { $0.field == .weightDecay })?.value == 0 else {
                    if name == .adam, kind == .adamw {
                        return "the trace uses Adam with L2 weight decay (coupled), which the \(symbol) API cannot express"
                    }
                    return "the trace uses \(name), but this exercise implements \(symbol)"
                }
                spec = OptimizerSpec.make(kind: kind, fields: spec.fieldValues)
            }
            let defaults = OptimizerSpec.make(kind: kind, fields: [:]).fieldValues
            for f in spec.fields where !declaration.hyperparameters.contains(f.field.rawValue) && defaults[f.field] != f.value && !(f.field == .weightDecay && f.value == 0) {
                return f.field.isBoolean ? "the trace uses \(f.field), which the \(symbol) API does not have"
                    : "the trace sets \(f.field) = \(f.value), which the \(symbol) API does not take"
            }
            if let reason = paramGroupsReason(trace) { return reason }
            if trace.clipNorm != nil, !reference.clipsGradients {
                return "the trace clips gradients (clip_norm), which the \(symbol) API does not do"
            }
            if trace.clipNorm == nil, reference.clipsGradients {
                return "the trace does not clip gradients; the \(symbol) API always clips (give clip_norm)"
            }
            if let wanted = reference.schedule {
                guard trace.schedule?.name == wanted else {
                    return "the trace's schedule is \(trace.schedule?.name ?? "none"); this exercise implements \(wanted)"
                }
            } else if !declaration.settableLR,
                      trace.steps.contains(where: { ($0.lr ?? trace.optimizer.lr) != trace.optimizer.lr }) || (trace.schedule.map { $0 != .constant } ?? false) {
                return "the trace changes the learning rate, which the \(symbol) API cannot be told"
            }
        }
        if reference.output == .learningRate, trace.schedule == nil { return "the case needs a schedule" }
        return nil
    }

    /// Why a trace's parameter groups are not the ones the reference runs (every tensor must run
    /// under the optimizer the reference's groups give it), or nil.
    func paramGroupsReason(_ trace: Trace) -> String? {
        let names = trace.initialParams.names, base = trace.optimizer
        let wanted = reference.paramGroups(names: names, optimizer: base)
        for name in names {
            let got = ParamGroup.optimizer(of: name, in: trace.paramGroups, base: base)
            let want = ParamGroup.optimizer(of: name, in: wanted, base: base)
            guard let field = zip(got.fields, want.fields).first(where: { $0.0 != $0.1 }) else { continue }
            guard let noDecay = reference.noDecay, !noDecay.isEmpty else {
                return "the trace's param_groups give \(name) its own \(field.0.field) (\(Grader.number(field.0.value))), which the \(declaration.symbol) API cannot express"
            }
            return "the trace's param_groups give \(name) \(field.0.field) = \(Grader.number(field.0.value)), but this exercise's groups "
                + "(no decay on names containing \(noDecay.joined(separator: ", "))) give it \(Grader.number(field.1.value))"
        }
        return nil
    }
}
