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
        // Each line of this script saves: opening, and moving a step forward and back (41 saves).
        let script = "open adam\n" + String(repeating: "next\nback\n", count: 20) + "quit\n"
        let executable = try optimlabExecutable()
        // A whole run first: it writes the file the kills then land on, and its output length is what
        // the kill points are drawn from. Kills happen after a number of output bytes (events of the
        // run), never after a delay, so they land mid-run however fast or loaded the machine is.
        let full = try Self.run(executable, script: script, path: path, home: dir, killAfter: nil)
        #expect(!full.killed && full.bytes > 1000, "the whole run printed \(full.bytes) bytes")
        let first = try store.load().progress
        var learner: String? = first.learner
        var lastStep = first.lessons["adam"]?.step ?? -1
        var killedMidRun = 0
        var rng = SplitMix64(seed: 20261123)
        for round in 0..<150 {
            let after = Int.random(in: 1...(full.bytes * 9 / 10), using: &rng)
            let r = try Self.run(executable, script: script, path: path, home: dir, killAfter: after)
            if r.killed { killedMidRun += 1 }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("{") && text.hasSuffix("}\n"), "round \(round) (killed after \(after) bytes): a partial file")
            let (progress, warning) = try store.load()
            #expect(warning == nil, "round \(round) (killed after \(after) bytes): \(warning ?? "")")
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
        // Many runs were killed mid-way (the rest had finished the script: their output can run up to a
        // pipe's buffer ahead of the reader), so the kills did land during saves.
        #expect(killedMidRun >= 40, "killed \(killedMidRun) of 150")
        #expect(learner != nil)
        // The last load removed any temporary file a killed writer left behind.
        _ = try store.load()
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("progress.json") }
        #expect(left == ["progress.json"], "\(left)")
    }

    /// Runs the REPL over `script`; with `killAfter`, SIGKILLs it once it has printed that many bytes
    /// (if it is still running). Returns the bytes read and whether the kill landed.
    static func run(_ executable: URL, script: String, path: String, home: String, killAfter: Int?) throws -> (bytes: Int, killed: Bool) {
        let p = Process()
        p.executableURL = executable
        p.arguments = ["--lessons", Self.lessons, "--progress", path]
        p.environment = ["PATH": "/usr/bin:/bin", "HOME": home, "NO_COLOR": "1"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try? input.fileHandleForWriting.close()
        var bytes = 0, killed = false
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            bytes += chunk.count
            if let killAfter, !killed, bytes >= killAfter, p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                killed = true
            }
        }
        p.waitUntilExit()
        return (bytes, killed && p.terminationReason == .uncaughtSignal)
    }
}
