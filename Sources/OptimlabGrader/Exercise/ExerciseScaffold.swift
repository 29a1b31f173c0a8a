/// The files `optimlab new-exercise` writes: an exercise.yaml with one typical case, a starter and a
/// solution. The starter and solution come from `template` (the files of an existing exercise with
/// the same harness — the CLI looks in the course folder, then among the built-in exercises) when there
/// is one, so the new exercise passes `optimlab check` at once; without one, a placeholder that
/// `optimlab check` reports until the instructor writes the solution.
public struct ExerciseScaffold: Sendable {
    public var id: String
    public var harness: HarnessKind
    public var template: (starter: String, solution: String)?

    public init(id: String, harness: HarnessKind, template: (starter: String, solution: String)? = nil) {
        self.id = id; self.harness = harness; self.template = template
    }

    /// (relative path, contents) pairs.
    public var files: [(String, String)] {
        let file = harness.symbolName.prefix(1).uppercased() + harness.symbolName.dropFirst() + ".swift"
        let (starter, solution) = template ?? (Self.placeholder(harness), Self.placeholder(harness))
        return [("exercise.yaml", yaml(file: file)), ("starter/\(file)", starter), ("solution/\(file)", solution)]
    }

    func yaml(file: String) -> String {
        var schedule = ""
        var optimizer = "{lr: 1.0e-3, beta1: 0.9, beta2: 0.999, eps: 1.0e-8, weight_decay: 1.0e-2}"
        switch harness {
        case .adam: optimizer = "{lr: 1.0e-3, beta1: 0.9, beta2: 0.999, eps: 1.0e-8}"
        case .warmupCosine:
            optimizer = "{lr: 1.0e-3}"
            schedule = "\n    schedule: {name: warmup_cosine, warmup_steps: 2, total_steps: 5, min_lr: 0}"
        case .trainingStep: schedule = "\n    schedule: {name: warmup_cosine, warmup_steps: 2, total_steps: 5, min_lr: 0}\n    clip_norm: 1.0"
        case .adamw: break
        }
        return """
            id: \(id)
            title: \(id)
            harness: \(harness.rawValue)
            file: \(file)
            points: 10
            instructions: |
              Describe the task here.
            hints:
              - A first, gentle hint.
            cases:
              - name: typical
                optimizer: \(optimizer)
                tensors: {w: 6}
                steps: 5
                gradients: [1.0e-2, 1]\(schedule)

            """
    }

    static func placeholder(_ kind: HarnessKind) -> String {
        "// Implement \(kind.symbolName) here (see `api` in exercise.yaml).\n"
    }
}
