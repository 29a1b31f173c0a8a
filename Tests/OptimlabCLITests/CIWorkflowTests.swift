import Foundation
import Testing

/// The CI workflows of docs/ci.md, run locally: each test takes the grading script out of the page
/// (the `Grade` step of a GitHub workflow, the `script:` of the GitLab job), runs it with the debug
/// binary on PATH on a passing, a failing and a non-compiling submission, and checks what CI would
/// see — the exit status, the annotations, the step summary and the JUnit reports.
@Suite(.serialized) struct CIWorkflowTests {
    static var page: String {
        (try? String(contentsOfFile: Fixtures.packageRoot + "/docs/ci.md", encoding: .utf8)) ?? ""
    }

    /// The fenced block whose first line is `# <name>`, as lines.
    static func block(_ name: String) throws -> [Substring] {
        let blocks = page.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
        let found = try #require(blocks.first { $0.hasPrefix("# \(name)\n") }, "docs/ci.md has no workflow \(name)")
        return found.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The fenced shell block whose second line is `# <name>…`.
    static func shellBlock(_ name: String) throws -> String {
        let blocks = page.components(separatedBy: "```sh\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
        return try #require(blocks.first { $0.split(separator: "\n").dropFirst().first?.hasPrefix("# \(name)") == true },
                            "docs/ci.md has no script \(name)") + "\n"
    }

    static func indent(_ line: Substring) -> Int { line.prefix { $0 == " " }.count }

    /// The `run: |` script of the step named `step`, dedented.
    static func githubScript(_ workflow: String, step: String = "Grade") throws -> String {
        let lines = try block(workflow)
        let named = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "- name: \(step)" })
        let run = try #require(lines[named...].firstIndex { $0.trimmingCharacters(in: .whitespaces) == "run: |" })
        let body = lines[(run + 1)...].prefix { $0.isEmpty || indent($0) > indent(lines[run]) }
        let margin = body.filter { !$0.isEmpty }.map(indent).min() ?? 0
        return body.map { $0.dropFirst(min(margin, $0.count)) }.joined(separator: "\n") + "\n"
    }

    /// The items of the `script:` list of a GitLab job.
    static func gitlabScript(_ file: String) throws -> [String] {
        let lines = try block(file)
        let start = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "script:" })
        return lines[(start + 1)...].prefix { indent($0) > indent(lines[start]) }
            .map { String($0.trimmingCharacters(in: .whitespaces).dropFirst(2)) }
    }

    /// A folder with the three sample submissions, and the environment CI would give the script.
    static func setUp() throws -> (root: URL, environment: [String: String], broken: (name: String, line: Int)) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("optimlab-ci-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("submissions"), withIntermediateDirectories: true)
        let good = try ExerciseLoopBinaryTests.solution()
        let brokenText = good + "\nlet broken: Int = \"x\"\n"
        let brokenLine = brokenText.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("let broken") }! + 1
        try good.write(to: root.appendingPathComponent("submissions/ada.swift"), atomically: true, encoding: .utf8)
        try ExerciseLoopBinaryTests.withoutBiasCorrection().write(to: root.appendingPathComponent("submissions/bob.swift"), atomically: true, encoding: .utf8)
        try brokenText.write(to: root.appendingPathComponent("submissions/cy.swift"), atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        for key in ["OPTIMLAB_CONTENT", "OPTIMLAB_EXERCISES", "OPTIMLAB_LESSONS"] { env[key] = nil }
        env["PATH"] = (Fixtures.binary as NSString).deletingLastPathComponent + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["XDG_CACHE_HOME"] = root.appendingPathComponent("cache").path
        env["GITHUB_RUN_ID"] = "7"
        env["CI_PIPELINE_ID"] = "7"
        env["EXERCISE"] = "adamw"
        env["GITHUB_STEP_SUMMARY"] = root.appendingPathComponent("summary.md").path
        env["NO_COLOR"] = "1"
        return (root, env, ("cy.swift", brokenLine))
    }

    static func shell(_ script: String, in directory: URL, environment: [String: String]) throws -> ProcessOutput {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-e", "-c", script]
        p.environment = environment
        p.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return ProcessOutput(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test func pushedSubmissionWorkflow() throws {
        let script = try Self.githubScript(".github/workflows/grade.yml")
        #expect(script.contains("--format github"))
        let (root, env, broken) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let repo = root.appendingPathComponent("submission")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let summary = try #require(env["GITHUB_STEP_SUMMARY"])
        var results: [String: ProcessOutput] = [:]
        for name in ["ada.swift", "bob.swift", broken.name] {
            try? FileManager.default.removeItem(at: repo.appendingPathComponent("AdamW.swift"))
            try FileManager.default.copyItem(at: root.appendingPathComponent("submissions/\(name)"), to: repo.appendingPathComponent("AdamW.swift"))
            try? FileManager.default.removeItem(atPath: summary)
            var r = try Self.shell(script, in: repo, environment: env)
            r.stdout += "\n--- summary ---\n" + ((try? String(contentsOfFile: summary, encoding: .utf8)) ?? "")
            r.stdout += "\n--- junit ---\n" + ((try? String(contentsOf: repo.appendingPathComponent("report.xml"), encoding: .utf8)) ?? "")
            results[name] = r
        }
        let pass = try #require(results["ada.swift"]), fail = try #require(results["bob.swift"]), compile = try #require(results[broken.name])
        #expect(pass.status == 0, "\(pass.stdout)\(pass.stderr)")
        #expect(pass.stdout.contains("::notice file=AdamW.swift,title=adamw%3A passed::5 of 5 cases passed (10/10 points)"))
        #expect(!pass.stdout.contains("title=adamw%3A typical"))     // no notice per passing case
        #expect(pass.stdout.contains("| AdamW.swift | adamw | ✅ passed | 10/10 |"))
        #expect(pass.stdout.contains("failures=\"0\" errors=\"0\""))

        #expect(fail.status == 1)
        #expect(fail.stdout.contains("::error file=AdamW.swift,title=adamw%3A typical::step 1: w[0] expected"))
        #expect(fail.stdout.contains("Likely cause: No bias correction [no-bias-correction]"))
        #expect(fail.stdout.contains("| AdamW.swift | adamw | ❌ failed | 0/10 |"))
        #expect(fail.stdout.contains("<failure message=\"step 1: w[0] expected"))

        #expect(compile.status == 1)
        #expect(compile.stdout.contains("::error file=AdamW.swift,line=\(broken.line),title=adamw%3A does not compile::cannot convert value of type 'String' to specified type 'Int'"))
        #expect(compile.stdout.contains("❌ compile-error"))
        #expect(compile.stdout.contains("type=\"compile-error\""))
    }

    @Test func classFolderShardsCoverEverySubmissionOnce() throws {
        let script = try Self.githubScript(".github/workflows/grade-class.yml")
        #expect(script.contains("--shard \"$SHARD/$SHARDS\""))
        let (root, env, _) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        var suites: [String] = []
        for shard in 1...2 {
            var shardEnv = env
            shardEnv["SHARD"] = "\(shard)"
            shardEnv["SHARDS"] = "2"
            let r = try Self.shell(script, in: root, environment: shardEnv)
            #expect(r.status == 1, "shard \(shard): \(r.stdout)\(r.stderr)")        // each shard holds a failing submission
            let xml = try String(contentsOf: root.appendingPathComponent("report-\(shard).xml"), encoding: .utf8)
            suites += xml.components(separatedBy: "<testsuite name=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
        #expect(suites.sorted() == ["adamw.submissions/ada.swift", "adamw.submissions/bob.swift", "adamw.submissions/cy.swift"])
        let summary = try String(contentsOfFile: try #require(env["GITHUB_STEP_SUMMARY"]), encoding: .utf8)
        #expect(summary.contains("### optimlab (shard 1/2): 1 of 2 submission(s) passed") && summary.contains("### optimlab (shard 2/2): 0 of 1 submission(s) passed"), "\(summary)")

        var empty = env
        empty["SHARD"] = "4"; empty["SHARDS"] = "4"
        let none = try Self.shell(script, in: root, environment: empty)
        #expect(none.status == 0 && none.stderr.contains("shard 4/4 holds no submission"))
    }

    /// Exercism's `bin/run.sh SLUG INPUT_DIR OUTPUT_DIR`: exit 0 with results.json, pass or fail.
    @Test func exercismRunnerExitsZeroAndWritesResults() throws {
        let script = try Self.shellBlock("bin/run.sh")
        let (root, env, broken) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let runner = root.appendingPathComponent("run.sh")
        try script.write(to: runner, atomically: true, encoding: .utf8)
        for (name, status) in [("bob.swift", "fail"), (broken.name, "error")] {
            let input = root.appendingPathComponent("input-\(name)"), output = root.appendingPathComponent("output-\(name)")
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: root.appendingPathComponent("submissions/\(name)"), to: input.appendingPathComponent("AdamW.swift"))
            let r = try Self.shell("bash \(runner.path) adamw \(input.path)/ \(output.path)/", in: root, environment: env)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let results = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("results.json"))) as? [String: Any]
            #expect(results?["status"] as? String == status, "\(name)")
        }
    }

    @Test func gitlabJobWritesTheJUnitReportAndFails() throws {
        let commands = try Self.gitlabScript(".gitlab-ci.yml")
        #expect(commands.count == 1)
        let (root, env, broken) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        var status: Int32 = 0
        for command in commands where status == 0 { status = try Self.shell(command, in: root, environment: env).status }
        #expect(status == 1)
        let xml = try String(contentsOf: root.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(xml.contains("<testsuites name=\"optimlab\" tests=\"11\" failures=\"5\" errors=\"1\""), "\(xml.prefix(300))")
        #expect(xml.contains("name=\"submissions/ada.swift: typical\" "))
        #expect(xml.contains("<testcase classname=\"adamw.submissions/\(broken.name)\" name=\"submissions/\(broken.name): compile\""))
        #expect(xml.contains("type=\"mismatch\">step 1: w[0] expected"))
    }
}
