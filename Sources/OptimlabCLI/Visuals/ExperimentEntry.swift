import OptimlabEngine

/// One run of an experiment as asked for: a correct setup and the break-it switches to flip on it.
public struct ExperimentEntry: Sendable, Equatable {
    public var setup: RunSetup
    public var switches: [BreakSwitch]
    public init(setup: RunSetup, switches: [BreakSwitch] = []) { self.setup = setup; self.switches = switches }
}
