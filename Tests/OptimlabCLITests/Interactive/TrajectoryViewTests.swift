import Foundation
import OptimlabEngine
import OptimlabCourseware
import Testing
@testable import OptimlabCLI

/// The animated canyon race: frames at a step (golden), the readout against hand-derived steps, the
/// play/step/speed keys, β and lr sliders rerunning the engine, and the printed command.
struct TrajectoryViewTests {
    static let plain = ScheduleViewTests.plain

    static func view(_ optimizers: [OptimizerChoice] = [.sgd, .momentum, .adam]) -> TrajectoryView {
        TrajectoryView(request: TrajectoryRequest(optimizers: optimizers, steps: 300), terminal: plain)
    }

    static func press(_ view: inout TrajectoryView, _ keys: [Key]) {
        for key in keys { _ = view.handle(key) }
    }

    static func text(_ view: TrajectoryView, _ size: TerminalSize) -> String {
        plainFrame(view.frame(size: size), rows: size.rows).joined(separator: "\n") + "\n"
    }

    @Test func frameAtStep40() throws {
        var view = Self.view()
        for _ in 0..<40 { _ = view.tick() }
        #expect(view.step == 40)
        try GoldenPlotTests.check(Self.text(view, .standard), golden: "interactive-trajectory-80x24.txt")
        try GoldenPlotTests.check(Self.text(view, TerminalSize(columns: 120, rows: 40)), golden: "interactive-trajectory-120x40.txt")
    }

    @Test func readoutOfTheFirstStepIsPlainGradientDescent() {
        var view = Self.view([.sgd])
        Self.press(&view, [.space, .right])             // pause, one step on
        #expect(view.step == 1 && !view.playing)
        // From (0.8, 4): ∇f = (20·0.8, 0.2·4) = (16, 0.8); update = −0.09·∇f = (−1.44, −0.072);
        // (−0.64, 3.928); f = ½(20·0.4096 + 0.2·15.429184) = 5.6389184.
        let row = view.readout()[1]
        #expect(row.hasPrefix("* sgd"))
        #expect(row.contains("5.639") && row.contains("(-0.64, 3.928)") && row.contains("(-1.44, -0.072)"))
    }

    @Test func aBetaSliderReRunsTheHeavyBall() {
        var view = Self.view([.sgd, .momentum])
        Self.press(&view, [.down, .down, .character("h")])   // momentum β 0.9 → 0.8
        #expect(view.request.betas[.momentum] == 0.8)
        // Heavy ball at lr 0.01: p₁ = (0.8 − 0.16, 4 − 0.008) = (0.64, 3.992); buf₂ = 0.8·(16, 0.8) +
        // (12.8, 0.7984) = (25.6, 1.4384); p₂ = p₁ − 0.01·buf₂ = (0.384, 3.977616).
        let p2 = view.paths[1].points[2]
        #expect(abs(p2.x - 0.384) < 1e-12 && abs(p2.y - 3.977616) < 1e-12)
        Self.press(&view, [.up, .character("l")])            // momentum lr 0.01 → 0.02
        #expect(view.request.lrs[.momentum] == 0.02)
        #expect(view.equivalentCommand == "optimlab plot trajectory --optimizers sgd,momentum --steps 300 --lr sgd=0.09 --lr momentum=0.02 --beta momentum=0.8")
        Self.press(&view, [.character("r")])
        #expect(view.request == TrajectoryRequest(optimizers: [.sgd, .momentum], steps: 300))
    }

    @Test func playPauseStepAndSpeed() {
        var view = Self.view()
        #expect(view.playing && view.tickMilliseconds != nil)
        Self.press(&view, [.character("+"), .character("+")])
        #expect(view.speed == 4)
        _ = view.tick()
        #expect(view.step == 4)
        Self.press(&view, [.left, .left])
        #expect(view.step == 2 && !view.playing && view.tickMilliseconds == nil)
        let moved = view.tick()
        #expect(!moved)
        Self.press(&view, Array(repeating: .character("+"), count: 10))
        #expect(view.speed == TrajectoryView.maximumSpeed)
        Self.press(&view, Array(repeating: .character("-"), count: 10))
        #expect(view.speed == 1)
        Self.press(&view, [.space])
        for _ in 0..<400 { _ = view.tick() }
        #expect(view.step == 300 && !view.playing)       // stops at the end …
        Self.press(&view, [.space])
        #expect(view.step == 0 && view.playing)          // … and space plays again from the start
    }

    @Test func withoutColourEachPathHasItsOwnGlyphAndLegend() {
        var view = Self.view()
        for _ in 0..<40 { _ = view.tick() }
        let text = Self.text(view, .standard)
        #expect(text.contains("** sgd") && text.contains("++ momentum") && text.contains("oo adam"))
        #expect(!text.contains("\u{1B}["))
        let colour = TrajectoryView(request: view.request, terminal: InteractiveLauncher.style)
        let coloured = colour.frame(size: .standard).joined(separator: "\n")
        #expect(coloured.contains("\u{1B}[34m━━\u{1B}[0m * sgd"))     // a blue bar, the head's glyph in the name
    }
}
