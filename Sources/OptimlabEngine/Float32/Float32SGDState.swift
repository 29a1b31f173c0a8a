/// The momentum buffer and step count of ``Float32SGDStep``, held as Float between steps.
public struct Float32SGDState: Sendable, Equatable {
    /// Empty until the first step with momentum: PyTorch creates the buffer lazily, as a copy of the
    /// first gradient.
    public var momentumBuffer: [Float]
    public var stepCount: Int

    public init() { momentumBuffer = []; stepCount = 0 }
}
