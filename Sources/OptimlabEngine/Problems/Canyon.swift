#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The narrow canyon: an elongated quadratic bowl, the classic picture of why plain SGD is slow.
///
///     f(x, y) = ½ (a·x² + b·y²),   ∇f = (a·x, b·y),   minimum f = 0 at the origin, a ≫ b
///
/// x runs across the canyon (curvature a, steep walls) and y along its floor (curvature b, a gentle
/// slope). Gradient descent is stable only for lr < 2/a, and at such an lr it shrinks y by the factor
/// (1 − lr·b) per step, so the number of steps grows with the condition number a/b. Adam divides each
/// coordinate by its own gradient scale, so it walks down the floor at about lr per step whatever b is.
public struct Canyon: Sendable, Equatable {
    /// Curvature across the canyon (the steep direction).
    public var a: Double
    /// Curvature along the canyon floor (the shallow direction).
    public var b: Double
    /// Where every optimizer starts.
    public var start: PlanePoint

    public init(a: Double, b: Double, start: PlanePoint) {
        self.a = a; self.b = b; self.start = start
    }

    /// The standard canyon: condition number a/b = 100, starting high on a wall far up the floor
    /// (f = 0.5·20·0.8² + 0.5·0.2·4² = 8.0 at the start).
    public static let standard = Canyon(a: 20, b: 0.2, start: PlanePoint(x: 0.8, y: 4))

    /// The default target loss of a race: 10⁻³, 8000× below the start.
    public static let defaultTargetLoss = 1e-3

    public func loss(at p: PlanePoint) -> Double {
        0.5 * (a * p.x * p.x + b * p.y * p.y)
    }

    public func gradient(at p: PlanePoint) -> PlanePoint {
        PlanePoint(x: a * p.x, y: b * p.y)
    }

    /// f on a grid, one row per y (rows in the order of `ys`), for contour plots.
    public func lossGrid(xs: [Double], ys: [Double]) -> [[Double]] {
        ys.map { y in xs.map { x in loss(at: PlanePoint(x: x, y: y)) } }
    }

    /// `count` contour levels spaced geometrically from `lowest` up to the starting loss, so the
    /// ellipses stay evenly spread on screen although f spans orders of magnitude.
    public func contourLevels(count: Int, lowest: Double = 0.02) -> [Double] {
        let top = loss(at: start)
        guard count > 1, lowest > 0, top > lowest else { return [top] }
        let ratio = pow(top / lowest, 1 / Double(count - 1))
        return (0..<count).map { lowest * pow(ratio, Double($0)) }
    }
}
