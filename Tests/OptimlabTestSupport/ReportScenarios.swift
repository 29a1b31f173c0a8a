import OptimlabEngine
import OptimlabGrader

/// The golden scenarios every report format is checked on, the text format included: built as the
/// grader builds them (fixed times, so the rendered reports are byte-for-byte stable).
public enum ReportScenarios {
    public static let exercise = "adamw"

    public static func report(_ name: String, compileOutput: String? = nil, graderError: String? = nil, cases: [CaseResult] = []) -> SubmissionReport {
        SubmissionReport(exerciseID: exercise, exerciseTitle: "AdamW", submission: "class/\(name)/AdamW.swift", compileOutput: compileOutput,
                         graderError: graderError, cases: cases, compileSeconds: 0.25, totalSeconds: 0.5, name: name)
    }

    public static func passed(_ name: String = "typical", hidden: Bool = false) -> CaseResult {
        CaseResult(name: name, hidden: hidden, status: .passed, message: "", maxScore: 5, seed: 7, steps: 5, seconds: 0.125,
                   inputs: hidden ? "" : "hyperparameters: lr = 0.001\ninitial params: w = [0.5, -0.25]")
    }

    public static let divergence = Divergence(step: 2, tensor: "w", index: 1, expected: 0.4990005, got: 0.4980015, relativeError: 0.002002,
                                       window: [.init(step: 1, expected: 0.4995, got: 0.4995), .init(step: 2, expected: 0.4990005, got: 0.4980015),
                                                .init(step: 3, expected: 0.4985015, got: 0.4965045)])
    public static let diagnosis = Diagnosis(name: "no-bias-correction", title: "No bias correction",
                                     explanation: "The first steps are too small: m and v start at zero.", lesson: "bias-correction")

    public static func mismatch(hidden: Bool = false, output: ProgramOutput = .none) -> CaseResult {
        CaseResult(name: "stress", hidden: hidden, status: .failed,
                   message: "step 2: w[1] expected 0.4990005, got 0.4980015 (relative error 0.002002)", maxScore: 5,
                   divergence: divergence, diagnosis: diagnosis, output: output, seed: 11, steps: 5, seconds: 0.125, failure: .mismatch,
                   inputs: hidden ? "" : "hyperparameters: lr = 0.001\ninitial params: w = [0.5, 0.5]\nstep 1: lr = 0.001, grads: w = [0.125, 0.0625]")
    }

    public static var crash: CaseResult {
        var c = CaseResult(name: "typical", hidden: false, status: .failed,
                           message: "the program stopped before finishing step 2 of 5: it crashed (fatal error or trap, SIGILL) at class/cy/AdamW.swift:14",
                           maxScore: 5, output: ProgramOutput(text: "class/cy/AdamW.swift:14: Fatal error: Index out of range\n", totalBytes: 56),
                           steps: 5, seconds: 0.25, failure: .crash, inputs: "hyperparameters: lr = 0.001")
        c.line = 14
        return c
    }

    public static var timeout: CaseResult {
        CaseResult(name: "typical", hidden: false, status: .failed,
                   message: "the program stopped before finishing step 1 of 5: it ran out of time (10 s limit)",
                   maxScore: 5, steps: 5, seconds: 10, failure: .timeout, inputs: "hyperparameters: lr = 0.001")
    }

    public static var notRun: CaseResult {
        CaseResult(name: "stress", hidden: false, status: .failed, message: "not run: the program did not get past case typical",
                   maxScore: 5, steps: 5, seconds: 0, failure: .notRun, inputs: "hyperparameters: lr = 0.001")
    }

    /// What a hostile submission can put in a report: escape sequences painting a fake pass, U+FFFF
    /// (unparseable XML), a name that would inject a workflow command, free text claiming credit.
    /// U+FFFF, U+FFFE, U+FDD0 (Swift literals refuse non-characters, so they are built).
    public static let nonCharacters = String(String.UnicodeScalarView([0xFFFF, 0xFFFE, 0xFDD0, 0x1FFFF].map { Unicode.Scalar($0)! }))
    public static let hostileOutput = ProgramOutput(text: "\u{1B}[2K\r\u{1B}[32mPASSED 10/10\u{1B}[0m \(nonCharacters) \u{1B}]8;;https://evil.example\u{07}click\u{1B}]8;;\u{07} \u{202E}txt.exe\u{9B}31m\n"
                                             + String(repeating: "x", count: 12_000), totalBytes: 12_345)
    public static let hostileName = "evil\n::stop-commands::pwned\n::error::fake\u{1B}[31m\(nonCharacters)"

    public static var scenarios: [(name: String, reports: [SubmissionReport])] {
        [
            ("pass", [report("ada", cases: [passed(), passed("stress")])]),
            ("mismatch", [report("bob", cases: [passed(), mismatch(output: "debug: m = 0.1\n")])]),
            ("compile-error", [report("cy", compileOutput: "class/cy/AdamW.swift:12:20: error: cannot convert value of type 'String' to specified type 'Int'\n    let broken: Int = \"x\"\n                      ^~~")]),
            ("crash", [report("cy", cases: [crash, notRun])]),
            ("timeout", [report("dee", cases: [timeout, notRun])]),
            ("hidden", [report("eve", cases: [passed(), mismatch(hidden: true, output: "w = [0.4980015]\n")])]),
            ("hostile", [SubmissionReport(exerciseID: exercise, exerciseTitle: "AdamW", submission: hostileName, cases: [
                passed(hostileName),
                CaseResult(name: "stress\u{1B}[32m ok", hidden: false, status: .failed,
                           message: "unexpected line on the channel after step 0", maxScore: 5, output: hostileOutput,
                           steps: 5, seconds: 0.125, failure: .protocolError, inputs: "hyperparameters: lr = 0.001"),
            ], compileSeconds: 0.25, totalSeconds: 0.5)]),
            ("not-graded", [report("fay", graderError: "no Swift compiler found (set SWIFTC or put swiftc on PATH)")]),
        ]
    }

    public static func scenario(_ name: String) -> [SubmissionReport] { scenarios.first { $0.name == name }!.reports }
}
