import OptimlabCourseware
import Foundation
import OptimlabEngine
import Testing
@testable import OptimlabCLI

/// The rendered text of fixed plots, byte for byte, in both character sets (80 columns, no colour).
/// To accept a deliberate change, run with OPTIMLAB_UPDATE_GOLDEN=1 and review the diff of Golden/.
struct GoldenPlotTests {
    static let ascii = Terminal(isTTY: false, color: false, unicode: false, width: 80)
    static let unicode = Terminal(isTTY: true, color: false, unicode: true, width: 80)

    static func schedule() throws -> ScheduleRequest {
        ScheduleRequest(recipes: [
            try ScheduleRecipe.make(name: "warmup_cosine", fields: ["peak": [3e-4], "warmup": [100], "total": [2000], "min": [3e-5]], steps: 2000),
            try ScheduleRecipe.make(name: "step", fields: ["peak": [3e-4], "step_size": [700], "gamma": [0.3]], steps: 2000),
        ], steps: 2000, marks: [25, 1500])
    }

    static func trajectory() -> TrajectoryRequest {
        TrajectoryRequest(optimizers: [.sgd, .momentum, .adam], steps: 300)
    }

    static func check(_ text: String, golden name: String) throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["OPTIMLAB_UPDATE_GOLDEN"] == "1" {
            try text.write(to: source, atomically: true, encoding: .utf8)
            return
        }
        let url = try #require(Bundle.module.url(forResource: "Golden/\(name)", withExtension: nil))
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from the golden file")
    }

    @Test func scheduleASCII() throws {
        try Self.check(try Self.schedule().report().text(terminal: Self.ascii), golden: "schedule-ascii.txt")
    }

    @Test func scheduleUnicode() throws {
        try Self.check(try Self.schedule().report().text(terminal: Self.unicode), golden: "schedule-unicode.txt")
    }

    @Test func trajectoryASCII() throws {
        try Self.check(Self.trajectory().report().text(terminal: Self.ascii), golden: "trajectory-ascii.txt")
    }

    @Test func trajectoryUnicode() throws {
        try Self.check(Self.trajectory().report().text(terminal: Self.unicode), golden: "trajectory-unicode.txt")
    }

    @Test func breakItExperimentASCII() throws {
        let request = try ExperimentRequest.preset(named: "no-bias-correction", steps: 200)
        try Self.check(try request.report().text(terminal: Self.ascii), golden: "experiment-no-bias-correction-ascii.txt")
    }

    @Test func asciiOutputIsPureASCIIAndUnicodeUsesBraille() throws {
        let a = try Self.schedule().report().text(terminal: Self.ascii)
        #expect(a.unicodeScalars.allSatisfy { $0.isASCII })
        let u = Self.trajectory().report().text(terminal: Self.unicode)
        #expect(u.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
        #expect(!u.contains("\u{1B}["))                            // no colour when the terminal has none
    }

    @Test func colourWrapsSeriesInANSIStylesOnlyWhenEnabled() throws {
        let colour = Terminal(isTTY: true, color: true, unicode: true, width: 80)
        let text = try Self.schedule().report().text(terminal: colour)
        #expect(text.contains("\u{1B}[34m"))                       // series 1 blue
        #expect(text.contains("\u{1B}[31m"))                       // series 2 red
    }

    @Test func everyLineFitsTheWidth() throws {
        for width in [40, 80, 132] {
            let t = Terminal(isTTY: false, color: false, unicode: false, width: width)
            for figure in [try Self.schedule().report().figure, Self.trajectory().report().figure] {
                let plot = TextPlotRenderer(terminal: t).render(figure)
                #expect(plot.split(separator: "\n").allSatisfy { $0.count <= width })
            }
        }
    }
}
