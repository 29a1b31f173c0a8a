import OptimlabCourseware
import OptimlabEngine
import OptimlabYAML

extension ExerciseLoader {
    static let referenceKeys = ["optimizer", "schedule", "clip_grad_norm", "no_decay", "scaling"]

    /// `reference: rmsprop` (an optimizer kind, a schedule name or `clip_grad_norm`), or a mapping
    /// `{optimizer: adamw, schedule: warmup_cosine, clip_grad_norm: true, no_decay: [bias], scaling: linear}`.
    static func parseReference(_ node: YAMLNode, reader r: inout YAMLReader) -> ExerciseReference? {
        var reference = ExerciseReference()
        if node.isScalar {
            guard let name = r.string(node, "reference") else { return nil }
            if let kind = OptimizerKind(rawValue: name) { reference.optimizer = kind }
            else if ScheduleSpec.names.contains(name) { reference.schedule = name }
            else if name == "clip_grad_norm" { reference.clipsGradients = true }
            else {
                r.fail(node, "unknown reference '\(name)' (an optimizer: \(OptimizerKind.names); a schedule: \(ScheduleSpec.names.joined(separator: ", ")); or clip_grad_norm)")
                return nil
            }
            return reference
        }
        guard let m = r.mapping(node, "reference", allowed: referenceKeys) else { return nil }
        let before = r.diagnostics.count
        for (key, v) in m {
            switch key {
            case "optimizer":
                guard let kind = r.string(v, "reference.optimizer") else { continue }
                if let known = OptimizerKind(rawValue: kind) { reference.optimizer = known } else {
                    r.fail(v, "reference.optimizer: unknown optimizer '\(kind)' (expected one of \(OptimizerKind.names))")
                }
            case "schedule":
                guard let name = r.string(v, "reference.schedule") else { continue }
                if ScheduleSpec.names.contains(name) { reference.schedule = name } else {
                    r.fail(v, "reference.schedule: unknown schedule '\(name)' (expected one of \(ScheduleSpec.names.joined(separator: ", ")))")
                }
            case "clip_grad_norm": reference.clipsGradients = r.bool(v, "reference.clip_grad_norm") ?? false
            case "no_decay": reference.noDecay = r.strings(v, "reference.no_decay")
            default:
                guard let rule = r.string(v, "reference.scaling") else { continue }
                if let parsed = BatchScaling.Rule(rawValue: rule) { reference.scaling = BatchScaling(rule: parsed) } else {
                    r.fail(v, "reference.scaling must be linear or sqrt")
                }
            }
        }
        if reference.optimizer == nil && reference.schedule == nil && !reference.clipsGradients {
            r.fail(node, "reference needs an optimizer, a schedule or clip_grad_norm: true")
        }
        if reference.optimizer == nil, reference.schedule != nil, reference.clipsGradients {
            r.fail(node, "reference: a schedule and clipping together need an optimizer (a training step)")
        }
        if reference.noDecay != nil, reference.optimizer == nil { r.fail(node, "reference.no_decay needs an optimizer") }
        if reference.scaling != nil, reference.optimizer != nil || reference.schedule == nil {
            r.fail(node, "reference.scaling applies to a schedule alone (no optimizer)")
        }
        return r.diagnostics.count == before ? reference : nil
    }

    static let apiKeys = ["type", "function", "init", "arguments", "step", "settable_lr", "notes"]

    /// `api: {type: SGD, init: {lr: lr, weightDecay: weight_decay}, step: flat, settable_lr: true}` or
    /// `api: {function: clipGradNorm, arguments: {_: grads, maxNorm: max_norm}}`.
    static func parseAPI(_ node: YAMLNode, reference: ExerciseReference, reader r: inout YAMLReader) -> ExerciseAPI? {
        guard let m = r.mapping(node, "api", allowed: apiKeys) else { return nil }
        func value(_ key: String) -> YAMLNode? { m.first { $0.key == key }?.value }
        let before = r.diagnostics.count
        let typeName = value("type").flatMap { r.string($0, "api.type") }
        let functionName = value("function").flatMap { r.string($0, "api.function") }
        guard let symbol = typeName ?? functionName, (typeName == nil) != (functionName == nil) else {
            r.fail(node, "api needs either type (a struct or final class) or function")
            return nil
        }
        if symbol.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) == nil {
            r.fail(value("type") ?? value("function"), "api: '\(symbol)' is not a Swift identifier")
        }
        var form = ExerciseAPI.Form.function
        if typeName != nil {
            form = .flat
            if let v = value("step"), let s = r.string(v, "api.step") {
                if s == "named" { form = .named } else if s != "flat" { r.fail(v, "api.step must be flat or named") }
            }
            if reference.output != .params { r.fail(node, "api: this reference is computed by a function; give function, not type") }
        } else if reference.output == .params {
            r.fail(node, "api: an optimizer is a type with init and step; give type, not function")
        }
        let argumentsKey = typeName != nil ? "init" : "arguments"
        var arguments: [ExerciseAPI.Argument] = []
        if let v = value(argumentsKey) {
            guard let entries = v.entries else { r.fail(v, "api.\(argumentsKey) must map labels to hyperparameters"); return nil }
            var allowed = reference.hyperparameterNames
            if form == .function { allowed.append(reference.output == .learningRate ? "step" : "grads") }
            if form == .named { allowed.append("shapes") }
            for (k, source) in entries {
                guard let label = r.string(k, "api.\(argumentsKey)"), let name = r.string(source, "api.\(argumentsKey).\(label)") else { continue }
                if !allowed.contains(name) {
                    r.fail(source, "api.\(argumentsKey).\(label): '\(name)' is not a hyperparameter of this reference (expected one of \(allowed.joined(separator: ", ")))")
                }
                arguments.append(ExerciseAPI.Argument(label: label, source: name))
            }
        }
        if form == .function, reference.output == .clippedGradients, !arguments.contains(where: { $0.source == "grads" }) {
            r.fail(node, "api.arguments: the clipping function must take the gradients (an argument given grads)")
        }
        let settable = value("settable_lr").flatMap { r.bool($0, "api.settable_lr") } ?? false
        if settable, form == .function { r.fail(value("settable_lr"), "api.settable_lr is for a type") }
        guard r.diagnostics.count == before else { return nil }
        return ExerciseAPI(symbol: symbol, form: form, arguments: arguments, settableLR: settable)
    }

    static let mistakeKeys = ["name", "title", "explanation", "lesson", "hint", "engine", "convention", "optimizer", "reference"]

    /// `mistakes:` a list of the engine's known mistakes by name (`- eps-inside-sqrt`, or `- {name:
    /// eps-inside-sqrt, hint: …}`), or the exercise's own: a name, title, explanation, lesson and the
    /// engine variant (`engine: [known mistakes]`, `convention: keras`, `optimizer: {field: value}`,
    /// `reference: {no_decay: []}`).
    static func parseMistakes(_ node: YAMLNode, reference: ExerciseReference, words: MistakeCatalogue,
                              reader r: inout YAMLReader) -> [ExerciseMistake] {
        guard let seq = node.items else { r.fail(node, "mistakes must be a list"); return [] }
        var out: [ExerciseMistake] = []
        for item in seq {
            if item.isScalar {
                guard let name = r.string(item, "mistakes") else { continue }
                guard let known = KnownMistake(rawValue: name) else {
                    r.fail(item, "mistakes: unknown mistake '\(name)' (the engine knows \(KnownMistake.allCases.map(\.rawValue).joined(separator: ", ")); declare your own with name, title, explanation and a variant)")
                    continue
                }
                out.append(ExerciseMistake(known, words: words[known]))
                continue
            }
            guard let m = r.mapping(item, "mistakes", allowed: mistakeKeys) else { continue }
            if let parsed = parseMistake(m, node: item, reference: reference, words: words, reader: &r) {
                if out.contains(where: { $0.name == parsed.name }) { r.fail(item, "mistakes: '\(parsed.name)' is listed twice") }
                out.append(parsed)
            }
        }
        return out
    }

    static func parseMistake(_ m: [(key: String, value: YAMLNode)], node: YAMLNode, reference: ExerciseReference,
                             words: MistakeCatalogue, reader r: inout YAMLReader) -> ExerciseMistake? {
        func value(_ key: String) -> YAMLNode? { m.first { $0.key == key }?.value }
        guard let name = value("name").flatMap({ r.string($0, "mistakes: name") }), !name.isEmpty else {
            r.fail(node, "mistakes: each mistake needs a name"); return nil
        }
        let hint = value("hint").flatMap { r.string($0, "\(name): hint") }
        let variantKeys = ["engine", "convention", "optimizer", "reference"]
        if !m.contains(where: { variantKeys.contains($0.key) }) {
            guard let known = KnownMistake(rawValue: name) else {
                r.fail(node, "mistakes: '\(name)' is not a known mistake of the engine; give its variant (engine, convention, optimizer or reference), title and explanation")
                return nil
            }
            return ExerciseMistake(known, words: words[known], hint: hint)
        }
        let before = r.diagnostics.count
        for key in ["title", "explanation"] where value(key) == nil { r.fail(node, "\(name): missing key '\(key)'") }
        var mistake = ExerciseMistake(name: name, title: value("title").flatMap { r.string($0, "\(name): title") } ?? "",
                                      explanation: value("explanation").flatMap { r.string($0, "\(name): explanation") } ?? "",
                                      lesson: value("lesson").flatMap { r.string($0, "\(name): lesson") } ?? "", hint: hint)
        if let v = value("engine"), let names = r.strings(v, "\(name): engine") {
            for n in names {
                if let known = KnownMistake(rawValue: n) { mistake.variant.mistakes.append(known) } else {
                    r.fail(v, "\(name): engine: unknown mistake '\(n)'")
                }
            }
        }
        if let v = value("convention"), let c = r.string(v, "\(name): convention") {
            if let convention = Convention.named(c) { mistake.variant.convention = convention } else {
                r.fail(v, "\(name): unknown convention '\(c)' (expected one of \(Convention.all.map(\.name).joined(separator: ", ")))")
            }
        }
        if let v = value("optimizer") {
            let allowed = reference.optimizer?.fields ?? []
            if let fields = r.mapping(v, "\(name): optimizer", allowed: allowed.map(\.rawValue)) {
                for (key, x) in fields {
                    guard let field = OptimizerField(rawValue: key) else { continue }
                    mistake.overrides[field] = fieldValue(x, field, what: "\(name): optimizer.\(key)", reader: &r)
                }
            }
        }
        if let v = value("reference"), let fields = r.mapping(v, "\(name): reference", allowed: ["no_decay", "scaling", "rescale_steps"]) {
            var changed = reference
            for (key, x) in fields {
                switch key {
                case "no_decay": changed.noDecay = r.strings(x, "\(name): reference.no_decay")
                case "scaling":
                    if let s = r.string(x, "\(name): reference.scaling"), let rule = BatchScaling.Rule(rawValue: s) {
                        changed.scaling = BatchScaling(rule: rule, rescalesSteps: changed.scaling?.rescalesSteps ?? true)
                    } else { r.fail(x, "\(name): reference.scaling must be linear or sqrt") }
                default:
                    let rescales = r.bool(x, "\(name): reference.rescale_steps") ?? true
                    changed.scaling = BatchScaling(rule: changed.scaling?.rule ?? .linear, rescalesSteps: rescales)
                }
            }
            mistake.reference = changed
        }
        return r.diagnostics.count == before ? mistake : nil
    }

    /// A hyperparameter's value: true/false for the boolean fields, a finite number otherwise.
    static func fieldValue(_ node: YAMLNode, _ field: OptimizerField, what: String, reader r: inout YAMLReader) -> Double? {
        if field.isBoolean { return r.bool(node, what).map { $0 ? 1 : 0 } }
        return r.number(node, what)
    }
}
