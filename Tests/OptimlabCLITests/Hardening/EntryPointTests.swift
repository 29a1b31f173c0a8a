import Foundation
import Testing
import OptimlabEngine

/// Malformed files through the real binary: each ends with exit status 1 (problems found) or 2 (bad
/// input) and a message naming the file and the line, and nothing the learner owns is overwritten.
@Suite struct EntryPointTests {
    static func temporaryFolder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("optimlab-entry-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static let lesson = """
        ---
        id: tiny
        title: Tiny
        ---
        Text.

        ```question
        id: q
        kind: choice
        prompt: Which?
        choices: [one, two]
        answer: 1
        ```
        """

    /// `check` on lessons broken in several ways: exit 1 and `file:line: message` for each.
    @Test func checkReportsFileAndLine() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cases: [(String, Int, String)] = [
            (Self.lesson.replacingOccurrences(of: "answer: 1", with: "answer: 1e300"), 12, "'answer' is 1e300, but the 2 choices are numbered 0 to 1"),
            (Self.lesson.replacingOccurrences(of: "answer: 1", with: "answer: 1\nanswer: 0"), 12, "duplicate key 'answer'"),
            (Self.lesson.replacingOccurrences(of: "Text.", with: "Text {{ 1/0 }}."), 5, "gives inf (division by zero"),
            (Self.lesson.replacingOccurrences(of: "Text.", with: "{{ " + String(repeating: "(", count: 200) + " }}"), 5, "nested too deeply"),
            (String(Self.lesson.prefix(70)), 7, "never closed"),
        ]
        for (k, (text, line, message)) in cases.enumerated() {
            let path = dir + "/0\(k + 1)-tiny.md"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let r = try runOptimlab(["check", path])
            #expect(r.status == 1, "case \(k): \(r.stdout) \(r.stderr)")
            let located = r.stdout.split(separator: "\n").contains { $0.hasPrefix("\(path):\(line): ") && $0.contains(message) }
            #expect(located, "case \(k): \(r.stdout)")
        }
        // Binary junk is not UTF-8: named, line 1.
        var rng = SplitMix64(seed: 5)
        let junk = dir + "/09-junk.md"
        _ = FileManager.default.createFile(atPath: junk, contents: Data((0..<512).map { _ in UInt8.random(in: 0...255, using: &rng) } + [0xFF, 0xFE]))
        let r = try runOptimlab(["check", junk])
        #expect(r.status == 1)
        #expect(r.stdout.contains("\(junk):1: cannot read the file as UTF-8 text"))
    }

    /// A progress file from a newer optimlab: exit 2 naming it, and it is not modified.
    @Test func newerProgressFileIsRefusedByTheBinary() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/progress.json"
        let newer = #"{"version": 7, "learner": "x", "lessons": {}}"#
        try newer.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runOptimlab(["--progress", path], stdin: "open adam\nnext\n0.1\nquit\n")
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(path) was written by a newer optimlab (progress version 7; this one reads 1)"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == newer)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["progress.json"])
    }
}
