/// Renders a `plot` or `experiment` lesson block (implemented by the plotting layer).
///
/// The body is YAML (see lessons/README.md): a `plot` block has `kind: schedule | trajectory |
/// experiment`; an `experiment` block lists `runs`. Invalid bodies throw an error listing every problem
/// with its line in the body; a run whose switch does not apply is a problem too.
public func renderVisualBlock(kind: String, yaml: String, terminal: Terminal) throws -> String {
    var reader = VisualBlockReader()
    guard let block = reader.read(kind: kind, yaml: yaml) else { throw VisualBlockError(problems: reader.problems) }
    do { return try block.report().text(terminal: terminal) } catch {
        throw VisualBlockError(problems: [(1, error.message)])
    }
}

/// Validates a `plot`/`experiment` block body; returns (line within the body, 1-based, message).
public func validateVisualBlock(kind: String, yaml: String) -> [(line: Int, message: String)] {
    var reader = VisualBlockReader()
    _ = reader.read(kind: kind, yaml: yaml)
    return reader.problems
}
