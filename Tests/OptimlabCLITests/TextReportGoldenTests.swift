import Foundation
import OptimlabEngine
import OptimlabTestSupport
import Testing
@testable import OptimlabCLI
@testable import OptimlabGrader

/// The text report over the golden scenarios every format shares (`ReportScenarios`: pass,
/// mismatch with a diagnosis, compile error, crash, time-out, hidden case, hostile names and output,
/// not graded), byte for byte against `Golden/report-*.txt`, and no escape sequence from a
/// submission ever reaches the terminal, styled or not. `OPTIMLAB_UPDATE_GOLDEN=1` rewrites the files.
@Suite struct TextReportGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    @Test func matchesTheGoldenFiles() throws {
        for (name, reports) in ReportScenarios.scenarios {
            let text = TextReport.render(reports, terminal: .plain)
            let path = "\(Self.directory)/report-\(name).txt"
            if ProcessInfo.processInfo.environment["OPTIMLAB_UPDATE_GOLDEN"] == "1" {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                continue
            }
            #expect(text == (try String(contentsOfFile: path, encoding: .utf8)), "\(name) differs from \(path)")
        }
    }

    /// `reports` with every text the submission controls (its name, the case names, its output) made
    /// plain: the grader's styling is the same, and there is no escape of the submission's in it.
    static func tamed(_ reports: [SubmissionReport]) -> [SubmissionReport] {
        reports.map { report in
            var r = report
            r.submission = "x"; r.name = "x"
            r.cases = r.cases.map { c in
                var c = c
                c.name = "case"
                c.output = ProgramOutput(text: String(repeating: "x", count: c.output.text.unicodeScalars.count), totalBytes: c.output.totalBytes)
                return c
            }
            return r
        }
    }

    @Test func noSubmissionTextCanRepaintTheTerminal() throws {
        let hostile = ReportScenarios.scenario("hostile")
        for terminal in [Terminal.plain, Terminal(isTTY: true, color: true, unicode: true, width: 100)] {
            let text = TextReport.render(hostile, terminal: terminal)
            // The grader's own styling is the only ESC, and only when the terminal has colour.
            let escapes = text.components(separatedBy: "\u{1B}[").count - 1
            let ours = TextReport.render(Self.tamed(hostile), terminal: terminal)
                .components(separatedBy: "\u{1B}[").count - 1
            #expect(escapes == ours, "the submission's escapes reached the terminal")
            #expect(!text.contains("\r") && !text.unicodeScalars.contains { $0.value == 0xFFFF || $0.value == 0x9B })
            #expect(text.contains("[your program printed 12.1 KB (shown: the first 2 KB)]"))
            #expect(!text.contains("\nPASSED") && !text.contains("\n::"), "a name's newline started a line")
        }
        let hidden = TextReport.render(ReportScenarios.scenario("hidden"), terminal: .plain)
        #expect(!hidden.contains("0.4990005") && !hidden.contains("0.4980015"))
    }
}
