/// Why a trace could not be read: the field (a path such as `steps[3].grads.w`) and what is wrong.
public struct TraceFormatError: Error, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String
    public init(field: String, message: String) { self.field = field; self.message = message }
    public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}

extension Trace {
    /// The fields a trace may have at its top level.
    public static let topLevelFields = ["format", "optimizer", "schedule", "clip_norm", "dtype", "reference",
                                        "description", "initial_params", "shapes", "param_groups", "steps"]

    /// Reads a trace from JSON text. Every problem names its field or step: bad JSON (with line and
    /// column), unknown optimizer, schedule or field, tensors whose names or lengths differ from
    /// `initial_params`, non-finite numbers.
    public init(json text: String, convention: Convention = .pytorch) throws(TraceFormatError) {
        let root: JSONValue
        do { root = try JSONValue.parse(text) } catch {
            throw TraceFormatError(field: "", message: "invalid JSON at \(error)")
        }
        try self.init(json: root, convention: convention)
    }

    public init(json root: JSONValue, convention: Convention = .pytorch) throws(TraceFormatError) {
        guard case .object(let members) = root else {
            throw TraceFormatError(field: "", message: "a trace must be a JSON object, found \(root.typeName)")
        }
        for m in members where !Self.topLevelFields.contains(m.key) {
            throw TraceFormatError(field: m.key, message: "unknown field (expected one of \(Self.topLevelFields.joined(separator: ", ")))")
        }
        if let format = root["format"] {
            guard case .string(let f) = format, f == Self.formatName else {
                throw TraceFormatError(field: "format", message: "expected \"\(Self.formatName)\"")
            }
        }
        guard let opt = root["optimizer"] else { throw TraceFormatError(field: "optimizer", message: "missing") }
        optimizer = try Self.decodeOptimizer(opt, convention: convention)
        schedule = try root["schedule"].flatMap { v throws(TraceFormatError) in try Self.decodeSchedule(v) }
        clipNorm = try root["clip_norm"].flatMap { v throws(TraceFormatError) -> Double? in
            if case .null = v { return nil }
            let x = try Self.number(v, "clip_norm")
            guard x > 0 else { throw TraceFormatError(field: "clip_norm", message: "must be positive, got \(x)") }
            return x
        }
        dtype = .float64
        if let d = root["dtype"] {
            guard case .string(let s) = d, let t = TraceDType(rawValue: s) else {
                throw TraceFormatError(field: "dtype", message: "expected \"float64\" or \"float32\"")
            }
            dtype = t
        }
        if dtype == .float32, optimizer.adamStep(variant: .correct) == nil {
            throw TraceFormatError(field: "dtype", message: "float32 is supported for adam and adamw only, not \(optimizer.name)")
        }
        reference = root["reference"]
        guard let ip = root["initial_params"] else { throw TraceFormatError(field: "initial_params", message: "missing") }
        let params = try Self.tensors(ip, "initial_params", like: nil)
        guard !params.isEmpty else { throw TraceFormatError(field: "initial_params", message: "needs at least one tensor") }
        initialParams = params
        var layout = TensorShapes()
        if let v = root["shapes"] { layout = try Self.decodeShapes(v, params: params) }
        shapes = layout
        var groups: [ParamGroup]? = nil
        if let v = root["param_groups"] { groups = try Self.decodeParamGroups(v, optimizer: opt, params: params, convention: convention) }
        paramGroups = groups
        if dtype == .float32, groups != nil {
            throw TraceFormatError(field: "dtype", message: "float32 runs one group; param_groups need float64")
        }
        if optimizer.requiresMatrices {
            for (name, values) in zip(params.names, params.values) where layout.shape(of: name, count: values.count).count != 2 {
                throw TraceFormatError(field: "shapes.\(name)", message: "\(optimizer.name) updates 2-D tensors only (as torch.optim.Muon), but \(name) has shape \(layout.shape(of: name, count: values.count))")
            }
        }
        guard let st = root["steps"] else { throw TraceFormatError(field: "steps", message: "missing") }
        guard case .array(let items) = st else {
            throw TraceFormatError(field: "steps", message: "expected an array, found \(st.typeName)")
        }
        steps = []
        for (k, item) in items.enumerated() {
            steps.append(try Self.decodeStep(item, path: "steps[\(k)]", like: initialParams))
        }
    }

    static func number(_ v: JSONValue, _ field: String) throws(TraceFormatError) -> Double {
        guard case .number(let x) = v else {
            throw TraceFormatError(field: field, message: "expected a number, found \(v.typeName)")
        }
        return x
    }

    static func integer(_ v: JSONValue, _ field: String) throws(TraceFormatError) -> Int {
        let x = try number(v, field)
        guard x == x.rounded(), abs(x) < 1e12 else {
            throw TraceFormatError(field: field, message: "expected a whole number, got \(x)")
        }
        guard x >= 0 else { throw TraceFormatError(field: field, message: "must not be negative, got \(Int(x))") }
        return Int(x)
    }

    static func decodeOptimizer(_ v: JSONValue, convention: Convention) throws(TraceFormatError) -> OptimizerSpec {
        guard case .object(let members) = v else {
            throw TraceFormatError(field: "optimizer", message: "expected an object, found \(v.typeName)")
        }
        guard case .string(let name)? = v["name"] else {
            throw TraceFormatError(field: "optimizer.name", message: "missing (one of \(OptimizerKind.names))")
        }
        guard let kind = OptimizerKind(rawValue: name) else {
            throw TraceFormatError(field: "optimizer.name", message: "unknown optimizer \"\(name)\" (expected one of \(OptimizerKind.names))")
        }
        var fields: [OptimizerField: Double] = [:]
        var structured: [(field: OptimizerField, value: JSONValue)] = []
        for m in members where m.key != "name" {
            let path = "optimizer.\(m.key)"
            guard let field = OptimizerField(rawValue: m.key), kind.fields.contains(field) else {
                throw TraceFormatError(field: path, message: "unknown field for \(kind) (expected \(kind.fieldNames))")
            }
            if field.isStructured {
                structured.append((field, m.value))
            } else if field.isBoolean {
                guard case .bool(let b) = m.value else {
                    throw TraceFormatError(field: path, message: "expected true or false, found \(m.value.typeName)")
                }
                fields[field] = b ? 1 : 0
            } else {
                let x = try number(m.value, path)
                if let problem = OptimizerSpec.rangeProblem(kind: kind, field: field, value: x) {
                    throw TraceFormatError(field: path, message: problem)
                }
                fields[field] = x
            }
        }
        var spec = OptimizerSpec.make(kind: kind, fields: fields, convention: convention)
        for m in structured {
            switch spec.settingStructured(m.field, m.value) {
            case .success(let s): spec = s
            case .failure(let e): throw e
            }
        }
        if case .sgd(let s) = spec, s.nesterov, s.momentum <= 0 || s.dampening != 0 {
            throw TraceFormatError(field: "optimizer.nesterov", message: "Nesterov momentum requires momentum > 0 and dampening = 0")
        }
        return spec
    }

    static func decodeSchedule(_ v: JSONValue) throws(TraceFormatError) -> ScheduleSpec? {
        if case .null = v { return nil }
        guard case .object(let members) = v else {
            throw TraceFormatError(field: "schedule", message: "expected an object, found \(v.typeName)")
        }
        guard case .string(let name)? = v["name"] else {
            throw TraceFormatError(field: "schedule.name", message: "missing (one of \(ScheduleSpec.names.joined(separator: ", ")))")
        }
        guard let allowed = ScheduleSpec.fields(of: name) else {
            throw TraceFormatError(field: "schedule.name", message: "unknown schedule \"\(name)\" (expected one of \(ScheduleSpec.names.joined(separator: ", ")))")
        }
        for m in members where m.key != "name" && !allowed.contains(m.key) {
            throw TraceFormatError(field: "schedule.\(m.key)", message: "unknown field for \(name) (expected \(allowed.joined(separator: ", ")))")
        }
        func int(_ f: String) throws(TraceFormatError) -> Int {
            guard let x = v[f] else { throw TraceFormatError(field: "schedule.\(f)", message: "missing") }
            return try integer(x, "schedule.\(f)")
        }
        func num(_ f: String, default d: Double) throws(TraceFormatError) -> Double {
            guard let x = v[f] else { return d }
            let n = try number(x, "schedule.\(f)")
            guard n >= 0 else { throw TraceFormatError(field: "schedule.\(f)", message: "must not be negative, got \(n)") }
            return n
        }
        switch name {
        case "constant": return .constant
        case "step":
            let size = try int("step_size")
            guard size > 0 else { throw TraceFormatError(field: "schedule.step_size", message: "must be positive") }
            return .step(stepSize: size, gamma: try num("gamma", default: 0.1))
        case "multistep":
            guard case .array(let ms)? = v["milestones"] else {
                throw TraceFormatError(field: "schedule.milestones", message: "expected an array of step numbers")
            }
            var milestones: [Int] = []
            for (k, m) in ms.enumerated() { milestones.append(try integer(m, "schedule.milestones[\(k)]")) }
            return .multistep(milestones: milestones.sorted(), gamma: try num("gamma", default: 0.1))
        case "cosine":
            return .cosine(totalSteps: try int("total_steps"), minLR: try num("min_lr", default: 0))
        case "warmup_cosine", "warmup_linear":
            let w = try int("warmup_steps"), t = try int("total_steps")
            guard t >= w else {
                throw TraceFormatError(field: "schedule.total_steps", message: "must be at least warmup_steps (\(w)), got \(t)")
            }
            let minLR = try num("min_lr", default: 0)
            return name == "warmup_cosine" ? .warmupCosine(warmupSteps: w, totalSteps: t, minLR: minLR)
                                           : .warmupLinear(warmupSteps: w, totalSteps: t, minLR: minLR)
        default:
            return .inverseSqrt(warmupSteps: try int("warmup_steps"))
        }
    }

    /// Reads named tensors; when `like` is given, names and lengths must match it.
    static func tensors(_ v: JSONValue, _ path: String, like reference: NamedTensors?) throws(TraceFormatError) -> NamedTensors {
        guard case .object(let members) = v else {
            throw TraceFormatError(field: path, message: "expected an object of named tensors, found \(v.typeName)")
        }
        var out = NamedTensors()
        for m in members {
            let field = "\(path).\(m.key)"
            guard case .array(let items) = m.value else {
                throw TraceFormatError(field: field, message: "expected an array of numbers, found \(m.value.typeName)")
            }
            var values: [Double] = []
            values.reserveCapacity(items.count)
            for (k, item) in items.enumerated() {
                // The element's path is built only for the error: building it for every number
                // cost ~8% of `optimlab trace`.
                guard case .number(let x) = item else {
                    throw TraceFormatError(field: "\(field)[\(k)]", message: "expected a number, found \(item.typeName)")
                }
                values.append(x)
            }
            if let reference {
                guard let expected = reference[m.key] else {
                    throw TraceFormatError(field: field, message: "no tensor named \"\(m.key)\" in initial_params (expected \(reference.names.joined(separator: ", ")))")
                }
                guard expected.count == values.count else {
                    throw TraceFormatError(field: field, message: "has \(values.count) values, but initial_params.\(m.key) has \(expected.count)")
                }
            } else if values.isEmpty {
                throw TraceFormatError(field: field, message: "a tensor needs at least one value")
            }
            out[m.key] = values
        }
        if let reference, let missing = reference.names.first(where: { out[$0] == nil }) {
            throw TraceFormatError(field: "\(path).\(missing)", message: "missing (every tensor of initial_params needs a value)")
        }
        // Keep the reference's order so flattening agrees whatever order the step lists tensors in.
        if let reference { return NamedTensors(reference.names.map { ($0, out[$0]!) }) }
        return out
    }

    static func decodeStep(_ v: JSONValue, path: String, like params: NamedTensors) throws(TraceFormatError) -> TraceStep {
        guard case .object(let members) = v else {
            throw TraceFormatError(field: path, message: "expected an object, found \(v.typeName)")
        }
        let allowed = ["grads", "grad_norm", "lr", "params"]
        for m in members where !allowed.contains(m.key) {
            throw TraceFormatError(field: "\(path).\(m.key)", message: "unknown field (expected \(allowed.joined(separator: ", ")))")
        }
        guard let g = v["grads"] else { throw TraceFormatError(field: "\(path).grads", message: "missing") }
        var step = TraceStep(grads: try tensors(g, "\(path).grads", like: params))
        step.gradNorm = try v["grad_norm"].map { x throws(TraceFormatError) in try number(x, "\(path).grad_norm") }
        step.lr = try v["lr"].map { x throws(TraceFormatError) in
            let lr = try number(x, "\(path).lr")
            guard lr >= 0 else { throw TraceFormatError(field: "\(path).lr", message: "must not be negative, got \(lr)") }
            return lr
        }
        step.params = try v["params"].map { x throws(TraceFormatError) in try tensors(x, "\(path).params", like: params) }
        return step
    }
}

extension Trace {
    /// The trace as JSON, fields in the documented order.
    public var json: JSONValue {
        var top: [(key: String, value: JSONValue)] = [("format", .string(Self.formatName))]
        if dtype == .float32 { top.append(("dtype", .string("float32"))) }
        if let reference { top.append(("reference", reference)) }
        top.append(("optimizer", .object([("name", .string(optimizer.name))] + optimizer.jsonFields)))
        if let schedule { top.append(("schedule", schedule.json)) }
        if let clipNorm { top.append(("clip_norm", .number(clipNorm))) }
        if !shapes.isEmpty { top.append(("shapes", shapesJSON)) }
        if let groups = paramGroupsJSON { top.append(("param_groups", groups)) }
        top.append(("initial_params", initialParams.json))
        top.append(("steps", .array(steps.map(\.json))))
        return .object(top)
    }
}

extension TraceStep {
    var json: JSONValue {
        var out: [(key: String, value: JSONValue)] = [("grads", grads.json)]
        if let gradNorm { out.append(("grad_norm", .number(gradNorm))) }
        if let lr { out.append(("lr", .number(lr))) }
        if let params { out.append(("params", params.json)) }
        return .object(out)
    }
}

extension NamedTensors {
    public var json: JSONValue {
        .object(zip(names, values).map { ($0, .array($1.map(JSONValue.number))) })
    }
}

extension ScheduleSpec {
    public var json: JSONValue {
        var out: [(key: String, value: JSONValue)] = [("name", .string(name))]
        switch self {
        case .constant: break
        case let .step(size, gamma): out += [("step_size", .number(Double(size))), ("gamma", .number(gamma))]
        case let .multistep(ms, gamma): out += [("milestones", .array(ms.map { .number(Double($0)) })), ("gamma", .number(gamma))]
        case let .cosine(t, m): out += [("total_steps", .number(Double(t))), ("min_lr", .number(m))]
        case let .warmupCosine(w, t, m), let .warmupLinear(w, t, m):
            out += [("warmup_steps", .number(Double(w))), ("total_steps", .number(Double(t))), ("min_lr", .number(m))]
        case let .inverseSqrt(w): out += [("warmup_steps", .number(Double(w)))]
        }
        return .object(out)
    }
}
