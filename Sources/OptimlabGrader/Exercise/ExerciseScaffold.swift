import OptimlabEngine

/// The files `optimlab new-exercise NAME --reference KIND` writes. With a template (the files of an
/// existing exercise with that reference — the CLI looks in the course folder, then among the built-in
/// exercises) the new exercise is a copy under its new id, so it passes `optimlab check` at once:
/// starter compiles and fails, solution passes. Without one, an exercise.yaml declaring the reference
/// and an API with every hyperparameter, and placeholder files that `optimlab check` reports until the
/// instructor writes the solution.
public struct ExerciseScaffold: Sendable {
    public var id: String
    /// The reference as `exercise.yaml` names it: an optimizer kind, a schedule or `clip_grad_norm`.
    public var reference: String
    /// (relative path, text) of the template exercise's files, exercise.yaml among them.
    public var template: [(path: String, text: String)]?

    public init(id: String, reference: String, template: [(path: String, text: String)]? = nil) {
        self.id = id; self.reference = reference; self.template = template
    }

    /// (relative path, contents) pairs.
    public var files: [(String, String)] {
        if let template {
            return template.map { file in file.path == "exercise.yaml" ? (file.path, renamed(file.text)) : (file.path, file.text) }
        }
        let symbol = Self.symbol(for: reference)
        let placeholder = "// Implement \(symbol) here (see `api` in exercise.yaml).\n"
        return [("exercise.yaml", yaml(symbol: symbol)), ("starter/\(symbol).swift", placeholder), ("solution/\(symbol).swift", placeholder)]
    }

    /// The template's exercise.yaml under the new id, out of the built-in track's order.
    func renamed(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            if line.hasPrefix("id:") { return "id: \(id)" }
            return line.hasPrefix("order:") ? nil : String(line)
        }.joined(separator: "\n")
    }

    static func symbol(for reference: String) -> String {
        OptimizerKind(rawValue: reference) != nil ? reference.prefix(1).uppercased() + reference.dropFirst() : "Exercise"
    }

    static func camelCase(_ field: String) -> String {
        let parts = field.split(separator: "_")
        return ([String(parts.first ?? "")] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }).joined()
    }

    func yaml(symbol: String) -> String {
        let fields = OptimizerKind(rawValue: reference)?.fields.map(\.rawValue) ?? ["lr"]
        let labels = fields.map { "\(Self.camelCase($0)): \($0)" }.joined(separator: ", ")
        return """
            id: \(id)
            title: \(id)
            reference: \(reference)
            api: {type: \(symbol), init: {\(labels)}, step: flat}
            file: \(symbol).swift
            points: 10
            instructions: |
              Describe the task here.
            hints:
              - A first, gentle hint.
            cases:
              - name: typical
                optimizer: {lr: 1.0e-2}
                tensors: {w: 6}
                steps: 5
                gradients: [1.0e-2, 1]

            """
    }
}
