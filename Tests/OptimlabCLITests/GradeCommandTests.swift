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
        #expect(unknown.stderr.contains("built-in: sgd-momentum, adagrad, rmsprop, adam-bias-correction, adamw, amsgrad, multistep-decay, warmup-cosine, linear-scaling, clip-grad-norm, parameter-groups, training-step"))
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
