import OptimlabEngine
import OptimlabYAML

/// Reads a `plot`/`experiment` block body into a ``VisualBlock`` with the project's one YAML reader
/// (``YAMLReader``: YAML 1.2 core scalars, so `3e-4` is a number and `yes` is text), collecting every
/// problem as a ``YAMLDiagnostic`` at its file, line and column instead of stopping at the first.
/// Ranges are checked here so rendering never meets a bad value.
public struct VisualBlockReader {
    var yaml: YAMLReader

    /// Every problem found so far, in the order found.
    public var diagnostics: [YAMLDiagnostic] { yaml.diagnostics }

    /// A reader for blocks of `file`.
    public init(file: String) { yaml = YAMLReader(file: file) }

    static let plotKinds = ["schedule", "trajectory", "experiment"]
    static let commonFields = ["id", "expect"]
    static let scheduleBlockFields = ["kind", "title", "schedules", "steps", "mark", "log_y"] + commonFields
    static let trajectoryBlockFields = ["kind", "title", "optimizers", "steps", "lr", "target_loss"] + commonFields
    static let experimentBlockFields = ["kind", "title", "runs", "preset", "steps", "log_y"] + commonFields
    static let runFields = ["id", "optimizer", "label", "lr", "schedule", "switches", "clip", "beta2", "weight_decay"]

    /// Parses and reads a block body whose first line is line `lineOffset + 1` of the file; nil when
    /// there were problems (see ``diagnostics``).
    public mutating func read(kind: String, yaml text: String, lineOffset: Int = 0) -> VisualBlock? {
        guard let root = yaml.parse(text, lineOffset: lineOffset) else {
            if yaml.diagnostics.isEmpty { yaml.report(YAMLDiagnostic(file: yaml.file, line: lineOffset + 1, message: "the \(kind) block is empty")) }
            return nil
        }
        return read(kind: kind, root: root)
    }

    /// Reads the block with its `id` and `expect:` claims (at their lines in the file); nil when there
    /// were problems (see ``diagnostics``).
    public mutating func read(kind: String, root: YAMLNode) -> VisualBlock? {
        guard let map = yaml.fields(root, "the \(kind) block") else { return nil }
        let request = readRequest(kind: kind, map, root: root)
        var id: String?
        if let node = map.value("id"), let text = yaml.string(node, "id") {
            if VisualNames.isName(text) { id = text } else { yaml.fail(node, "id '\(text)' must be lowercase letters, digits and '_', starting with a letter (prose reads it as {{ \(text).… }})") }
        }
        var expectations: [Expectation] = []
        if let node = map.value("expect") {
            for item in node.items ?? [node] {
                guard let text = yaml.string(item, "expect") else { continue }
                do { expectations.append(try Expectation.parse(text, line: item.line)) } catch { yaml.fail(item, "expect \"\(text)\": \(error.message)") }
            }
        }
        guard diagnostics.isEmpty, let request else { return nil }
        return VisualBlock(kind: kind, id: id, request: request, expectations: expectations, line: root.line)
    }

    /// Reads what the block asks for; nil when its kind is unknown.
    mutating func readRequest(kind: String, _ map: [YAMLField], root: YAMLNode) -> VisualRequest? {
        let blockKind: String
        switch kind {
        case "plot":
            guard let k = map.first(where: { $0.key == "kind" }) else {
                yaml.fail(root, "missing field kind (one of \(Self.plotKinds.joined(separator: ", ")))")
                return nil
            }
            guard let name = yaml.string(k.value, "kind") else { return nil }
            guard Self.plotKinds.contains(name) else {
                yaml.fail(k.value, "unknown plot kind \"\(name)\" (expected one of \(Self.plotKinds.joined(separator: ", ")))")
                return nil
            }
            blockKind = name
        case "experiment":
            if let k = map.first(where: { $0.key == "kind" }), yaml.string(k.value, "kind") != "experiment" {
                yaml.fail(k.value, "an experiment block's kind can only be experiment")
            }
            blockKind = "experiment"
        default:
            yaml.fail(root, "unknown block type \"\(kind)\" (expected plot or experiment)")
            return nil
        }
        switch blockKind {
        case "schedule": return readSchedule(map, root: root)
        case "trajectory": return readTrajectory(map)
        default: return readExperiment(map, root: root)
        }
    }

    // MARK: kinds

    mutating func readSchedule(_ map: [YAMLField], root: YAMLNode) -> VisualRequest? {
        yaml.checkFields(map, allowed: Self.scheduleBlockFields, in: "a schedule plot")
        let steps = map.value("steps").flatMap { yaml.integer($0, "steps", in: ScheduleRequest.stepRange) }
        var parsed: [(name: String, fields: [String: [Double]], node: YAMLNode)] = []
        if let list = map.value("schedules") {
            let items = yaml.list(list, "schedules")
            if items?.isEmpty == true { yaml.fail(list, "schedules needs at least one schedule") }
            for item in items ?? [] {
                guard let fields = yaml.fields(item, "a schedule") else { continue }
                let allowed = ["name"] + ScheduleRecipe.fieldNames + ScheduleRecipe.aliases.keys.sorted()
                yaml.checkFields(fields, allowed: allowed, in: "a schedule")
                guard let nameNode = fields.value("name") else { yaml.fail(item, "a schedule needs a name"); continue }
                guard let name = yaml.string(nameNode, "name") else { continue }
                var values: [String: [Double]] = [:]
                for e in fields where e.key != "name" && allowed.contains(e.key) {
                    values[ScheduleRecipe.canonicalField(e.key) ?? e.key] = numbers(e.value, e.key)
                }
                parsed.append((name, values, item))
            }
        } else {
            yaml.fail(root, "missing field schedules (a list of {name, peak, warmup_steps, …})")
        }
        let n = steps ?? ScheduleRequest.defaultSteps(parsed.map(\.fields))
        var recipes: [ScheduleRecipe] = []
        for p in parsed {
            do { recipes.append(try ScheduleRecipe.make(name: p.name, fields: p.fields, steps: n)) } catch { yaml.fail(p.node, error.message) }
        }
        var marks: [Int] = []
        if let m = map.value("mark") {
            marks = (yaml.list(m, "mark") ?? []).compactMap { yaml.integer($0, "mark", min: 0, max: n - 1) }
        }
        var request = ScheduleRequest(recipes: recipes, steps: n, marks: marks)
        if let node = map.value("title"), let title = yaml.string(node, "title") { request.title = title }
        request.logY = map.value("log_y").flatMap { yaml.bool($0, "log_y") } ?? false
        return .schedule(request)
    }

    mutating func readTrajectory(_ map: [YAMLField]) -> VisualRequest? {
        yaml.checkFields(map, allowed: Self.trajectoryBlockFields, in: "a trajectory plot")
        var request = TrajectoryRequest()
        if let node = map.value("optimizers") {
            request.optimizers = (node.items ?? [node]).flatMap { n -> [OptimizerChoice] in
                guard let text = yaml.string(n, "optimizers") else { return [] }
                return text.split(separator: ",").compactMap { choice(String($0).trimmingCharacters(in: .whitespaces), n) }
            }
        }
        if let node = map.value("steps") { request.steps = yaml.integer(node, "steps", in: TrajectoryRequest.stepRange) ?? request.steps }
        if let node = map.value("title") { request.title = yaml.string(node, "title") }
        if let node = map.value("target_loss") { request.targetLoss = yaml.positiveNumber(node, "target_loss") ?? request.targetLoss }
        if let node = map.value("lr"), let lrs = yaml.fields(node, "lr") {
            for e in lrs {
                if let c = choice(e.key, e.keyNode), let v = yaml.positiveNumber(e.value, "lr.\(e.key)") { request.lrs[c] = v }
            }
        }
        return .trajectory(request)
    }

    mutating func readExperiment(_ map: [YAMLField], root: YAMLNode) -> VisualRequest? {
        yaml.checkFields(map, allowed: Self.experimentBlockFields, in: "an experiment")
        let steps = map.value("steps").flatMap { yaml.integer($0, "steps", in: ExperimentRequest.stepRange) } ?? 200
        var request = ExperimentRequest(entries: [], steps: steps)
        if let node = map.value("preset"), let name = yaml.string(node, "preset") {
            do { request = try ExperimentRequest.preset(named: name, steps: steps) } catch { yaml.fail(node, error.message) }
        }
        if let node = map.value("runs") {
            for item in yaml.list(node, "runs") ?? [] {
                if let entry = readRun(item, steps: steps) { request.entries.append(entry) }
            }
        } else if map.value("preset") == nil {
            yaml.fail(root, "missing field runs (a list of {optimizer, lr, schedule, switches})")
        }
        if let node = map.value("title"), let title = yaml.string(node, "title") { request.title = title }
        request.logY = map.value("log_y").flatMap { yaml.bool($0, "log_y") } ?? false
        if diagnostics.isEmpty {
            do { _ = try request.runs() } catch { yaml.fail(map.value("runs") ?? root, error.message) }
        }
        return .experiment(request)
    }

    mutating func readRun(_ item: YAMLNode, steps: Int) -> ExperimentEntry? {
        guard let run = yaml.fields(item, "a run") else { return nil }
        yaml.checkFields(run, allowed: Self.runFields, in: "a run")
        guard let optNode = run.value("optimizer") else { yaml.fail(item, "a run needs an optimizer (\(OptimizerChoice.names))"); return nil }
        guard let name = yaml.string(optNode, "optimizer"), let c = choice(name, optNode) else { return nil }
        let lr = run.value("lr").flatMap { yaml.positiveNumber($0, "lr") } ?? Experiment.defaultLR(for: c)
        var beta2: Double?
        if let node = run.value("beta2"), let b = yaml.number(node, "beta2") {
            if b >= 0 && b < 1 { beta2 = b } else { yaml.fail(node, "beta2 must be in [0, 1), got \(b)") }
        }
        let decay = run.value("weight_decay").flatMap { yaml.number($0, "weight_decay") }
        var setup = RunSetup(label: run.value("label").flatMap { yaml.string($0, "label") } ?? c.rawValue,
                             optimizer: c.spec(lr: lr, beta2: beta2, weightDecay: decay))
        if let node = run.value("clip") { setup.clipNorm = yaml.positiveNumber(node, "clip") }
        if let node = run.value("schedule") {
            setup.schedule = schedule(node, steps: steps)
            if run.value("label") == nil, let s = setup.schedule, s != .constant { setup.label += " \(s.name)" }
        }
        var runName: String?
        if let node = run.value("id"), let text = yaml.string(node, "id") {
            if VisualNames.isName(text) { runName = text } else { yaml.fail(node, "a run's id '\(text)' must be lowercase letters, digits and '_', starting with a letter") }
        }
        var switches: [BreakSwitch] = []
        if let node = run.value("switches") {
            for s in yaml.list(node, "switches") ?? [] {
                guard let text = yaml.string(s, "switches") else { continue }
                do { switches.append(try BreakSwitch.named(text)) } catch { yaml.fail(s, error.message) }
            }
        }
        return ExperimentEntry(setup: setup, switches: switches, name: runName)
    }

    /// A run's schedule: a name, or a map with `name` and recipe fields (the peak is the run's lr).
    mutating func schedule(_ node: YAMLNode, steps: Int) -> ScheduleSpec? {
        var fields: [String: [Double]] = [:]
        let name: String
        if node.isMapping, let map = yaml.fields(node, "a schedule") {
            yaml.checkFields(map, allowed: ["name"] + ScheduleRecipe.fieldNames.filter { $0 != "peak" } + ["warmup", "total", "min"], in: "a schedule")
            guard let nameNode = map.value("name") else { yaml.fail(node, "a schedule needs a name"); return nil }
            guard let n = yaml.string(nameNode, "name") else { return nil }
            name = n
            for e in map where e.key != "name" {
                guard let field = ScheduleRecipe.canonicalField(e.key) else { continue }
                fields[field] = numbers(e.value, e.key)
            }
        } else if let n = yaml.string(node, "schedule") {
            name = n
        } else {
            return nil
        }
        do { return try ScheduleRecipe.make(name: name, fields: fields, steps: steps).spec } catch {
            yaml.fail(node, error.message)
            return nil
        }
    }

    // MARK: shapes (each records a problem and returns nil or nothing when the value is wrong)

    /// One number or a list of numbers.
    mutating func numbers(_ node: YAMLNode, _ field: String) -> [Double] {
        if let items = node.items { return items.compactMap { yaml.number($0, field) } }
        return yaml.number(node, field).map { [$0] } ?? []
    }

    mutating func choice(_ name: String, _ node: YAMLNode) -> OptimizerChoice? {
        do { return try OptimizerChoice.named(name) } catch { yaml.fail(node, error.message); return nil }
    }
}
