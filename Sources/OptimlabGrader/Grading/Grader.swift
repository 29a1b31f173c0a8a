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
        Toolchain.locate(environment: environment, runner: runner).flatMap { toolchain in
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
        guard let data = FileManager.default.contents(atPath: path), let source = String(data: data, encoding: .utf8) else {
            report.graderError = "\(path): cannot read the submission"
            return seeds.map { _ in report }
        }
        let scratch = FileManager.default.temporaryDirectory.path + "/optimlab-grade-\(UUID().uuidString)"
        do { try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true) } catch {
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
        var reports: [SubmissionReport] = []
        let perSeed = preparation.withLock { $0 }
        for i in seeds.indices {
            var r = report
            switch outcome {
            case .failed(let error): r.graderError = error.message
            case .compileError(let text): r.compileOutput = text
            case .built(let executable):
                let runStart = Date()
                let (results, missing) = runCases((i < perSeed.count ? perSeed[i] : nil) ?? [], executable: executable, scratch: scratch)
                r.cases = results
                r.missingProtections = Array(Set(compilerMissing + missing)).sorted()
                r.totalSeconds = (i == 0 ? Date().timeIntervalSince(start) : Date().timeIntervalSince(runStart) + r.compileSeconds)
                reports.append(r)
                continue
            }
            r.totalSeconds = Date().timeIntervalSince(start)
            reports.append(r)
        }
        return reports
    }

    /// One case ready to run: its reference, the case file written for it, and its channel nonce.
    struct PreparedCase {
        var source: ExerciseCase
        var reference: CaseReference
        var nonce: String
        var inputPath: String
        var seed: UInt64?
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
            let text = HarnessInput(trace: reference.inputs, nonce: nonce, setsLR: reference.setsLR,
                                    extraHyperparameters: reference.extraHyperparameters).text
            do { try text.write(toFile: path, atomically: false, encoding: .utf8) } catch { return nil }
            let generatedSeed: UInt64? = if case .generated(let g) = c.source { g.seed ?? caseSeed } else { nil }
            prepared.append(PreparedCase(source: c, reference: reference, nonce: nonce, inputPath: path, seed: generatedSeed))
        }
        return prepared
    }

    func runCases(_ prepared: [PreparedCase], executable: String, scratch: String) -> ([CaseResult], [String]) {
        guard !prepared.isEmpty else { return ([], []) }
        let points = prepared.isEmpty ? 0 : exercise.points / Double(prepared.count)
        var results: [CaseResult] = []
        var missing = Set<String>()
        let batch = execute(executable, prepared.map(\.inputPath), scratch: scratch)
        missing.formUnion(batch.missingProtections)
        var next = 0
        while next < prepared.count {
            let channel = ChannelOutput(bytes: batch.channel, nonce: prepared[next].nonce)
            guard channel.finished else { break }
            results.append(judged(prepared[next], channel: channel, run: RunResult(outcome: .exited(0)), points: points,
                                  seconds: batch.wallSeconds / Double(prepared.count), output: results.isEmpty ? batch : nil))
            next += 1
        }
        guard next < prepared.count else { return (results, missing.sorted()) }
        let stopped = prepared[next]
        results.append(judged(stopped, channel: ChannelOutput(bytes: batch.channel, nonce: stopped.nonce), run: batch,
                              points: points, seconds: batch.wallSeconds, output: batch))
        for p in prepared[(next + 1)...] {
            switch batch.outcome {
            case .timedOut, .outputLimitExceeded:
                results.append(CaseResult(name: p.source.name, hidden: p.source.hidden, status: .failed,
                                          message: "not run: the program did not get past case \(stopped.source.name)",
                                          maxScore: points, output: "", seed: p.seed, steps: p.reference.expected.count, seconds: 0))
            default:
                let single = execute(executable, [p.inputPath], scratch: scratch)
                missing.formUnion(single.missingProtections)
                results.append(judged(p, channel: ChannelOutput(bytes: single.channel, nonce: p.nonce), run: single,
                                      points: points, seconds: single.wallSeconds, output: single))
            }
        }
        return (results, missing.sorted())
    }

    /// Runs the compiled submission over the given case files in the sandbox.
    func execute(_ executable: String, _ inputs: [String], scratch: String) -> RunResult {
        let expectedBytes = inputs.reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
        return runner.run(RunRequest(executable: executable, arguments: inputs, scratchDirectory: scratch,
                                     environment: ["PATH": "/usr/bin:/bin", "SWIFT_BACKTRACE": "enable=no"],
                                     readablePaths: [toolchain.root],     // the Swift runtime libraries
                                     wallSeconds: exercise.timeLimit, cpuSeconds: exercise.timeLimit, memoryBytes: 1 << 30,
                                     maxOutputBytes: max(64 << 10, 2 * expectedBytes)))
    }

    /// Judges one case's channel section, and diagnoses a mismatch.
    func judged(_ p: PreparedCase, channel: ChannelOutput, run r: RunResult, points: Double, seconds: Double, output: RunResult?) -> CaseResult {
        let verdict = judge(reference: p.reference, channel: channel, run: r)
        var result = CaseResult(name: p.source.name, hidden: p.source.hidden, status: verdict.status, message: verdict.message,
                                maxScore: points, divergence: verdict.divergence, output: output.map { Self.excerpt($0.stdout + $0.stderr) } ?? "",
                                seed: p.seed, steps: p.reference.expected.count, seconds: seconds)
        if verdict.status == .failed, verdict.divergence != nil {
            result.diagnosis = Diagnosis.find(reference: p.reference, exercise: exercise, got: channel.steps, tolerance: p.reference.tolerance(exercise.tolerance))
        }
        return result
    }

    /// Pass only when the run finished every step (END with the nonce) and every value is within
    /// tolerance; everything else fails, with the reason.
    func judge(reference: CaseReference, channel: ChannelOutput, run r: RunResult) -> (status: CaseResult.Status, message: String, divergence: Divergence?) {
        let total = reference.expected.count
        let stoppedAt = "the program stopped before finishing step \(channel.steps.count + 1) of \(total)"
        switch r.outcome {
        case .timedOut: return (.failed, "\(stoppedAt): it ran out of time (\(Self.seconds(exercise.timeLimit)) s limit)", nil)
        case .outputLimitExceeded: return (.failed, "\(stoppedAt): it printed more than the output limit", nil)
        case .signaled(let s): return (.failed, "\(stoppedAt): it crashed (\(Self.signalName(s)))", nil)
        case .spawnFailed(let why): return (.error, "the grader could not run the program: \(why)", nil)
        case .exited(let code) where code != 0 && !channel.finished:
            return (.failed, "\(stoppedAt): it exited with status \(code)", nil)
        case .exited: break
        }
        if let problem = channel.problem { return (.failed, problem, nil) }
        guard channel.finished, channel.steps.count == total else { return (.failed, stoppedAt, nil) }
        let (names, lengths) = reference.labels
        if let d = Divergence.first(expected: reference.expected, got: channel.steps, tolerance: reference.tolerance(exercise.tolerance),
                                    names: names, lengths: lengths) {
            let what = ["lr", "norm"].contains(d.tensor) && d.index == 0 ? d.tensor : "\(d.tensor)[\(d.index)]"
            return (.failed, "step \(d.step): \(what) expected \(Self.number(d.expected)), got \(Self.number(d.got)) (relative error \(Self.number(d.relativeError)))", d)
        }
        return (.passed, "", nil)
    }

    static func excerpt(_ bytes: [UInt8], limit: Int = 500) -> String {
        let text = String(decoding: bytes.prefix(limit), as: UTF8.self)
        return bytes.count > limit ? text + "\n[output truncated to \(limit) bytes]" : text
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
        case SIGXCPU: "CPU time limit exceeded, SIGXCPU"
        case SIGXFSZ: "file size limit exceeded, SIGXFSZ"
        case SIGBUS: "bus error, SIGBUS"
        case SIGFPE: "arithmetic error, SIGFPE"
        default: "signal \(s)"
        }
    }
}
