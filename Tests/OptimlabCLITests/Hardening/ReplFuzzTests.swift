import Foundation
import Testing
@testable import OptimlabCLI
import OptimlabCourseware
import OptimlabEngine

/// Random command lines fed to the REPL loop in-process (classification, session, rendering) over the
/// real lessons: odd whitespace, combining marks, binary junk, commands with and without arguments.
/// No line traps, every command prints something, and the loop always ends with the goodbye.
@Suite struct ReplFuzzTests {
    static let repositoryLessons = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons").path

    static let words = ["open", "rerun", "calc", "help", "help functions", "lessons", "resume", "next", "n", "back", "hint",
                        "solution", "skip", "?", "OPEN", "Next", "quit", "exit", "adam", "sgd-momentum", "clipping", "x", "q"]
    static let tails = ["", " ", "  adam", " adam extra", " 1/0", " [1, 2", " grads=[1, 2] lr=0.1", " lr=0/0", "\t", " \u{00A0}",
                        " \u{301}", "\u{301}", " 🙂", " \u{0}", " 1e999", " ((((((", " sqrt(-1)", " 0.1", " −3×10^-2", " a)",
                        " " + String(repeating: "[", count: 300), " " + String(repeating: "1+", count: 3000) + "1"]

    static func randomLine(_ rng: inout SplitMix64) -> String {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            let bytes = (0..<Int.random(in: 0...20, using: &rng)).map { _ in UInt8.random(in: 1...255, using: &rng) }
            return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        case 1:
            return Self.tails.randomElement(using: &rng)!.trimmingCharacters(in: .whitespaces)
        default:
            let lead = ["", " ", "\t", "\u{00A0}"].randomElement(using: &rng)!
            return lead + Self.words.randomElement(using: &rng)! + Self.tails.randomElement(using: &rng)!
        }
    }

    /// Every line is classified without trapping, whether or not a question waits.
    @Test func classificationNeverTraps() {
        for seed in UInt64(0)..<20_000 {
            var rng = SplitMix64(seed: seed)
            let line = Self.randomLine(&rng)
            let command = ReplCommand.parse(line, awaitingAnswer: Bool.random(using: &rng))
            if line.trimmingCharacters(in: .whitespaces).isEmpty { #expect(command == .empty, "seed \(seed)") }
        }
    }

    /// 150 sessions of 40 random lines over the real lessons, with progress saved to a file: the loop
    /// ends normally and the progress file always loads.
    @Test func randomSessionsEndCleanly() throws {
        let course = Course.load(directory: Self.repositoryLessons)
        #expect(course.lessons.count >= 10)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("optimlab-replfuzz-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for seed in UInt64(0)..<150 {
            var rng = SplitMix64(seed: seed &+ 1_000_000)
            let lines = (0..<40).map { _ in Self.randomLine(&rng) }.filter { !["quit", "exit"].contains($0.trimmingCharacters(in: .whitespaces).lowercased()) }
            let store = ProgressStore(path: dir + "/p\(seed % 5).json")
            let loaded = try store.load().progress
            let out = Transcript()
            var repl = Repl(session: LessonSession(course: course, progress: loaded, store: store),
                            reader: PlainLineReader(lines: lines), terminal: .plain, interactive: false, write: { out.lines.append($0) })
            repl.run()
            #expect(out.lines.last == "Progress saved. Bye.", "seed \(seed)")
            let reloaded = try store.load()
            #expect(reloaded.warning == nil, "seed \(seed)")
        }
    }

    final class Transcript: @unchecked Sendable { var lines: [String] = [] }
}
