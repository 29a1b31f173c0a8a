import Foundation
import OptimlabEngine
import OptimlabCourseware
import Testing
@testable import OptimlabCLI

/// The experiment with its break-it switches as keys: frames (golden), toggles rerunning the engine,
/// refusals in the engine's words, and the printed command.
struct ExperimentViewTests {
    static func view() throws -> ExperimentView {
        ExperimentView(request: try ExperimentRequest.preset(named: "no-bias-correction", steps: 100), terminal: ScheduleViewTests.plain,
                       command: "optimlab experiment no-bias-correction --steps 100", intrinsic: [.noBiasCorrection])
    }

    static func press(_ view: inout ExperimentView, _ keys: String) {
        for key in KeyDecoder().keys(Array(keys.utf8)) { _ = view.handle(key) }
    }

    static func text(_ view: ExperimentView, _ size: TerminalSize = .standard) -> String {
        plainFrame(view.frame(size: size), rows: size.rows).joined(separator: "\n") + "\n"
    }

    @Test func firstFrame() throws {
        try GoldenPlotTests.check(Self.text(try Self.view()), golden: "interactive-experiment-80x24.txt")
    }

    @Test func switchesToggleTheBrokenRun() throws {
        var view = try Self.view()
        #expect(view.on == [.noBiasCorrection])
        // Without 1/(1 − βᵗ) the first update is (1 − β₁)/√(1 − β₂) = 0.1/√0.001 = 3.162 times the correct one.
        #expect(view.report?.table.contains { $0.contains("(×3.162)") } == true)
        #expect(view.report?.figure.series.count == 2)
        Self.press(&view, "1")
        #expect(view.on.isEmpty && view.report?.figure.series.count == 1)
        Self.press(&view, "1")
        #expect(view.on == [.noBiasCorrection] && view.report?.figure.series.count == 2)
        Self.press(&view, "7")                               // β₂ = 0.95 on the same run: one run, both switches
        #expect(view.on == [.noBiasCorrection, .beta2Fast])
        #expect(view.report?.figure.series.map(\.name) == ["adam", "adam lr=0.01 beta2=0.95 no-bias-correction"])
        #expect(view.equivalentCommand == "optimlab experiment no-bias-correction --steps 100 --switch beta2-0.95")
        Self.press(&view, "1")
        #expect(view.equivalentCommand.hasPrefix("optimlab experiment no-bias-correction --steps 100 --switch beta2-0.95\n(no-bias-correction turned off"))
        Self.press(&view, "r")
        #expect(view.on == [.noBiasCorrection] && view.selected == 0)
    }

    @Test func aSwitchThatAppliesToNoRunIsRefusedWithTheEnginesReason() throws {
        var view = try Self.view()
        Self.press(&view, "3")                               // no-warmup: this run has no warmup schedule
        #expect(view.on == [.noBiasCorrection])
        #expect(view.message == "no-warmup applies to a warmup_cosine or warmup_linear schedule (this run has none)")
        #expect(Self.text(view).contains("refused: no-warmup applies to a warmup_cosine"))
        Self.press(&view, "j")
        #expect(view.message == nil)
    }

    @Test func theFrameFitsAt80x24AndLarger() throws {
        var view = try Self.view()
        Self.press(&view, "7")
        for size in [TerminalSize.standard, TerminalSize(columns: 140, rows: 45)] {
            let frame = plainFrame(view.frame(size: size), rows: 0)
            #expect(frame.count == size.rows && frame.allSatisfy { $0.count < size.columns })
        }
    }
}
