import OptimlabCourseware
import Foundation
import OptimlabEngine
import Testing
@testable import OptimlabCLI

/// The interactive schedule view: frames for a state and a size (golden text), keys moving sliders
/// through the engine, marks, reset, refusals and the command printed on leaving.
struct ScheduleViewTests {
    static let plain = Terminal(isTTY: true, color: false, unicode: true, width: 80)
    static let ascii = Terminal(isTTY: true, color: false, unicode: false, width: 80)

    static func view(_ terminal: Terminal = plain) throws -> ScheduleView {
        ScheduleView(request: try GoldenPlotTests.schedule(), terminal: terminal)
    }

    static func press(_ view: inout ScheduleView, _ keys: String) {
        for key in KeyDecoder().keys(Array(keys.utf8)) { _ = view.handle(key) }
    }

    static func text(_ view: ScheduleView, _ size: TerminalSize) -> String {
        plainFrame(view.frame(size: size), rows: size.rows).joined(separator: "\n") + "\n"
    }

    @Test func firstFrameAt80x24() throws {
        try GoldenPlotTests.check(Self.text(try Self.view(), .standard), golden: "interactive-schedule-80x24.txt")
    }

    @Test func frameAfterMovingWarmupAt120x40() throws {
        var view = try Self.view()
        Self.press(&view, "jjlll")                  // slider 2 = 1. warmup, three notches of 20 steps
        #expect(view.recipes[0].spec == .warmupCosine(warmupSteps: 160, totalSteps: 2000, minLR: 3e-5))
        try GoldenPlotTests.check(Self.text(view, TerminalSize(columns: 120, rows: 40)), golden: "interactive-schedule-120x40.txt")
    }

    @Test func asciiFrameIsPureASCII() throws {
        let text = Self.text(try Self.view(Self.ascii), .standard)
        #expect(String(text.unicodeScalars.filter { !$0.isASCII }) == "")
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.contains("step 25: 1. lr 7.5e-5   2. lr 3e-4"))
    }

    @Test func everyRowFitsAndTheFrameFillsTheScreen() throws {
        var view = try Self.view()
        for size in [TerminalSize.standard, TerminalSize(columns: 100, rows: 30), TerminalSize(columns: 200, rows: 60)] {
            for keys in ["", "jl", "kkkH"] {
                Self.press(&view, keys)
                let frame = plainFrame(view.frame(size: size), rows: 0)
                #expect(frame.count == size.rows)
                #expect(frame.allSatisfy { $0.count < size.columns })
            }
        }
    }

    @Test func cursorReadoutIsTheEngineLrAtTheCursor() throws {
        var view = try Self.view()
        // Warmup: lr(s) = peak·s/W = 3e-4·25/100 = 7.5e-5; the step schedule holds its peak until 700.
        #expect(Self.text(view, .standard).contains("step 25: 1. lr 7.5e-5   2. lr 3e-4"))
        Self.press(&view, "lll")                    // the cursor, 20 steps a notch: s = 85
        #expect(view.cursor == 85)
        // 3e-4 · 85/100 = 2.55e-4.
        #expect(Self.text(view, .standard).contains("step 85: 1. lr 2.55e-4   2. lr 3e-4"))
        Self.press(&view, "L")                      // ten notches: s = 285
        #expect(view.cursor == 285)
    }

    @Test func peakMovesAlongTheLadderAndTheTableFollows() throws {
        var view = try Self.view()
        Self.press(&view, "jl")                      // 1. peak 3e-4 → 5e-4
        #expect(view.recipes[0].peak == 5e-4)
        // At 1500 of the cosine (W = 100, T = 2000): 3e-5 + (5e-4 − 3e-5)·(1 + cos(π·1400/1900))/2 = 1.058e-4.
        let expected = 3e-5 + (5e-4 - 3e-5) * (1 + cos(Double.pi * 1400 / 1900)) / 2
        #expect(PlotNumberFormat.value(expected) == "1.058e-4")
        #expect(Self.text(view, .standard).contains("1500  1.058e-4"))
        Self.press(&view, "hh")                      // back down: 3e-4, then 2e-4
        #expect(view.recipes[0].peak == 2e-4)
    }

    @Test func marksToggleAtTheCursorAndResetRestores() throws {
        var view = try Self.view()
        Self.press(&view, "lm")                      // cursor 45, marked
        #expect(view.marks == [25, 45, 1500])
        Self.press(&view, "m")
        #expect(view.marks == [25, 1500])
        Self.press(&view, "mjjjl")
        #expect(view.marks == [25, 45, 1500])
        Self.press(&view, "r")
        #expect(view.marks == [25, 1500] && view.cursor == 25 && view.selected == 0)
        #expect(view.recipes == (try GoldenPlotTests.schedule()).recipes)
    }

    /// The cursor's readout is the courseware's computed value, not the view's own: StepLR with
    /// step_size 10 and γ = 0.5 from 0.1 has lr = 0.1·0.5^⌊25/10⌋ = 0.025 at step 25.
    @Test func theCursorReadsTheComputedFigure() throws {
        let recipe = try ScheduleRecipe.make(name: "step", fields: ["peak": [0.1], "step_size": [10], "gamma": [0.5]], steps: 100)
        var request = ScheduleRequest(recipes: [recipe], steps: 100)
        request.cursor = 25
        #expect(request.compute().atCursor == [0.025])
        #expect(ScheduleRequest(recipes: [recipe], steps: 100).compute().atCursor.isEmpty)
    }

    @Test func theEngineRefusesWarmupBeyondTotal() throws {
        let recipe = try ScheduleRecipe.make(name: "warmup_cosine", fields: ["warmup": [90], "total": [100]], steps: 100)
        var view = ScheduleView(request: ScheduleRequest(recipes: [recipe], steps: 100), terminal: Self.plain)
        Self.press(&view, "jjlllllllllll")           // warmup 90 → 91 … refused past 100
        #expect(view.recipes[0].spec == .warmupCosine(warmupSteps: 100, totalSteps: 100, minLR: 0))
        Self.press(&view, "jh")                      // total 100 → 99 < warmup: refused
        #expect(view.recipes[0].spec == .warmupCosine(warmupSteps: 100, totalSteps: 100, minLR: 0))
        #expect(Self.text(view, .standard).contains("refused: warmup_cosine: warmup_steps (100) must not exceed total_steps (99)"))
    }

    @Test func leavingPrintsACommandThatDrawsTheSameSchedules() throws {
        var view = try Self.view()
        Self.press(&view, "jlljjjjjh")                // 1. peak two rungs up, 2. step size one notch down
        #expect(view.equivalentCommand == "optimlab plot schedule warmup_cosine peak=0.001 warmup=100 total=2000 min=3e-05 step peak=0.0003 step_size=680 gamma=0.3 --steps 2000 --mark 25,1500")
        // The printed command parses back into the very same request.
        let words = view.equivalentCommand.split(separator: " ").map(String.init)
        let command = try PlotCommand.ScheduleSubcommand.parse(Array(words.dropFirst(3)))
        let parsed = try ScheduleArguments.parse(command.items)
        let recipes = try parsed.map { try ScheduleRecipe.make(name: $0.name, fields: $0.fields, steps: 2000) }
        #expect(recipes == view.recipes)
        #expect(command.mark == "25,1500")
    }

    @Test func qEscapeAndCtrlCLeave() throws {
        var view = try Self.view()
        #expect(view.handle(.character("q")) == .quit)
        #expect(view.handle(.escape) == .quit)
        #expect(view.handle(.interrupt) == .interrupt)
        #expect(view.handle(.character("z")) == .ignore)
    }
}
