import OptimlabEngine
import Yams

/// Reads a block body (YAML) into a ``VisualBlock``, collecting every problem with its line instead of
/// stopping at the first. Scalars are read from their text (so `3e-4` is a number although YAML 1.1
/// would call it a string); ranges are checked here so rendering never meets a bad value.
public struct VisualBlockReader {
    public private(set) var problems: [(line: Int, message: String)] = []

    public init() {}

    static let plotKinds = ["schedule", "trajectory", "experiment"]
    static let commonFields = ["id", "expect"]
    static let scheduleBlockFields = ["kind", "title", "schedules", "steps", "mark", "log_y"] + commonFields
    static let trajectoryBlockFields = ["kind", "title", "optimizers", "steps", "lr", "target_loss"] + commonFields
    static let experimentBlockFields = ["kind", "title", "runs", "preset", "steps", "log_y"] + commonFields
    static let runFields = ["id", "optimizer", "label", "lr", "schedule", "switches", "clip", "beta2", "weight_decay"]

    /// Reads the block with its `id` and `expect:` claims (their lines within the body); nil when there
    /// were problems (see ``problems``).
    public mutating func read(kind: String, yaml: String) -> VisualBlock? {
        guard let request = readRequest(kind: kind, yaml: yaml), let root = try? Yams.compose(yaml: yaml), let map = root.mapping.map(entries) else {
            return nil
        }
        var id: String?
        if let node = map.value("id"), let text = string(node, "id") {
            if VisualNames.isName(text) { id = text } else { fail(line(node), "id '\(text)' must be lowercase letters, digits and '_', starting with a letter (prose reads it as {{ \(text).… }})") }
        }
        var expectations: [Expectation] = []
        if let node = map.value("expect") {
            for item in node.sequence.map(Array.init) ?? [node] {
                guard let text = string(item, "expect") else { continue }
                do { expectations.append(try Expectation.parse(text, line: line(item))) } catch { fail(line(item), "expect \"\(text)\": \(error.message)") }
            }
        }
        return problems.isEmpty ? VisualBlock(kind: kind, id: id, request: request, expectations: expectations) : nil
    }

    /// Reads what the block asks for; nil when there were problems.
    mutating func readRequest(kind: String, yaml: String) -> VisualRequest? {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { fail(1, "the block is empty"); return nil }
            root = node
        } catch {
            fail(Self.line(of: error), "not valid YAML: \(Self.problem(of: error))")
            return nil
        }
        guard let map = mapping(root, "the block") else { return nil }
        let blockKind: String
        switch kind {
        case "plot":
            guard let k = map.first(where: { $0.key == "kind" }) else {
                fail(line(root), "missing field kind (one of \(Self.plotKinds.joined(separator: ", ")))")
                return nil
            }
            guard let name = string(k.value, "kind"), Self.plotKinds.contains(name) else {
                if problems.isEmpty { fail(line(k.value), "unknown plot kind \"\(k.value.scalar?.string ?? "")\" (expected one of \(Self.plotKinds.joined(separator: ", ")))") }
                return nil
            }
            blockKind = name
        case "experiment":
            if let k = map.first(where: { $0.key == "kind" }), string(k.value, "kind") != "experiment" {
                fail(line(k.value), "an experiment block's kind can only be experiment")
            }
            blockKind = "experiment"
        default:
            fail(1, "unknown block type \"\(kind)\" (expected plot or experiment)")
            return nil
        }
        let result: VisualRequest?
        switch blockKind {
        case "schedule": result = readSchedule(map, root: root)
        case "trajectory": result = readTrajectory(map)
        default: result = readExperiment(map, root: root)
        }
        return problems.isEmpty ? result : nil
    }

    // MARK: kinds

    mutating func readSchedule(_ map: [Entry], root: Node) -> VisualRequest? {
        check(map, allowed: Self.scheduleBlockFields, in: "a schedule plot")
        let steps = map.value("steps").flatMap { integer($0, "steps", 2...100_000_000) }
        var parsed: [(name: String, fields: [String: [Double]], line: Int)] = []
        if let list = map.value("schedules") {
            for item in sequence(list, "schedules") {
                guard let fields = mapping(item, "a schedule") else { continue }
                let allowed = ["name"] + ScheduleRecipe.fieldNames + ScheduleRecipe.aliases.keys.sorted()
                check(fields, allowed: allowed, in: "a schedule")
                guard let nameNode = fields.value("name") else { fail(line(item), "a schedule needs a name"); continue }
                guard let name = string(nameNode, "name") else { continue }
                var numbers: [String: [Double]] = [:]
                for e in fields where e.key != "name" && allowed.contains(e.key) {
                    let field = ScheduleRecipe.canonicalField(e.key) ?? e.key
                    if let list = e.value.sequence {
                        numbers[field] = list.compactMap { number($0, e.key) }
                    } else if let v = number(e.value, e.key) {
                        numbers[field] = [v]
                    }
                }
                parsed.append((name, numbers, line(item)))
            }
        } else {
            fail(line(root), "missing field schedules (a list of {name, peak, warmup_steps, …})")
        }
        let n = steps ?? Self.defaultSteps(parsed.map(\.fields))
        var recipes: [ScheduleRecipe] = []
        for p in parsed {
            do { recipes.append(try ScheduleRecipe.make(name: p.name, fields: p.fields, steps: n)) } catch { fail(p.line, error.message) }
        }
        var marks: [Int] = []
        if let m = map.value("mark") {
            marks = sequence(m, "mark").compactMap { integer($0, "mark", 0...(n - 1)) }
        }
        var request = ScheduleRequest(recipes: recipes, steps: n, marks: marks)
        if let node = map.value("title"), let title = string(node, "title") { request.title = title }
        request.logY = map.value("log_y").flatMap { boolean($0, "log_y") } ?? false
        return .schedule(request)
    }

    mutating func readTrajectory(_ map: [Entry]) -> VisualRequest? {
        check(map, allowed: Self.trajectoryBlockFields, in: "a trajectory plot")
        var request = TrajectoryRequest()
        if let node = map.value("optimizers") {
            let names = node.sequence.map { Array($0) } ?? [node]
            request.optimizers = names.compactMap { n in
                string(n, "optimizers").flatMap { text in
                    text.split(separator: ",").compactMap { choice(String($0).trimmingCharacters(in: .whitespaces), n) }
                }
            }.flatMap { $0 }
        }
        if let node = map.value("steps") { request.steps = integer(node, "steps", 1...100_000) ?? request.steps }
        if let node = map.value("title") { request.title = string(node, "title") }
        if let node = map.value("target_loss") { request.targetLoss = positive(node, "target_loss") ?? request.targetLoss }
        if let node = map.value("lr"), let lrs = mapping(node, "lr") {
            for e in lrs {
                if let c = choice(e.key, e.keyNode), let v = positive(e.value, "lr.\(e.key)") { request.lrs[c] = v }
            }
        }
        return .trajectory(request)
    }

    mutating func readExperiment(_ map: [Entry], root: Node) -> VisualRequest? {
        check(map, allowed: Self.experimentBlockFields, in: "an experiment")
        let steps = map.value("steps").flatMap { integer($0, "steps", 1...5000) } ?? 200
        var request = ExperimentRequest(entries: [], steps: steps)
        if let node = map.value("preset"), let name = string(node, "preset") {
            do { request = try ExperimentRequest.preset(named: name, steps: steps) } catch { fail(line(node), error.message) }
        }
        if let node = map.value("runs") {
            for item in sequence(node, "runs") {
                if let entry = readRun(item, steps: steps) { request.entries.append(entry) }
            }
        } else if map.value("preset") == nil {
            fail(line(root), "missing field runs (a list of {optimizer, lr, schedule, switches})")
        }
        if let node = map.value("title"), let title = string(node, "title") { request.title = title }
        request.logY = map.value("log_y").flatMap { boolean($0, "log_y") } ?? false
        if problems.isEmpty {
            do { _ = try request.runs() } catch { fail(line(map.value("runs") ?? root), error.message) }
        }
        return .experiment(request)
    }

    mutating func readRun(_ item: Node, steps: Int) -> ExperimentEntry? {
        guard let run = mapping(item, "a run") else { return nil }
        check(run, allowed: Self.runFields, in: "a run")
        guard let optNode = run.value("optimizer") else { fail(line(item), "a run needs an optimizer (\(OptimizerChoice.names))"); return nil }
        guard let name = string(optNode, "optimizer"), let c = choice(name, optNode) else { return nil }
        let lr = run.value("lr").flatMap { positive($0, "lr") } ?? Experiment.defaultLR(for: c)
        let beta2 = run.value("beta2").flatMap { number($0, "beta2") }
        if let b = beta2, !(b >= 0 && b < 1) { fail(line(item), "beta2 must be in [0, 1), got \(b)") }
        let decay = run.value("weight_decay").flatMap { number($0, "weight_decay") }
        var setup = RunSetup(label: run.value("label").flatMap { string($0, "label") } ?? c.rawValue,
                             optimizer: c.spec(lr: lr, beta2: beta2, weightDecay: decay))
        if let node = run.value("clip") { setup.clipNorm = positive(node, "clip") }
        if let node = run.value("schedule") {
            setup.schedule = schedule(node, steps: steps)
            if run.value("label") == nil, let s = setup.schedule, s != .constant { setup.label += " \(s.name)" }
        }
        var runName: String?
        if let node = run.value("id"), let text = string(node, "id") {
            if VisualNames.isName(text) { runName = text } else { fail(line(node), "a run's id '\(text)' must be lowercase letters, digits and '_', starting with a letter") }
        }
        var switches: [BreakSwitch] = []
        if let node = run.value("switches") {
            for s in sequence(node, "switches") {
                guard let text = string(s, "switches") else { continue }
                do { switches.append(try BreakSwitch.named(text)) } catch { fail(line(s), error.message) }
            }
        }
        return ExperimentEntry(setup: setup, switches: switches, name: runName)
    }

    /// A run's schedule: a name, or a map with `name` and recipe fields (the peak is the run's lr).
    mutating func schedule(_ node: Node, steps: Int) -> ScheduleSpec? {
        var fields: [String: [Double]] = [:]
        let name: String
        if let map = node.mapping.map({ entries($0) }) {
            check(map, allowed: ["name"] + ScheduleRecipe.fieldNames.filter { $0 != "peak" } + ["warmup", "total", "min"], in: "a schedule")
            guard let n = map.value("name").flatMap({ string($0, "name") }) else { fail(line(node), "a schedule needs a name"); return nil }
            name = n
            for e in map where e.key != "name" {
                guard let field = ScheduleRecipe.canonicalField(e.key) else { continue }
                fields[field] = e.value.sequence.map { $0.compactMap { number($0, e.key) } } ?? number(e.value, e.key).map { [$0] }
            }
        } else if let n = string(node, "schedule") {
            name = n
        } else {
            return nil
        }
        do { return try ScheduleRecipe.make(name: name, fields: fields, steps: steps).spec } catch {
            fail(line(node), error.message)
            return nil
        }
    }

    static func defaultSteps(_ fields: [[String: [Double]]]) -> Int {
        let totals = fields.compactMap { $0["total_steps"]?.first }.filter { $0.isFinite && $0 >= 2 && $0 <= 1e8 }
        return totals.max().map { Int($0) } ?? 1000
    }

    // MARK: typed reads (each records a problem and returns nil when the value is wrong)

    struct Entry {
        var key: String
        var keyNode: Node
        var value: Node
    }

    mutating func fail(_ line: Int, _ message: String) { problems.append((line, message)) }

    func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    func entries(_ m: Node.Mapping) -> [Entry] {
        m.map { Entry(key: $0.key.scalar?.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    mutating func mapping(_ node: Node, _ what: String) -> [Entry]? {
        guard let m = node.mapping else { fail(line(node), "\(what) must be a map of fields"); return nil }
        return entries(m)
    }

    mutating func sequence(_ node: Node, _ field: String) -> [Node] {
        guard let s = node.sequence else { fail(line(node), "\(field) must be a list"); return [] }
        return Array(s)
    }

    mutating func check(_ map: [Entry], allowed: [String], in what: String) {
        for e in map where !allowed.contains(e.key) {
            fail(line(e.keyNode), "unknown field \(e.key) in \(what) (expected \(allowed.joined(separator: ", ")))")
        }
    }

    mutating func string(_ node: Node, _ field: String) -> String? {
        guard let s = node.scalar?.string else { fail(line(node), "\(field) must be a single value"); return nil }
        return s
    }

    mutating func number(_ node: Node, _ field: String) -> Double? {
        guard let text = string(node, field) else { return nil }
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            fail(line(node), "\(field) must be a number, got \"\(text)\"")
            return nil
        }
        return v
    }

    mutating func positive(_ node: Node, _ field: String) -> Double? {
        guard let v = number(node, field) else { return nil }
        guard v > 0 else { fail(line(node), "\(field) must be positive, got \(v)"); return nil }
        return v
    }

    mutating func integer(_ node: Node, _ field: String, _ range: ClosedRange<Int>) -> Int? {
        guard let v = number(node, field) else { return nil }
        guard v == v.rounded(), abs(v) < 1e12, range.contains(Int(v)) else {
            fail(line(node), "\(field) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(v)")
            return nil
        }
        return Int(v)
    }

    mutating func boolean(_ node: Node, _ field: String) -> Bool? {
        guard let text = string(node, field) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: fail(line(node), "\(field) must be true or false, got \"\(text)\""); return nil
        }
    }

    mutating func choice(_ name: String, _ node: Node) -> OptimizerChoice? {
        do { return try OptimizerChoice.named(name) } catch { fail(line(node), error.message); return nil }
    }

    // MARK: YAML syntax errors

    static func line(of error: Error) -> Int {
        switch error {
        case YamlError.scanner(_, _, let mark, _), YamlError.parser(_, _, let mark, _), YamlError.composer(_, _, let mark, _):
            return mark.line
        case YamlError.duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return 1
        }
    }

    static func problem(of error: Error) -> String {
        switch error {
        case YamlError.scanner(_, let problem, _, _), YamlError.parser(_, let problem, _, _), YamlError.composer(_, let problem, _, _):
            return problem
        case YamlError.duplicatedKeysInMapping(let duplicates, _): return "duplicate field \(duplicates.joined(separator: ", "))"
        default: return String(describing: error)
        }
    }
}

extension [VisualBlockReader.Entry] {
    func value(_ key: String) -> Node? { first { $0.key == key }?.value }
}
