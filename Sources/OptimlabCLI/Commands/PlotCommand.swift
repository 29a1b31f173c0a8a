import ArgumentParser
import Foundation
import OptimlabCourseware
import OptimlabEngine

/// `optimlab plot schedule|trajectory`: terminal plots of learning-rate schedules and of optimizers'
/// paths down the narrow canyon. Every value comes from the engine; changing a parameter and running
/// the command again is the terminal's slider.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Plot learning-rate schedules or optimizer trajectories in the terminal (or as SVG).",
        subcommands: [ScheduleSubcommand.self, TrajectorySubcommand.self])
}

/// Output options shared by every plot: ASCII, width and an SVG copy.
struct PlotOutputOptions: ParsableArguments {
    @Flag(help: "Plain ASCII characters even on a terminal.")
    var ascii = false

    @Option(help: "Width in columns (40–400; default: the terminal's).")
    var width: Int?

    @Option(help: ArgumentHelp("Also write the plot as a standalone SVG file.", valueName: "file"))
    var svg: String?

    func terminal() throws -> Terminal {
        var t = Terminal.detect(forceASCII: ascii)
        if let width {
            guard (40...400).contains(width) else { throw CLIError.usage("--width must be between 40 and 400, got \(width)") }
            t.width = width
        }
        return t
    }

    /// Prints the report and writes the SVG when asked.
    func emit(_ report: PlotReport) throws {
        let terminal = try terminal()
        if let svg {
            do { try report.svg.write(toFile: svg, atomically: true, encoding: .utf8) } catch {
                throw CLIError.input("\(svg): cannot write the SVG file")
            }
        }
        print(report.text(terminal: terminal), terminator: "")
        if let svg { print("wrote \(svg)") }
    }
}

extension PlotCommand {
    /// `optimlab plot schedule NAME key=value… [NAME key=value…]…`
    struct ScheduleSubcommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule",
            abstract: "Plot one or more learning-rate schedules, overlaid.",
            discussion: """
                Each schedule is a name (\(ScheduleSpec.names.joined(separator: ", "))) followed by \
                key=value fields: peak, warmup_steps (warmup), total_steps (total), min_lr (min), step_size, \
                gamma, milestones (comma-separated). Fields left out default to the run length: total = \
                --steps, warmup = steps/10, step_size = steps/3, milestones = steps/2,3·steps/4, gamma 0.1, \
                peak 1e-3. Example: optimlab plot schedule warmup_cosine peak=3e-4 warmup=100 total=2000 \
                min=3e-5 cosine peak=3e-4 total=2000 --mark 25,1500
                """)

        @Argument(help: ArgumentHelp("Schedules: NAME key=value … [NAME key=value …] …", valueName: "schedule"))
        var items: [String]

        @Option(help: "Steps to plot (default: the largest total_steps given, else 1000).")
        var steps: Int?

        @Option(help: ArgumentHelp("Steps whose lr is printed beside the plot, comma-separated.", valueName: "s,s"))
        var mark: String?

        @Flag(name: .customLong("log-y"), help: "Logarithmic lr axis.")
        var logY = false

        @Flag(help: "Full-screen view with a slider per field (arrows or h/j/k/l; m marks a step, r resets, q leaves and prints the command).")
        var interactive = false

        @OptionGroup var output: PlotOutputOptions

        func run() throws {
            let parsed = try ScheduleArguments.parse(items)
            let steps = try self.steps.map { s -> Int in
                guard ScheduleRequest.stepRange.contains(s) else { throw CLIError.usage("--steps must be \(StepRangeText(ScheduleRequest.stepRange)), got \(s)") }
                return s
            } ?? ScheduleRequest.defaultSteps(parsed.map(\.fields))
            var recipes: [ScheduleRecipe] = []
            for (name, fields) in parsed {
                do { recipes.append(try ScheduleRecipe.make(name: name, fields: fields, steps: steps)) } catch {
                    throw CLIError.usage(error.message)
                }
            }
            let marks = try mark.map { try ScheduleArguments.marks($0, steps: steps) } ?? []
            let request = ScheduleRequest(recipes: recipes, steps: steps, marks: marks, logY: logY)
            if interactive, try InteractiveLauncher.show(flag: "--interactive", ascii: output.ascii, {
                ScheduleView(request: request, terminal: InteractiveLauncher.style)
            }) { return }
            try output.emit(request.report())
        }
    }

    /// `optimlab plot trajectory [--optimizers …] [--steps N] [--target-loss L] [--lr name=value]…`
    struct TrajectorySubcommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trajectory",
            abstract: "Race optimizers down the narrow canyon f(x, y) = ½(a·x² + b·y²) and count their steps.",
            discussion: """
                All start at the same point of f = ½(20x² + 0.2y²). Default lrs (chosen for this problem): \
                sgd 0.09 (just under the stability limit 2/a = 0.1), momentum 0.01 (μ 0.9), adagrad 0.5, \
                rmsprop 0.05, adam 0.1, adamw 0.1.
                """)

        // The default is written into the help: an option parsed by `transform:` has no default shown.
        @Option(help: ArgumentHelp("Comma-separated: \(OptimizerChoice.names). (default: \(NameList(TrajectoryRequest.defaultOptimizers)))",
                                   valueName: "list"),
                transform: NameList.parse)
        var optimizers = NameList(TrajectoryRequest.defaultOptimizers)

        @Option(help: "Steps per optimizer (\(StepRangeText(TrajectoryRequest.stepRange).dashed)).")
        var steps: Int = 300

        @Option(name: .customLong("target-loss"), help: "The loss that counts as arrived.")
        var targetLoss: Double = Canyon.defaultTargetLoss

        @Option(help: ArgumentHelp("Override an lr, e.g. --lr sgd=0.05 (repeatable).", valueName: "name=value"))
        var lr: [String] = []

        @Option(help: ArgumentHelp("Override a β in [0, 1): momentum's μ, rmsprop's α, adam's β₁, e.g. --beta adam=0.5 (repeatable).",
                                   valueName: "name=value"))
        var beta: [String] = []

        @Flag(help: "Animate the paths step by step (space pauses, ←/→ step, +/- speed; h/l move the lr and β sliders, q leaves).")
        var animate = false

        @OptionGroup var output: PlotOutputOptions

        func run() throws {
            guard TrajectoryRequest.stepRange.contains(steps) else { throw CLIError.usage("--steps must be \(StepRangeText(TrajectoryRequest.stepRange)), got \(steps)") }
            guard targetLoss.isFinite && targetLoss > 0 else { throw CLIError.usage("--target-loss must be a positive number") }
            let choices = optimizers.items
            var lrs: [OptimizerChoice: Double] = [:]
            for item in lr {
                let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let value = Double(parts[1]), value.isFinite, value > 0 else {
                    throw CLIError.usage("--lr takes name=value with a positive number, got \"\(item)\"")
                }
                do { lrs[try OptimizerChoice.named(parts[0])] = value } catch { throw CLIError.usage(error.message) }
            }
            var request = TrajectoryRequest(optimizers: choices, steps: steps, lrs: lrs, targetLoss: targetLoss)
            for item in beta {
                let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let value = Double(parts[1]), value >= 0, value < 1 else {
                    throw CLIError.usage("--beta takes name=value with a number in [0, 1), got \"\(item)\"")
                }
                let choice: OptimizerChoice
                do { choice = try OptimizerChoice.named(parts[0]) } catch { throw CLIError.usage(error.message) }
                if let refusal = choice.betaRefusal { throw CLIError.usage("--beta: " + refusal) }
                request.betas[choice] = value
            }
            if animate, try InteractiveLauncher.show(flag: "--animate", ascii: output.ascii, {
                TrajectoryView(request: request, terminal: InteractiveLauncher.style)
            }) { return }
            try output.emit(request.report())
        }
    }
}

/// Parsing of the schedule and list arguments shared by `plot` and `experiment`.
enum ScheduleArguments {
    /// Splits `NAME key=value … NAME …` into schedules and their fields; every message says which
    /// token is wrong.
    static func parse(_ items: [String]) throws -> [(name: String, fields: [String: [Double]])] {
        var out: [(name: String, fields: [String: [Double]])] = []
        for item in items {
            guard let eq = item.firstIndex(of: "=") else {
                guard ScheduleSpec.names.contains(item) else {
                    throw CLIError.usage("unknown schedule \"\(item)\" (expected one of \(ScheduleSpec.names.joined(separator: ", ")))")
                }
                out.append((item, [:]))
                continue
            }
            let key = String(item[..<eq]), text = String(item[item.index(after: eq)...])
            guard !out.isEmpty else { throw CLIError.usage("\"\(item)\" comes before any schedule name") }
            guard let field = ScheduleRecipe.canonicalField(key) else {
                throw CLIError.usage("unknown field \"\(key)\" in \"\(item)\" (expected \(ScheduleRecipe.fieldNames.joined(separator: ", ")) or warmup, total, min)")
            }
            let numbers = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else {
                throw CLIError.usage("\"\(item)\": \(text.isEmpty ? "missing value" : "\"\(text)\" is not a number")")
            }
            out[out.count - 1].fields[field] = numbers.compactMap { $0 }
        }
        guard !out.isEmpty else { throw CLIError.usage("name at least one schedule (\(ScheduleSpec.names.joined(separator: ", ")))") }
        return out
    }

    /// `--mark 25,1500`: steps from 0 to `steps` − 1.
    static func marks(_ text: String, steps: Int) throws -> [Int] {
        do { return try ScheduleRequest.marks(text, steps: steps, option: "--mark") } catch { throw CLIError.usage(error.message) }
    }
}
