import Foundation
import OptimlabTestSupport
import Testing
@testable import OptimlabGrader

/// Forty submissions — correct, wrong in each known way, and hostile (crash, infinite loop, memory
/// hog, compile error, fake pass, wrong API) — graded as one batch give the same verdicts as graded
/// one by one, and leave no scratch folder and no process behind.
@Suite struct GraderLoadTests {
    /// Distinct sources: each carries a marker comment, so leftovers of this test can be told apart
    /// from other graders' folders in the shared temporary directory.
    static func batch(marker: String) -> [(name: String, source: String)] {
        var kinds: [(String, String)] = [("correct", Submissions.correct), ("correct-class", Submissions.correctClass),
                                         ("fake-pass", Submissions.fakePass), ("crashes", Submissions.crashes),
                                         ("crashes-in-one-case", Submissions.crashesInOneCase), ("allocates", Submissions.allocates),
                                         ("does-not-compile", Submissions.doesNotCompile), ("wrong-api", Submissions.wrongAPI)]
        kinds += Submissions.mistakes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var out: [(String, String)] = [("loops-forever", Submissions.loopsForever)]       // one: each case waits out the time limit
        var i = 0
        while out.count < 40 {
            let (name, source) = kinds[i % kinds.count]
            out.append(("\(name)-\(i)", "// \(marker) \(i)\n" + source))
            i += 1
        }
        out[0].1 = "// \(marker) loop\n" + out[0].1
        return out
    }

    /// Folders under the temporary directory that a grader made for this test's submissions.
    static func leftovers(marker: String) -> [String] {
        let tmp = FileManager.default.temporaryDirectory.path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []
        return names.filter { $0.hasPrefix("optimlab-grade-") }.filter { name in
            let folder = tmp + "/" + name
            let files = (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []
            return files.contains { file in
                (try? String(contentsOfFile: folder + "/" + file, encoding: .utf8))?.contains(marker) == true
            }
        }
    }

    /// Running processes whose executable lies in a grader scratch folder that no longer exists:
    /// a submission outliving its grading.
    static func orphanedSubmissionProcesses() -> [String] {
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).filter { Int32($0) != nil }
        return pids.compactMap { pid in
            guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe") else { return nil }
            return exe.contains("optimlab-grade-") && exe.hasSuffix("(deleted)") ? "\(pid): \(exe)" : nil
        }
    }

    @Test func aBatchGradesLikeOneByOneAndLeavesNothingBehind() throws {
        var adamw = GradingFixture.exercise("adamw")
        // The limit bounds the one endless loop; no verdict depends on the machine's speed: the five
        // cases of a correct run take milliseconds of CPU, far inside 4 s each (21 s for the process),
        // even with forty compiles sharing two cores.
        adamw.timeLimit = 4
        let marker = "harden-load-\(UUID().uuidString)"
        let temporary = TemporaryDirectory(prefix: marker)
        defer { temporary.remove() }
        let folder = temporary.path
        let submissions = Self.batch(marker: marker)
        let paths = submissions.map { s in
            let path = "\(folder)/\(s.name).swift"
            _ = FileManager.default.createFile(atPath: path, contents: Data(s.source.utf8))
            return path
        }
        let grader = GradingFixture.grader(adamw)
        let batch = grader.grade(paths)
        let single = paths.map { grader.grade($0) }
        #expect(batch.count == 40 && single.count == 40)
        for (k, (a, b)) in zip(batch, single).enumerated() {
            let name = submissions[k].name
            #expect(a.status == b.status, "\(name): \(a.status) at once, \(b.status) alone")
            #expect(a.score == b.score, "\(name)")
            #expect(a.cases.map(\.status) == b.cases.map(\.status), "\(name)")
            #expect(a.cases.map { $0.diagnosis?.name } == b.cases.map { $0.diagnosis?.name }, "\(name)")
        }
        // The verdicts themselves: the right ones pass, nothing hostile does.
        for (k, report) in batch.enumerated() {
            let name = submissions[k].name
            if name.hasPrefix("correct") {
                #expect(report.status == .passed, "\(name)")
            } else if name.hasPrefix("does-not-compile") || name.hasPrefix("wrong-api") {
                #expect(report.status == .compileError, "\(name)")
            } else {
                #expect(report.status == .failed && !report.passed, "\(name)")
            }
        }
        #expect(batch[0].cases.allSatisfy { $0.status == .failed }, "the infinite loop fails every case")
        // Nothing left: no scratch folder holding these sources, no submission process running.
        #expect(Self.leftovers(marker: marker).isEmpty, "\(Self.leftovers(marker: marker))")
        #expect(Self.orphanedSubmissionProcesses().isEmpty, "\(Self.orphanedSubmissionProcesses())")
    }
}
