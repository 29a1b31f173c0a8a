import OptimlabEngine

extension RunSetup {
    /// The run with `switches` flipped in order, labelled with what now runs (``summary``), so a
    /// legend never shows the correct run's settings next to a broken run.
    public func breaking(_ switches: [BreakSwitch]) throws(ProblemError) -> RunSetup {
        var out = self
        for s in switches { out = try s.apply(to: out) }
        if !switches.isEmpty { out.label = out.summary + (clipNorm != nil && out.clipNorm == nil ? " no clipping" : "") }
        return out
    }
}
