import Foundation
import Yams

/// Reads a block's YAML body with file line numbers: every node's position is mapped to the lesson
/// file (the fence's line + the line within the block), so every problem is `file:line: message`.
struct YAMLSource {
    var file: String
    /// The file line of the body's first line, minus one.
    var lineOffset: Int

    func line(_ node: Node?) -> Int { lineOffset + (node?.mark?.line ?? 1) }

    func diagnostic(_ node: Node?, _ message: String) -> LessonDiagnostic {
        LessonDiagnostic(file: file, line: line(node), message: message)
    }

    /// Parses `text` into a node tree; syntax errors and duplicate keys become diagnostics at their line.
    func compose(_ text: String) throws(LessonDiagnostic) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw diagnostic(for: error, text: text)
        } catch {
            throw LessonDiagnostic(file: file, line: lineOffset + 1, message: "YAML: \(error)")
        }
    }

    func diagnostic(for error: YamlError, text: String) -> LessonDiagnostic {
        func at(_ mark: Mark, _ message: String) -> LessonDiagnostic {
            LessonDiagnostic(file: file, line: lineOffset + mark.line, message: message)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text))" } ?? ""
            return at(mark, "YAML: \(problem)\(while_)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return at(context.mark, "duplicate key '\(duplicates.joined(separator: "', '"))'")
        case .reader(let problem, let offset, _, _):
            let line = offset.map { o in text.prefix(o).filter { $0 == "\n" }.count + 1 } ?? 1
            return LessonDiagnostic(file: file, line: lineOffset + line, message: "YAML: \(problem)")
        default:
            return LessonDiagnostic(file: file, line: lineOffset + 1, message: "YAML: \(error)")
        }
    }
}
