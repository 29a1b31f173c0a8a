import OptimlabYAML

/// A function lessons and the calculator can call.
public struct FunctionDefinition: Sendable {
    public enum Category: String, Sendable, CaseIterable {
        case math = "Math", optimizers = "Optimizer runs", analysis = "Analysis", schedules = "Schedules"
        case clipping = "Clipping", conventions = "Conventions", tables = "Tables (for example blocks)"
    }

    public var name: String
    public var category: Category
    public var parameters: [Parameter]
    /// Takes any number of positional arguments (`min`, `max`).
    public var variadic: Bool
    public var summary: String
    let body: @Sendable (Arguments) throws(ExpressionError) -> Value

    init(_ name: String, _ category: Category, _ parameters: [Parameter], variadic: Bool = false,
         _ summary: String, body: @escaping @Sendable (Arguments) throws(ExpressionError) -> Value) {
        self.name = name; self.category = category; self.parameters = parameters
        self.variadic = variadic; self.summary = summary; self.body = body
    }

    /// `adam_update(grads, t=len(grads), lr=1e-3, …)`.
    public var signature: String {
        let params = variadic ? ["a", "b", "…"] : parameters.map { p in p.defaultText.map { "\(p.name)=\($0)" } ?? p.name }
        return "\(name)(\(params.joined(separator: ", ")))"
    }

    public var returnsTable: Bool { category == .tables }

    /// Matches call arguments to parameters: positional in order, then named (by name or alias).
    func bind(_ arguments: [(label: String?, value: Value, column: Int)], column: Int) throws(ExpressionError) -> Arguments {
        var values: [String: Value] = [:]
        var columns: [String: Int] = [:]
        if variadic {
            for a in arguments where a.label != nil {
                throw ExpressionError("\(name) takes no named arguments", column: a.column)
            }
            var items = arguments.map(\.value)
            if items.count == 1, case .list(let inner) = items[0] { items = inner }
            values[parameters[0].name] = .list(items)
            return Arguments(function: name, values: values, columns: columns, column: column)
        }
        var position = 0
        for a in arguments {
            let parameter: Parameter
            if let label = a.label {
                guard let p = parameters.first(where: { $0.name == label || $0.aliases.contains(label) }) else {
                    throw ExpressionError("\(name) has no argument '\(label)' (it takes \(parameters.map(\.name).joined(separator: ", ")))",
                                          column: a.column, suggestion: Suggestions.closest(to: label, in: parameters.map(\.name)))
                }
                parameter = p
            } else {
                guard position < parameters.count else {
                    throw ExpressionError("\(name) takes at most \(parameters.count) arguments", column: a.column)
                }
                parameter = parameters[position]
                position += 1
            }
            guard values[parameter.name] == nil else {
                throw ExpressionError("\(name): '\(parameter.name)' is given twice", column: a.column)
            }
            values[parameter.name] = a.value
            columns[parameter.name] = a.column
        }
        for p in parameters where p.isRequired && values[p.name] == nil {
            throw ExpressionError("\(name) needs '\(p.name)': \(signature)", column: column)
        }
        return Arguments(function: name, values: values, columns: columns, column: column)
    }

    /// Checks a call's shape without evaluating it (for `optimlab check`).
    func validate(_ arguments: [Expression.Argument], column: Int) -> ExpressionError? {
        do {
            _ = try bind(arguments.map { (label: $0.label, value: Value.number(0), column: $0.column) }, column: column)
            return nil
        } catch {
            return error
        }
    }
}
