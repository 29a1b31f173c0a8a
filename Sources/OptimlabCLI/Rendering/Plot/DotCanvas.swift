/// A character grid addressed in dots: a Unicode braille cell holds 2×4 dots, an ASCII cell one.
///
/// Each cell remembers which layer drew in it last (a series, a contour or nothing) so the renderer
/// can pick its colour or its ASCII glyph, and markers replace a cell with a character of their own.
struct DotCanvas: Sendable {
    enum Owner: Equatable, Sendable {
        case empty, contour, series(Int)
    }

    let columns: Int
    let rows: Int
    let dotsPerColumn: Int
    let dotsPerRow: Int
    private(set) var bits: [UInt8]
    private(set) var owners: [Owner]
    private(set) var markers: [Character?]

    init(columns: Int, rows: Int, braille: Bool) {
        self.columns = max(columns, 1)
        self.rows = max(rows, 1)
        dotsPerColumn = braille ? 2 : 1
        dotsPerRow = braille ? 4 : 1
        bits = Array(repeating: 0, count: self.columns * self.rows)
        owners = Array(repeating: .empty, count: self.columns * self.rows)
        markers = Array(repeating: nil, count: self.columns * self.rows)
    }

    var dotWidth: Int { columns * dotsPerColumn }
    var dotHeight: Int { rows * dotsPerRow }

    /// Braille bit of the dot at (dx, dy) within a cell (Unicode's dot numbering 1–8).
    private static let brailleBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    /// Sets the dot at integer dot coordinates (origin top-left); outside dots are ignored.
    mutating func setDot(x: Int, y: Int, owner: Owner) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let index = (y / dotsPerRow) * columns + x / dotsPerColumn
        bits[index] |= dotsPerRow == 4 ? Self.brailleBits[y % 4][x % 2] : 1
        if owner != .contour || owners[index] == .empty { owners[index] = owner }
    }

    /// Draws a straight segment between two points in dot coordinates, clipped to the canvas first so a
    /// far-away point (a diverged run) costs nothing.
    mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), owner: Owner) {
        guard let (p, q) = Self.clip(a, b, width: Double(dotWidth), height: Double(dotHeight)) else { return }
        let steps = Int(max(abs(q.x - p.x), abs(q.y - p.y)).rounded(.up))
        if steps == 0 { setDot(x: Self.pixel(p.x), y: Self.pixel(p.y), owner: owner); return }
        for k in 0...steps {
            let t = Double(k) / Double(steps)
            setDot(x: Self.pixel(p.x + t * (q.x - p.x)), y: Self.pixel(p.y + t * (q.y - p.y)), owner: owner)
        }
    }

    /// The dot a coordinate falls in: dot k covers [k − ½, k + ½), so the canvas edges at −½ and
    /// n − ½ land on the first and just past the last dot, with no gaps between.
    static func pixel(_ v: Double) -> Int {
        Int((v + 0.5).rounded(.down))
    }

    /// Puts a marker character in the cell holding the dot (x, y).
    mutating func mark(x: Int, y: Int, _ character: Character) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        markers[(y / dotsPerRow) * columns + x / dotsPerColumn] = character
    }

    func cell(column: Int, row: Int) -> (bits: UInt8, owner: Owner, marker: Character?) {
        let i = row * columns + column
        return (bits[i], owners[i], markers[i])
    }

    /// Liang–Barsky clipping of a segment to [−½, width − ½] × [−½, height − ½]. A clipped end is put
    /// exactly on the edge that cut it (solving for the other coordinate), so even endpoints at ±10³⁰⁰
    /// give accurate points instead of a + t·(b − a) cancelling to noise.
    static func clip(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), width: Double, height: Double)
        -> ((x: Double, y: Double), (x: Double, y: Double))? {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return nil }
        let dx = b.x - a.x, dy = b.y - a.y
        guard dx.isFinite, dy.isFinite else { return nil }          // ends ~10³⁰⁸ apart: not drawable
        let bounds = (left: -0.5, right: width - 0.5, top: -0.5, bottom: height - 0.5)
        // (p, q, the edge's fixed coordinate, whether the edge is vertical)
        let edges = [(-dx, a.x - bounds.left, bounds.left, true), (dx, bounds.right - a.x, bounds.right, true),
                     (-dy, a.y - bounds.top, bounds.top, false), (dy, bounds.bottom - a.y, bounds.bottom, false)]
        var t0 = 0.0, t1 = 1.0
        var enter: (Double, Bool)?, leave: (Double, Bool)?
        for (p, q, edge, vertical) in edges {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let r = q / p
            if p < 0 {
                if r > t1 { return nil }
                if r > t0 { t0 = r; enter = (edge, vertical) }
            } else {
                if r < t0 { return nil }
                if r < t1 { t1 = r; leave = (edge, vertical) }
            }
        }
        func point(_ cut: (Double, Bool)?, _ end: (x: Double, y: Double)) -> (x: Double, y: Double) {
            guard let (edge, vertical) = cut else { return end }
            if vertical { return (edge, a.y + (edge - a.x) * (dy / dx)) }
            return (a.x + (edge - a.y) * (dx / dy), edge)
        }
        return (point(enter, a), point(leave, b))
    }
}
