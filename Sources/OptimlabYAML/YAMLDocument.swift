import Yams

/// Parsing YAML text into a ``YAMLNode`` tree, with syntax errors as diagnostics at their position.
public enum YAMLDocument {
    /// Parses `text`, which starts on line `lineOffset + 1` of `file`. Nil for an empty document;
    /// throws syntax errors and duplicate keys as a diagnostic at their line and column.
    public static func parse(_ text: String, file: String, lineOffset: Int = 0) throws(YAMLDiagnostic) -> YAMLNode? {
        do {
            let source = YAMLNode.SourceLines(text)
            return try Yams.compose(yaml: text).map { YAMLNode($0, file: file, lineOffset: lineOffset, source: source) }
        } catch let error as YamlError {
            throw diagnostic(for: error, text: text, file: file, lineOffset: lineOffset)
        } catch {
            throw YAMLDiagnostic(file: file, line: lineOffset + 1, message: "YAML syntax: \(error)")
        }
    }

    static func diagnostic(for error: YamlError, text: String, file: String, lineOffset: Int) -> YAMLDiagnostic {
        func at(_ mark: Mark, _ message: String) -> YAMLDiagnostic {
            YAMLDiagnostic(file: file, line: lineOffset + mark.line, column: mark.column, message: message)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text))" } ?? ""
            return at(mark, "YAML syntax: \(problem)\(while_)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return at(context.mark, "duplicate key '\(duplicates.joined(separator: "', '"))'")
        case .reader(let problem, let offset, _, _):
            let line = offset.map { o in text.utf8.prefix(o).filter { $0 == UInt8(ascii: "\n") }.count + 1 } ?? 1
            return YAMLDiagnostic(file: file, line: lineOffset + line, message: "YAML syntax: \(problem)")
        default:
            return YAMLDiagnostic(file: file, line: lineOffset + 1, message: "YAML syntax: \(error)")
        }
    }
}
