import Foundation
import OptimlabContent
import OptimlabEngine
import Testing
@testable import OptimlabCourseware

/// The student's loop through the real binary: `watch` in a pseudo-terminal, the binary copied away
/// from the package and run from `/`, and an instructor's `--content` folder.
@Suite(.serialized) struct ExerciseLoopBinaryTests {
    /// A temporary root with the cache, state and home folders a run needs, so nothing leaks between tests.
    static func sandbox() throws -> (root: String, environment: [String: String]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("optimlab-loop-\(UUID().uuidString)").path
        for sub in ["home", "cache", "state", "config", "data"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(sub)", withIntermediateDirectories: true)
        }
        var env = ProcessInfo.processInfo.environment
        for key in ["OPTIMLAB_CONTENT", "OPTIMLAB_EXERCISES", "OPTIMLAB_LESSONS", "GITHUB_STEP_SUMMARY"] { env[key] = nil }
        env["HOME"] = root + "/home"
        env["XDG_CACHE_HOME"] = root + "/cache"
        env["XDG_STATE_HOME"] = root + "/state"
        env["XDG_CONFIG_HOME"] = root + "/config"
        env["XDG_DATA_HOME"] = root + "/data"
        env["NO_COLOR"] = "1"
        return (root, env)
    }

    static func solution() throws -> String { try #require(GradeCommandTests.solution("adamw")) }

    /// The solution without bias correction: compiles, fails, and is diagnosed by name.
    static func withoutBiasCorrection() throws -> String {
        try solution().replacingOccurrences(of: "1 - pow(beta1, Double(t))", with: "1.0")
            .replacingOccurrences(of: "1 - pow(beta2, Double(t))", with: "1.0")
    }

    /// Events, not wall time: after each save the next verdict appears (how fast is `optimlab-bench`'s
    /// business, not a test's on a shared machine).
    @Test func watchShowsTheDiagnosisThenThePass() throws {
        let (root, env) = try Self.sandbox()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let work = root + "/work", progress = root + "/progress.json"
        let file = work + "/adamw/AdamW.swift"
        var environment = env
        environment["TERM"] = "xterm"
        let command = "cd \(root) && \(Fixtures.binary) watch adamw --work \(work) --progress \(progress)"
        let driver = try ProcessDriver("/usr/bin/script", ["-qec", command, "/dev/null"], environment: environment)
        defer { if driver.process.isRunning { kill(driver.process.processIdentifier, SIGKILL) } }
        #expect(driver.waitFor("Watching \(file): save it to re-grade."))
        #expect(driver.waitFor("Replay these numbers:", timeout: 60))          // the starter, graded once
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("AdamW"))

        try Self.withoutBiasCorrection().write(toFile: file, atomically: true, encoding: .utf8)
        #expect(driver.waitFor("Likely mistake: ", timeout: 30))
        #expect(driver.text.contains("[no-bias-correction]"))
        #expect(driver.text.contains("Hint: revisit the lesson \"bias-correction\""))
        #expect(!driver.text.contains("adamw: all 5 cases pass."))

        try Self.solution().write(toFile: file, atomically: true, encoding: .utf8)
        #expect(driver.waitFor("adamw: all 5 cases pass.", timeout: 60))
        // It moves on to the next exercise and writes its starter.
        #expect(driver.waitFor("Watching \(work)/amsgrad/"))
        driver.type("q")
        #expect(driver.waitFor("Left watch; progress saved."))
        driver.closeInput()
        #expect(driver.finish() == 0)
        let record = try ProgressStore(path: progress).load().progress.exercises["adamw"]
        #expect(record?.passed == true && record?.lastVerdict == "passed" && (record?.gradings ?? 0) >= 3, "\(String(describing: record))\n\(driver.text)")
    }

    @Test func ctrlCLeavesWatchAndRestoresTheTerminal() throws {
        let (root, env) = try Self.sandbox()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var environment = env
        environment["TERM"] = "xterm"
        // `script` runs the command with $SHELL, and Ctrl-C reaches the whole foreground group: optimlab
        // and that shell. A non-interactive dash dies of it (bash waits), so the shell is pinned to /bin/sh
        // and told to ignore SIGINT, as an interactive shell does while a job runs; optimlab installs its own
        // handler over the inherited "ignore". `stty -a` afterwards shows whether echo and canonical mode
        // came back.
        environment["SHELL"] = "/bin/sh"
        let command = "trap '' INT; \(Fixtures.binary) watch warmup-cosine --work \(root)/work --progress \(root)/p.json; echo status=$?; stty -a"
        let driver = try ProcessDriver("/usr/bin/script", ["-qec", command, "/dev/null"], environment: environment)
        defer { if driver.process.isRunning { kill(driver.process.processIdentifier, SIGKILL) } }
        #expect(driver.waitFor("Replay these numbers:", timeout: 60))
        driver.type("\u{3}")
        #expect(driver.waitFor("Left watch; progress saved."))
        #expect(driver.waitFor("status=0"))
        #expect(driver.waitFor(" icanon ") && driver.text.contains(" echo "))
        driver.closeInput()
        driver.finish()
        #expect(try ProgressStore(path: root + "/p.json").load().progress.exercises["warmup-cosine"]?.status == .inProgress)
    }

    @Test func anInstructorReplaysTheLearnersSeedFromTheirProgressFile() throws {
        let (root, env) = try Self.sandbox()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var progress = LearnerProgress(learner: "student-1")
        let seed = progress.exercise("adamw").seed
        try ProgressStore(path: root + "/student.json").save(progress)
        try Self.withoutBiasCorrection().write(toFile: root + "/AdamW.swift", atomically: true, encoding: .utf8)
        let here = URL(fileURLWithPath: root)
        let replay = try runAt(Fixtures.binary, ["grade", "AdamW.swift", "--exercise", "adamw", "--seed-from-progress",
                                                 "--progress", root + "/student.json", "--format", "json"], env, here)
        let direct = try runAt(Fixtures.binary, ["grade", "AdamW.swift", "--exercise", "adamw", "--seed", "\(seed)", "--format", "json"], env, here)
        #expect(replay.status == 1 && direct.status == 1)
        #expect(replay.stdout.contains("\"seed\": \"\(seed)\""))
        // Same seed, same numbers: the reports differ only in their timings.
        let strip = { (s: String) in s.split(separator: "\n").filter { !$0.contains("seconds") }.joined(separator: "\n") }
        #expect(strip(replay.stdout) == strip(direct.stdout))
        let none = try runAt(Fixtures.binary, ["grade", "AdamW.swift", "--exercise", "warmup-cosine", "--seed-from-progress",
                                               "--progress", root + "/student.json"], env, here)
        #expect(none.status == 2 && none.stderr.contains("holds no grading seed for warmup-cosine (the learner has not started it)"))
    }

    @Test func commandsWorkFromInsideTheWorkingFolder() throws {
        let (root, env) = try Self.sandbox()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let here = URL(fileURLWithPath: root)
        let started = try runAt(Fixtures.binary, ["start", "adamw", "--progress", root + "/p.json"], env, here)
        #expect(started.status == 0 && started.stdout.contains("[ok] Wrote the starter to optimlab-work/adamw/AdamW.swift."))
        // In optimlab-work/, "adamw" is also a folder name: it must still mean the exercise.
        let inside = URL(fileURLWithPath: root + "/optimlab-work")
        let hint = try runAt(Fixtures.binary, ["hint", "adamw", "--progress", root + "/p.json"], env, inside)
        #expect(hint.status == 0, "\(hint.stderr)")
        #expect(hint.stdout.hasPrefix("Hint 1/4: "))
        let again = try runAt(Fixtures.binary, ["start", "adamw", "--progress", root + "/p.json"], env, here)
        #expect(again.stdout.contains("optimlab-work/adamw/AdamW.swift already exists; it is left as it is"))
        let reset = try runAt(Fixtures.binary, ["reset", "adamw", "--progress", root + "/p.json"], env, here)   // stdin is empty: no
        #expect(reset.status == 0 && reset.stdout.contains("[y/N] Left as it is."))
        let yes = try runAt(Fixtures.binary, ["reset", "adamw", "--yes", "--progress", root + "/p.json"], env, here)
        #expect(yes.stdout.contains("[ok] optimlab-work/adamw/AdamW.swift is the starter again."))
        let unknown = try runAt(Fixtures.binary, ["hint", "adamx", "--progress", root + "/p.json"], env, here)
        #expect(unknown.status == 2 && unknown.stderr.contains("no exercise \"adamx\""))
    }

    @Test func aCopiedBinaryRunFromRootListsLessonsAndGrades() throws {
        let (root, env) = try Self.sandbox()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        let binary = root + "/bin/optimlab"
        try FileManager.default.copyItem(atPath: Fixtures.binary, toPath: binary)
        // The sandbox's launcher ships beside the binary (docs/security.md): without it grading is refused.
        let launcher = URL(fileURLWithPath: Fixtures.binary).deletingLastPathComponent().appendingPathComponent("optimlab-launcher").path
        try FileManager.default.copyItem(atPath: launcher, toPath: root + "/bin/optimlab-launcher")
        try Self.solution().write(toFile: root + "/AdamW.swift", atomically: true, encoding: .utf8)
        let slash = URL(fileURLWithPath: "/")

        let lessons = try runAt(binary, ["lessons", "--format", "json"], env, slash)
        #expect(lessons.status == 0, "\(lessons.stderr)")
        guard case .array(let list) = try JSONValue.parse(lessons.stdout) else { Issue.record("not a list"); return }
        #expect(list.count == 14)
        #expect(list.first?["id"] == .string("sgd-momentum") && list.last?["id"] == .string("sign-orthogonal"))

        let graded = try runAt(binary, ["grade", root + "/AdamW.swift", "--exercise", "adamw", "--seed", "7"], env, slash)
        #expect(graded.status == 0, "\(graded.stdout)\(graded.stderr)")
        #expect(graded.stdout.contains("\(root)/AdamW.swift — AdamW, step by step: PASSED (10/10 points)"))

        let listed = try runAt(binary, ["exercises", "--progress", root + "/p.json"], env, slash)
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("| adamw ") && listed.stdout.contains("not started"))
    }

    @Test func aContentFolderAddsAndReplacesLessonsAndExercises() throws {
        let (root, env) = try Self.sandbox()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let course = root + "/course"
        try FileManager.default.createDirectory(atPath: course + "/lessons", withIntermediateDirectories: true)
        try Fixtures.second.write(toFile: course + "/lessons/06-adamw.md", atomically: true, encoding: .utf8)   // replaces "adamw"
        try Fixtures.lesson.write(toFile: course + "/lessons/11-bias.md", atomically: true, encoding: .utf8)   // adds "bias"
        // An exercise of the instructor's own: the built-in adamw under another id.
        let exercise = course + "/exercises/my-adamw"
        for file in EmbeddedContent.files(under: "exercises/adamw") {
            let path = exercise + "/" + file.path.dropFirst("exercises/adamw/".count)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try file.text.replacingOccurrences(of: "id: adamw", with: "id: my-adamw").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let here = URL(fileURLWithPath: root)

        let lessons = try runAt(Fixtures.binary, ["lessons", "--format", "json", "--content", course], env, here)
        #expect(lessons.status == 0, "\(lessons.stderr)")
        guard case .array(let list) = try JSONValue.parse(lessons.stdout) else { Issue.record("not a list"); return }
        #expect(list.count == 15)
        #expect(list[5]["id"] == .string("adamw") && list[5]["title"] == .string("AdamW"))
        #expect(list[14]["id"] == .string("bias"))

        var withEnv = env
        withEnv["OPTIMLAB_CONTENT"] = course
        let listed = try runAt(Fixtures.binary, ["exercises", "--progress", root + "/p.json"], withEnv, here)
        #expect(listed.stdout.contains("| 15 | my-adamw "), "\(listed.stdout)")        // after the 14 built-in ones

        try Self.solution().write(toFile: root + "/AdamW.swift", atomically: true, encoding: .utf8)
        let graded = try runAt(Fixtures.binary, ["--content", course, "grade", "AdamW.swift", "--exercise", "my-adamw", "--seed", "3"], env, here)
        #expect(graded.status == 0, "\(graded.stdout)\(graded.stderr)")
        #expect(graded.stdout.contains("AdamW.swift — AdamW, step by step: PASSED (10/10 points)"))
        let withoutContent = try runAt(Fixtures.binary, ["grade", "AdamW.swift", "--exercise", "my-adamw"], env, here)
        #expect(withoutContent.status == 2)

        let checked = try runAt(Fixtures.binary, ["check", course], env, here)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("2 lesson(s) checked, 0 problem(s)."))
        #expect(checked.stdout.contains("\(course)/exercises/my-adamw: 5 cases × 5 seeds; solution passes, starter fails on every seed"))

        try "---\nid: broken\ntitle: B\n---\n```question\nid: q\nprompt: p\nanswer: nope(1)\n```\n"
            .write(toFile: course + "/lessons/12-broken.md", atomically: true, encoding: .utf8)
        let bad = try runAt(Fixtures.binary, ["check", course], env, here)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("\(course)/lessons/12-broken.md:8:9: answer: unknown function 'nope'"))

        let missing = try runAt(Fixtures.binary, ["lessons", "--content", root + "/nowhere"], env, here)
        #expect(missing.status == 2 && missing.stderr.contains("--content \(root)/nowhere: no such folder"))
    }

    func runAt(_ binary: String, _ arguments: [String], _ environment: [String: String], _ directory: URL) throws -> ProcessOutput {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        p.environment = environment
        p.currentDirectoryURL = directory
        let outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = outPipe; p.standardError = errPipe
        try p.run()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return ProcessOutput(status: p.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}
