import Foundation
import Testing
import OptimlabCourseware
import OptimlabEngine
#if canImport(Glibc)
import Glibc
#endif

/// The real `optimlab` REPL saving progress after every move, killed with SIGKILL at random moments,
/// hundreds of times over the same progress file. Every time, the file loads as a complete document
/// written by a save (never corrupt, never reset to a fresh learner), byte for byte what a save writes,
/// holding one of the two states the script moves between: the state from just before or just after
/// the write the kill interrupted. Killed writers' temporary files are cleaned up by the next load.
@Suite struct ProgressKillTests {
    static let lessons = ReplFuzzTests.repositoryLessons

    /// The bytes `ProgressStore.save` writes for `progress`.
    static func saved(_ progress: LearnerProgress) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(progress), as: UTF8.self) + "\n"
    }

    @Test func sigkillNeverLeavesAHalfWrittenFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("optimlab-kill-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/progress.json"
        let store = ProgressStore(path: path)
        // Each line of this script saves: opening, and moving a step forward and back (800 saves, ~0.5 s).
        let script = "open adam\n" + String(repeating: "next\nback\n", count: 400) + "quit\n"
        let executable = try optimlabExecutable()
        var learner: String?
        var killedMidRun = 0
        var lastStep = 0
        var rng = SplitMix64(seed: 20261123)
        for round in 0..<200 {
            let delay = UInt32.random(in: 60_000...220_000, using: &rng)       // 60–220 ms: start-up is ~90 ms
            let p = Process()
            p.executableURL = executable
            p.arguments = ["--lessons", Self.lessons, "--progress", path]
            p.environment = ["PATH": "/usr/bin:/bin", "HOME": dir, "NO_COLOR": "1"]
            let input = Pipe()
            p.standardInput = input
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            input.fileHandleForWriting.write(Data(script.utf8))
            usleep(delay)
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killedMidRun += 1 }
            p.waitUntilExit()
            try? input.fileHandleForWriting.close()
            guard FileManager.default.fileExists(atPath: path) else { continue }   // killed before the first save
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("{") && text.hasSuffix("}\n"), "round \(round) (delay \(delay) µs): a partial file")
            let (progress, warning) = try store.load()
            #expect(warning == nil, "round \(round) (delay \(delay) µs): \(warning ?? "")")
            #expect(progress.currentLesson == "adam", "round \(round)")
            // `open` resumes at the step the last round left, and each save moves one step from there, so the
            // state before or after any save is within one step of it; and the bytes are exactly what a save
            // writes for the state they hold.
            let step = progress.lessons["adam"]?.step ?? -1
            #expect(abs(step - lastStep) <= 1, "round \(round): step \(step) after \(lastStep)")
            lastStep = step
            #expect(try Self.saved(progress) == text, "round \(round): not a document a save wrote")
            if let learner { #expect(progress.learner == learner, "round \(round): the learner was reset") }
            learner = progress.learner
        }
        // Most runs were killed mid-way, so the kills did land during saves.
        #expect(killedMidRun > 150, "killed \(killedMidRun) of 200")
        #expect(learner != nil)
        // The last load removed any temporary file a killed writer left behind.
        _ = try store.load()
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("progress.json") }
        #expect(left == ["progress.json"], "\(left)")
    }
}
