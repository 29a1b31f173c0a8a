import Foundation
import OptimlabEngine
import Testing
@testable import OptimlabCLI
@testable import OptimlabGrader

/// The text report over the golden scenarios (pass, mismatch with a diagnosis, compile error, crash,
/// time-out, hidden case, hostile names and output), byte for byte against `Golden/report-*.txt`,
/// and no escape sequence from a submission ever reaches the terminal, styled or not.
/// `OPTIMLAB_UPDATE_GOLDEN=1` rewrites the files.
@Suite struct TextReportGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path
    static let nonCharacters = String(String.UnicodeScalarView([0xFFFF, 0xFFFE].map { Unicode.Scalar($0)! }))

    static func report(_ name: String, compileOutput: String? = nil, cases: [CaseResult] = []) -> SubmissionReport {
        SubmissionReport(exerciseID: "adamw", exerciseTitle: "AdamW", submission: "class/\(name)/AdamW.swift", compileOutput: compileOutput,
                         cases: cases, compileSeconds: 0.25, totalSeconds: 0.5, name: name)
    }

    static let divergence = Divergence(step: 2, tensor: "w", index: 1, expected: 0.4990005, got: 0.4980015, relativeError: 0.002002,
                                       window: [.init(step: 1, expected: 0.4995, got: 0.4995), .init(step: 2, expected: 0.4990005, got: 0.4980015)])
    static let diagnosis = Diagnosis(name: "no-bias-correction", title: "No bias correction",
                                     explanation: "The first steps are too small.", lesson: "bias-correction")

    static func passed(_ name: String = "typical") -> CaseResult {
        CaseResult(name: name, hidden: false, status: .passed, message: "", maxScore: 5, steps: 5, seconds: 0.1)
    }

    static func mismatch(hidden: Bool, output: ProgramOutput = .none) -> CaseResult {
        CaseResult(name: "stress", hidden: hidden, status: .failed, message: "step 2: w[1] expected 0.4990005, got 0.4980015 (relative error 0.002002)",
                   maxScore: 5, divergence: divergence, diagnosis: diagnosis, output: output, steps: 5, seconds: 0.1, failure: .mismatch)
    }

    static var scenarios: [(String, [SubmissionReport])] {
        let hostile = ProgramOutput(text: "\u{1B}[2K\r\u{1B}[1;32mPASSED 10/10\u{1B}[0m\(nonCharacters)\u{9B}2J\n" + String(repeating: "z", count: 3000), totalBytes: 12_800)
        return [
            ("pass", [report("ada", cases: [passed(), passed("stress")])]),
            ("mismatch", [report("bob", cases: [passed(), mismatch(hidden: false, output: "debug: m = 0.1\n")])]),
            ("compile-error", [report("cy", compileOutput: "class/cy/AdamW.swift:12:20: error: cannot convert value of type 'String' to specified type 'Int'")]),
            ("crash", [report("cy", cases: [CaseResult(name: "typical", hidden: false, status: .failed,
                                                       message: "the program stopped before finishing step 2 of 5: it crashed (fatal error or trap, SIGILL) at class/cy/AdamW.swift:14",
                                                       maxScore: 5, steps: 5, seconds: 0.2, failure: .crash)])]),
            ("timeout", [report("dee", cases: [CaseResult(name: "typical", hidden: false, status: .failed,
                                                          message: "the program stopped before finishing step 1 of 5: it ran out of time (10 s limit)",
                                                          maxScore: 5, steps: 5, seconds: 10, failure: .timeout)])]),
            ("hidden", [report("eve", cases: [passed(), mismatch(hidden: true, output: "w = [0.4980015]\n")])]),
            ("hostile", [report("evil\n\u{1B}[32mPASSED\u{1B}[0m", cases: [mismatch(hidden: false, output: hostile)])]),
        ]
    }

    @Test func matchesTheGoldenFiles() throws {
        for (name, reports) in Self.scenarios {
            let text = TextReport.render(reports, terminal: .plain)
            let path = "\(Self.directory)/report-\(name).txt"
            if ProcessInfo.processInfo.environment["OPTIMLAB_UPDATE_GOLDEN"] == "1" {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                continue
            }
            #expect(text == (try String(contentsOfFile: path, encoding: .utf8)), "\(name) differs from \(path)")
        }
    }

    @Test func noSubmissionTextCanRepaintTheTerminal() throws {
        let hostile = try #require(Self.scenarios.first { $0.0 == "hostile" }?.1)
        for terminal in [Terminal.plain, Terminal(isTTY: true, color: true, unicode: true, width: 100)] {
            let text = TextReport.render(hostile, terminal: terminal)
            // The grader's own styling is the only ESC, and only when the terminal has colour.
            let escapes = text.components(separatedBy: "\u{1B}[").count - 1
            let ours = TextReport.render([Self.report("x", cases: [Self.mismatch(hidden: false)])], terminal: terminal)
                .components(separatedBy: "\u{1B}[").count - 1
            #expect(escapes == ours, "the submission's escapes reached the terminal")
            #expect(!text.contains("\r") && !text.unicodeScalars.contains { $0.value == 0xFFFF || $0.value == 0x9B })
            #expect(text.contains("[your program printed 12.5 KB (shown: the first 2 KB)]"))
            #expect(!text.contains("\nPASSED"), "a name's newline started a line")
        }
        let hidden = TextReport.render(try #require(Self.scenarios.first { $0.0 == "hidden" }?.1), terminal: .plain)
        #expect(!hidden.contains("0.4990005") && !hidden.contains("0.4980015"))
    }
}
