/// One training run of an experiment, as data: the optimizer, an optional schedule and clipping, and
/// the engine variant (known mistakes) to run under.
public struct RunSetup: Sendable, Equatable {
    public var label: String
    public var optimizer: OptimizerSpec
    /// The schedule; its peak is the optimizer's lr, as in a trace.
    public var schedule: ScheduleSpec?
    public var clipNorm: Double?
    public var variant: Variant

    public init(label: String, optimizer: OptimizerSpec, schedule: ScheduleSpec? = nil, clipNorm: Double? = nil,
                variant: Variant = .correct) {
        self.label = label; self.optimizer = optimizer; self.schedule = schedule
        self.clipNorm = clipNorm; self.variant = variant
    }

    /// The run with `switches` flipped in order, labelled `label [switch, …]`.
    public func breaking(_ switches: [BreakSwitch]) throws(ProblemError) -> RunSetup {
        var out = self
        for s in switches { out = try s.apply(to: out) }
        if !switches.isEmpty { out.label = "\(label) [\(switches.map(\.rawValue).joined(separator: ", "))]" }
        return out
    }
}
