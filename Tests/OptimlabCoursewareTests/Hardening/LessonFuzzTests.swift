import Foundation
import Testing
@testable import OptimlabCourseware

/// The real lessons (lessons/*.md), mutated the ways an author's editor or a bad merge mangles files:
/// byte flips, truncation, YAML junk, huge numbers, deep nesting, duplicate keys and binary junk. The
/// parser and checker end every case in a lesson or `file:line: message` diagnostics — never a trap.
@Suite struct LessonFuzzTests {
    static let lessonsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons").path

    static let lessons: [(name: String, text: String)] = Course.lessonFiles(in: lessonsDirectory).compactMap { path in
        (try? String(contentsOfFile: path, encoding: .utf8)).map { ((path as NSString).lastPathComponent, $0) }
    }

    static let yamlJunk = ["key: [unclosed", "{", "- - -", ": :", "&a [*a]", "!!binary AAAA", "? complex\n: key", "\t\tid: tab",
                           "id: x\nid: y", "answer: .inf", "answer: .nan", "answer: 1e400", "attempts: 99999999999999999999",
                           "attempts: -5", "given: {x: {random: [1e308, -1e308]}}", "tolerance: -1", "choices: []",
                           "answer: 7", "steps: 1e12", "digits: 1e300", "format: 2", "minutes: .inf", "```", "```question",
                           "```example", "---", "{{", "}}", "{{ 1/0 }}", "{{ nope( }}", "\u{0}\u{1}\u{2}", "\u{FEFF}",
                           "id: \u{202E}evil", "*undefined_alias", "<<: *x", "%YAML 9.9", "answer: [1, [2, [3]]]"]
    static let hugeNumbers = ["1e308", "1e400", "-1e999", "99999999999999999999999", ".inf", "-.inf", ".nan", "0x7fffffffffffffff",
                              "-0", "5e-324", "1e-400", "18446744073709551616"]

    /// One random mutation of `text`.
    static func mutate(_ text: String, _ rng: inout SeededGenerator) -> String {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return text }
        let i = Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<8, using: &rng) {
        case 0:                                                         // flip a byte
            bytes[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
        case 1:                                                         // truncate
            bytes = Array(bytes[..<i])
        case 2:                                                         // YAML junk on a line of its own
            let lineStart = bytes[..<i].lastIndex(of: 10).map { $0 + 1 } ?? 0
            bytes.insert(contentsOf: Array((yamlJunk.randomElement(using: &rng)! + "\n").utf8), at: lineStart)
        case 3:                                                         // a number replaced by a huge one
            var lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
            let numeric = lines.indices.filter { lines[$0].range(of: #":\s*-?[0-9][0-9.e-]*\s*$"#, options: .regularExpression) != nil }
            if let k = numeric.randomElement(using: &rng), let colon = lines[k].firstIndex(of: ":") {
                lines[k] = String(lines[k][...colon]) + " " + hugeNumbers.randomElement(using: &rng)!
            }
            bytes = Array(lines.joined(separator: "\n").utf8)
        case 4:                                                         // deep nesting in YAML flow style
            let depth = Int.random(in: 100...3000, using: &rng)
            let nested = Bool.random(using: &rng)
                ? String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
                : String(repeating: "{a: ", count: depth) + "1" + String(repeating: "}", count: depth)
            let key = ["given", "inputs", "answer", "choices", "hints", "id", "title"].randomElement(using: &rng)!
            let lineStart = bytes[..<i].lastIndex(of: 10).map { $0 + 1 } ?? 0
            bytes.insert(contentsOf: Array("\(key): \(nested)\n".utf8), at: lineStart)
        case 5:                                                         // a line duplicated (duplicate keys)
            let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
            var out = lines
            let k = Int.random(in: 0..<lines.count, using: &rng)
            out.insert(lines[k], at: k)
            bytes = Array(out.joined(separator: "\n").utf8)
        case 6:                                                         // binary junk
            let junk = (0..<Int.random(in: 1...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            bytes.insert(contentsOf: junk, at: i)
        default:                                                        // a span deleted
            let end = min(bytes.count, i + Int.random(in: 1...200, using: &rng))
            bytes.removeSubrange(i..<end)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func theRealLessonsAreFound() {
        #expect(Self.lessons.count >= 10)
    }

    /// 2,000 mutated lessons: parsed and checked, each ends in a lesson or diagnostics naming the file,
    /// a line inside it (or just past its end) and a non-empty message.
    @Test func mutatedLessonsGiveLocatedDiagnostics() {
        var failed = 0, parsed = 0
        for seed in UInt64(0)..<2000 {
            var rng = SeededGenerator(seed: seed)
            let (name, original) = Self.lessons.randomElement(using: &rng)!
            var text = original
            for _ in 0..<Int.random(in: 1...3, using: &rng) { text = Self.mutate(text, &rng) }
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            let (lesson, diagnostics) = LessonParser.parse(text, path: name)
            var all = diagnostics
            if let lesson {
                parsed += 1
                // Checking evaluates every hole, example and question; only a few seeds, to stay fast.
                if seed % 40 == 0 { all += LessonValidator.validate(lesson) }
            } else {
                failed += 1
                #expect(!diagnostics.isEmpty, "seed \(seed): no lesson and no diagnostic")
            }
            for d in all {
                #expect(d.file == name && d.line >= 1 && d.line <= lineCount + 1 && !d.message.isEmpty,
                        "seed \(seed): \(d)")
            }
        }
        #expect(failed > 100 && parsed > 100, "failed \(failed), parsed \(parsed)")
    }

    /// Whole files of junk: empty, binary, a lone front matter, huge, deeply nested.
    @Test func junkFiles() {
        var rng = SeededGenerator(seed: 4242)
        let binary = String(decoding: (0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) }, as: UTF8.self)
        let deep = "---\nid: x\ntitle: " + String(repeating: "[", count: 100_000) + "\n---\n"
        let files = ["", "\n", "---", "---\n---", "---\nid: x\n", "\u{0}", binary, deep,
                     "---\nid: a\nid: b\ntitle: t\n---\n", "---\n" + String(repeating: "k: v\n", count: 50_000) + "---\n",
                     "---\nid: x\ntitle: y\n---\n" + String(repeating: "```question\n", count: 5000)]
        for (k, text) in files.enumerated() {
            let (lesson, diagnostics) = LessonParser.parse(text, path: "junk.md")
            if lesson == nil { #expect(!diagnostics.isEmpty, "file \(k)") }
            #expect(diagnostics.allSatisfy { $0.file == "junk.md" && $0.line >= 1 && !$0.message.isEmpty }, "file \(k)")
        }
    }

    /// A choice question whose answer index is huge, infinite or out of range is a diagnostic, not a
    /// trap (`answer: 1e300` trapped converting to Int) and the question is left out.
    @Test func choiceAnswersOutOfRange() {
        for answer in ["1e300", ".inf", "-.inf", "-1", "3", "9223372036854775808"] {
            let text = """
                ---
                id: c
                title: C
                ---
                ```question
                id: q
                prompt: Which?
                choices: [one, two, three]
                answer: \(answer)
                ```
                """
            let (lesson, diagnostics) = LessonParser.parse(text, path: "c.md")
            #expect(lesson?.questions.isEmpty == true, "answer \(answer)")
            #expect(diagnostics.contains { $0.line == 9 && $0.message.contains("answer") }, "answer \(answer): \(diagnostics)")
        }
    }
}
