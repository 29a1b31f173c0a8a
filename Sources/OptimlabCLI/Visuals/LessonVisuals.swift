import OptimlabCourseware

/// The `plot` and `experiment` blocks of a lesson under the ids `tweak` and `rerun` take: `plot-1`,
/// `plot-2`, … in the order the lesson shows them.
enum LessonVisuals {
    struct Block {
        var id: String
        var kind: String
        var yaml: String
    }

    static func blocks(of lesson: Lesson) -> [Block] {
        var out: [Block] = []
        for step in lesson.steps {
            if case .visual(let kind, let yaml) = step.content { out.append(Block(id: "plot-\(out.count + 1)", kind: kind, yaml: yaml)) }
        }
        return out
    }

    static func block(_ id: String, in lesson: Lesson) -> Block? {
        blocks(of: lesson).first { $0.id == id.lowercased() }
    }

    /// The id of the block with this body, for the note under it.
    static func id(kind: String, yaml: String, in lesson: Lesson) -> String? {
        blocks(of: lesson).first { $0.kind == kind && $0.yaml == yaml }?.id
    }

    /// The block read into its request; the reader's problems as one message.
    static func read(_ block: Block) throws(CLIError) -> VisualBlock {
        var reader = VisualBlockReader()
        guard let visual = reader.read(kind: block.kind, yaml: block.yaml) else {
            throw CLIError.input(VisualBlockError(problems: reader.problems).description)
        }
        return visual
    }
}
