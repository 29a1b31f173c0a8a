import OptimlabCourseware
import Testing
@testable import OptimlabCLI

/// The frame loop through a scripted terminal: keys in, the screen the written bytes produce out. The
/// screen must equal the view's own frame after any sequence of keys and resizes, although the loop
/// rewrites only the rows that changed.
struct FrameLoopTests {
    @Test func theScreenShowsTheFrameAfterKeysAndAResize() throws {
        var view = try ScheduleViewTests.view()
        let big = TerminalSize(columns: 120, rows: 40)
        var io = ScriptedIO(events: [.input(Array("jl".utf8)), .input([0x1B, 0x5B, 0x42, 0x1B, 0x5B, 0x43]),   // j l ↓ →
                                     .resize, .input(Array("m".utf8)), .input(Array("q".utf8))],
                            sizes: [.standard, big])
        let left = FrameLoop().run(&view, io: &io)
        #expect(left == .quit)
        #expect(view.recipes[0].peak == 5e-4)
        #expect(view.recipes[0].spec == .warmupCosine(warmupSteps: 120, totalSteps: 2000, minLR: 3e-5))
        #expect(io.sink.screen.columns == 120)
        #expect(io.sink.screen.lines == plainFrame(view.frame(size: big), rows: big.rows))
    }

    @Test func aKeyRewritesOnlyTheRowsThatChanged() throws {
        var view = try ScheduleViewTests.view()
        var diff = ScreenDiff()
        let first = diff.update(view.frame(size: .standard), size: .standard)
        #expect(first.hasPrefix(ANSI.clearScreen))
        _ = view.handle(.down)                          // only the pointer moves between two slider rows
        let second = diff.update(view.frame(size: .standard), size: .standard)
        #expect(!second.contains(ANSI.clearScreen))
        let rewritten = second.components(separatedBy: "\u{1B}[").filter { $0.first?.isNumber == true && $0.contains("H") && $0.hasSuffix("H") == false }
        #expect(second.contains(ANSI.move(row: 2, column: 1)))
        #expect(!second.contains(ANSI.move(row: 12, column: 1)))    // a plot row: unchanged, not rewritten
        #expect(rewritten.count >= 1)
        #expect(diff.update(view.frame(size: .standard), size: .standard) == "")   // nothing changed: nothing written
    }

    @Test func ctrlCAndTheInputEndingLeave() throws {
        var view = try ScheduleViewTests.view()
        var io = ScriptedIO(events: [.input([0x03])])
        #expect(FrameLoop().run(&view, io: &io) == .interrupt)
        var io2 = ScriptedIO(events: [.input(Array("l".utf8))])
        #expect(FrameLoop().run(&view, io: &io2) == .quit)
        #expect(view.cursor == 45)
    }
}
