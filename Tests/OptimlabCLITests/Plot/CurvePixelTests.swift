import OptimlabCourseware
import Foundation
import OptimlabEngine
import Testing
@testable import OptimlabCLI

/// The plotted curve sits where the engine's values say: for every character column, one of the cells
/// drawn in that column is within one row of the row computed from the schedule's lr at that column's x.
struct CurvePixelTests {
    func drawnRows(_ text: String, layout: PlotLayout, titleLines: Int) -> [Int: [Int]] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        var out: [Int: [Int]] = [:]
        for r in 0..<layout.rows {
            let line = lines[titleLines + r]
            for c in 0..<layout.columns {
                let i = layout.labelWidth + 1 + c
                guard i < line.count else { continue }
                let ch = line[i]
                if ch == "*" || ch.unicodeScalars.first.map({ (0x2801...0x28FF).contains($0.value) }) == true {
                    out[c, default: []].append(r)
                }
            }
        }
        return out
    }

    @Test(arguments: [false, true])
    func warmupCosineFollowsTheEngine(unicode: Bool) throws {
        let recipe = try ScheduleRecipe.make(name: "warmup_cosine", fields: ["peak": [1e-3], "warmup": [150], "total": [1000], "min": [1e-4]], steps: 1000)
        let request = ScheduleRequest(recipes: [recipe], steps: 1000)
        let terminal = Terminal(isTTY: unicode, color: false, unicode: unicode, width: 80)
        let renderer = TextPlotRenderer(terminal: terminal)
        let figure = request.report().figure
        let layout = renderer.layout(for: figure)
        let rows = drawnRows(renderer.render(figure), layout: layout, titleLines: 2)
        #expect(rows.count == layout.columns)                      // a continuous curve touches every column
        for c in 0..<layout.columns {
            let s = Int(layout.x(atColumn: c).rounded())
            let expected = try #require(layout.row(forY: recipe.learningRate(atStep: s)))
            let drawn = rows[c] ?? []
            #expect(drawn.contains { abs($0 - expected) <= 1 }, "column \(c) (step \(s)): drawn rows \(drawn), expected \(expected)")
        }
    }

    @Test func theTopTickIsThePeakAndTheBottomIsZero() throws {
        let recipe = try ScheduleRecipe.make(name: "constant", fields: ["peak": [3e-4]], steps: 100)
        let layout = TextPlotRenderer(terminal: .plain).layout(for: ScheduleRequest(recipes: [recipe], steps: 100).report().figure)
        #expect(layout.yScale.lower == 0)
        #expect(abs(layout.yScale.upper - 3e-4) < 1e-18)
        #expect(layout.row(forY: 3e-4) == 0)
        #expect(layout.row(forY: 0) == layout.rows - 1)
    }
}
