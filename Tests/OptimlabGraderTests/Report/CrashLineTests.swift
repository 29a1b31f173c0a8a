import Foundation
import Testing
@testable import OptimlabGrader
import OptimlabTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A crash names the student's file, line and function for every kind of trap and fault: the standard
/// library's checks (an index out of range, a nil unwrapped), the compiler's (an integer overflow), a
/// stack overflow, and a crash in a helper the step calls. Graded through the real compiler and
/// sandbox; each expected line is found in the submission's own text, by the offending statement.
@Suite(.serialized) struct CrashLineTests {
    /// A crashing submission: its source, the statement whose line the report must name, and the
    /// function and reason it must give.
    struct Crash {
        var name: String
        var source: String
        var statement: String
        var function: String
        var reason: String?
        var signal: String

        var line: Int {
            source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(statement) }! + 1
        }
    }

    static let step = "AdamW.step(params:grads:)"
    static let trap = "fatal error or trap, SIGILL"

    static let crashes: [Crash] = [
        Crash(name: "index-out-of-range",
              source: Submissions.crashes,
              statement: "_ = grads[grads.count + 3]", function: step, reason: "Index out of range", signal: trap),
        Crash(name: "integer-overflow",
              source: Submissions.crashIntegerOverflow,
              statement: "if t == 2 { big += t }", function: step, reason: "arithmetic overflow", signal: trap),
        Crash(name: "nil-unwrapped",
              source: Submissions.crashNilUnwrapped,
              statement: "_ = missing!", function: step, reason: "Unexpectedly found nil while unwrapping an Optional value", signal: trap),
        Crash(name: "unbounded-recursion",
              source: Submissions.crashUnboundedRecursion,
              statement: "return depth(n + 1) + 1", function: "AdamW.depth(_:)", reason: nil, signal: "segmentation fault, SIGSEGV"),
        Crash(name: "crash-in-helper",
              source: Submissions.crashInHelper,
              statement: "return g[n]", function: "AdamW.lastGradient(_:)", reason: "Index out of range", signal: trap),
    ]

    static func expectedMessage(_ crash: Crash, path: String) -> String {
        "the program stopped before finishing step 2 of 5: it crashed (\(crash.signal)) at \(path):\(crash.line) in \(crash.function)"
            + (crash.reason.map { ": \($0)" } ?? "")
    }

    @Test func everyKindOfCrashNamesItsLineWhenGradingAsRoot() throws {
        var exercise = GradingFixture.exercise("adamw")
        exercise.timeLimit = 3
        let paths = Self.crashes.map { GradingFixture.write($0.source, name: "crash-\($0.name)") }
        let reports = GradingFixture.grader(exercise).grade(paths)
        for (crash, (path, report)) in zip(Self.crashes, zip(paths, reports)) {
            let c = try #require(report.cases.first)
            #expect(c.failure == .crash, "\(crash.name): \(c.message)")
            #expect(c.line == crash.line, "\(crash.name): \(c.message)")
            #expect(c.message == Self.expectedMessage(crash, path: path), "\(crash.name)")
            #expect(GitHubReport.render([report]).hasPrefix("::error file=\(path),line=\(crash.line),title="), "\(crash.name)")
            #expect(JUnitReport.render([report]).contains("at \(path):\(crash.line) in \(crash.function)"), "\(crash.name)")
        }
    }

    /// The same crashes graded by `optimlab grade --format json` running as uid 65534.
    @Test func everyKindOfCrashNamesItsLineWhenGradingAsAnUnprivilegedUser() throws {
        guard geteuid() == 0 else {
            Issue.record("not root: cannot start a grader as another user here (run the suite as root)")
            return
        }
        let optimlab = try #require(HostileGradingTests.optimlabForNobody, "build the optimlab executable first (`swift build`)")
        let home = TemporaryDirectory(prefix: "optimlab-unprivileged-crash")
        defer { home.remove() }
        let tmp = home.file("tmp")
        mkdir(tmp, 0o700)
        let paths = Self.crashes.map { home.file("\($0.name).swift") }
        for (crash, path) in zip(Self.crashes, paths) { TemporaryDirectory.write(crash.source, to: path) }
        for path in [home.path, tmp] + paths { chown(path, 65534, 65534) }
        chmod(home.path, 0o700)
        let data = try GradingFixture.gradeAsNobody(optimlab, paths + ["--exercise", "adamw", "--format", "json", "--seed", "42"],
                                                    home: home.path, tmp: tmp)
        let json = try #require(try? JSONSerialization.jsonObject(with: data) as? [String: Any], "\(String(decoding: data.prefix(2000), as: UTF8.self))")
        let submissions = try #require(json["submissions"] as? [[String: Any]])
        #expect(submissions.count == Self.crashes.count)
        for (crash, (path, s)) in zip(Self.crashes, zip(paths, submissions)) {
            let first = try #require((s["cases"] as? [[String: Any]])?.first, "\(crash.name)")
            #expect(first["line"] as? Int == crash.line, "\(crash.name): \(first["message"] ?? "")")
            #expect(first["message"] as? String == Self.expectedMessage(crash, path: path), "\(crash.name)")
        }
    }

    /// No frame in the student's file (the symbolizer found none, or the record is missing): the report
    /// says the signal and that no line was found, and grading goes on.
    @Test func noFrameInTheStudentsFileSaysSo() {
        let location = CrashLocation(scratchFile: "/tmp/s/AdamW.swift", fileName: "AdamW.swift", studentPath: "mine/AdamW.swift")
        #expect(location.site(of: RunResult(outcome: .signaled(SIGSEGV), channel: Array("\ncrash b r1234\n".utf8))) == nil)
        #expect(Grader.crashPlace(nil, file: "mine/AdamW.swift", exerciseFile: "AdamW.swift")
                == "; no line of AdamW.swift was found on its stack")
    }

    /// The channel's crash record is numbers only; anything else on its line makes it no record.
    @Test func theCrashRecordIsReadAsNumbersOnly() {
        #expect(CrashRecord(channel: Array("step 1 3ff0\n\ncrash 4 p1a2b r30 r4f\n".utf8))
                == CrashRecord(signal: 4, pc: 0x1a2b, returns: [0x30, 0x4f]))
        #expect(CrashRecord(channel: Array("\ncrash b r30\n".utf8))?.lookups == [0x2f])
        #expect(CrashRecord(channel: Array("\ncrash 4 p1a2b x30\n".utf8)) == nil)
        #expect(CrashRecord(channel: Array("\ncrash 4 r30 p1a2b\n".utf8)) == nil)     // the pc comes first or not at all
        #expect(CrashRecord(channel: Array("\ncrash 99 r30\n".utf8)) == nil)
        #expect(CrashRecord(channel: Array("\ncrash 4 \(String(repeating: "r1 ", count: 70))\n".utf8)) == nil)
    }

    /// A fault in a function's prologue (a stack overflow) is placed at the call that got there.
    @Test func aFaultInAPrologueIsPlacedAtTheCall() {
        let location = CrashLocation(scratchFile: "/tmp/s/AdamW.swift", fileName: "AdamW.swift", studentPath: "")
        let prologue = CrashSymbolizer.Frame(function: "f", file: "/tmp/s/AdamW.swift", line: 30, column: 0, startLine: 30, atFault: true)
        let call = CrashSymbolizer.Frame(function: "f", file: "/tmp/s/AdamW.swift", line: 31, column: 16, startLine: 30, atFault: false)
        let library = CrashSymbolizer.Frame(function: "g", file: "/lib/Array.swift", line: 9, column: 1, startLine: 2, atFault: true)
        #expect(location.studentFrame([prologue, call, call]) == call)
        #expect(location.studentFrame([prologue]) == prologue)
        #expect(location.studentFrame([library, call]) == call)
        #expect(location.studentFrame([library]) == nil)
    }
}
