import Foundation
import OptimlabTestSupport
import Testing
@testable import OptimlabGrader
#if canImport(Glibc)
import Glibc
#endif

/// Hostile submissions (Fixtures/Hostile) graded through the real compiler and sandbox, as root and as an
/// unprivileged user: each is the reference AdamW plus one escape attempt on its first step. Every one
/// must still PASS (the sandbox stops the attempt, not correct code), and every attempt must be REFUSED:
/// the host socket sees no connection, no marker appears in the folder the submissions aim at, the
/// SysV segment is gone, the resources stayed within their budgets.
@Suite(.serialized) struct HostileGradingTests {
    static let names = ["unix-socket", "read-shadow", "exec-shell", "host-proc", "sysv-shm", "keyring",
                        "fork-300", "memory-3g", "disk-2g", "locked-folder"]
    /// The folder the submissions aim at (they cannot be told where else): the host socket lives here
    /// and the markers would.
    static let target = "/tmp/optimlab-hostile"
    static let fixtures = Bundle.module.resourcePath! + "/Fixtures/Hostile"
    static let segmentKey: key_t = 0x4f50_4c43

    /// What a grading said about one submission: passed, and the first case's output.
    struct Outcome { var passed: Bool; var status: String; var output: String }

    @Test func refusedWhenGradingAsRoot() throws {
        try #require(geteuid() == 0, "grading as root needs root")
        let (listener, folder) = try Self.prepareTarget()
        defer { listener.close(); try? FileManager.default.removeItem(atPath: folder) }
        var exercise = GradingFixture.exercise("adamw")
        exercise.timeLimit = 3
        let submissions = TemporaryDirectory(prefix: "optimlab-hostile-root")
        defer { submissions.remove() }
        let paths = try Self.names.map { try Self.writeSubmission($0, to: submissions.file("\($0).swift")) }
        let reports = GradingFixture.grader(exercise).grade(paths)
        let outcomes = Dictionary(uniqueKeysWithValues: zip(Self.names, reports.map {
            Outcome(passed: $0.passed, status: $0.status.rawValue, output: $0.cases.first?.output.text ?? "")
        }))
        Self.expectRefused(outcomes, listener: listener)
    }

    /// The same batch graded by `optimlab grade` running as uid 65534 (a user CI machines have; a fresh
    /// machine has no other unprivileged account), with its own HOME, cache and TMPDIR.
    @Test func refusedWhenGradingAsAnUnprivilegedUser() throws {
        guard geteuid() == 0 else {
            Issue.record("not root: cannot start a grader as another user here (run the suite as root)")
            return
        }
        let optimlab = try #require(Self.optimlabForNobody, "build the optimlab executable first (`swift build`)")
        let (listener, folder) = try Self.prepareTarget()
        defer { listener.close(); try? FileManager.default.removeItem(atPath: folder) }
        let home = TemporaryDirectory(prefix: "optimlab-unprivileged")
        defer { home.remove() }
        chmod(home.path, 0o700)
        let tmp = home.file("tmp")
        mkdir(tmp, 0o700)
        var copies: [String] = []
        for name in Self.names {
            let copy = home.file("\(name).swift")
            copies.append(try Self.writeSubmission(name, to: copy))
        }
        // The exercise without its hidden case: a run that includes one withholds the program's output,
        // and the output is where these submissions report what the sandbox did to them.
        let exercise = home.file("adamw")
        try FileManager.default.copyItem(atPath: "\(GradingFixture.exercises)/adamw", toPath: exercise)
        let yaml = try String(contentsOfFile: "\(exercise)/exercise.yaml", encoding: .utf8)
        try yaml.replacingOccurrences(of: "    hidden: true\n", with: "").write(toFile: "\(exercise)/exercise.yaml", atomically: false, encoding: .utf8)
        let owned = [home.path, tmp, exercise, "\(exercise)/exercise.yaml"] + copies
            + ((try? FileManager.default.subpathsOfDirectory(atPath: exercise)) ?? []).map { "\(exercise)/\($0)" }
        for path in owned { chown(path, 65534, 65534) }
        let data = try GradingFixture.gradeAsNobody(optimlab, copies + ["--exercise", exercise, "--format", "json", "--seed", "42"],
                                                    home: home.path, tmp: tmp)
        let parsed = try? JSONSerialization.jsonObject(with: data)
        let json = try #require(parsed as? [String: Any], "\(String(decoding: data.prefix(2000), as: UTF8.self))")
        let submissions = try #require(json["submissions"] as? [[String: Any]])
        #expect(submissions.count == Self.names.count)
        var outcomes: [String: Outcome] = [:]
        for (name, s) in zip(Self.names, submissions) {
            let cases = s["cases"] as? [[String: Any]] ?? []
            outcomes[name] = Outcome(passed: s["passed"] as? Bool ?? false, status: s["status"] as? String ?? "?",
                                     output: cases.first?["output"] as? String ?? "")
        }
        Self.expectRefused(outcomes, listener: listener)
        // Nothing left in the grader's TMPDIR: no scratch folder, no TemporaryDirectory.*.
        #expect((try? FileManager.default.contentsOfDirectory(atPath: tmp)) == [])
    }

    /// Writes the hostile submission `name`: the shared body (the reference AdamW and the reporting
    /// helpers, `Shared.swift.part`) followed by that attack's file.
    static func writeSubmission(_ name: String, to path: String) throws -> String {
        let shared = try String(contentsOfFile: "\(fixtures)/Shared.swift.part", encoding: .utf8)
        let attack = try String(contentsOfFile: "\(fixtures)/\(name).swift", encoding: .utf8)
        try (shared + "\n" + attack).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func expectRefused(_ outcomes: [String: Outcome], listener: UnixListener) {
        for name in names {
            let o = outcomes[name]
            #expect(o?.passed == true, "\(name): \(o?.status ?? "missing") \(o?.output ?? "")")
        }
        func said(_ name: String) -> String { outcomes[name]?.output ?? "" }
        #expect(said("unix-socket").contains("hostile: socket: Operation not permitted"), "\(said("unix-socket"))")
        #expect(!listener.accepted(), "a submission reached the host's unix socket")
        #expect(said("read-shadow").contains("hostile: /etc/shadow: No such file or directory"), "\(said("read-shadow"))")
        #expect(said("exec-shell").contains("hostile: exec /bin/sh: Operation not permitted"), "\(said("exec-shell"))")
        #expect(said("exec-shell").contains("hostile: exec /proc/self/exe: Operation not permitted"), "\(said("exec-shell"))")
        #expect(said("host-proc").contains("hostile: pid 1 is /usr/bin/bwrap") || said("host-proc").contains("hostile: pid 1 is /bin/bwrap"),
                "\(said("host-proc"))")
        #expect(said("host-proc").contains("hostile: 2 processes in sight"), "\(said("host-proc"))")
        #expect(said("sysv-shm").contains("hostile: segment "), "\(said("sysv-shm"))")
        #expect(shmget(segmentKey, 0, 0) == -1 && errno == ENOENT, "the SysV segment outlived the grading")
        #expect(said("keyring").contains("hostile: keyctl: Operation not permitted"), "\(said("keyring"))")
        #expect((number(after: "hostile: forked ", in: said("fork-300")) ?? 300) < 8, "\(said("fork-300"))")
        #expect((number(after: "hostile: allocated ", in: said("memory-3g")) ?? 3072) <= 1024, "\(said("memory-3g"))")
        #expect((number(after: "hostile: wrote ", in: said("disk-2g")) ?? 2048) <= 80, "\(said("disk-2g"))")
        #expect(said("locked-folder").contains("hostile: locked"), "\(said("locked-folder"))")
        // No marker reached the host: the folder holds only the test's own socket.
        #expect((try? FileManager.default.contentsOfDirectory(atPath: target)) == ["host.sock"])
    }

    static func number(after prefix: String, in text: String) -> Int? {
        guard let range = text.range(of: prefix) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    /// A fresh, world-writable target folder with a listening socket in it: if the sandbox let anything
    /// through, the submission could connect and write there.
    static func prepareTarget() throws -> (UnixListener, String) {
        try? FileManager.default.removeItem(atPath: target)
        mkdir(target, 0o777)
        chmod(target, 0o777)
        _ = shmctl(shmget(segmentKey, 0, 0), IPC_RMID, nil)
        let folder = TemporaryDirectory(path: target)
        return (try #require(UnixListener(in: folder)), target)
    }

    /// `optimlab`, built beside the test runner.
    static var optimlabBinary: String? {
        guard let me = FileSystem.realPath("/proc/self/exe") else { return nil }
        let path = String(me[..<(me.lastIndex(of: "/") ?? me.startIndex)]) + "/optimlab"
        return access(path, X_OK) == 0 ? path : nil
    }

    /// `optimlab` and its launcher copied into a root-owned folder (mode 755) that uid 65534 can
    /// enter: the build folder may lie below one only root can traverse (a clone in `mktemp -d`),
    /// where the unprivileged grader could not be started at all.
    static let optimlabForNobody: String? = {
        guard let optimlab = optimlabBinary else { return nil }
        let folder = TemporaryDirectory(prefix: "optimlab-binaries", mode: 0o755)
        let built = String(optimlab[..<(optimlab.lastIndex(of: "/") ?? optimlab.startIndex)])
        for name in ["optimlab", "optimlab-launcher"] {
            guard (try? FileManager.default.copyItem(atPath: "\(built)/\(name)", toPath: folder.file(name))) != nil else { return nil }
            chmod(folder.file(name), 0o755)
        }
        return folder.file("optimlab")
    }()
}
