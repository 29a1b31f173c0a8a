import ArgumentParser
import OptimlabCourseware
import OptimlabEngine

/// `optimlab experiment`: trains logistic regression on the seeded synthetic dataset with optimizer ×
/// schedule combinations, optionally with break-it switches flipped, and overlays the loss curves with
/// the measured effects (first update, divergence, final loss, weight norm) printed under them.
struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Train on a small synthetic problem with several optimizers, schedules and break-it switches.",
        discussion: """
            Presets: \(ExperimentRequest.presetNames.joined(separator: ", ")). A switch name as the preset \
            runs the case built to show that switch next to the correct run. Without a preset, every \
            optimizer in --optimizers runs with every schedule in --schedules (default lrs: sgd 0.5, \
            momentum 0.05, adagrad 0.1, rmsprop 0.01, adam 0.01, adamw 0.01), and --switch adds a broken \
            twin of each run. The dataset: 512 examples, 8 dense and 8 sparse features, batches of 32, an \
            outlier batch (×50, labels flipped) at update 10.
            """)

    @Argument(help: ArgumentHelp("A named experiment (optional).", valueName: "preset"))
    var preset: String?

    @Option(help: ArgumentHelp("Comma-separated optimizers: \(OptimizerChoice.names).", valueName: "list"),
            transform: NameList.parse)
    var optimizers: NameList<OptimizerChoice>?

    @Option(help: ArgumentHelp("Comma-separated schedules: \(ScheduleSpec.names.joined(separator: ", ")).", valueName: "list"),
            transform: NameList.parse)
    var schedules: NameList<ScheduleName>?

    @Option(help: "Learning rate for every run (default: per optimizer).")
    var lr: Double?

    @Option(help: "Clip gradients to this global norm.")
    var clip: Double?

    @Option(name: .customLong("switch"), help: ArgumentHelp("Comma-separated break-it switches: \(BreakSwitch.names).", valueName: "list"),
            transform: NameList.parseAllowingEmpty)
    var switches: NameList<BreakSwitch>?

    @Option(help: "Updates per run (\(StepRangeText(ExperimentRequest.stepRange).dashed)).")
    var steps: Int = 200

    @Flag(name: .customLong("log-y"), help: "Logarithmic loss axis.")
    var logY = false

    @Flag(help: "Full-screen view: flip the break-it switches with keys (↑/↓ and space, or 1–8) and watch the curves change; q leaves and prints the command.")
    var interactive = false

    @OptionGroup var output: PlotOutputOptions

    func run() throws {
        guard ExperimentRequest.stepRange.contains(steps) else { throw CLIError.usage("--steps must be \(StepRangeText(ExperimentRequest.stepRange)), got \(steps)") }
        if let lr, !(lr.isFinite && lr > 0) { throw CLIError.usage("--lr must be a positive number") }
        if let clip, !(clip.isFinite && clip > 0) { throw CLIError.usage("--clip must be a positive number") }
        do {
            var request = try makeRequest()
            request.logY = logY
            if interactive, try InteractiveLauncher.show(flag: "--interactive", ascii: output.ascii, {
                ExperimentView(request: request, terminal: InteractiveLauncher.style, command: baseCommand,
                               intrinsic: preset.flatMap(BreakSwitch.init(rawValue:)).map { [$0] } ?? [])
            }) { return }
            try output.emit(try request.report())
        } catch let error as ProblemError {
            throw CLIError.usage(error.message)
        }
    }

    /// This command without its switches and `--interactive` (the view adds the switches that are on).
    var baseCommand: String {
        var parts = ["optimlab experiment"]
        if let preset { parts.append(preset) }
        if let optimizers { parts.append("--optimizers \(optimizers)") }
        if let schedules { parts.append("--schedules \(schedules)") }
        if let lr { parts.append("--lr \(lr)") }
        if let clip { parts.append("--clip \(clip)") }
        parts.append("--steps \(steps)")
        if logY { parts.append("--log-y") }
        return parts.joined(separator: " ")
    }

    func makeRequest() throws -> ExperimentRequest {
        let flipped = switches?.items ?? []
        if let preset, optimizers == nil, schedules == nil, lr == nil, clip == nil {
            var request = try ExperimentRequest.preset(named: preset, steps: steps)
            request.entries = request.entries.map { ExperimentEntry(setup: $0.setup, switches: $0.switches + flipped, name: $0.name, twinName: $0.twinName) }
            return request
        }
        if let preset { throw CLIError.usage("give either a preset (\(preset)) or --optimizers/--schedules/--lr/--clip, not both") }
        let choices = optimizers?.items ?? [.adamw]
        let names = schedules?.items.map(\.name) ?? ["constant"]
        var entries: [ExperimentEntry] = []
        for choice in choices {
            for name in names {
                let rate = lr ?? Experiment.defaultLR(for: choice)
                let recipe = try ScheduleRecipe.make(name: name, fields: [:], steps: steps)
                let label = names.count > 1 || name != "constant" ? "\(choice.rawValue) \(name)" : choice.rawValue
                let setup = RunSetup(label: label, optimizer: choice.spec(lr: rate),
                                     schedule: name == "constant" ? nil : recipe.spec, clipNorm: clip)
                entries.append(ExperimentEntry(setup: setup, switches: flipped))
            }
        }
        return ExperimentRequest(entries: entries, steps: steps)
    }
}
