/// The path an optimizer takes on a two-parameter problem: the point and the loss after each step
/// (index 0 is the start).
public struct Trajectory: Sendable, Equatable {
    public var name: String
    public var points: [PlanePoint]
    public var losses: [Double]

    public init(name: String, points: [PlanePoint], losses: [Double]) {
        self.name = name; self.points = points; self.losses = losses
    }

    /// The number of steps after which the loss first is at or below `target` (0 if the start already
    /// is); nil when it never gets there within the run.
    public func stepsToReach(_ target: Double) -> Int? {
        losses.firstIndex { $0 <= target }
    }

    /// The update of step `k` (1-based, as in "after k steps"): θₖ − θₖ₋₁; nil outside the run.
    public func update(atStep k: Int) -> PlanePoint? {
        guard k >= 1, k < points.count else { return nil }
        return PlanePoint(x: points[k].x - points[k - 1].x, y: points[k].y - points[k - 1].y)
    }
}
