/// Reading and writing the trace-format extensions `shapes` and `param_groups`.
extension Trace {
    /// Reads `shapes`: an object from tensor names of `params` to arrays of positive whole numbers
    /// whose product is the tensor's length.
    static func decodeShapes(_ v: JSONValue, params: NamedTensors) throws(TraceFormatError) -> TensorShapes {
        if case .null = v { return TensorShapes() }
        guard case .object(let members) = v else {
            throw TraceFormatError(field: "shapes", message: "expected an object of tensor shapes, found \(v.typeName)")
        }
        var out: [String: [Int]] = [:]
        for m in members {
            let field = "shapes.\(m.key)"
            guard let tensor = params[m.key] else {
                throw TraceFormatError(field: field, message: "no tensor named \"\(m.key)\" in initial_params (expected \(params.names.joined(separator: ", ")))")
            }
            guard case .array(let items) = m.value, !items.isEmpty else {
                throw TraceFormatError(field: field, message: "expected a non-empty array of dimension sizes, found \(m.value.typeName)")
            }
            var dims: [Int] = []
            for (k, item) in items.enumerated() {
                let d = try integer(item, "\(field)[\(k)]")
                guard d > 0 else { throw TraceFormatError(field: "\(field)[\(k)]", message: "a dimension must be positive") }
                dims.append(d)
            }
            let product = dims.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
            guard product == tensor.count else {
                throw TraceFormatError(field: field, message: "shape \(dims) holds \(product) values, but initial_params.\(m.key) has \(tensor.count)")
            }
            out[m.key] = dims
        }
        return TensorShapes(out)
    }

    /// Reads `param_groups`: a non-empty array of objects, each with `tensors` (names of `params`) and
    /// any fields of `optimizer` to override. Every tensor must be in exactly one group.
    static func decodeParamGroups(_ v: JSONValue, optimizer: JSONValue, params: NamedTensors,
                                  convention: Convention) throws(TraceFormatError) -> [ParamGroup]? {
        if case .null = v { return nil }
        guard case .array(let items) = v, !items.isEmpty else {
            throw TraceFormatError(field: "param_groups", message: "expected a non-empty array of groups, found \(v.typeName)")
        }
        guard case .object(let base) = optimizer, case .string(let name)? = optimizer["name"],
              let kind = OptimizerKind(rawValue: name) else {
            throw TraceFormatError(field: "optimizer", message: "param_groups need a valid optimizer")
        }
        var owner: [String: Int] = [:]
        var groups: [ParamGroup] = []
        for (k, item) in items.enumerated() {
            let path = "param_groups[\(k)]"
            guard case .object(let members) = item else {
                throw TraceFormatError(field: path, message: "expected an object, found \(item.typeName)")
            }
            guard case .array(let names)? = item["tensors"] else {
                throw TraceFormatError(field: "\(path).tensors", message: "missing (an array of tensor names)")
            }
            var tensors: [String] = []
            for (j, n) in names.enumerated() {
                let field = "\(path).tensors[\(j)]"
                guard case .string(let name) = n else {
                    throw TraceFormatError(field: field, message: "expected a tensor name, found \(n.typeName)")
                }
                guard params[name] != nil else {
                    throw TraceFormatError(field: field, message: "no tensor named \"\(name)\" in initial_params (expected \(params.names.joined(separator: ", ")))")
                }
                if let other = owner[name] {
                    throw TraceFormatError(field: field, message: "\"\(name)\" is already in param_groups[\(other)] (a tensor belongs to exactly one group)")
                }
                owner[name] = k
                tensors.append(name)
            }
            let overrides = members.filter { $0.key != "tensors" }
            for m in overrides where !kind.fields.contains(where: { $0.rawValue == m.key }) {
                let why = m.key == "name" ? "a group cannot change the optimizer's kind" : "unknown field for \(kind) (expected tensors, \(kind.fieldNames))"
                throw TraceFormatError(field: "\(path).\(m.key)", message: why)
            }
            var merged = base.filter { b in !overrides.contains { $0.key == b.key } }
            merged += overrides
            let spec: OptimizerSpec
            do { spec = try decodeOptimizer(.object(merged), convention: convention) } catch {
                var e = error
                if e.field.hasPrefix("optimizer."), overrides.contains(where: { "optimizer.\($0.key)" == e.field }) {
                    e.field = "\(path)." + e.field.dropFirst("optimizer.".count)
                }
                throw e
            }
            groups.append(ParamGroup(tensors: tensors, overrides: .object(overrides), optimizer: spec))
        }
        if let missing = params.names.first(where: { owner[$0] == nil }) {
            throw TraceFormatError(field: "param_groups", message: "tensor \"\(missing)\" is in no group (every tensor belongs to exactly one)")
        }
        return groups
    }

    /// `shapes` as JSON, in the tensors' order.
    var shapesJSON: JSONValue {
        .object(initialParams.names.compactMap { n in shapes.byName[n].map { (n, .array($0.map { .number(Double($0)) })) } })
    }

    /// `param_groups` as JSON, each group's overrides as written.
    var paramGroupsJSON: JSONValue? {
        paramGroups.map { groups in
            .array(groups.map { g in
                var members: [(key: String, value: JSONValue)] = [("tensors", .array(g.tensors.map(JSONValue.string)))]
                if case .object(let o) = g.overrides { members += o }
                return .object(members)
            })
        }
    }
}
