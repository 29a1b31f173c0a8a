/// Renders a `plot` or `experiment` lesson block (implemented by the plotting layer).
public func renderVisualBlock(kind: String, yaml: String, terminal: Terminal) throws -> String { "[\(kind)]" }
/// Validates a `plot`/`experiment` block body; returns (line within the body, 1-based, message).
public func validateVisualBlock(kind: String, yaml: String) -> [(line: Int, message: String)] { [] }
