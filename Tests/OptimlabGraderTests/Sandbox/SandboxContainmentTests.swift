import Foundation
import OptimlabTestSupport
import Testing
@testable import OptimlabGrader
#if canImport(Glibc)
import Glibc
#endif

/// Escape attempts from inside the sandbox, each proven refused: the marker it tries to leave never
/// appears on the host, the socket it dials never sees a connection, the resource stays in its budget.
@Suite("Sandbox containment")
struct SandboxContainmentTests {
    @Test func aHostUnixSocketCannotBeReached() throws {
        let folder = TemporaryDirectory(prefix: "optimlab-socket")
        defer { folder.remove() }
        chmod(folder.path, 0o755)
        let listener = try #require(UnixListener(in: folder))
        defer { listener.close() }
        let result = try runVictim(["unix", listener.path])
        #expect(result.stdoutText == "Operation not permitted\n")
        #expect(!listener.accepted(), "the sandbox reached a host unix socket")
    }

    @Test func loopbackTCPIsUnreachable() throws {
        let listener = try #require(LoopbackListener())
        defer { listener.close() }
        let result = try runVictim(["tcp", "\(listener.port)"])
        #expect(result.stdoutText == "Operation not permitted\n")
        #expect(!listener.accepted())
        #expect(try runVictim(["socketpair"]).stdoutText == "paired\n")
    }

    @Test func etcShadowIsNotInTheViewAndNothingIsWrittenOutside() throws {
        let outside = TemporaryDirectory(prefix: "optimlab-outside")
        defer { outside.remove() }
        chmod(outside.path, 0o777)
        let marker = outside.file("shadow-line")
        let result = try runVictim(["copy", "/etc/shadow", marker])
        #expect(result.stdoutText == "No such file or directory\n")
        let written = try runVictim(["write", marker])
        #expect(written.stdoutText == "No such file or directory\n")
        #expect(!TemporaryDirectory.exists(marker))
    }

    /// The view's root holds the launcher and the folders of the libraries and nothing else: no /etc,
    /// /tmp, /run, /var, /home or /root, no shell in /bin.
    @Test func theViewHoldsOnlyWhatTheProgramNeeds() throws {
        let root = Set(try runVictim(["ls", "/"]).stdoutText.split(separator: "\n").map(String.init))
        #expect(root.isSubset(of: ["dev", "proc", "lib", "lib64", "usr", "opt", "tmp", "optimlab-launcher"]), "\(root)")
        for hidden in ["etc", "run", "var", "home", "root", "bin", "work", "sys"] { #expect(!root.contains(hidden), "\(hidden)") }
        // /tmp exists only as the parent of the scratch tmpfs and of the program's own binary.
        let victimFolder = try #require(Victims.c).split(separator: "/").dropLast().last.map(String.init)
        let tmp = try runVictim(["ls", "/tmp"]).stdoutText.split(separator: "\n").map(String.init)
        #expect(tmp.count == 2 && tmp.contains { $0.hasPrefix("optimlab-scratch-") } && tmp.contains(victimFolder ?? "?"), "\(tmp)")
        #expect(try runVictim(["read", "/bin/sh"]).stdoutText == "No such file or directory\n")
    }

    @Test func noExecAfterStart() throws {
        #expect(try runVictim(["exec", "/bin/sh"]).stdoutText == "Operation not permitted\n")
        // Even a program that is in the view (itself) cannot be exec'd again.
        #expect(try runVictim(["exec-self"]).stdoutText == "Operation not permitted\n")
        let victim = try #require(Victims.c)
        #expect(try runVictim(["exec", victim]).stdoutText == "Operation not permitted\n")
    }

    @Test func theHostsProcessesAreNotInSight() throws {
        let cmdline = try runVictim(["read", "/proc/1/cmdline"]).stdout
        let words = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        #expect(words.first?.hasSuffix("bwrap") == true, "\(words.prefix(3))")     // its own pid 1
        let entries = try runVictim(["ls", "/proc"]).stdoutText.split(separator: "\n").compactMap { Int($0) }
        #expect(entries.count <= 3, "\(entries)")                                  // bwrap's init, the victim
    }

    @Test func aSysVSegmentDiesWithTheRun() throws {
        let key: Int32 = 0x4f50_4c42
        let result = try runVictim(["shm", "\(key)"])
        #expect(result.stdoutText.hasPrefix("segment "))
        #expect(shmget(key, 0, 0) == -1 && errno == ENOENT, "the segment leaked into the host's IPC namespace")
    }

    @Test func kernelInterfacesAreDenied() throws {
        #expect(try runVictim(["keyctl"]).stdoutText == "Operation not permitted\n")
        #expect(try runVictim(["ptrace"]).stdoutText == "Operation not permitted\n")
        #expect(try runVictim(["unshare"]).stdoutText == "Operation not permitted\n")
    }

    @Test func foreignSyscallABIsKillTheProgram() throws {
        #expect(try runVictim(["i386"]).outcome == .signaled(SIGSYS))
        #expect(try runVictim(["x32"]).outcome == .signaled(SIGSYS))
    }

    @Test func aForkBombIsCappedAndLeavesNothing() throws {
        let marker = "forkbomb-\(UInt64.random(in: 0...UInt64.max))"
        let result = try runVictim(["forkbomb", "300", marker], maxTasks: 8)
        #expect(result.outcome == .exited(0))
        let forked = try #require(Int(result.stdoutText.split(separator: " ").last?.dropLast() ?? ""))
        #expect(forked >= 1 && forked < 8, "forked \(forked)")
        #expect(processes(runningWith: marker).isEmpty)
    }

    /// Six children asking 512 MiB each (3 GiB) get no more than the run's 1 GiB between them.
    @Test func memoryIsOneBudgetForAllTasks() throws {
        let result = try runVictim(["memory", "6", "512"], memoryBytes: 1 << 30, maxTasks: 8)
        let words = result.stdoutText.split(separator: " ")
        let total = try #require(words.count > 1 ? Int(words[1]) : nil, "\(result.stdoutText)")
        #expect(total > 0 && total <= 1024, "the children got \(total) MiB")
    }

    @Test func scratchHasAQuota() throws {
        let result = try runVictim(["fill", "2048"], scratchBytes: 32 << 20)
        let words = result.stdoutText.split(separator: " ")
        let written = try #require(words.count > 1 ? Int(words[1]) : nil, "\(result.stdoutText)")
        #expect(written <= 32, "wrote \(written) MiB into a 32 MiB scratch")
        // The file-size limit (the quota's size) or the full tmpfs, whichever comes first.
        #expect(result.stdoutText.hasSuffix("File too large\n") || result.stdoutText.hasSuffix("No space left on device\n"),
                "\(result.stdoutText)")
    }

    /// A folder made unreadable inside never reaches the host's scratch folder, which is removed cleanly.
    @Test func whatTheProgramWritesStaysInItsTmpfs() throws {
        let scratch = TemporaryDirectory(prefix: "optimlab-scratch")
        let result = try runVictim(["mkdir000"], scratch: scratch)
        #expect(result.stdoutText == "locked\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
        scratch.remove()
        #expect(!TemporaryDirectory.exists(scratch.path))
    }
}
