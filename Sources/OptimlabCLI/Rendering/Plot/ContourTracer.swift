/// Marching squares: turns a sampled field into the line segments of its level sets.
///
/// For each grid cell, the four corners are classified as above or below the level; the 16 patterns say
/// which cell edges the level crosses, and each crossing is placed by linear interpolation between the
/// two corner values. Saddle cells (opposite corners on the same side) get both segments. This is
/// geometry on numbers the engine sampled, not optimizer math.
enum ContourTracer {
    struct Segment: Equatable {
        var from: PlotPoint
        var to: PlotPoint
    }

    static func segments(of field: ContourField, level: Double) -> [Segment] {
        let xs = field.xs, ys = field.ys, f = field.values
        guard xs.count > 1, ys.count > 1, f.count == ys.count, f.allSatisfy({ $0.count == xs.count }) else { return [] }
        var out: [Segment] = []
        for j in 0..<(ys.count - 1) {
            for i in 0..<(xs.count - 1) {
                // Corners counter-clockwise from bottom-left: (i,j) (i+1,j) (i+1,j+1) (i,j+1).
                let v = [f[j][i], f[j][i + 1], f[j + 1][i + 1], f[j + 1][i]]
                guard v.allSatisfy(\.isFinite) else { continue }
                let p = [PlotPoint(xs[i], ys[j]), PlotPoint(xs[i + 1], ys[j]),
                         PlotPoint(xs[i + 1], ys[j + 1]), PlotPoint(xs[i], ys[j + 1])]
                // Each edge k joins corner k and corner (k+1) % 4; collect where the level crosses.
                var crossings: [PlotPoint] = []
                for k in 0..<4 {
                    let a = v[k], b = v[(k + 1) % 4]
                    guard (a < level) != (b < level) else { continue }
                    let t = (level - a) / (b - a)
                    let pa = p[k], pb = p[(k + 1) % 4]
                    crossings.append(PlotPoint(pa.x + t * (pb.x - pa.x), pa.y + t * (pb.y - pa.y)))
                }
                if crossings.count == 2 {
                    out.append(Segment(from: crossings[0], to: crossings[1]))
                } else if crossings.count == 4 {
                    out.append(Segment(from: crossings[0], to: crossings[1]))
                    out.append(Segment(from: crossings[2], to: crossings[3]))
                }
            }
        }
        return out
    }
}
