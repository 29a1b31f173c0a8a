import OptimlabYAML

/// One lesson: its header and its steps, in the order the REPL shows them.
public struct Lesson: Sendable, Equatable {
    public var id: String
    public var title: String
    public var minutes: Int?
    public var objectives: [String]
    public var format: Int
    /// The file it was read from.
    public var path: String
    public var steps: [LessonStep]

    public var questions: [Question] {
        steps.compactMap { if case .question(let q) = $0.content { q } else { nil } }
    }

    public var examples: [Example] {
        steps.compactMap { if case .example(let e) = $0.content { e } else { nil } }
    }

    public var visuals: [VisualBlock] {
        steps.compactMap { if case .visual(let v) = $0.content { v } else { nil } }
    }

    public func example(_ id: String) -> Example? { examples.first { $0.id == id } }

    /// The results of every visual block with an `id`, for prose holes: `{{ id.run.final_loss }}`.
    /// Blocks that cannot be computed contribute nothing (``LessonValidator`` reports them).
    public func visualResults() -> [String: Value] {
        Self.results(visuals.compactMap { v in v.id.flatMap { id in (try? v.compute()).map { (id, $0) } } })
    }

    /// `id.name` for every variable of every (id, figure).
    static func results(_ figures: [(id: String, figure: VisualFigure)]) -> [String: Value] {
        var out: [String: Value] = [:]
        for (id, figure) in figures {
            for (name, value) in figure.variables { out["\(id).\(name)"] = value }
        }
        return out
    }
    public func question(_ id: String) -> Question? { questions.first { $0.id == id } }
}

/// One step: a chunk of prose (a `##` section up to the next block), or one block.
public struct LessonStep: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case prose(Template)
        case example(Example)
        case question(Question)
        case hint(Template)
        /// A `plot` or `experiment` block, read and validated at parse time; the session computes it and
        /// the CLI's plotting layer draws it.
        case visual(VisualBlock)
    }

    public var content: Content
    /// The line in the lesson file where the step starts.
    public var line: Int
    /// The `##` section the step belongs to.
    public var section: String?
}

/// A worked example computed live: a table function and its inputs.
public struct Example: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var compute: String
    /// The inputs in the order written (a learner's `rerun` overrides some of them).
    public var inputs: [(name: String, value: Value)]
    public var show: [String]?
    public var note: Template?
    public var line: Int
    /// `title` as a template over the inputs (`"now with momentum {{ momentum }}"`).
    public var titleTemplate: Template? = nil

    /// The inputs, `overrides` replacing any of them, as expression variables.
    public func variables(overrides: [String: Value] = [:]) -> [String: Value] {
        var out = Dictionary(inputs.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        for (k, v) in overrides { out[k] = v }
        return out
    }

    public static func == (a: Example, b: Example) -> Bool {
        a.id == b.id && a.title == b.title && a.compute == b.compute && a.show == b.show && a.note == b.note
            && a.line == b.line && a.inputs.map(\.name) == b.inputs.map(\.name) && a.inputs.map(\.value) == b.inputs.map(\.value)
    }

    /// Evaluates the table function with the inputs, `overrides` replacing any of them.
    public func run(overrides: [String: Value] = [:]) throws(ExpressionError) -> Table {
        do { return try evaluate(overrides: overrides) } catch {
            // Inputs come from YAML fields, not from expression text: drop the meaningless column.
            throw ExpressionError(error.message, suggestion: error.suggestion)
        }
    }

    func evaluate(overrides: [String: Value]) throws(ExpressionError) -> Table {
        guard let function = FunctionCatalogue.named(compute) else {
            throw ExpressionError("unknown function '\(compute)'", suggestion: Suggestions.closest(to: compute, in: FunctionCatalogue.names))
        }
        var values = inputs.map { (label: Optional($0.name), value: overrides[$0.name] ?? $0.value, column: 0) }
        for (name, value) in overrides where !inputs.contains(where: { $0.name == name }) {
            values.append((name, value, 0))
        }
        let bound = try function.bind(values, column: 0)
        let result = try function.body(bound)
        guard case .table(let table) = result else { throw ExpressionError("\(compute) does not return a table") }
        guard let show else { return table }
        switch table.selecting(show) {
        case .success(let t): return t
        case .failure(let e): throw ExpressionError(e.description)
        }
    }
}
