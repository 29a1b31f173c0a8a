import Foundation
import OptimlabEngine
import OptimlabTestSupport
import Testing
@testable import OptimlabGrader

/// Reports a student cannot shape: escape sequences, non-characters and line breaks in what the
/// program printed or in a file name are neutralised in every format; free text on the channel
/// never becomes a message; hidden cases show no numbers; output is capped and says so.
@Suite struct ReportSafetyTests {
    static func all(_ reports: [SubmissionReport]) -> [(String, String)] {
        [("json", JSONReport.render(reports)), ("junit", JUnitReport.render(reports)), ("github", GitHubReport.render(reports)),
         ("summary", GitHubReport.summary(reports)), ("gradescope", GradescopeReport.render(reports[0])),
         ("exercism", ExercismReport.render(reports[0]))]
    }

    @Test func cleaningRemovesEscapesNonCharactersAndControls() {
        #expect(ReportText.clean("\u{1B}[2K\r\u{1B}[32mPASSED\u{1B}[0m") == "\u{FFFD}PASSED\u{FFFD}")
        #expect(ReportText.clean("a\u{1B}]8;;https://x.example\u{07}link\u{1B}]8;;\u{1B}\\b") == "a\u{FFFD}link\u{FFFD}b")
        #expect(ReportText.clean("x\u{9B}31my") == "x\u{FFFD}y")                       // C1 CSI
        #expect(ReportText.clean("a\(ReportScenarios.nonCharacters)b") == "a\u{FFFD}b")
        #expect(ReportText.clean("\u{202E}exe.txt\u{2066}") == "\u{FFFD}exe.txt\u{FFFD}")
        #expect(ReportText.clean("tab\tand\nnewline stay; NUL\u{0} and DEL\u{7F} go") == "tab\tand\nnewline stay; NUL\u{FFFD} and DEL\u{FFFD} go")
        #expect(ReportText.clean("é ü 日本 🙂") == "é ü 日本 🙂")
        // Bytes that are not UTF-8 (a lone surrogate's encoding among them) decode to U+FFFD first.
        #expect(ProgramOutput(bytes: [0x61, 0xED, 0xA0, 0x80, 0x62]).text == "a\u{FFFD}\u{FFFD}\u{FFFD}b")
        #expect(ReportText.name("a\nb\rc\td") == "a\\nb\u{FFFD}c\\td")
    }

    @Test func outputIsCappedAndSaysHowMuchItPrinted() {
        let big = ProgramOutput(bytes: Array(repeating: UInt8(ascii: "y"), count: 4096), totalBytes: 12 * 1024)
        let shown = big.shown()
        #expect(shown.hasSuffix("\n[your program printed 12 KB (shown: the first 2 KB)]"))
        #expect(shown.utf8.count == 2048 + "\n[your program printed 12 KB (shown: the first 2 KB)]".utf8.count)
        #expect(ProgramOutput(bytes: Array("short\n".utf8)).shown() == "short\n")
        #expect(ProgramOutput(text: "w = 1", totalBytes: 5, withheld: "the run included a hidden case").shown()
                == "[your program printed 5 bytes, not shown: the run included a hidden case]")
    }

    @Test func freeTextOnTheChannelNeverBecomesAMessage() {
        let forged = "optimlab-out-1 n\nerror 1 internal grader fault: please award full credit\nEND n\n"
        let c = ChannelOutput(bytes: Array(forged.utf8), nonce: "n")
        #expect(c.issue == .unexpectedLine(afterStep: 0))
        #expect(c.problem == "unexpected line on the channel after step 0")
        // The harness's own record is read as numbers and worded by the grader.
        let real = ChannelOutput(bytes: Array("optimlab-out-1 n\nerror 2 the step left 3 values where there were 4\nEND n\n".utf8), nonce: "n")
        #expect(real.issue == .lengthChanged(step: 2, got: 3, expected: 4))
        let padded = ChannelOutput(bytes: Array("optimlab-out-1 n\nerror 2 the step left 3 values where there were 4 award full credit\nEND n\n".utf8), nonce: "n")
        #expect(padded.issue == .unexpectedLine(afterStep: 0))
        let unknown = ChannelOutput(bytes: Array("optimlab-out-1 n\nnote please award full credit\nEND n\n".utf8), nonce: "n")
        #expect(unknown.problem == "unexpected line on the channel after step 0" && !unknown.finished)
    }

    @Test func hostileNamesAndOutputAreNeutralisedInEveryFormat() throws {
        let reports = ReportScenarios.scenario("hostile")
        for (format, text) in Self.all(reports) {
            #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" || $0 == "\u{202E}" }, "\(format) holds an escape")
            #expect(!text.unicodeScalars.contains { $0.value == 0xFFFF || $0.value == 0xFFFE || $0.value == 0xFDD0 || $0.value == 0x1FFFF }, "\(format) holds a non-character")
            #expect(!text.contains("\r"), "\(format) holds a carriage return")
            #expect(!text.contains("https://evil.example"), "\(format) holds the OSC link")
        }
        // GitHub: every line is one of ours; the name's newline cannot start `::stop-commands::`.
        for line in GitHubReport.render(reports).split(separator: "\n") {
            #expect(line.hasPrefix("::error ") || line.hasPrefix("::notice ") || line.hasPrefix("optimlab: "), "\(line)")
            #expect(!line.hasPrefix("::stop-commands") && !line.hasPrefix("::error::"), "\(line)")
        }
        #expect(GitHubReport.render(reports).contains("file=evil%0A%3A%3Astop-commands%3A%3Apwned%0A%3A%3Aerror%3A%3Afake\u{FFFD},title="))
        // JUnit parses (strictly) and the name is an attribute value, not markup.
        #expect(ReportSchemas.junitProblems(JUnitReport.render(reports)) == [])
        // JSON formats parse.
        for (format, text) in Self.all(reports) where ["json", "gradescope", "exercism"].contains(format) {
            #expect(ReportSchemas.object(text) != nil, "\(format) does not parse")
        }
        // Output is cut to each format's size and says how much there was.
        #expect(JUnitReport.render(reports).contains("[your program printed 12.1 KB (shown: the first 2 KB)]"))
        let exercism = try #require(ReportSchemas.object(ExercismReport.render(reports[0])))
        let tests = try #require(exercism["tests"] as? [[String: Any]])
        #expect((tests[1]["output"] as? String)?.count ?? 999 <= 500)
        #expect((tests[1]["output"] as? String)?.hasSuffix("[your program printed 12.1 KB (shown: the first 400 bytes)]") == true)
    }

    @Test func hiddenCasesShowNoNumbersInAnyFormat() throws {
        let reports = ReportScenarios.scenario("hidden")
        for (format, text) in Self.all(reports) {
            for number in ["0.4990005", "0.4980015", "0.002002", "0.4995", "0.0625"] {
                #expect(!text.contains(number), "\(format) shows \(number) of a hidden case")
            }
            #expect(!text.contains("w = [0.4980015]"), "\(format) shows the hidden case's output")
            #expect(text.contains("stress"), "\(format) does not name the hidden case")
        }
        let json = try #require(ReportSchemas.object(JSONReport.render(reports)))
        let cases = try #require(((json["submissions"] as? [[String: Any]])?.first?["cases"]) as? [[String: Any]])
        #expect(Set(cases[1].keys) == ["name", "status", "hidden", "score", "max_score", "failure", "message", "diagnosis"])
        #expect(cases[1]["message"] as? String == "This hidden case failed. Likely cause: No bias correction. Revisit the lesson \"bias-correction\".")
    }

    @Test func aCrashOrTimeOutIsAnErrorAndAMismatchAFailureInJUnit() {
        #expect(JUnitReport.render(ReportScenarios.scenario("crash")).contains("<error message=\"the program stopped before finishing step 2 of 5: it crashed (fatal error or trap, SIGILL) at class/cy/AdamW.swift:14\" type=\"crash\">"))
        #expect(JUnitReport.render(ReportScenarios.scenario("timeout")).contains("type=\"timeout\">the program stopped before finishing step 1 of 5: it ran out of time (10 s limit)</error>"))
        #expect(JUnitReport.render(ReportScenarios.scenario("timeout")).contains("<error message=\"not run: the program did not get past case typical\" type=\"not-run\">"))
        #expect(JUnitReport.render(ReportScenarios.scenario("mismatch")).contains("<failure message=\"step 2: w[1] expected 0.4990005, got 0.4980015 (relative error 0.002002)\" type=\"mismatch\">"))
    }

    /// GitHub shows 10 error and 10 notice annotations per step: 15 failing and 12 passing
    /// submissions get 10 of each, one per submission, and the rest are counted.
    @Test func githubStaysWithinItsAnnotationLimits() {
        let failing = (1...15).map { ReportScenarios.report("f\($0)", cases: [ReportScenarios.passed(), ReportScenarios.mismatch(), ReportScenarios.mismatch()]) }
        let passing = (1...12).map { ReportScenarios.report("p\($0)", cases: [ReportScenarios.passed(), ReportScenarios.passed("stress")]) }
        let out = GitHubReport.render(failing + passing)
        let lines = out.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("::error ") }.count == 10)
        #expect(lines.filter { $0.hasPrefix("::notice ") }.count == 10)
        #expect(lines.contains("optimlab: 5 more failing submission(s) have no annotation (GitHub shows at most 10 error annotations per step); the step summary lists them"))
        #expect(lines.first == "::error file=class/f1/AdamW.swift,title=adamw%3A stress::step 2: w[1] expected 0.4990005, got 0.4980015 (relative error 0.002002)%0Astep  expected                 got%0A1     0.4995                   0.4995%0A2     0.4990005                0.4980015%0A3     0.4985015                0.4965045%0ALikely cause: No bias correction [no-bias-correction]. The first steps are too small: m and v start at zero. Revisit the lesson \"bias-correction\".%0A2 of 3 cases failed.")
        let summary = GitHubReport.summary(failing + passing, label: "shard 2/4")
        #expect(summary.hasPrefix("### optimlab (shard 2/4): 12 of 27 submission(s) passed\n\n5 failing submission(s) beyond the first 10 have no annotation on their files (GitHub shows at most 10 error annotations per step); every submission is in this table.\n"))
        #expect(summary.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| submission") }.count == 27)
    }

    /// With more failing submissions than slots, the slots go to the most useful annotations, not to
    /// whichever came first: 11 time-outs listed before a crash at a line and two diagnosed mismatches
    /// leave the time-outs with 7 slots; each annotation still sits just before its submission's line.
    @Test func githubGivesItsSlotsToTheMostUsefulAnnotations() {
        let timeouts = (1...11).map { ReportScenarios.report("t\($0)", cases: [ReportScenarios.timeout, ReportScenarios.notRun]) }
        let crash = ReportScenarios.report("cy", cases: [ReportScenarios.crash, ReportScenarios.notRun])
        let diagnosed = ["d1", "d2"].map { ReportScenarios.report($0, cases: [ReportScenarios.passed(), ReportScenarios.mismatch()]) }
        let lines = GitHubReport.render(timeouts + [crash] + diagnosed).split(separator: "\n").map(String.init)
        let errors = lines.filter { $0.hasPrefix("::error ") }
        #expect(errors.count == 10)
        #expect(errors.filter { $0.contains("file=class/t") }.count == 7)
        for name in ["d1", "d2"] {
            let i = lines.firstIndex(of: "optimlab: \(name): failed (5/10 points)")
            #expect(i.map { lines[$0 - 1].hasPrefix("::error file=class/\(name)/AdamW.swift,title=adamw%3A stress::") } == true)
        }
        #expect(errors.contains { $0.hasPrefix("::error file=class/cy/AdamW.swift,line=14,") })
        #expect(!errors.contains { $0.hasPrefix("::error file=class/t8/") })
        #expect(lines.contains("optimlab: 4 more failing submission(s) have no annotation (GitHub shows at most 10 error annotations per step); the step summary lists them"))
    }
}
