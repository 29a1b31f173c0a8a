import Foundation
import OptimlabContent
import OptimlabEngine
import OptimlabYAML

/// The course's words for the engine's known mistakes (``KnownMistake``): `mistakes.yaml` in a lessons
/// folder, one entry per mistake keyed by its engine name, each with `title`, `explanation` and
/// `lesson`. Answer checking, the grader's diagnosis and every report take their texts from here; the
/// engine keeps only what a mistake does to the numbers.
public struct MistakeCatalogue: Sendable {
    /// The catalogue's file name in a lessons folder.
    public static let fileName = "mistakes.yaml"
    static let keys = ["title", "explanation", "lesson"]

    /// The file it was read from.
    public var file: String
    public var entries: [KnownMistake: MistakeText]
    /// Problems found reading it (syntax, unknown mistakes, missing or empty keys).
    public var diagnostics: [YAMLDiagnostic]

    public init(file: String, entries: [KnownMistake: MistakeText], diagnostics: [YAMLDiagnostic] = []) {
        self.file = file; self.entries = entries; self.diagnostics = diagnostics
    }

    /// The catalogue built into the binary (`lessons/mistakes.yaml`, embedded by the EmbedContent plugin).
    public static let builtIn: MistakeCatalogue = {
        let path = "lessons/" + fileName
        return parse(EmbeddedContent.file(at: path)?.text ?? "", file: path)
    }()

    /// The catalogue of the lessons folder `directory`; nil when the folder has none.
    public static func load(directory: String) -> MistakeCatalogue? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return MistakeCatalogue(file: path, entries: [:], diagnostics: [YAMLDiagnostic(file: path, line: 0, message: "cannot read the file as UTF-8 text")])
        }
        return parse(text, file: path)
    }

    /// Reads a catalogue, recording every problem: a mapping from engine mistake names to
    /// `{title, explanation, lesson}`, each a non-empty text.
    public static func parse(_ text: String, file: String) -> MistakeCatalogue {
        var r = YAMLReader(file: file)
        var entries: [KnownMistake: MistakeText] = [:]
        if let root = r.parse(text), let items = r.read({ () throws(YAMLDiagnostic) in try root.mapping("the mistake catalogue") }) {
            for (key, value) in items {
                guard let name = r.string(key, "a mistake name") else { continue }
                guard let mistake = KnownMistake(rawValue: name) else {
                    let hint = Suggestions.closest(to: name, in: KnownMistake.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" } ?? ""
                    r.fail(key, "'\(name)' is not a known mistake of the engine\(hint)")
                    continue
                }
                if let words = entry(value, name, reader: &r) { entries[mistake] = words }
            }
        }
        return MistakeCatalogue(file: file, entries: entries, diagnostics: r.diagnostics)
    }

    static func entry(_ node: YAMLNode, _ name: String, reader r: inout YAMLReader) -> MistakeText? {
        guard let fields = r.mapping(node, name, allowed: keys) else { return nil }
        var values: [String: String] = [:]
        for (key, value) in fields {
            guard let text = r.string(value, "\(name): \(key)") else { continue }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { r.fail(value, "\(name): \(key) is empty") } else { values[key] = text }
        }
        for key in keys where !fields.contains(where: { $0.key == key }) { r.fail(node, "\(name): missing key '\(key)'") }
        guard let title = values["title"], let explanation = values["explanation"], let lesson = values["lesson"] else { return nil }
        return MistakeText(title: title, explanation: explanation, lesson: lesson, line: node.line)
    }

    /// The words for `mistake`. A catalogue without its entry (which `check` reports) gives the engine
    /// name as the title, so a diagnosis is never blank.
    public subscript(mistake: KnownMistake) -> MistakeText {
        entries[mistake] ?? MistakeText(title: mistake.rawValue, explanation: "", lesson: "")
    }

    /// The engine's mistakes without an entry, in the engine's order.
    public var missing: [KnownMistake] { KnownMistake.allCases.filter { entries[$0] == nil } }

    /// The entries whose `lesson` is not one of `lessonIDs`, in the engine's order.
    public func unresolvedLinks(lessonIDs: Set<String>) -> [(mistake: KnownMistake, lesson: String)] {
        KnownMistake.allCases.compactMap { m in entries[m].flatMap { lessonIDs.contains($0.lesson) ? nil : (m, $0.lesson) } }
    }

    /// What `check` proves of a catalogue for a course of `lessonIDs`, beyond ``diagnostics``: every
    /// engine mistake has an entry (a problem of the whole file) and every `lesson` is one of the
    /// course's (at the entry's line).
    public func linkProblems(lessonIDs: Set<String>) -> [YAMLDiagnostic] {
        missing.map { YAMLDiagnostic(file: file, line: 0, message: "no entry for the engine's mistake '\($0.rawValue)' (give it a title, explanation and lesson)") }
            + unresolvedLinks(lessonIDs: lessonIDs).map { link in
                YAMLDiagnostic(file: file, line: entries[link.mistake]?.line ?? 0,
                               message: "mistake '\(link.mistake.rawValue)' sends learners to lesson '\(link.lesson)', which the course does not have")
            }
    }
}
