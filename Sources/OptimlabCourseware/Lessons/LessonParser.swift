import Foundation
import OptimlabEngine
import OptimlabYAML

/// Reads a lesson file: YAML front matter, then Markdown whose `##` headings start steps and whose
/// fenced blocks (`example`, `question`, `hint`, `plot`, `experiment`) are steps of their own.
///
/// Parsing never stops at the first problem: every block is read, and each problem is a
/// ``LessonDiagnostic`` at its line. Expressions are checked statically here (unknown functions,
/// arguments and names); ``LessonValidator`` evaluates them.
public struct LessonParser {
    /// The block types a fence may name.
    public static let blockTypes = ["example", "question", "hint", "plot", "experiment"]
    /// Code languages a fence may name to show code as part of the prose.
    public static let codeLanguages: Set<String> = ["", "swift", "python", "py", "text", "txt", "sh", "bash", "console",
                                                    "shell", "json", "yaml", "math", "c", "plain", "diff", "output"]
    /// The newest lesson format this version reads.
    public static let supportedFormat = 1

    let path: String
    var diagnostics: [LessonDiagnostic] = []
    /// The questions read so far, for `shares:` (which names an earlier question).
    var questionsRead: [String: Question] = [:]

    /// Parses `text` read from `path`; the lesson is nil when the header is unusable.
    public static func parse(_ text: String, path: String) -> (lesson: Lesson?, diagnostics: [LessonDiagnostic]) {
        var parser = LessonParser(path: path)
        let lesson = parser.lesson(text)
        return (lesson, parser.diagnostics.sorted { $0.line < $1.line })
    }

    init(path: String) { self.path = path }

    mutating func report(_ line: Int, _ message: String) {
        diagnostics.append(LessonDiagnostic(file: path, line: line, message: message))
    }

    /// Reports a problem at a node of a block (its line and column; the block's first line without one).
    mutating func report(_ source: YAMLSource, _ node: YAMLNode?, _ message: String) {
        diagnostics.append(source.diagnostic(node, message))
    }

    mutating func lesson(_ text: String) -> Lesson? {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
            report(1, "a lesson starts with YAML front matter between '---' lines (id, title, …)")
            return nil
        }
        guard let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" }) else {
            report(1, "the front matter's closing '---' is missing")
            return nil
        }
        guard var lesson = header(lines[1..<close].joined(separator: "\n")) else { return nil }
        lesson.steps = body(lines, from: close + 1)
        if lines[(close + 1)...].allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            report(close + 1, "the lesson has no content after its front matter")
        }
        checkDuplicateIDs(lesson)
        return lesson
    }

    // MARK: Header

    mutating func header(_ yaml: String) -> Lesson? {
        let source = YAMLSource(file: path, lineOffset: 1)
        do {
            var m = try MappingReader(try source.compose(yaml), source: source, what: "the front matter")
            let idNode = m.node("id")
            let id = try m.requiredString("id")
            if !Self.isIdentifier(id) {
                report(source, idNode, "id '\(id)' must be lowercase letters, digits and '-'")
            }
            let title = try m.requiredString("title")
            let minutes = try m.integer("minutes")
            let objectives = try m.strings("objectives")?.map(\.0) ?? []
            let formatNode = m.node("format")
            let format = try m.integer("format") ?? 1
            if format > Self.supportedFormat {
                report(source, formatNode, "lesson format \(format) is newer than this optimlab reads (\(Self.supportedFormat)); update optimlab")
            }
            diagnostics += m.unknownKeys(allowed: ["id", "title", "minutes", "objectives", "format"])
            checkFileName(id: id)
            return Lesson(id: id, title: title, minutes: minutes, objectives: objectives, format: format, path: path, steps: [])
        } catch {
            diagnostics.append(error)
            return nil
        }
    }

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { ($0.isLetter && $0.isLowercase && $0.isASCII) || ($0.isNumber && $0.isASCII) || $0 == "-" || $0 == "_" }
    }

    /// Lesson files are `NN-id.md`: the number orders the course, the rest is the id.
    mutating func checkFileName(id: String) {
        let name = (path as NSString).lastPathComponent
        guard name.hasSuffix(".md") else { return }
        let stem = name.dropLast(3)
        let digits = stem.prefix { $0.isNumber }
        guard !digits.isEmpty, stem.dropFirst(digits.count).first == "-" else {
            report(1, "a lesson file is named NN-\(id).md (the number orders the course), not \(name)")
            return
        }
        let rest = stem.dropFirst(digits.count + 1)
        if rest != id { report(1, "the file name says '\(rest)' but the lesson's id is '\(id)'; name it \(digits)-\(id).md") }
    }

    // MARK: Body

    /// Splits the Markdown after the front matter (0-based index `start`) into steps.
    mutating func body(_ lines: [String], from start: Int) -> [LessonStep] {
        var steps: [LessonStep] = []
        var prose: [String] = [], proseLine = start + 1, section: String?
        func flush(_ parser: inout LessonParser) {
            // Instructor notes (`<!-- … -->`) are for authors: they never become a step.
            let text = Self.withoutComments(prose.joined(separator: "\n")).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { steps.append(LessonStep(content: .prose(parser.template(text, line: proseLine, firstLine: prose)), line: proseLine, section: section)) }
            prose = []
        }
        var i = start
        while i < lines.count {
            let line = lines[i], number = i + 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let fence = Self.fence(trimmed) {
                guard let end = lines[(i + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(fence.marker) && $0.trimmingCharacters(in: .whitespaces).allSatisfy { $0 == fence.marker.first } }) else {
                    report(number, "the ``` block opened here is never closed")
                    break
                }
                let info = fence.info
                if Self.blockTypes.contains(info) {
                    flush(&self)
                    let bodyText = lines[(i + 1)..<end].joined(separator: "\n")
                    if let content = block(info, bodyText, fenceLine: number) {
                        steps.append(LessonStep(content: content, line: number, section: section))
                    }
                    proseLine = end + 2
                } else {
                    if !Self.codeLanguages.contains(info.lowercased()) {
                        let known = Self.blockTypes.joined(separator: ", ")
                        let hint = Suggestions.closest(to: info, in: Self.blockTypes).map { "; did you mean '\($0)'?" } ?? ""
                        report(number, "unknown block type '\(info)'\(hint) (blocks: \(known); or a code language such as swift, python, text)")
                    }
                    if prose.isEmpty { proseLine = number }
                    prose += lines[i...end]
                }
                i = end + 1
                continue
            }
            if trimmed.hasPrefix("## ") || trimmed == "##" {
                flush(&self)
                section = String(trimmed.dropFirst(2)).trimmingCharacters(in: .whitespaces)
                proseLine = number
            }
            if prose.isEmpty && trimmed.isEmpty { proseLine = number + 1; i += 1; continue }
            if prose.isEmpty { proseLine = number }
            prose.append(line)
            i += 1
        }
        flush(&self)
        return steps
    }

    /// `text` with every `<!-- … -->` replaced by the line breaks it spanned (so later lines keep their
    /// numbers); an unclosed comment runs to the end.
    static func withoutComments(_ text: String) -> String {
        var out = "", rest = Substring(text)
        while let open = rest.range(of: "<!--") {
            out += rest[..<open.lowerBound]
            let close = rest[open.upperBound...].range(of: "-->")
            out += String(repeating: "\n", count: rest[open.lowerBound..<(close?.upperBound ?? rest.endIndex)].filter { $0 == "\n" }.count)
            guard let close else { return out }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// A fence line's marker (three or more backticks) and info string.
    static func fence(_ trimmed: String) -> (marker: String, info: String)? {
        guard trimmed.hasPrefix("```") else { return nil }
        let marker = String(trimmed.prefix { $0 == "`" })
        let info = trimmed.dropFirst(marker.count).trimmingCharacters(in: .whitespaces)
        return (marker, info.split(separator: " ").first.map(String.init) ?? "")
    }

    /// Parses a template, reporting bad holes at their lines (`line` is the template's first line).
    mutating func template(_ text: String, line: Int, names: Set<String> = [], firstLine: [String] = []) -> Template {
        // Prose is trimmed before parsing, so count the blank lines dropped from its top.
        let dropped = firstLine.prefix { $0.trimmingCharacters(in: .whitespaces).isEmpty }.count
        let (template, errors) = Template.parse(text)
        for e in errors { report(line + dropped + e.line, e.message) }
        for (expression, source) in template.expressions {
            for problem in ExpressionValidator.problems(in: expression, names: names) {
                report(line + dropped + Self.lineOf(hole: source, in: text), "in {{ \(source) }}: \(problem)")
            }
        }
        return template
    }

    /// The 0-based line within `text` of the first hole holding `source`.
    static func lineOf(hole source: String, in text: String) -> Int {
        guard let r = text.range(of: source) else { return 0 }
        return text[..<r.lowerBound].filter { $0 == "\n" }.count
    }

    // MARK: Blocks

    mutating func block(_ type: String, _ body: String, fenceLine: Int) -> LessonStep.Content? {
        let source = YAMLSource(file: path, lineOffset: fenceLine)
        do {
            switch type {
            case "example": return .example(try example(body, source))
            case "question": return .question(try question(body, source))
            case "hint": return .hint(try hint(body, source))
            default:
                guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    report(fenceLine, "the \(type) block is empty")
                    return nil
                }
                guard let root = try source.compose(body) else { return nil }
                var reader = VisualBlockReader(file: path)
                let block = reader.read(kind: type, root: root)
                diagnostics += reader.diagnostics
                guard var block else { return nil }
                block.line = fenceLine
                return .visual(block)
            }
        } catch {
            diagnostics.append(error)
            return nil
        }
    }

    mutating func hint(_ body: String, _ source: YAMLSource) throws(LessonDiagnostic) -> Template {
        var m = try MappingReader(try source.compose(body), source: source, what: "a hint block")
        let textNode = m.node("text")
        let text = try m.requiredString("text")
        diagnostics += m.unknownKeys(allowed: ["text"])
        return template(text, line: source.line(textNode) + Self.blockScalarShift(textNode))
    }

    /// Block scalars (`|`, `>`) start on the line after their key.
    static func blockScalarShift(_ node: YAMLNode?) -> Int { node?.isBlockScalar == true ? 1 : 0 }

    mutating func example(_ body: String, _ source: YAMLSource) throws(LessonDiagnostic) -> Example {
        var m = try MappingReader(try source.compose(body), source: source, what: "an example block")
        let id = try m.requiredString("id")
        let title = try m.string("title")
        let computeNode = m.node("compute")
        let compute = try m.requiredString("compute")
        var inputs: [(name: String, value: Value)] = []
        let inputsNode = m.node("inputs")
        if let inputsNode {
            guard let mapping = inputsNode.entries else { throw source.diagnostic(inputsNode, "'inputs' must map argument names to values") }
            for (key, value) in mapping {
                inputs.append((key.text ?? "", try YAMLValues.value(value)))
            }
        }
        let show = try m.strings("show")?.map(\.0)
        let noteNode = m.node("note")
        // The title and the note are templates over the inputs, so `rerun` changes them with the table.
        let names = Set(inputs.map(\.name))
        let note = try m.string("note").map { template($0, line: source.line(noteNode) + Self.blockScalarShift(noteNode), names: names) }
        let titleTemplate = title.map { template($0, line: source.line(m.node("title")), names: names) }
        diagnostics += m.unknownKeys(allowed: ["id", "title", "compute", "inputs", "show", "note"])
        if !Self.isIdentifier(id) { report(source, m.node("id"), "example id '\(id)' must be lowercase letters, digits and '-'") }
        if let f = FunctionCatalogue.named(compute) {
            if !f.returnsTable {
                report(source, computeNode, "'\(compute)' returns a number, not a table; an example computes a table function (\(FunctionCatalogue.all.filter(\.returnsTable).map(\.name).joined(separator: ", ")))")
            }
            if let mapping = inputsNode?.entries {
                for (key, _) in mapping {
                    let name = key.text ?? ""
                    if !f.parameters.contains(where: { $0.name == name || $0.aliases.contains(name) }) {
                        let hint = Suggestions.closest(to: name, in: f.parameters.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
                        report(source, key, "\(compute) has no input '\(name)'\(hint) (it takes \(f.parameters.map(\.name).joined(separator: ", ")))")
                    }
                }
            }
        } else {
            let hint = Suggestions.closest(to: compute, in: FunctionCatalogue.names).map { "; did you mean \($0)?" } ?? ""
            report(source, computeNode, "unknown function '\(compute)'\(hint)")
        }
        return Example(id: id, title: title, compute: compute, inputs: inputs, show: show, note: note, line: source.lineOffset,
                       titleTemplate: titleTemplate)
    }
}
