import Testing
@testable import OptimlabGrader
#if canImport(Glibc)
import Glibc
#endif

/// Runs the C victim with `arguments` in a fresh scratch folder.
func runVictim(_ arguments: [String], limits: SandboxLimits = .quick, stdin: [UInt8] = [],
               readable: [String] = [], host: HostSupport = .current) throws -> SandboxResult {
    let victim = try #require(Victims.c, "the C victim did not build")
    let scratch = TemporaryDirectory(prefix: "optimlab-scratch")
    defer { scratch.remove() }
    let request = SandboxRequest(executable: victim, arguments: arguments, scratchDirectory: scratch.path,
                                 stdin: stdin, readablePaths: readable)
    return Sandbox.run(request, limits: limits, host: host)
}

extension SandboxLimits {
    /// Short limits, so the misbehaving cases end quickly.
    static var quick: SandboxLimits {
        var limits = SandboxLimits()
        limits.wallSeconds = 5
        limits.cpuSeconds = 2
        limits.memoryBytes = 256 << 20
        return limits
    }
}

/// Pids of live processes whose command line contains `marker` (zombies included: they would
/// still be "left behind").
func processes(runningWith marker: String) -> [pid_t] {
    guard let proc = opendir("/proc") else { return [] }
    defer { closedir(proc) }
    var found: [pid_t] = []
    while let entry = readdir(proc) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard let pid = pid_t(name) else { continue }
        let fd = open("/proc/\(pid)/cmdline", O_RDONLY)
        guard fd >= 0 else { continue }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        close(fd)
        let words = buffer.prefix(max(0, n)).split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        if words.contains(marker) { found.append(pid) }
    }
    return found
}

/// True if no process (not even a zombie) has this pid.
func isGone(_ pid: pid_t) -> Bool { kill(pid, 0) == -1 && errno == ESRCH }

@Suite("Sandbox")
struct SandboxTests {
    @Test func exitCodeAndStreamsComeBack() throws {
        let result = try runVictim(["exit", "3"])
        #expect(result.outcome == .exited(3))
        #expect(result.stdoutText == "out\n")
        #expect(result.stderrText == "err\n")
        #expect(!result.stdoutTruncated && !result.stderrTruncated)
        #expect(result.protections == Sandbox.availableProtections)
        #expect(result.wallSeconds > 0 && result.wallSeconds < 2)
    }

    @Test func stdinIsFedEvenWhenLargerThanAPipe() throws {
        let input = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var limits = SandboxLimits.quick
        limits.maxOutputBytes = 2 << 20
        let result = try runVictim(["echo"], limits: limits, stdin: input)
        #expect(result.outcome == .exited(0))
        #expect(result.stdout == input)
    }

    @Test func childThatIgnoresStdinDoesNotHurtTheGrader() throws {
        let input = [UInt8](repeating: 7, count: 1 << 20)
        #expect(try runVictim(["exit", "0"], stdin: input).outcome == .exited(0))
    }

    @Test func fileSizeLimitIsSIGXFSZ() throws {
        var limits = SandboxLimits.quick
        limits.fileSizeBytes = 1 << 20
        #expect(try runVictim(["fsize"], limits: limits).outcome == .signaled(SIGXFSZ))
    }

    /// The child holds fds 0-3 only (the wrapper's fd 4 is close-on-exec): 16 - 4 more fit.
    @Test func openFilesLimitCountsOnlyTheFourInheritedDescriptors() throws {
        var limits = SandboxLimits.quick
        limits.openFiles = 16
        let result = try runVictim(["files"], limits: limits)
        #expect(result.outcome == .exited(0))
        #expect(result.stdoutText == "12\n")
    }

    @Test func segmentationFaultIsSignal11() throws {
        #expect(try runVictim(["segv"]).outcome == .signaled(SIGSEGV))
    }

    @Test func trapIsSignal4() throws {
        #expect(try runVictim(["trap"]).outcome == .signaled(SIGILL))
    }

    @Test func swiftFatalErrorIsSIGILLWithItsMessage() throws {
        let victim = try #require(Victims.swift, "the Swift victim did not build")
        let scratch = TemporaryDirectory(prefix: "optimlab-scratch")
        defer { scratch.remove() }
        let result = Sandbox.run(executable: victim, arguments: ["fatal"], scratchDirectory: scratch.path,
                                 limits: .quick)
        #expect(result.outcome == .signaled(SIGILL))
        #expect(result.stderrText.contains("Fatal error: boom"))
    }

    @Test func swiftMemoryBombHitsTheAddressSpaceLimit() throws {
        let victim = try #require(Victims.swift, "the Swift victim did not build")
        let scratch = TemporaryDirectory(prefix: "optimlab-scratch")
        defer { scratch.remove() }
        let result = Sandbox.run(executable: victim, arguments: ["mem"], scratchDirectory: scratch.path,
                                 limits: .quick)
        #expect(result.outcome == .signaled(SIGABRT))
        #expect(result.stderrText.contains("failed to allocate"))
        #expect(result.maxRSSKiB < 256 << 10)
    }

    @Test func infiniteLoopGetsSIGXCPUAtTheCPULimit() throws {
        var limits = SandboxLimits.quick
        limits.cpuSeconds = 1
        let result = try runVictim(["spin"], limits: limits)
        #expect(result.outcome == .signaled(SIGXCPU))
        // The kernel samples the limit and reports rusage by different clocks: 0.94 s was seen.
        #expect(result.cpuSeconds >= 0.85 && result.cpuSeconds < 1.6, "cpu \(result.cpuSeconds) wall \(result.wallSeconds)")
    }

    @Test func sleeperIsKilledAtTheWallLimit() throws {
        var limits = SandboxLimits.quick
        limits.wallSeconds = 1
        let result = try runVictim(["sleep"], limits: limits)
        #expect(result.outcome == .timedOut)
        #expect(result.wallSeconds >= 1.0 && result.wallSeconds < 1.5)
    }

    @Test func nonsensicalWallLimitsNeitherCrashNorHang() throws {
        var limits = SandboxLimits.quick
        limits.wallSeconds = .nan
        let nan = try runVictim(["sleep"], limits: limits)
        #expect(nan.outcome == .timedOut)
        #expect(nan.wallSeconds < 1)
        limits.wallSeconds = .infinity
        #expect(try runVictim(["exit", "0"], limits: limits).outcome == .exited(0))
    }

    @Test func outputSpewIsTruncatedAndKilled() throws {
        var limits = SandboxLimits.quick
        limits.maxOutputBytes = 10_000
        let result = try runVictim(["spew"], limits: limits)
        #expect(result.outcome == .outputLimitExceeded)
        #expect(result.stdout.count == 10_000)
        #expect(result.stdout.allSatisfy { $0 == UInt8(ascii: "x") })
        #expect(result.stdoutTruncated)
        #expect(result.wallSeconds < 2)
    }

    @Test func channelWritesArriveSeparately() throws {
        let result = try runVictim(["channel"])
        #expect(result.outcome == .exited(0))
        #expect(result.channelText == "channel-data")
        #expect(result.stdoutText == "stdout-data\n")
        #expect(!result.channelTruncated)
    }

    @Test func channelHasItsOwnCap() throws {
        var limits = SandboxLimits.quick
        limits.maxChannelBytes = 5
        let result = try runVictim(["channel"], limits: limits)
        #expect(result.outcome == .outputLimitExceeded)
        #expect(result.channelText == "chann")
        #expect(result.channelTruncated)
    }

    @Test func environmentIsOnlyTheBaseAndTheCallers() throws {
        let victim = try #require(Victims.c)
        let scratch = TemporaryDirectory(prefix: "optimlab-scratch")
        defer { scratch.remove() }
        let result = Sandbox.run(executable: victim, arguments: ["env"], scratchDirectory: scratch.path,
                                 environment: ["OPTIMLAB_CASE": "7", "PATH": "/usr/bin"], limits: .quick)
        let lines = Set(result.stdoutText.split(separator: "\n").map(String.init))
        #expect(lines == ["OPTIMLAB_CASE=7", "PATH=/usr/bin", "LANG=C.UTF-8", "SWIFT_BACKTRACE=enable=no",
                          "OPTIMLAB_CHANNEL_FD=3"])
    }

    @Test func missingExecutableIsASpawnFailureNotAnExitCode() {
        let scratch = TemporaryDirectory(prefix: "optimlab-scratch")
        defer { scratch.remove() }
        let result = Sandbox.run(executable: scratch.file("nope"), arguments: [], scratchDirectory: scratch.path,
                                 limits: .quick)
        #expect(result.outcome == .spawnFailed("not an executable file: \(scratch.file("nope"))"))
    }

    @Test func missingScratchFolderIsASpawnFailure() {
        let result = Sandbox.run(executable: "/bin/true", arguments: [], scratchDirectory: "/nonexistent/scratch",
                                 limits: .quick)
        #expect(result.outcome == .spawnFailed("scratch directory does not exist: /nonexistent/scratch"))
    }

    @Test func execFailureInsideTheWrapperIsReportedAsSuch() throws {
        // The compiled wrapper is the launcher wherever a C compiler exists (.ci/run installs one).
        guard case .wrapper = HostSupport.current.launcher else {
            Issue.record("the sandbox fell back to \(HostSupport.current.launcher); this test needs the exec wrapper")
            return
        }
        let scratch = TemporaryDirectory(prefix: "optimlab-scratch")
        defer { scratch.remove() }
        TemporaryDirectory.write("not a program", to: scratch.file("junk"))
        chmod(scratch.file("junk"), 0o755)
        let result = Sandbox.run(executable: "./junk", arguments: [], scratchDirectory: scratch.path, limits: .quick)
        #expect(result.outcome == .spawnFailed("sandbox setup failed: exec \(scratch.file("junk")): Exec format error"))
    }
}
