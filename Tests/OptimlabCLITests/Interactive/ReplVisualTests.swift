import Foundation
import OptimlabTestSupport
import OptimlabEngine
import Testing
@testable import OptimlabCLI
import OptimlabCourseware

/// Lesson plots in the REPL: each is followed by how to open it, `rerun plot-N name=value …` redraws it
/// with the learner's values through the engine, `tweak plot-N` opens it (or, without a terminal, says
/// so and draws it), and wrong ids and inputs are refused with what is wrong.
@Suite struct ReplVisualTests {
    static let lesson = """
        ---
        id: sched
        title: Schedules
        minutes: 2
        ---
        # Schedules

        Warmup then cosine.

        ```plot
        kind: schedule
        schedules:
          - {name: warmup_cosine, peak: 3e-4, warmup_steps: 100, total_steps: 2000, min_lr: 3e-5}
        mark: [25, 1500]
        ```

        ## Race

        ```plot
        kind: trajectory
        optimizers: [sgd, momentum]
        steps: 100
        ```

        ```experiment
        preset: no-bias-correction
        steps: 50
        ```
        """

    func transcript(_ lines: [String]) throws -> String {
        let dir = TemporaryDirectory(prefix: "optimlab-visual", mode: 0o755).path
        defer { TemporaryDirectory(path: dir).remove() }
        try Self.lesson.write(toFile: dir + "/01-sched.md", atomically: true, encoding: .utf8)
        let out = ReplSessionTests.Transcript()
        var repl = Repl(session: LessonSession(course: Course.load(directory: dir), progress: .fresh(), store: nil),
                        reader: PlainLineReader(lines: lines), terminal: .plain, interactive: false, write: { out.lines.append($0) })
        repl.run()
        return out.lines.joined(separator: "\n")
    }

    @Test func plotsSayHowToOpenThemAndRerunWithTheLearnersValues() throws {
        let text = try transcript(["open sched", "", "rerun plot-1 warmup=200 peak=1e-3", "quit"])
        // Wrapped to the 80 columns, the command to copy kept whole on its line.
        #expect(text.contains("`tweak plot-1` opens it with sliders; `rerun plot-1 name=value …` redraws it\nwith your values."))
        // lr(25) = 1e-3·25/200 = 1.25e-4; lr(1500) = 3e-5 + (1e-3 − 3e-5)·(1 + cos(π·1300/1800))/2.
        let at1500 = 3e-5 + (1e-3 - 3e-5) * (1 + cos(Double.pi * 1300 / 1800)) / 2
        #expect(text.contains("25    1.25e-4"))
        #expect(text.contains("1500  \(PlotNumberFormat.value(at1500))"))
        #expect(text.contains("warmup_cosine peak=0.001 warmup=200 total=2000 min=3e-05"))
    }

    @Test func tweakWithoutATerminalSaysSoAndDrawsThePlot() throws {
        let text = try transcript(["open sched", "tweak plot-2", "tweak plot-9", "tweak", "quit"])
        #expect(text.contains("note: tweak needs a terminal with colour and Unicode (the REPL is not reading\nfrom a terminal); drawing the static plot instead."))
        #expect(text.contains("Steps to reach loss <= 0.001 from f = 8:"))
        #expect(text.contains("[x] No plot-9 here; this lesson's plots are plot-1, plot-2, plot-3."))
        #expect(text.contains("Usage: tweak PLOT-ID"))
    }

    @Test func badInputsAreRefusedWithWhatIsWrong() throws {
        let text = try transcript(["open sched", "rerun plot-1 bogus=1", "rerun plot-1 warmup=3000", "rerun plot-2 beta.sgd=0.5",
                                   "rerun plot-3 switches=no-warmup", "rerun plot-2 lr.sgd", "quit"])
        #expect(text.contains("[x] rerun plot-1: unknown field \"bogus\""))
        // A message wider than the terminal continues under its text, not under the [x].
        #expect(text.contains("[x] rerun plot-1: warmup_cosine: warmup_steps (3000) must not exceed total_steps\n    (2000)"))
        #expect(text.contains("[x] rerun plot-2: sgd has no β (momentum, rmsprop, adam and adamw do)"))
        #expect(text.contains("[x] rerun plot-3: no-warmup applies to a warmup_cosine or warmup_linear schedule\n    (this run has none)"))
        #expect(text.contains("[x] rerun plot-2: expected name=value, got \"lr.sgd\""))
    }
}
