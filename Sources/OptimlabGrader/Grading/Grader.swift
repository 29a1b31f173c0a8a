import Foundation
import OptimlabEngine
import Synchronization

/// Grades submissions of one exercise: compile each against the prebuilt harness, run every case in
/// its own process, compare the private channel with the engine's reference, diagnose failures.
public struct Grader: Sendable {
    public var exercise: Exercise
    public var toolchain: Toolchain
    public var library: HarnessLibrary
    public var runner: any ProcessRunner
    /// Fixes generated cases' random tensors; nil draws fresh ones per run (a submission cannot be
    /// tuned to one set of numbers).
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
        let reports = Mutex<[Int: SubmissionReport]>([:])
        let lanes = max(1, min(concurrency, paths.count))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            for i in stride(from: lane, to: paths.count, by: lanes) {
                let report = grade(paths[i])
                reports.withLock { $0[i] = report }
            }
        }
        return reports.withLock { all in paths.indices.map { all[$0]! } }
    }

    /// Grades one submission file.
    public func grade(_ path: String) -> SubmissionReport {
        let start = Date()
        var report = SubmissionReport(exerciseID: exercise.id, exerciseTitle: exercise.title, submission: path, points: exercise.points)
        guard let data = FileManager.default.contents(atPath: path), let source = String(data: data, encoding: .utf8) else {
            report.graderError = "\(path): cannot read the submission"
            return report
        }
        let scratch = FileManager.default.temporaryDirectory.path + "/optimlab-grade-\(UUID().uuidString)"
        do { try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true) } catch {
            report.graderError = "cannot create a scratch folder: \(error.localizedDescription)"
            return report
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let build = SubmissionBuild(toolchain: toolchain, library: library, runner: runner)
        let compileStart = Date()
        switch build.build(source: source, fileName: exercise.file, studentPath: path, kind: exercise.harness, scratch: scratch) {
        case .failed(let error): report.graderError = error.message
        case .compileError(let text): report.compileOutput = text
        case .built(let executable):
            report.compileSeconds = Date().timeIntervalSince(compileStart)
            let pointsEach = exercise.cases.isEmpty ? 0 : exercise.points / Double(exercise.cases.count)
            for c in exercise.cases {
                let (result, missing) = run(c, executable: executable, scratch: scratch, points: pointsEach)
                report.cases.append(result)
                report.missingProtections = Array(Set(report.missingProtections + missing)).sorted()
            }
        }
        report.totalSeconds = Date().timeIntervalSince(start)
        return report
    }

    /// Runs one case and judges it.
    func run(_ c: ExerciseCase, executable: String, scratch: String, points: Double) -> (CaseResult, [String]) {
        let caseSeed = seed ?? UInt64.random(in: 0...UInt64.max)
        let reference = CaseReference(kind: exercise.harness, source: c.source, seed: caseSeed)
        let generatedSeed: UInt64? = if case .generated(let g) = c.source { g.seed ?? caseSeed } else { nil }
        var result = CaseResult(name: c.name, hidden: c.hidden, status: .error, message: "", maxScore: points,
                                output: "", seed: generatedSeed, steps: reference.expected.count, seconds: 0)
        let nonce = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let input = HarnessInput(kind: exercise.harness, trace: reference.inputs, nonce: nonce, setsLR: reference.setsLR)
        let inputPath = "\(scratch)/case.txt"
        do { try input.text.write(toFile: inputPath, atomically: false, encoding: .utf8) } catch {
            result.message = "the grader could not write the case file: \(error.localizedDescription)"
            return (result, [])
        }
        let r = runner.run(RunRequest(executable: executable, arguments: [inputPath], scratchDirectory: scratch,
                                      environment: ["PATH": "/usr/bin:/bin", "SWIFT_BACKTRACE": "enable=no"],
                                      wallSeconds: exercise.timeLimit, cpuSeconds: exercise.timeLimit, memoryBytes: 1 << 30,
                                      maxOutputBytes: max(64 << 10, 2 * input.text.utf8.count)))
        result.seconds = r.wallSeconds
        result.output = Self.excerpt(r.stdout + r.stderr)
        let channel = ChannelOutput(bytes: r.channel, nonce: nonce)
        let judged = judge(reference: reference, channel: channel, run: r)
        result.status = judged.status
        result.message = judged.message
        result.divergence = judged.divergence
        if judged.status == .failed, judged.divergence != nil {
            result.diagnosis = Diagnosis.find(reference: reference, kind: exercise.harness, got: channel.steps, tolerance: exercise.tolerance)
        }
        return (result, r.missingProtections)
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
        let lengths = reference.inputs.initialParams.lengths
        let names = exercise.harness.output == .learningRate ? ["lr"] : reference.inputs.initialParams.names
        if let d = Divergence.first(expected: reference.expected, got: channel.steps, tolerance: exercise.tolerance,
                                    names: names, lengths: exercise.harness.output == .learningRate ? [1] : lengths) {
            let what = exercise.harness.output == .learningRate ? "lr" : "\(d.tensor)[\(d.index)]"
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
