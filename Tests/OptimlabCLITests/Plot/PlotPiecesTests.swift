import OptimlabCourseware
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import OptimlabEngine
import Testing
@testable import OptimlabCLI

struct PlotNumberFormatTests {
    @Test func ticksAreShort() {
        #expect(PlotNumberFormat.tick(3e-4, step: 1e-4) == "3e-4")
        #expect(PlotNumberFormat.tick(2.5e-4, step: 5e-5) == "2.5e-4")
        #expect(PlotNumberFormat.tick(0.30000000000000004, step: 0.1) == "0.3")
        #expect(PlotNumberFormat.tick(1500, step: 500) == "1500")
        #expect(PlotNumberFormat.tick(0, step: 0.1) == "0")
        #expect(PlotNumberFormat.tick(-0.5, step: 0.5) == "-0.5")
    }

    @Test func valuesHaveFourSignificantDigits() {
        #expect(PlotNumberFormat.value(7.5e-5) == "7.5e-5")
        #expect(PlotNumberFormat.value(0.038729822) == "0.03873")
        #expect(PlotNumberFormat.value(3.1622776) == "3.162")
        #expect(PlotNumberFormat.value(.infinity) == "inf")
        #expect(PlotNumberFormat.value(123456) == "1.235e5")
    }
}

struct AxisScaleTests {
    @Test func niceStepsAreOneTwoOrFive() {
        #expect(AxisScale.niceStep(0.13) == 0.2)
        #expect(AxisScale.niceStep(3) == 5)
        #expect(AxisScale.niceStep(7) == 10)
        #expect(AxisScale.niceStep(1e-4) == 1e-4)
    }

    @Test func fittedRangesSnapOutwardToTicks() {
        let s = AxisScale.fitting([0.42, 0.69], log: false)
        #expect(abs(s.lower - 0.4) < 1e-12 && abs(s.upper - 0.7) < 1e-12)
        #expect(s.ticks.count == 4)                               // 0.4, 0.5, 0.6, 0.7
        let l = AxisScale.fitting([3e-5, 0.2], log: true)
        #expect(l.lower == 1e-5 && abs(l.upper - 1) < 1e-12)
        #expect(l.fraction(-1) == nil && l.fraction(.nan) == nil)
    }
}

struct ContourTracerTests {
    /// The level set f = 1 of f = x² + y² is the unit circle: every traced point lies on it up to the
    /// linear interpolation error of a 0.05 grid.
    @Test func tracesTheUnitCircle() {
        let xs = (0...60).map { -1.5 + 0.05 * Double($0) }
        let field = ContourField(xs: xs, ys: xs, values: xs.map { y in xs.map { x in x * x + y * y } }, levels: [1])
        let segments = ContourTracer.segments(of: field, level: 1)
        #expect(segments.count > 50)
        for s in segments {
            for p in [s.from, s.to] { #expect(abs((p.x * p.x + p.y * p.y).squareRoot() - 1) < 2e-3) }
        }
        #expect(ContourTracer.segments(of: field, level: 100).isEmpty)
    }

    @Test func raggedGridsTraceNothing() {
        #expect(ContourTracer.segments(of: ContourField(xs: [0, 1], ys: [0, 1], values: [[0, 1]], levels: [0.5]), level: 0.5).isEmpty)
    }
}

struct DotCanvasTests {
    @Test func brailleDotsUseUnicodeNumbering() {
        var c = DotCanvas(columns: 1, rows: 1, braille: true)
        c.setDot(x: 0, y: 0, owner: .series(0))
        c.setDot(x: 1, y: 3, owner: .series(0))
        #expect(c.cell(column: 0, row: 0).bits == 0x81)            // dots 1 and 8: ⢁
    }

    @Test func farAwaySegmentsAreClippedNotWalked() {
        var c = DotCanvas(columns: 10, rows: 5, braille: false)
        c.line(from: (-1e300, 2), to: (1e300, 2), owner: .series(1))
        #expect((0..<10).allSatisfy { c.cell(column: $0, row: 2).owner == .series(1) })
        c.line(from: (.nan, 0), to: (3, 3), owner: .series(2))
        #expect(c.cell(column: 3, row: 3).owner == .empty)
    }
}

struct SVGTests {
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var texts: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append(name)
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { texts.append(string) }
    }

    func parse(_ svg: String) -> (ok: Bool, collector: Collector) {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        return (parser.parse(), collector)
    }

    @Test func trajectorySVGIsWellFormedWithEveryPart() {
        let report = TrajectoryRequest(optimizers: [.sgd, .adam], steps: 100).report()
        let (ok, c) = parse(report.svg)
        #expect(ok)
        #expect(c.elements.first == "svg")
        #expect(c.elements.filter { $0 == "polyline" }.count == 2)   // one per optimizer (none leaves the view)
        #expect(c.elements.filter { $0 == "path" }.count == 6)       // one per contour level
        #expect(c.elements.filter { $0 == "circle" }.count == 2 + 2)  // start and minimum, and their legend keys
        #expect(c.texts.contains("sgd") && c.texts.contains("adam") && c.texts.contains("0.5"))
    }

    @Test func textIsEscapedAndDivergedRunsStayValid() throws {
        var request = ExperimentRequest(entries: [ExperimentEntry(setup: BreakSwitch.noClipping.demonstration, switches: [.noClipping])])
        request.title = "clip <1> & \"no\" clip"
        let (ok, c) = parse(try request.report().svg)
        #expect(ok)
        #expect(c.texts.joined().contains("clip <1> & \"no\" clip"))
    }
}

struct StepAxisTests {
    @Test func stepAxesTickOnWholeSteps() {
        let s = AxisScale.fixed(0...2, log: false, minimumStep: 1)
        #expect(s.ticks == [0, 1, 2])
        #expect(AxisScale.fixed(0...2, log: false).ticks.count == 5)   // 0, 0.5, … without the floor
    }
}
