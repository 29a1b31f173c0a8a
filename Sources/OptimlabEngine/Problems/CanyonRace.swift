extension Canyon {
    /// Runs `optimizer` from the start for `steps` steps through the engine's ``TrainingRun`` (the same
    /// code path as traces and grading), with the gradient ∇f = (a·x, b·y) fed at every step. The run
    /// stops early if the point leaves the finite numbers.
    public func trajectory(name: String, optimizer: OptimizerSpec, steps: Int, variant: Variant = .correct) -> Trajectory {
        let initial = NamedTensors([("xy", [start.x, start.y])])
        var run = TrainingRun(optimizer: optimizer, variant: variant, initialParams: initial,
                              shapes: OptimizerChoice.shapes(for: optimizer, params: initial))
        var point = start
        var points = [point], losses = [loss(at: point)]
        for _ in 0..<max(steps, 0) {
            let g = gradient(at: point)
            let record = run.step(grads: NamedTensors([("xy", [g.x, g.y])]))
            let xy = record.params["xy"] ?? []
            guard xy.count == 2 else { break }
            point = PlanePoint(x: xy[0], y: xy[1])
            points.append(point)
            losses.append(loss(at: point))
            if !point.x.isFinite || !point.y.isFinite { break }
        }
        return Trajectory(name: name, points: points, losses: losses)
    }

    /// The learning rates the canyon race uses unless told otherwise, each a sensible choice for this
    /// problem rather than a library default:
    ///
    /// - sgd 0.09: just under the stability limit 2/a = 0.1, the fastest plain GD can go; it zig-zags
    ///   across the walls (x is multiplied by 1 − 0.09·20 = −0.8 per step) and crawls along the floor
    ///   (y by 1 − 0.09·0.2 = 0.982).
    /// - momentum 0.01 with μ = 0.9: the heavy ball, slower per step but accumulating speed on the floor.
    /// - adagrad 0.5, rmsprop 0.05, adam 0.1, adamw 0.1 (λ = 0.01): per-coordinate scaling makes them move
    ///   about lr per step in each direction, so these are sized for a start about 4 units away.
    /// - radam, nadam, adamax, lion, muon 0.1: each also moves about lr per step (Lion exactly lr per
    ///   coordinate, Muon lr along the unit vector of its momentum).
    /// - adafactor 0.05 and lamb 0.03: relative steps, a fraction lr of the point's own size.
    /// - lars 2: its trust coefficient 0.001 scales the step to 0.001·lr·‖θ‖ before momentum ×10.
    public static func defaultLR(for choice: OptimizerChoice) -> Double {
        switch choice {
        case .sgd: 0.09
        case .momentum: 0.01
        case .adagrad: 0.5
        case .rmsprop: 0.05
        case .adam, .adamw, .radam, .nadam, .adamax, .lion, .muon: 0.1
        case .adafactor: 0.05
        case .lamb: 0.03
        case .lars: 2
        }
    }

    /// Races each choice (at its lr in `lrs`, else ``defaultLR(for:)``, and its β in `betas`, else
    /// ``OptimizerChoice/defaultBeta``) from the same start.
    public func race(_ choices: [OptimizerChoice], steps: Int, lrs: [OptimizerChoice: Double] = [:],
                     betas: [OptimizerChoice: Double] = [:]) -> [Trajectory] {
        choices.map { choice in
            let lr = lrs[choice] ?? Self.defaultLR(for: choice)
            let spec = betas[choice].map { choice.spec(lr: lr, beta: $0) } ?? choice.spec(lr: lr)
            return trajectory(name: choice.rawValue, optimizer: spec, steps: steps)
        }
    }
}
