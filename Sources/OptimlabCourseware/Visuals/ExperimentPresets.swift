import OptimlabEngine

extension ExperimentRequest {
    /// Named experiments from the course:
    /// - `sweep`: step decay against cosine for momentum SGD and AdamW, clipped at 1 so the outlier batch
    ///   does not decide the race (the seeds' "sweep step decay vs cosine");
    /// - `adagrad-vs-rmsprop`: AdaGrad's ever-growing accumulator (its lr dies after the outlier batch)
    ///   against RMSProp's moving average;
    /// - any break-it switch name: the case built to show that switch, correct and broken (named
///   `correct` and `broken` in expressions).
    public static let presetNames = ["sweep", "adagrad-vs-rmsprop"] + BreakSwitch.allCases.map(\.rawValue)

    public static func preset(named name: String, steps: Int) throws(ProblemError) -> ExperimentRequest {
        switch name {
        case "sweep":
            let schedules: [ScheduleSpec] = [.step(stepSize: max(steps / 3, 1), gamma: 0.1), .cosine(totalSteps: steps, minLR: 0)]
            let entries = [OptimizerChoice.momentum, .adamw].flatMap { choice in
                schedules.map { s in
                    ExperimentEntry(setup: RunSetup(label: "\(choice.rawValue) \(s.name)",
                                                    optimizer: choice.spec(lr: Experiment.defaultLR(for: choice)), schedule: s,
                                                    clipNorm: 1),
                                    name: "\(choice.rawValue)_\(s.name)")
                }
            }
            var request = ExperimentRequest(entries: entries, steps: steps)
            request.title = "Step decay vs cosine"
            return request
        case "adagrad-vs-rmsprop":
            var request = ExperimentRequest(entries: [OptimizerChoice.adagrad, .rmsprop].map { choice in
                ExperimentEntry(setup: RunSetup(label: choice.rawValue, optimizer: choice.spec(lr: Experiment.defaultLR(for: choice))),
                                name: choice.rawValue)
            }, steps: steps)
            request.title = "AdaGrad's dying lr vs RMSProp"
            return request
        default:
            guard let s = BreakSwitch(rawValue: name) else {
                throw ProblemError("unknown experiment \"\(name)\" (expected one of \(presetNames.joined(separator: ", ")))")
            }
            var request = ExperimentRequest(entries: [ExperimentEntry(setup: s.demonstration, switches: [s], name: "broken", twinName: "correct")],
                                            steps: steps)
            request.title = "Break it: \(s.summary())"
            return request
        }
    }
}
