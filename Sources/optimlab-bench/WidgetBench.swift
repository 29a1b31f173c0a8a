import OptimlabCLI
import OptimlabCourseware
import OptimlabEngine

/// Times one key press of the interactive views as the frame loop runs it: the state change (the engine
/// rebuilding the schedule, rerunning the race or the experiment), the new frame, and the bytes that
/// bring the screen up to date. The goal for a schedule slider over 2000 steps is under 16 ms, one
/// frame at 60 Hz.
struct WidgetBench {
    let stopwatch: Stopwatch
    static let colour = Terminal(isTTY: true, color: true, unicode: true, width: 80)

    struct Figure {
        var name: String
        var size: TerminalSize
        var seconds: Double
        /// Bytes written for the press, and for redrawing the whole screen instead.
        var bytes: Int
        var fullBytes: Int

        var line: String {
            "\(name) size=\(size) ms=\(fixed(seconds * 1e3, 3)) bytes=\(bytes) full_bytes=\(fullBytes)"
        }
    }

    /// Warmup-cosine and step decay over 2000 steps, two marked steps; `slider` picks the field moved.
    func schedule(slider: Int, name: String, size: TerminalSize) throws -> Figure {
        let recipes = [
            try ScheduleRecipe.make(name: "warmup_cosine", fields: ["peak": [3e-4], "warmup": [100], "total": [2000], "min": [3e-5]], steps: 2000),
            try ScheduleRecipe.make(name: "step", fields: ["peak": [3e-4], "step_size": [700], "gamma": [0.3]], steps: 2000),
        ]
        var view = ScheduleView(request: ScheduleRequest(recipes: recipes, steps: 2000, marks: [25, 1500]), terminal: Self.colour)
        for _ in 0..<slider { _ = view.handle(.down) }
        return measure(&view, name: name, size: size, keys: [.right, .left])
    }

    func trajectory(size: TerminalSize) -> Figure {
        var view = TrajectoryView(request: TrajectoryRequest(steps: 300), terminal: Self.colour)
        _ = view.handle(.space)                          // paused: the press alone is timed
        for _ in 0..<150 { _ = view.handle(.right) }
        return measure(&view, name: "widget-trajectory-lr", size: size, keys: [.character("l"), .character("h")])
    }

    func experiment(size: TerminalSize) throws -> Figure {
        var view = ExperimentView(request: try ExperimentRequest.preset(named: "no-bias-correction", steps: 200), terminal: Self.colour)
        return measure(&view, name: "widget-experiment-switch", size: size, keys: [.character("7"), .character("7")])
    }

    /// The median time of a press (alternating through `keys`, so every press changes the state).
    func measure<V: InteractiveView>(_ view: inout V, name: String, size: TerminalSize, keys: [Key]) -> Figure {
        var diff = ScreenDiff()
        _ = diff.update(view.frame(size: size), size: size)
        var k = 0, bytes = 0
        var copy = view
        let seconds = stopwatch.medianSeconds {
            _ = copy.handle(keys[k % keys.count])
            k += 1
            bytes = diff.update(copy.frame(size: size), size: size).utf8.count
        }
        var fresh = ScreenDiff()
        let full = fresh.update(copy.frame(size: size), size: size).utf8.count
        view = copy
        return Figure(name: name, size: size, seconds: seconds, bytes: bytes, fullBytes: full)
    }
}
