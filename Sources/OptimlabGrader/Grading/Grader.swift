import Foundation
import OptimlabEngine
import Synchronization

/// Grades submissions of one exercise: compile each against the prebuilt harness, run its cases in
/// the sandbox, compare the private channel with the engine's reference, diagnose failures.
public struct Grader: Sendable {
    public var exercise: Exercise
    public var toolchain: Toolchain
    public var library: HarnessLibrary
    public var runner: any ProcessRunner
    /// Fixes generated cases' random tensors (case i uses a seed derived from it and i); nil draws
    /// fresh ones per run, so a submission cannot be tuned to one set of numbers.
    public var seed: UInt64?

    public init(exercise: Exercise, toolchain: Toolchain, library: HarnessLibrary, runner: any ProcessRunner, seed: UInt64? = nil) {
        self.exercise = exercise; self.toolchain = toolchain; self.library = library; self.runner = runner; self.seed = seed
    }

    /// Finds the compiler and builds (or reuses) the harness library.
    public static func prepare(exercise: Exercise, runner: any ProcessRunner = SandboxRunner(), seed: UInt64? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<Grader, GraderError> {
        if let refusal = (runner as? SandboxRunner)?.refusal {
            return .failure(GraderError("NOT GRADED: the grader runs submissions only in its sandbox, and it cannot run here: \(refusal)"))
        }
        return Toolchain.locate(environment: environment, runner: runner).flatMap { toolchain in
            HarnessLibrary.prepare(toolchain: toolchain, cacheRoot: HarnessLibrary.cacheRoot(environment: environment), runner: runner)
                .map { Grader(exercise: exercise, toolchain: toolchain, library: $0, runner: runner, seed: seed) }
        }
    }

    /// Grades several submissions, two at a time (one compile keeps one core busy; more than two
    /// concurrent compiles gave nothing on the 2-core machines this was measured on). Reports keep
    /// the order of `paths`.
    public func grade(_ paths: [String], concurrency: Int = 2) -> [SubmissionReport] {
        grade(paths, seeds: [seed], concurrency: concurrency).map { $0[0] }
    }

    /// Grades several submissions once per seed each (one compile per submission), two at a time.
    public func grade(_ paths: [String], seeds: [UInt64?], concurrency: Int = 2) -> [[SubmissionReport]] {
        let reports = Mutex<[Int: [SubmissionReport]]>([:])
        let lanes = max(1, min(concurrency, paths.count))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            for i in stride(from: lane, to: paths.count, by: lanes) {
                let report = grade(paths[i], seeds: seeds)
                reports.withLock { $0[i] = report }
            }
        }
        return reports.withLock { all in paths.indices.compactMap { all[$0] } }
    }

    /// The seed of case `index` when the run's seed is `seed`.
    public static func caseSeed(_ seed: UInt64, index: Int) -> UInt64 { seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15 }

    /// Grades one submission file.
    public func grade(_ path: String) -> SubmissionReport { grade(path, seeds: [seed])[0] }

    /// Grades one submission file once per seed (one compile; each seed draws its own generated cases):
    /// `optimlab check` uses it to grade solutions and starters over several seeds.
    public func grade(_ path: String, seeds: [UInt64?]) -> [SubmissionReport] {
        let start = Date()
        var report = SubmissionReport(exerciseID: exercise.id, exerciseTitle: exercise.title, submission: path, points: exercise.points)
        let source: String
        switch SubmissionSource.load(path) {
        case .success(let text): source = text
        case .failure(let error):
            report.graderError = error.message
            return seeds.map { _ in report }
        }
        // The library is linked by the real compiler only through the sandbox; a scripted runner links nothing.
        if runner is SandboxRunner, let problem = library.verify() {
            report.graderError = problem
            return seeds.map { _ in report }
        }
        let scratch = FileManager.default.temporaryDirectory.path + "/optimlab-grade-\(UUID().uuidString)"
        do { try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700]) } catch {
            report.graderError = "cannot create a scratch folder: \(error.localizedDescription)"
            return seeds.map { _ in report }
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let build = SubmissionBuild(toolchain: toolchain, library: library, runner: runner)
        // The engine's reference traces and the case files are prepared on another thread while the
        // compiler runs: the compile is the long pole, so grading costs little more than compiling.
        let preparation = Mutex<[[PreparedCase]?]>([])
        let prepared = DispatchGroup()
        DispatchQueue.global().async(group: prepared) { [self] in
            let cases = seeds.enumerated().map { i, seed in prepareCases(scratch: scratch, seed: seed, prefix: i == 0 ? "" : "seed\(i)-") }
            preparation.withLock { $0 = cases }
        }
        let compileStart = Date()
        let (outcome, compilerMissing) = build.build(source: source, fileName: exercise.file, studentPath: path,
                                                     glue: exercise.declaration.glue(for: exercise.reference.output),
                                                     symbol: exercise.declaration.symbol, scratch: scratch)
        report.compileSeconds = Date().timeIntervalSince(compileStart)
        report.missingProtections = compilerMissing
        prepared.wait()
        let perSeed = preparation.withLock { $0 }
        return seeds.indices.map { i in
            var r = report
            let runStart = Date()
            switch outcome {
            case .failed(let error): r.graderError = error.message
            case .compileError(let text): r.compileOutput = text
            case .built(let executable):
                let cases = (i < perSeed.count ? perSeed[i] : nil) ?? []
                let (results, missing) = runCases(cases, executable: executable, scratch: scratch, studentPath: path)
                r.cases = results
                r.missingProtections = Array(Set(compilerMissing + missing)).sorted()
            }
            // The first seed's report counts the compile; the others only their own runs (plus the compile).
            r.totalSeconds = i == 0 ? Date().timeIntervalSince(start) : Date().timeIntervalSince(runStart) + r.compileSeconds
            return r
        }
    }

    /// One case ready to run: its reference, the case file written for it, and its channel nonce.
    struct PreparedCase {
        var source: ExerciseCase
        var reference: CaseReference
        var nonce: String
        var inputPath: String
        var seed: UInt64?
        /// The inputs as the student can replay them (``CaseInputs``).
        var inputs: String
    }

    /// Runs every case. All cases go to one process first (a process start in the sandbox costs about
    /// as much as a case); each case's section of the channel is judged on its own. If that process
    /// stops inside a case, that case is judged by how it stopped, and the cases after it run one
    /// process each, so one crash costs no other case its verdict. After a timeout or an output
    /// overflow they are failed without running, so a runaway submission costs one time limit, not one
    /// per case.
    /// Computes every case's reference and writes its input file; nil if a file cannot be written
    /// (then no case runs and the report is "not graded", never a pass).
    func prepareCases(scratch: String, seed: UInt64?, prefix: String = "") -> [PreparedCase]? {
        var prepared: [PreparedCase] = []
        for (i, c) in exercise.cases.enumerated() {
            let caseSeed = seed.map { Self.caseSeed($0, index: i) } ?? UInt64.random(in: 0...UInt64.max)
            let reference = CaseReference(exercise: exercise, source: c.source, seed: caseSeed)
            let nonce = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let path = "\(scratch)/\(prefix)case-\(i + 1).txt"
            let input = HarnessInput(trace: reference.inputs, nonce: nonce, setsLR: reference.setsLR,
                                     extraHyperparameters: reference.extraHyperparameters)
            let text = input.text
            do { try text.write(toFile: path, atomically: false, encoding: .utf8) } catch { return nil }
            let generatedSeed: UInt64? = if case .generated(let g) = c.source { g.seed ?? caseSeed } else { nil }
            prepared.append(PreparedCase(source: c, reference: reference, nonce: nonce, inputPath: path, seed: generatedSeed,
                                         inputs: c.hidden ? "" : CaseInputs.describe(input)))
        }
        return prepared
    }

    func runCases(_ prepared: [PreparedCase], executable: String, scratch: String, studentPath: String = "") -> ([CaseResult], [String]) {
        let crash = CrashLocation(scratchFile: "\(scratch)/\(exercise.file)", fileName: exercise.file, studentPath: studentPath,
                                  executable: executable, symbolizer: CrashSymbolizer(toolchain: toolchain, runner: runner, scratch: scratch))
        guard !prepared.isEmpty else { return ([], []) }
        let points = prepared.isEmpty ? 0 : exercise.points / Double(prepared.count)
        var results: [CaseResult] = []
        var missing = Set<String>()
        // One time budget for the submission: the per-case limit for every case (they run in one process),
        // plus start-up. A crash does not buy a fresh budget: the cases after it share what is left.
        var remaining = exercise.timeLimit * Double(prepared.count) + Self.startupSeconds
        let batch = execute(executable, prepared.map(\.inputPath), scratch: scratch, seconds: remaining)
        remaining -= batch.wallSeconds
        missing.formUnion(batch.missingProtections)
        var next = 0
        while next < prepared.count {
            let channel = ChannelOutput(bytes: batch.channel, nonce: prepared[next].nonce)
            guard channel.finished else { break }
            results.append(judged(prepared[next], channel: channel, run: RunResult(outcome: .exited(0)), points: points,
                                  seconds: batch.wallSeconds / Double(prepared.count), output: .none, crash: crash))
            next += 1
        }
        // The batch's output goes with the case it stopped in, or with the first case when it finished.
        guard next < prepared.count else {
            results[0].output = output(batch, of: prepared, crash: crash)
            return (results, missing.sorted())
        }
        let stopped = prepared[next]
        results.append(judged(stopped, channel: ChannelOutput(bytes: batch.channel, nonce: stopped.nonce), run: batch,
                              points: points, seconds: batch.wallSeconds,
                              output: output(batch, of: prepared, crash: crash), crash: crash))
        for p in prepared[(next + 1)...] {
            switch batch.outcome {
            case .timedOut, .outputLimitExceeded:      // a time limit of either kind (``SandboxRun/timeLimited``)
                results.append(CaseResult(name: p.source.name, hidden: p.source.hidden, status: .failed,
                                          message: "not run: the program did not get past case \(stopped.source.name)",
                                          maxScore: points, seed: p.seed, steps: p.reference.expected.count, seconds: 0,
                                          failure: .notRun, inputs: p.source.hidden ? "" : p.inputs))
            default:
                guard remaining > 0 else {
                    results.append(CaseResult(name: p.source.name, hidden: p.source.hidden, status: .failed,
                                              message: "not run: the submission's time budget was spent",
                                              maxScore: points, output: "", seed: p.seed, steps: p.reference.expected.count, seconds: 0))
                    continue
                }
                let single = execute(executable, [p.inputPath], scratch: scratch,
                                     seconds: min(exercise.timeLimit + Self.startupSeconds, remaining))
                remaining -= single.wallSeconds
                missing.formUnion(single.missingProtections)
                results.append(judged(p, channel: ChannelOutput(bytes: single.channel, nonce: p.nonce), run: single,
                                      points: points, seconds: single.wallSeconds, output: output(single, of: [p], crash: crash), crash: crash))
            }
        }
        return (results, missing.sorted())
    }

    /// Start-up allowance of one sandboxed run of a submission (bwrap, the loader, the Swift runtime).
    static let startupSeconds = 1.0

    /// Runs the compiled submission over the given case files in the sandbox, within `seconds`. Its view
    /// holds copies of the case files and the Swift runtime libraries, nothing else of the host.
    func execute(_ executable: String, _ inputs: [String], scratch: String, seconds: Double) -> RunResult {
        let expectedBytes = inputs.reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
        return runner.run(RunRequest(executable: executable, arguments: inputs, scratchDirectory: scratch,
                                     environment: ["PATH": "/usr/bin:/bin", "SWIFT_BACKTRACE": "enable=no"],
                                     readablePaths: [toolchain.runtimeLibraryDirectory] + inputs,
                                     confinement: .submission,
                                     wallSeconds: seconds, cpuSeconds: seconds, memoryBytes: 1 << 30,
                                     scratchBytes: 64 << 20 + 2 * expectedBytes,
                                     maxOutputBytes: 64 << 10, maxChannelBytes: max(16 << 20, 4 * expectedBytes)))
    }

    /// What a run printed, for the report: cleaned, its scratch paths named as the student's file,
    /// and withheld when the run also ran a hidden case (the student could print its inputs).
    func output(_ run: RunResult, of cases: [PreparedCase], crash: CrashLocation) -> ProgramOutput {
        let printed = ProgramOutput(bytes: run.stdout + run.stderr, totalBytes: run.stdoutBytes + run.stderrBytes)
        var shown = ProgramOutput(text: crash.mapPaths(printed.text), totalBytes: printed.totalBytes)
        if !shown.isEmpty, cases.contains(where: { $0.source.hidden }) { shown.withheld = "the run included a hidden case" }
        return shown
    }

    /// Judges one case's channel section, and diagnoses a mismatch.
    func judged(_ p: PreparedCase, channel: ChannelOutput, run r: RunResult, points: Double, seconds: Double,
                output: ProgramOutput, crash: CrashLocation) -> CaseResult {
        var verdict = judge(reference: p.reference, channel: channel, run: r)
        var line: Int?
        if case .signaled = r.outcome, verdict.failure == .crash {
            let site = crash.site(of: r)
            line = site?.line
            verdict.message += Self.crashPlace(site, file: crash.studentName, exerciseFile: exercise.file)
        }
        var result = CaseResult(name: p.source.name, hidden: p.source.hidden, status: verdict.status, message: verdict.message,
                                maxScore: points, divergence: verdict.divergence, output: output,
                                seed: p.seed, steps: p.reference.expected.count, seconds: seconds, failure: verdict.failure,
                                inputs: p.source.hidden ? "" : p.inputs)
        result.line = line
        if verdict.status == .failed, verdict.divergence != nil {
            result.diagnosis = Diagnosis.find(reference: p.reference, exercise: exercise, got: channel.steps, tolerance: p.reference.tolerance(exercise.tolerance))
        }
        return result
    }

    /// Where a crash happened, after `it crashed (…)`: ` at <file>:<line> in <function>: <reason>`, or
    /// that no line of the student's file was on the stack.
    static func crashPlace(_ site: CrashLocation.Site?, file: String, exerciseFile: String) -> String {
        guard let site else { return "; no line of \(exerciseFile) was found on its stack" }
        return " at \(file):\(site.line)" + (site.function.map { " in \($0)" } ?? "") + (site.reason.map { ": \($0)" } ?? "")
    }

    /// Pass only when the run finished every step (END with the nonce) and every value is within
    /// tolerance; everything else fails, with the reason.
    func judge(reference: CaseReference, channel: ChannelOutput, run r: RunResult) -> Verdict {
        let total = reference.expected.count
        let stoppedAt = "the program stopped before finishing step \(channel.steps.count + 1) of \(total)"
        switch r.outcome {
        case .timedOut: return Verdict(.failed, "\(stoppedAt): it ran out of time (\(Self.seconds(exercise.timeLimit)) s limit)", .timeout)
        case .outputLimitExceeded: return Verdict(.failed, "\(stoppedAt): it printed more than the output limit", .outputLimit)
        case .signaled(let s):
            return Verdict(.failed, "\(stoppedAt): it crashed (\(Self.signalName(s)))", .crash)
        case .spawnFailed(let why): return Verdict(.error, "the grader could not run the program: \(ReportText.name(why))", .grader)
        case .exited(let code) where code != 0 && !channel.finished:
            return Verdict(.failed, "\(stoppedAt): it exited with status \(code)", .exit)
        case .exited: break
        }
        if let problem = channel.problem { return Verdict(.failed, problem, .protocolError) }
        guard channel.finished, channel.steps.count == total else { return Verdict(.failed, stoppedAt, .exit) }
        let (names, lengths) = reference.labels
        if let d = Divergence.first(expected: reference.expected, got: channel.steps, tolerance: reference.tolerance(exercise.tolerance),
                                    names: names, lengths: lengths) {
            let what = ["lr", "norm"].contains(d.tensor) && d.index == 0 ? d.tensor : "\(d.tensor)[\(d.index)]"
            return Verdict(.failed, "step \(d.step): \(ReportText.name(what)) expected \(Self.number(d.expected)), got \(Self.number(d.got)) (relative error \(Self.number(d.relativeError)))",
                           .mismatch, divergence: d)
        }
        return Verdict(.passed, "", nil)
    }

    /// A case's verdict, before the report's details are added.
    struct Verdict {
        var status: CaseResult.Status
        var message: String
        var failure: CaseResult.Failure?
        var divergence: Divergence?
        init(_ status: CaseResult.Status, _ message: String, _ failure: CaseResult.Failure?, divergence: Divergence? = nil) {
            self.status = status; self.message = message; self.failure = failure; self.divergence = divergence
        }
    }

    static func number(_ x: Double) -> String { String(format: "%.9g", x) }
    static func seconds(_ x: Double) -> String { String(format: "%g", x) }

    static func signalName(_ s: Int32) -> String {
        switch s {
        case SIGSEGV: "segmentation fault, SIGSEGV"
        case SIGILL: "fatal error or trap, SIGILL"
        case SIGTRAP: "fatal error or trap, SIGTRAP"
        case SIGABRT: "aborted, SIGABRT (often out of memory)"
        case SIGKILL: "killed, SIGKILL (memory or time limit)"
        case SIGXFSZ: "file size limit exceeded, SIGXFSZ"
        case SIGBUS: "bus error, SIGBUS"
        case SIGFPE: "arithmetic error, SIGFPE"
        default: "signal \(s)"
        }
    }
}
