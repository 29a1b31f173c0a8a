import Foundation
import OptimlabContent
import Testing

/// `optimlab grade` through the real binary, from a folder with no course in it: the built-in exercise
/// is used, the exit status says pass (0), fail (1) or cannot grade (2), and each format reports it.
struct GradeCommandTests {
    static func solution(_ exercise: String) -> String? {
        EmbeddedContent.files(under: "exercises").first {
            $0.path.hasPrefix("exercises/\(exercise)/solution/") && $0.path.hasSuffix(".swift")
        }?.text
    }

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("optimlab-grade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func gradesABuiltInExerciseFromAnyFolder() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try #require(Self.solution("adamw"))
        // The same solution with bias correction removed: the grader must fail it and name the mistake.
        let bad = good.replacingOccurrences(of: "1 - pow(beta1, Double(t))", with: "1.0")
            .replacingOccurrences(of: "1 - pow(beta2, Double(t))", with: "1.0")
        #expect(bad != good)
        try good.write(to: dir.appendingPathComponent("good.swift"), atomically: true, encoding: .utf8)
        try bad.write(to: dir.appendingPathComponent("bad.swift"), atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = dir.appendingPathComponent("cache").path
        env["OPTIMLAB_EXERCISES"] = dir.appendingPathComponent("none").path

        let pass = try runOptimlab(["grade", "good.swift", "--exercise", "adamw", "--format", "json"], environment: env, currentDirectory: dir)
        #expect(pass.status == 0, "\(pass.stderr)")
        #expect(pass.stdout.contains("\"passed\" : true") || pass.stdout.contains("\"passed\": true"))

        let fail = try runOptimlab(["grade", "bad.swift", "--exercise", "adamw"], environment: env, currentDirectory: dir)
        #expect(fail.status == 1)
        #expect(fail.stdout.contains("no-bias-correction"))

        let unknown = try runOptimlab(["grade", "good.swift", "--exercise", "adamx"], environment: env, currentDirectory: dir)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("built-in: sgd-momentum, adagrad, rmsprop, adam-bias-correction, adamw, amsgrad, multistep-decay, warmup-cosine, linear-scaling, clip-grad-norm, parameter-groups, training-step, adafactor, lion"))
    }
}

/// `optimlab new-exercise NAME --reference KIND` in a folder with no course: the scaffold copies the
/// built-in exercise with that reference under the new id, so `optimlab check` passes it at once
/// (starter compiles and fails, solution passes, on every seed).
struct NewExerciseCommandTests {
    @Test(arguments: ["adamw", "warmup_cosine", "rmsprop"])
    func scaffoldPassesCheckWithoutACourseFolder(_ reference: String) throws {
        let dir = try GradeCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = dir.appendingPathComponent("cache").path
        let id = "my-" + reference.replacingOccurrences(of: "_", with: "-")
        let made = try runOptimlab(["new-exercise", id, "--reference", reference, "--root", "course"],
                                   environment: env, currentDirectory: dir)
        #expect(made.status == 0, "\(made.stderr)")
        let yaml = try String(contentsOf: dir.appendingPathComponent("course/\(id)/exercise.yaml"), encoding: .utf8)
        #expect(yaml.hasPrefix("id: \(id)\n") && !yaml.contains("\norder:"))
        let check = try runOptimlab(["check", "course/\(id)"], environment: env, currentDirectory: dir)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("solution passes, starter fails on every seed"))
        let again = try runOptimlab(["new-exercise", id, "--reference", reference, "--root", "course"],
                                    environment: env, currentDirectory: dir)
        #expect(again.status == 2)
        #expect(again.stderr == "optimlab: course/\(id) already exists\n")
    }

    @Test func anUnknownReferenceIsAUsageError() throws {
        let dir = try GradeCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try runOptimlab(["new-exercise", "x", "--reference", "sgdd"], environment: ProcessInfo.processInfo.environment, currentDirectory: dir)
        #expect(made.status != 0)
        #expect(made.stderr.contains("The value 'sgdd' is invalid for '--reference <reference>'"), "\(made.stderr)")
        #expect(made.stderr.contains("rmsprop") && made.stderr.contains("clip_grad_norm"))      // the valid values are listed
    }
}

/// `optimlab grade` as CI runs it: a class folder, an unwritable --output, no compiler at all, the
/// Exercism runner contract, and a symlink submission.
@Suite struct GradeCommandCITests {
    static func environment(_ dir: URL) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = dir.appendingPathComponent("cache").path
        env["OPTIMLAB_EXERCISES"] = dir.appendingPathComponent("none").path
        for key in ["OPTIMLAB_CONTENT", "OPTIMLAB_LESSONS", "GITHUB_STEP_SUMMARY"] { env[key] = nil }
        env["NO_COLOR"] = "1"
        return env
    }

    static func write(_ text: String, _ path: String, in dir: URL) throws {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func aClassroomFolderIsFoundRecursivelyAndNamedByStudent() throws {
        let dir = try GradeCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try #require(GradeCommandTests.solution("adamw"))
        try Self.write(good, "classroom/ada/AdamW.swift", in: dir)
        try Self.write(good.replacingOccurrences(of: "1 - pow(beta1, Double(t))", with: "1.0"), "classroom/bob/AdamW.swift", in: dir)
        try Self.write(good, "classroom/.git/AdamW.swift", in: dir)          // hidden folders are not submissions
        let r = try runOptimlab(["grade", "classroom", "--exercise", "adamw", "--seed", "3", "--format", "junit"],
                                environment: Self.environment(dir), currentDirectory: dir)
        #expect(r.status == 1, "\(r.stderr)")
        let suites = r.stdout.components(separatedBy: "<testsuite name=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(suites == ["adamw.ada", "adamw.bob"])
        #expect(r.stdout.contains("<testcase classname=\"adamw.ada\" name=\"ada: typical\""))
        let text = try runOptimlab(["grade", "classroom/", "--exercise", "adamw", "--seed", "3", "--shard", "1/2"],
                                   environment: Self.environment(dir), currentDirectory: dir)
        let first = try #require(text.stdout.split(separator: "\n").first)
        #expect(first.hasPrefix("ada — ") && first.hasSuffix(": PASSED (10/10 points)"), "\(text.stdout)")
    }

    @Test func anUnwritableOutputIsRefusedBeforeGrading() throws {
        let dir = try GradeCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(try #require(GradeCommandTests.solution("adamw")), "AdamW.swift", in: dir)
        var env = Self.environment(dir)
        env["GITHUB_STEP_SUMMARY"] = dir.appendingPathComponent("summary.md").path
        let missing = try runOptimlab(["grade", "AdamW.swift", "--exercise", "adamw", "--format", "github", "--output", "no/such/dir/r.txt"],
                                      environment: env, currentDirectory: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr == "optimlab: --output no/such/dir/r.txt: the folder no/such/dir does not exist\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("summary.md").path), "it graded before refusing")
        let folder = try runOptimlab(["grade", "AdamW.swift", "--exercise", "adamw", "--output", "."], environment: env, currentDirectory: dir)
        #expect(folder.status == 2 && folder.stderr == "optimlab: --output .: is a folder; give a file name\n")
    }

    /// No compiler at all: every format still writes its report, and each fails closed.
    @Test func withoutACompilerEveryFormatFailsClosed() throws {
        let dir = try GradeCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(try #require(GradeCommandTests.solution("adamw")), "AdamW.swift", in: dir)
        var env = Self.environment(dir)
        env["PATH"] = "/nonexistent"
        env["OPTIMLAB_SWIFTC"] = "/nonexistent/swiftc"
        let reason = "no Swift compiler found: put swiftc on PATH or set OPTIMLAB_SWIFTC"
        var reports: [String: String] = [:]
        for format in ["text", "json", "junit", "github", "gradescope", "exercism"] {
            let r = try runOptimlab(["grade", "AdamW.swift", "--exercise", "adamw", "--format", format, "--output", "report.\(format)"],
                                    environment: env, currentDirectory: dir)
            #expect(r.status == (format == "exercism" ? 0 : 2), "\(format): \(r.stderr)")
            reports[format] = try String(contentsOf: dir.appendingPathComponent("report.\(format)"), encoding: .utf8)
        }
        let text = reports["text"]!.split(separator: "\n")
        #expect(text.count == 2 && text[0].hasPrefix("AdamW.swift — ") && text[0].hasSuffix(": NOT GRADED") && text[1] == "    \(reason)", "\(text)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(reports["json"]!.utf8)) as? [String: Any])
        #expect(json["passed"] as? Bool == false)
        #expect(reports["junit"]!.contains("<error message=\"\(reason)\" type=\"not-graded\">"))
        #expect(reports["github"]!.hasPrefix("::error file=AdamW.swift,title=adamw%3A not graded::\(reason)\n"))
        let gradescope = try #require(try JSONSerialization.jsonObject(with: Data(reports["gradescope"]!.utf8)) as? [String: Any])
        let tests = try #require(gradescope["tests"] as? [[String: Any]])
        #expect(gradescope["score"] as? Int == 0 && tests.count == 1)
        #expect(tests[0]["name"] as? String == "Graded" && tests[0]["status"] as? String == "failed" && tests[0]["output"] as? String == reason)
        let exercism = try #require(try JSONSerialization.jsonObject(with: Data(reports["exercism"]!.utf8)) as? [String: Any])
        #expect(exercism["status"] as? String == "error" && exercism["message"] as? String == reason)
    }

    /// Exercism's runner exits 0 whenever it ran: the verdict is in results.json.
    @Test func exercismExitsZeroWhateverTheVerdict() throws {
        let dir = try GradeCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try #require(GradeCommandTests.solution("adamw"))
        try Self.write(good.replacingOccurrences(of: "1 - pow(beta1, Double(t))", with: "1.0"), "AdamW.swift", in: dir)
        let r = try runOptimlab(["grade", "AdamW.swift", "--exercise", "adamw", "--seed", "5", "--format", "exercism", "--output", "results.json"],
                                environment: Self.environment(dir), currentDirectory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("results.json"))) as? [String: Any])
        #expect(results["status"] as? String == "fail" && results["version"] as? Int == 3)
        let tests = try #require(results["tests"] as? [[String: Any]])
        #expect((tests[0]["test_code"] as? String)?.hasPrefix("hyperparameters: lr = ") == true, "\(tests[0])")
        #expect((tests[0]["test_code"] as? String)?.contains("initial params: w = [") == true)
    }

    /// A symlink to a file holding a secret is refused by name; the secret is in no report.
    @Test func aSymlinkSubmissionLeaksNothing() throws {
        let dir = try GradeCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let marker = "MARKER-\(UUID().uuidString)"
        try Self.write("let secret = \"\(marker)\"\n", "secret.txt", in: dir)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("AdamW.swift").path,
                                                   withDestinationPath: dir.appendingPathComponent("secret.txt").path)
        for format in ["text", "json", "junit", "github", "gradescope", "exercism"] {
            let r = try runOptimlab(["grade", "AdamW.swift", "--exercise", "adamw", "--format", format],
                                    environment: Self.environment(dir), currentDirectory: dir)
            #expect(r.status == (format == "exercism" ? 0 : 2), "\(format)")
            #expect(!r.stdout.contains(marker) && !r.stderr.contains(marker), "\(format) leaked the target")
            #expect(r.stdout.contains("AdamW.swift: not graded: it is a symbolic link; only a regular file is graded"), "\(format): \(r.stdout)")
        }
    }
}
