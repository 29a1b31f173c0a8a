/// What a session asks the terminal to show. The courseware decides *what* to say; the CLI decides how
/// it looks (colour, box drawing, width), so rendering never computes anything.
public enum Display: Sendable, Equatable {
    /// A lesson's title banner.
    case title(String)
    /// A `##` section heading.
    case section(String)
    /// Prose (Markdown as written, holes filled).
    case text(String)
    case table(Table, caption: String?)
    /// A calculator result.
    case result(String)
    /// A question's prompt and, for choice questions, its choices.
    case question(String, choices: [String])
    case success(String)
    case failure(String)
    /// Neutral information (a hint, the exact value, how to go on).
    case note(String)
    case warning(String)
    /// A `plot`/`experiment` block's computed figure, for the plotting layer to draw.
    case visual(VisualFigure)
}
