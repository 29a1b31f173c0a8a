import OptimlabYAML

/// Checks an expression without evaluating it: every function exists and is called with arguments it
/// takes, and every name is one of `names` (the `given` of a question) or a constant.
public enum ExpressionValidator {
    public static func problems(in expression: Expression, names: Set<String>) -> [ExpressionError] {
        var out: [ExpressionError] = []
        for call in expression.calls {
            guard let f = FunctionCatalogue.named(call.name) else {
                out.append(ExpressionError("unknown function '\(call.name)'", column: call.column,
                                           suggestion: Suggestions.closest(to: call.name, in: FunctionCatalogue.names)))
                continue
            }
            if let e = f.validate(call.arguments, column: call.column) { out.append(e) }
        }
        // Dotted names (`block.run.loss`) are a visual block's results: known once the lesson is computed,
        // so ``LessonValidator`` checks them by evaluating.
        for (name, column) in expression.names where !names.contains(name) && FunctionCatalogue.constants[name] == nil && !name.contains(".") {
            out.append(ExpressionError("unknown name '\(name)'", column: column,
                                       suggestion: Suggestions.closest(to: name, in: Array(names) + FunctionCatalogue.constants.keys)))
        }
        return out
    }

    /// Parses and checks `text`; a parse error is the only problem when there is one.
    public static func problems(in text: String, names: Set<String>) -> [ExpressionError] {
        do { return problems(in: try ExpressionParser.parse(text), names: names) } catch { return [error] }
    }
}
