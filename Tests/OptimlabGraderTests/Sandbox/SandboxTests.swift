import OptimlabTestSupport
import Testing
@testable import OptimlabGrader
#if canImport(Glibc)
import Glibc
#endif

/// The sandbox as a process runner: outcomes, streams, limits.
@Suite("Sandbox")
struct SandboxTests {
    @Test func exitCodeAndStreamsComeBack() throws {
        let result = try runVictim(["exit", "3"])
        #expect(result.outcome == .exited(3))
        #expect(result.stdoutText == "out\n")
        #expect(result.stderrText == "err\n")
        #expect(result.missingProtections.isEmpty)
    }

    /// Output past the cap is drained and counted, and the run goes on to exit normally.
    @Test func outputPastTheCapIsCountedNotFatal() throws {
        let result = try runVictim(["print", "300"], maxOutputBytes: 2048)
        #expect(result.outcome == .exited(0))
        #expect(result.stdout.count == 2048 && result.stdout.allSatisfy { $0 == UInt8(ascii: "x") })
        #expect(result.stdoutBytes == 300 * 1024)
    }

    @Test func channelWritesArriveSeparately() throws {
        let result = try runVictim(["channel"])
        #expect(result.outcome == .exited(0))
        #expect(result.channelText == "channel-data")
        #expect(result.stdoutText == "stdout-data\n")
    }

    @Test func aChannelPastItsCapEndsTheRun() throws {
        let result = try runVictim(["channel-spew"], maxChannelBytes: 100_000)
        #expect(result.outcome == .outputLimitExceeded)
        #expect(result.channel.count == 100_000)
    }

    @Test func crashesAreSignals() throws {
        #expect(try runVictim(["segv"]).outcome == .signaled(SIGSEGV))
        #expect(try runVictim(["trap"]).outcome == .signaled(SIGILL))
    }

    /// An endless loop ends as one outcome, the time limit, whichever mechanism fires first: the CPU
    /// limit (SIGXCPU; SIGKILL at the hard limit when the program ignores SIGXCPU) or the wall-clock
    /// budget. Each run makes one mechanism the only one that can fire in the test's lifetime, so the
    /// machine's speed or load decides nothing; the marker after the loop never appears.
    @Test(arguments: [("spin", 600.0, 1.0), ("spin-ignoring-sigxcpu", 600.0, 1.0), ("spin", 1.0, 600.0)])
    func anEndlessLoopIsATimeLimitWhicheverLimitFires(mode: String, wallSeconds: Double, cpuSeconds: Double) throws {
        let result = try runVictim([mode], wallSeconds: wallSeconds, cpuSeconds: cpuSeconds)
        #expect(result.outcome == .timedOut, "\(mode), wall \(wallSeconds) s, CPU \(cpuSeconds) s: \(result.outcome)")
        #expect(!result.stdoutText.contains("spin-finished"))
    }

    /// Only the time limit's own signals become `.timedOut`: a SIGKILL before the run could have used
    /// its CPU limit (its tasks' wall time; someone else's kill) and every other signal stay what they were.
    @Test func onlyTheTimeLimitsSignalsAreATimeLimit() {
        #expect(SandboxRun.timeLimited(.signaled(SIGXCPU), wallSeconds: 0.2, tasks: 1, cpuLimit: 5) == .timedOut)
        #expect(SandboxRun.timeLimited(.signaled(SIGKILL), wallSeconds: 6, tasks: 1, cpuLimit: 5) == .timedOut)
        #expect(SandboxRun.timeLimited(.signaled(SIGKILL), wallSeconds: 0.7, tasks: 8, cpuLimit: 5) == .timedOut)
        #expect(SandboxRun.timeLimited(.signaled(SIGKILL), wallSeconds: 0.2, tasks: 8, cpuLimit: 5) == .signaled(SIGKILL))
        #expect(SandboxRun.timeLimited(.signaled(SIGSEGV), wallSeconds: 9, tasks: 1, cpuLimit: 5) == .signaled(SIGSEGV))
        #expect(SandboxRun.timeLimited(.exited(0), wallSeconds: 9, tasks: 1, cpuLimit: 5) == .exited(0))
    }

    @Test func aSleeperIsKilledAtTheTimeBudget() throws {
        let marker = "sleeper-\(UInt64.random(in: 0...UInt64.max))"
        let result = try runVictim(["sleep", marker], wallSeconds: 1)
        #expect(result.outcome == .timedOut)
        #expect(processes(runningWith: marker).isEmpty, "the sleeper outlived its run")
    }

    @Test func theEnvironmentIsOnlyTheBaseAndTheCallers() throws {
        let result = try runVictim(["env"], environment: ["OPTIMLAB_CASE": "7", "PATH": "/usr/bin"])
        var lines = Set(result.stdoutText.split(separator: "\n").map(String.init))
        let pwd = lines.first { $0.hasPrefix("PWD=") }           // bwrap's --chdir sets it: the scratch folder
        #expect(pwd?.hasPrefix("PWD=/tmp/optimlab-scratch-") == true)
        if let pwd { lines.remove(pwd) }
        #expect(lines == ["OPTIMLAB_CASE=7", "PATH=/usr/bin", "LANG=C.UTF-8", "SWIFT_BACKTRACE=enable=no",
                          "MALLOC_ARENA_MAX=1", "OPTIMLAB_CHANNEL_FD=3"])
    }

    @Test func theProgramIsPid2AndUid65534() throws {
        #expect(try runVictim(["pid"]).stdoutText == "2\n")
        #expect(try runVictim(["uid"]).stdoutText == "65534 65534\n")
    }

    @Test func caseFilesAreCopiedIn() throws {
        let shared = TemporaryDirectory(prefix: "optimlab-readable")
        defer { shared.remove() }
        TemporaryDirectory.write("reference\n", to: shared.file("case.txt"))
        #expect(try runVictim(["read", shared.file("case.txt")], readable: [shared.file("case.txt")]).stdoutText == "reference\n")
        // Writing the copy changes nothing outside.
        _ = try runVictim(["write", shared.file("case.txt")], readable: [shared.file("case.txt")])
        #expect((try? String(contentsOfFile: shared.file("case.txt"), encoding: .utf8)) == "reference\n")
        // A file not listed is not there at all.
        #expect(try runVictim(["read", shared.file("case.txt")]).stdoutText == "No such file or directory\n")
    }

    @Test func aMissingExecutableIsRefused() {
        let scratch = TemporaryDirectory(prefix: "optimlab-scratch")
        defer { scratch.remove() }
        let result = SandboxRunner().run(RunRequest(executable: scratch.file("nope"), arguments: [],
                                                    scratchDirectory: scratch.path, wallSeconds: 5, cpuSeconds: 5))
        #expect(result.outcome == .spawnFailed("not an executable file: \(scratch.file("nope"))"))
    }

    @Test func aSymlinkedExecutableIsRefused() throws {
        let victim = try #require(Victims.c)
        let scratch = TemporaryDirectory(prefix: "optimlab-scratch")
        defer { scratch.remove() }
        symlink(victim, scratch.file("link"))
        let result = SandboxRunner().run(RunRequest(executable: scratch.file("link"), arguments: ["exit", "0"],
                                                    scratchDirectory: scratch.path, wallSeconds: 5, cpuSeconds: 5))
        #expect(result.outcome == .spawnFailed("not an executable file: \(scratch.file("link"))"))
    }

    @Test func aMissingScratchFolderIsRefused() {
        let result = SandboxRunner().run(RunRequest(executable: "/bin/true", arguments: [], scratchDirectory: "/nonexistent/scratch",
                                                    wallSeconds: 5, cpuSeconds: 5))
        #expect(result.outcome == .spawnFailed("scratch directory does not exist: /nonexistent/scratch"))
    }

    /// Without a working sandbox nothing runs: the run is refused with the reason.
    @Test func withoutTheSandboxEveryRunIsRefused() throws {
        let scratch = TemporaryDirectory(prefix: "optimlab-scratch")
        defer { scratch.remove() }
        let runner = SandboxRunner(host: .failure(SandboxRefusal("bubblewrap (bwrap) is not installed: apt-get install bubblewrap")))
        let result = runner.run(RunRequest(executable: try #require(Victims.c), arguments: ["exit", "0"],
                                           scratchDirectory: scratch.path, wallSeconds: 5, cpuSeconds: 5))
        #expect(result.outcome == .spawnFailed("refused to run without the sandbox: bubblewrap (bwrap) is not installed: apt-get install bubblewrap"))
    }

    /// …and the grader refuses to grade at all, saying why (the class run is NOT GRADED, never unconfined).
    @Test func withoutTheSandboxTheGraderRefusesToGrade() {
        let runner = SandboxRunner(host: .failure(SandboxRefusal("user namespaces are disabled")))
        switch Grader.prepare(exercise: GradingFixture.exercise("adamw"), runner: runner, environment: GradingFixture.environment) {
        case .success: Issue.record("a grader was prepared without a sandbox")
        case .failure(let error):
            #expect(error.message == "NOT GRADED: the grader runs submissions only in its sandbox, and it cannot run here: user namespaces are disabled")
        }
    }

    @Test func theHostProbeFindsEveryProtection() throws {
        let host = try SandboxHost.current.get()
        #expect(host.probe() == nil)
        #expect(host.launcherDigest == Digest.sha256Hex(try #require(SandboxHost.readFile(SandboxHost.loadLauncher().get().path))))
        #expect(Sandbox.refusal == nil)
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(Digest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256Hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
