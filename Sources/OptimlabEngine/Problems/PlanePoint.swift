/// A point of the (x, y) parameter plane of a two-parameter problem.
public struct PlanePoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}
