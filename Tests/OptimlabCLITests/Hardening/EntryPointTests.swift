import Foundation
import OptimlabTestSupport
import Testing
import OptimlabEngine

/// Malformed files through the real binary: each ends with exit status 1 (problems found) or 2 (bad
/// input) and a message naming the file and the line, and nothing the learner owns is overwritten.
@Suite struct EntryPointTests {
    static func temporaryFolder() throws -> String {
        TemporaryDirectory(prefix: "optimlab-entry", mode: 0o755).path   // deleted at exit at the latest
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
            let located = r.stdout.split(separator: "\n").contains { $0.hasPrefix("\(path):\(line):") && $0.contains(message) }
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
        #expect(r.stderr.contains("\(path) was written by a newer optimlab (progress version 7; this one reads 3)"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == newer)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["progress.json"])
    }

    /// A trace whose values overflow: the completed trace is printed (IEEE, as PyTorch computes it) and
    /// a warning on stderr names the step, the tensor and why — an `inf` never appears unexplained.
    @Test func overflowingTraceIsExplained() throws {
        let input = #"{"optimizer": {"name": "sgd", "lr": 10}, "initial_params": {"w": [1.0], "b": [0]}, "steps": [{"grads": {"w": [1e308], "b": [1]}}, {"grads": {"w": [1e308], "b": [1]}}]}"#
        let r = try runOptimlab(["trace", "-"], stdin: input)
        #expect(r.status == 0)
        #expect(r.stdout.contains("-inf"))
        #expect(r.stderr == "optimlab: warning: step 1: params.w[0] is -inf because the update overflowed ±1.8e308, the largest Double (or took inf − inf), as it would be in PyTorch; from here on the trace holds non-finite values, which strict JSON readers refuse\n")
        // A finite trace has no warning.
        let fine = try runOptimlab(["trace", "-"], stdin: input.replacingOccurrences(of: "1e308", with: "1"))
        #expect(fine.status == 0 && fine.stderr.isEmpty)
    }

    /// Junk traces through the binary: exit 2, nothing on stdout, and a message naming <stdin> and where.
    @Test func junkTracesExitTwo() throws {
        var rng = SplitMix64(seed: 77)
        let base = Array(#"{"optimizer": {"name": "adam"}, "initial_params": {"w": [1]}, "steps": [{"grads": {"w": [0.5]}}]}"#.utf8)
        for k in 0..<8 {
            var bytes = base
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            bytes = k % 2 == 0 ? Array(bytes[..<i]) : bytes + [UInt8.random(in: 0...255, using: &rng)]
            let r = try runOptimlab(["trace", "-"], stdin: String(decoding: bytes, as: UTF8.self))
            #expect(r.status == 2, "case \(k)")
            #expect(r.stdout.isEmpty && r.stderr.hasPrefix("optimlab: <stdin>: "), "case \(k): \(r.stderr)")
        }
    }

    /// Binary junk and hostile lines typed into the real REPL: it answers each line, exits 0 with the
    /// goodbye, and the progress file it saved loads cleanly.
    @Test func junkTypedIntoTheReplBinary() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var rng = SplitMix64(seed: 4711)
        var lines = ["open adam", "next", "next", "1e999", "0/0", "calc " + String(repeating: "(", count: 500), "rerun x lr=0/0",
                     "hint", "solution", "skip", "calc " + String(repeating: "1+", count: 5000) + "1"]
        for _ in 0..<40 {
            let bytes = (0..<Int.random(in: 1...40, using: &rng)).map { _ in UInt8.random(in: 1...255, using: &rng) }.filter { $0 != 10 }
            lines.append(String(decoding: bytes, as: UTF8.self))
        }
        let progress = dir + "/progress.json"
        let r = try runOptimlab(["--lessons", ReplFuzzTests.repositoryLessons, "--progress", progress],
                                stdin: lines.joined(separator: "\n") + "\n", environment: ["HOME": dir, "NO_COLOR": "1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("Progress saved. Bye.\n"))
        #expect(r.stdout.contains("expression too long (more than 500 operators)"))
        let saved = try #require(FileManager.default.contents(atPath: progress))
        let object = try JSONSerialization.jsonObject(with: saved) as? [String: Any]
        #expect(object?["currentLesson"] as? String == "adam")
    }

    /// An experiment whose lr overflows shows nan in its table, with a line per run saying why.
    @Test func overflowingExperimentIsExplained() throws {
        let r = try runOptimlab(["experiment", "--lr", "1e308", "--optimizers", "adamw,sgd", "--steps", "5", "--ascii"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("adamw  nan"))
        // The note wraps at the width like any prose under a plot; read it with its line breaks as spaces.
        let prose = r.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(prose.contains("adamw: nan/inf from update 1 on: its numbers grew past 1.8e308, the largest Double; a smaller lr keeps them finite."))
        #expect(r.stdout.split(separator: "\n").filter { $0.contains("nan/inf") }.allSatisfy { $0.count <= 80 })
        #expect(r.stdout.contains("sgd: nan/inf from update 1 on"))
        let fine = try runOptimlab(["experiment", "--optimizers", "adamw", "--steps", "5", "--ascii"])
        #expect(fine.status == 0 && !fine.stdout.contains("nan/inf"))
    }
}
