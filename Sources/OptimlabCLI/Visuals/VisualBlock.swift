import OptimlabEngine

/// What a `plot` or `experiment` lesson block asks for, once read.
enum VisualBlock: Sendable {
    case schedule(ScheduleRequest)
    case trajectory(TrajectoryRequest)
    case experiment(ExperimentRequest)

    func report() throws(ProblemError) -> PlotReport {
        switch self {
        case .schedule(let r): r.report()
        case .trajectory(let r): r.report()
        case .experiment(let r): try r.report()
        }
    }
}
