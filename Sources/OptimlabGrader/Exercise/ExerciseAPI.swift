import OptimlabEngine

/// The Swift a student writes, as an exercise declares it: a type (struct or final class) with an
/// `init` whose labels map to hyperparameters and a step over one flat vector or named tensors, or a
/// free function whose arguments map to hyperparameters. The grader generates the glue that adapts
/// the declaration to the harness (``glue(for:)``), so a new exercise needs no Swift in the tool.
public struct ExerciseAPI: Sendable, Equatable {
    public enum Form: String, Sendable, Equatable {
        /// `mutating func step(params: inout [Double], grads: [Double])`
        case flat
        /// `mutating func step(params: inout [String: [Double]], grads: [String: [Double]])`
        case named
        /// a free function: `func NAME(label: T, …) -> Double`
        case function
    }

    /// One `init` or function argument: its label (`_` for none) and what it is given.
    public struct Argument: Sendable, Equatable {
        public var label: String
        /// A hyperparameter name (`lr`, `weight_decay`, `max_norm`, `warmup_steps`, …); for a named-tensor
        /// type `shapes` (every tensor's shape, `[String: [Int]]`, what an optimizer that factors or
        /// normalises a matrix needs); for a function `step` (the update's index s) or `grads` (the
        /// gradients, `inout [[Double]]`).
        public var source: String
        public init(label: String, source: String) { self.label = label; self.source = source }
    }

    /// The type or function name.
    public var symbol: String
    public var form: Form
    public var arguments: [Argument]
    /// Whether the type has `var lr: Double` that the harness sets before a step (schedule cases).
    public var settableLR: Bool

    public init(symbol: String, form: Form, arguments: [Argument], settableLR: Bool = false) {
        self.symbol = symbol; self.form = form; self.arguments = arguments; self.settableLR = settableLR
    }

    /// The hyperparameters the student's code receives.
    public var hyperparameters: [String] { arguments.map(\.source).filter { !Self.specialSources.contains($0) } }

    static let specialSources: Set<String> = ["step", "grads", "shapes"]
    static let integerSources: Set<String> = ["warmup_steps", "total_steps", "step_size", "base_batch", "new_batch"]
    static let listSources: Set<String> = ["milestones"]

    /// The Swift type an argument fed from `source` has.
    static func swiftType(_ source: String) -> String {
        if source == "grads" { return "inout [[Double]]" }
        if source == "shapes" { return "[String: [Int]]" }
        if source == "step" || integerSources.contains(source) { return "Int" }
        if listSources.contains(source) { return "[Int]" }
        return OptimizerField(rawValue: source)?.isBoolean == true ? "Bool" : "Double"
    }

    /// The expression the glue passes for `source` (`h` is the harness's ``Hyperparameters``).
    static func expression(_ source: String) -> String {
        switch source {
        case "step": return "s"
        case "grads": return "&g"
        case "shapes": return "h.shapes"
        default:
            let kind = swiftType(source)
            let reader = kind == "Int" ? "integer" : kind == "[Int]" ? "integers" : kind == "Bool" ? "flag" : "number"
            return "h.\(reader)(\"\(source)\")"
        }
    }

    var callArguments: String {
        arguments.map { ($0.label == "_" ? "" : "\($0.label): ") + Self.expression($0.source) }.joined(separator: ", ")
    }

    /// The declarations shown to the student.
    public var declarations: String {
        let parameters = arguments.map { "\($0.label == "_" ? "_ \($0.source)" : $0.label): \(Self.swiftType($0.source))" }
            .joined(separator: ", ")
        switch form {
        case .function:
            return "func \(symbol)(\(parameters)) -> Double\n"
        case .flat, .named:
            let tensor = form == .flat ? "[Double]" : "[String: [Double]]"
            var lines = ["// a type named \(symbol) (struct or final class):", "init(\(parameters))"]
            if settableLR { lines.append("var lr: Double                // the harness may set it before a step") }
            lines.append("mutating func step(params: inout \(tensor), grads: \(tensor))   // a class may omit `mutating`")
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// The generated file that hooks the student's declaration to the harness's driver for `output`.
    public func glue(for output: ExerciseReference.Output) -> String {
        let m = HarnessSource.moduleName
        var lines = ["import \(m)", ""]
        let run: String
        switch form {
        case .function:
            if output == .clippedGradients {
                run = "\(m).runClipping { g, h in \(symbol)(\(callArguments)) }"
            } else {
                run = "\(m).runLearningRates { s, h in \(symbol)(\(callArguments)) }"
            }
        case .flat, .named:
            let tensor = form == .flat ? "[Double]" : "[String: [Double]]"
            lines += [
                "struct OptimlabAdapter: \(m).\(form == .flat ? "FlatStepAdapter" : "NamedStepAdapter") {",
                "    var student: \(symbol)",
                "    init(_ h: \(m).Hyperparameters) { student = \(symbol)(\(callArguments)) }",
                "    mutating func setLR(_ lr: Double) { \(settableLR ? "student.lr = lr" : "") }",
                "    mutating func step(params: inout \(tensor), grads: \(tensor)) { student.step(params: &params, grads: grads) }",
                "}", "",
            ]
            run = "\(m).\(form == .flat ? "runFlatSteps" : "runNamedSteps")(OptimlabAdapter.self)"
        }
        lines.append("@main enum OptimlabGradedMain { static func main() { \(run) } }")
        return lines.joined(separator: "\n") + "\n"
    }
}
