import OptimlabEngine

/// One run of an experiment as asked for: a correct setup and the break-it switches to flip on it.
public struct ExperimentEntry: Sendable, Equatable {
    public var setup: RunSetup
    public var switches: [BreakSwitch]
    /// The run's name in `expect:` and prose holes (default `runN`, N counting entries from 1).
    public var name: String?
    /// The name of the correct twin run added for it (default `<name>_correct`).
    public var twinName: String?
    public init(setup: RunSetup, switches: [BreakSwitch] = [], name: String? = nil, twinName: String? = nil) {
        self.setup = setup; self.switches = switches; self.name = name; self.twinName = twinName
    }
}
