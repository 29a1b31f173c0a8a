import OptimlabCourseware

/// The `plot` and `experiment` blocks of a lesson under the ids `tweak` and `rerun` take: `plot-1`,
/// `plot-2`, … in the order the lesson shows them, or the block's own `id` when it has one.
enum LessonVisuals {
    struct Block {
        var id: String
        var block: VisualBlock
    }

    static func blocks(of lesson: Lesson) -> [Block] {
        lesson.visuals.enumerated().map { k, v in Block(id: v.id ?? "plot-\(k + 1)", block: v) }
    }

    /// The block named `id` (its own id, or `plot-N` for the N-th).
    static func block(_ id: String, in lesson: Lesson) -> Block? {
        let all = blocks(of: lesson)
        if let named = all.first(where: { $0.id == id }) { return named }
        guard id.lowercased().hasPrefix("plot-"), let n = Int(id.dropFirst(5)), (1...all.count).contains(n) else { return nil }
        return all[n - 1]
    }

    /// The id of the block that computed `figure`, for the note under it.
    static func id(of figure: VisualFigure, in lesson: Lesson) -> String? {
        let request: VisualRequest = switch figure {
        case .schedule(let f): .schedule(f.request)
        case .trajectory(let f): .trajectory(f.request)
        case .experiment(let f): .experiment(f.request)
        }
        return blocks(of: lesson).first { $0.block.request == request }?.id
    }
}
