import Foundation

/// Draws a ``PlotFigure`` as a standalone SVG document for slides: the same axes, ticks, contours,
/// series, markers and legend as the terminal plot, as vector shapes (polylines, lines and text).
struct SVGPlotRenderer {
    var width = 760.0
    var height = 460.0

    static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf"]

    func render(_ figure: PlotFigure) -> String {
        let layout = PlotLayout(figure: figure, width: 200, braille: true)   // only its scales are used
        let legendRows = (figure.series.count + figure.markers.count + 2) / 3
        let area = (left: 80.0, top: 50.0, right: width - 24, bottom: height - 70 - 20 * Double(legendRows))
        func px(_ p: PlotPoint) -> (Double, Double)? {
            guard let fx = layout.xScale.fraction(p.x), let fy = layout.yScale.fraction(p.y) else { return nil }
            return (area.left + fx * (area.right - area.left), area.bottom - fy * (area.bottom - area.top))
        }
        var out: [String] = []
        out.append(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        out.append(#"<svg xmlns="http://www.w3.org/2000/svg" width="\#(n(width))" height="\#(n(height))" viewBox="0 0 \#(n(width)) \#(n(height))" font-family="sans-serif" font-size="12">"#)
        out.append(#"<rect x="0" y="0" width="\#(n(width))" height="\#(n(height))" fill="white"/>"#)
        out.append(#"<text x="\#(n(width / 2))" y="28" text-anchor="middle" font-size="16" font-weight="bold">\#(escape(figure.title))</text>"#)
        out.append(#"<defs><clipPath id="area"><rect x="\#(n(area.left))" y="\#(n(area.top))" width="\#(n(area.right - area.left))" height="\#(n(area.bottom - area.top))"/></clipPath></defs>"#)
        out += axes(layout, area: area)
        if let field = figure.contours {
            out.append(##"<g clip-path="url(#area)" stroke="#bbbbbb" stroke-width="0.8" fill="none">"##)
            for level in field.levels {
                let d = ContourTracer.segments(of: field, level: level).compactMap { s -> String? in
                    guard let a = px(s.from), let b = px(s.to) else { return nil }
                    return "M\(n(a.0)) \(n(a.1))L\(n(b.0)) \(n(b.1))"
                }.joined()
                if !d.isEmpty { out.append(#"<path d="\#(d)"/>"#) }
            }
            out.append("</g>")
        }
        out.append(#"<g clip-path="url(#area)" fill="none" stroke-width="1.8">"#)
        for (k, s) in figure.series.enumerated() {
            for run in pieces(s.points.map(px)) where !run.isEmpty {
                let pts = run.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
                out.append(#"<polyline stroke="\#(Self.colors[k % Self.colors.count])" points="\#(pts)"/>"#)
            }
        }
        out.append("</g>")
        for m in figure.markers {
            guard let p = px(m.point) else { continue }
            out.append(#"<circle cx="\#(n(p.0))" cy="\#(n(p.1))" r="4" fill="black"/>"#)
        }
        out += legend(figure, top: area.bottom + 48)
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    func axes(_ layout: PlotLayout, area: (left: Double, top: Double, right: Double, bottom: Double)) -> [String] {
        var out = [#"<g stroke="black" stroke-width="1">"#,
                   #"<line x1="\#(n(area.left))" y1="\#(n(area.bottom))" x2="\#(n(area.right))" y2="\#(n(area.bottom))"/>"#,
                   #"<line x1="\#(n(area.left))" y1="\#(n(area.top))" x2="\#(n(area.left))" y2="\#(n(area.bottom))"/>"#]
        var labels: [String] = []
        for t in layout.xScale.ticks {
            guard let f = layout.xScale.fraction(t) else { continue }
            let x = area.left + f * (area.right - area.left)
            out.append(#"<line x1="\#(n(x))" y1="\#(n(area.bottom))" x2="\#(n(x))" y2="\#(n(area.bottom + 5))"/>"#)
            labels.append(#"<text x="\#(n(x))" y="\#(n(area.bottom + 19))" text-anchor="middle">\#(escape(layout.xScale.label(t)))</text>"#)
        }
        for t in layout.yScale.ticks {
            guard let f = layout.yScale.fraction(t) else { continue }
            let y = area.bottom - f * (area.bottom - area.top)
            out.append(#"<line x1="\#(n(area.left - 5))" y1="\#(n(y))" x2="\#(n(area.left))" y2="\#(n(y))"/>"#)
            labels.append(#"<text x="\#(n(area.left - 8))" y="\#(n(y + 4))" text-anchor="end">\#(escape(layout.yScale.label(t)))</text>"#)
        }
        out.append("</g>")
        return out + labels
    }

    func legend(_ figure: PlotFigure, top: Double) -> [String] {
        var out: [String] = []
        var entries: [(color: String?, label: String)] = figure.series.enumerated().map { (Self.colors[$0.offset % Self.colors.count], $0.element.name) }
        entries += figure.markers.filter { !$0.label.isEmpty }.map { (nil, $0.label) }
        for (i, e) in entries.enumerated() {
            let x = 80 + Double(i % 3) * 220, y = top + Double(i / 3) * 20
            if let color = e.color {
                out.append(#"<line x1="\#(n(x))" y1="\#(n(y - 4))" x2="\#(n(x + 24))" y2="\#(n(y - 4))" stroke="\#(color)" stroke-width="3"/>"#)
            } else {
                out.append(#"<circle cx="\#(n(x + 12))" cy="\#(n(y - 4))" r="4" fill="black"/>"#)
            }
            out.append(#"<text x="\#(n(x + 30))" y="\#(n(y))">\#(escape(e.label))</text>"#)
        }
        return out
    }

    /// Splits mapped points into runs of drawable ones.
    func pieces(_ points: [(Double, Double)?]) -> [[(Double, Double)]] {
        var runs: [[(Double, Double)]] = [[]]
        for p in points {
            if let p { runs[runs.count - 1].append(p) } else if !(runs.last?.isEmpty ?? true) { runs.append([]) }
        }
        return runs
    }

    /// Coordinates with two decimals at most; huge values are clamped so a diverged run stays valid SVG.
    func n(_ v: Double) -> String {
        PlotNumberFormat.trimmed(String(format: "%.2f", min(max(v, -1e6), 1e6)))
    }

    func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
