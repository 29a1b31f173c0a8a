import OptimlabCourseware
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import OptimlabEngine
import Testing
@testable import OptimlabCLI

struct ScheduleArgumentsTests {
    @Test func splitsNamesAndFieldsWithAliases() throws {
        let parsed = try ScheduleArguments.parse(["warmup_cosine", "peak=3e-4", "warmup=100", "total=2000", "min=3e-5",
                                                  "multistep", "milestones=30,60"])
        #expect(parsed.map(\.name) == ["warmup_cosine", "multistep"])
        #expect(parsed[0].fields == ["peak": [3e-4], "warmup_steps": [100], "total_steps": [2000], "min_lr": [3e-5]])
        #expect(parsed[1].fields == ["milestones": [30, 60]])
        #expect(ScheduleRequest.defaultSteps(parsed.map(\.fields)) == 2000)
        #expect(ScheduleRequest.defaultSteps(try ScheduleArguments.parse(["multistep", "milestones=30,60"]).map(\.fields)) == 81)
    }

    @Test func badArgumentsAreUsageErrors() throws {
        for (args, message) in [
            (["cosin"], "unknown schedule \"cosin\" (expected one of constant, step, multistep, cosine, warmup_cosine, warmup_linear, inverse_sqrt)"),
            (["peak=1"], "\"peak=1\" comes before any schedule name"),
            (["cosine", "peek=1"], "unknown field \"peek\" in \"peek=1\" (expected peak, warmup_steps, total_steps, min_lr, step_size, gamma, milestones or warmup, total, min)"),
            (["cosine", "peak="], "\"peak=\": missing value"),
            (["cosine", "peak=x"], "\"peak=x\": \"x\" is not a number"),
        ] {
            #expect(throws: CLIError.self) { try ScheduleArguments.parse(args) }
            do { _ = try ScheduleArguments.parse(args) } catch { #expect("\(error)" == message) }
        }
        #expect(throws: CLIError.self) { try ScheduleArguments.marks("5,x", steps: 10) }
        #expect(throws: CLIError.self) { try ScheduleArguments.marks("10", steps: 10) }
        #expect(throws: CLIError.self) { try NameList<OptimizerChoice>(parsing: "sgd,adamz") }
        #expect(try NameList<OptimizerChoice>(parsing: "sgd, ,adam,,").items == [.sgd, .adam])
        #expect(try NameList<BreakSwitch>(parsing: " ", allowsEmpty: true).items == [])
    }

    /// `--optimizers`, `--schedules` and `--switch` are typed lists: the documented comma syntax (spaces
    /// around a name allowed), the names checked while parsing, a wrong one named with the valid ones.
    @Test func listOptionsParseCommaSeparatedNames() throws {
        var experiment = try Optimlab.parseAsRoot(["experiment", "--optimizers", "adam, sgd", "--schedules", "cosine,constant",
                                                   "--switch", "no-warmup,beta2-0.95"]) as! ExperimentCommand
        #expect(experiment.optimizers?.items == [.adam, .sgd])
        #expect(experiment.schedules?.items.map(\.name) == ["cosine", "constant"])
        #expect(experiment.switches?.items == [.noWarmup, .beta2Fast])
        #expect(experiment.baseCommand == "optimlab experiment --optimizers adam,sgd --schedules cosine,constant --steps 200")
        let request = try experiment.makeRequest()
        #expect(request.entries.map(\.setup.label) == ["adam cosine", "adam constant", "sgd cosine", "sgd constant"])
        #expect(request.entries.allSatisfy { $0.switches == [.noWarmup, .beta2Fast] })
        experiment = try Optimlab.parseAsRoot(["experiment", "--switch", ""]) as! ExperimentCommand
        #expect(experiment.switches?.items == [])
        #expect(try experiment.makeRequest().entries.map(\.setup.label) == ["adamw"])
        let race = try Optimlab.parseAsRoot(["plot", "trajectory", "--optimizers", "sgd,momentum"]) as! PlotCommand.TrajectorySubcommand
        #expect(race.optimizers.items == [.sgd, .momentum])
        let defaults = try Optimlab.parseAsRoot(["plot", "trajectory"]) as! PlotCommand.TrajectorySubcommand
        #expect(defaults.optimizers.items == TrajectoryRequest.defaultOptimizers)
        let help = PlotCommand.TrajectorySubcommand.helpMessage(columns: 200)
        #expect(help.contains("lion, lamb, lars. (default: sgd,momentum,rmsprop,adam,adamw)\n"), "\(help)")
    }

    @Test func aWrongNameInAListIsRefusedWhileParsingWithTheValidNames() {
        let optimizers = OptimizerChoice.names, schedules = ScheduleSpec.names.joined(separator: ", ")
        for (args, message) in [
            (["experiment", "--optimizers", "sgd,adamz"],
             "The value 'sgd,adamz' is invalid for '--optimizers <list>': unknown optimizer \"adamz\" (expected one of \(optimizers))"),
            (["experiment", "--optimizers", ","], "The value ',' is invalid for '--optimizers <list>': name at least one optimizer (\(optimizers))"),
            (["experiment", "--schedules", "cosin"],
             "The value 'cosin' is invalid for '--schedules <list>': unknown schedule \"cosin\" (expected one of \(schedules))"),
            (["experiment", "--schedules", ""], "The value '' is invalid for '--schedules <list>': name at least one schedule (\(schedules))"),
            (["experiment", "--switch", "no-warmup,nope"],
             "The value 'no-warmup,nope' is invalid for '--switch <list>': unknown switch \"nope\" (expected one of \(BreakSwitch.names))"),
            (["plot", "trajectory", "--optimizers", "adamz"],
             "The value 'adamz' is invalid for '--optimizers <list>': unknown optimizer \"adamz\" (expected one of \(optimizers))"),
        ] {
            do {
                _ = try Optimlab.parseAsRoot(args)
                Issue.record("\(args) parsed")
            } catch {
                #expect(Optimlab.message(for: error) == message, "\(args)")
                #expect(Optimlab.exitCode(for: error).rawValue == 64, "\(args)")      // optimlab exits 2 for it
            }
        }
    }

    @Test func commandsRejectBadInputBeforePrintingAnything() throws {
        for args in [["plot", "schedule", "cosine", "step_size=3"], ["plot", "schedule", "cosine", "--width", "10"],
                     ["plot", "trajectory", "--lr", "sgd=-1"], ["experiment", "nope"],
                     ["experiment", "--optimizers", "sgd", "--switch", "no-bias-correction"]] {
            var command = try Optimlab.parseAsRoot(args)
            #expect(throws: CLIError.self, "\(args)") { try command.run() }
        }
    }
}

struct PlotOutputTests {
    @Test func svgOptionWritesAWellFormedFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("optimlab-plot-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var command = try Optimlab.parseAsRoot(["plot", "schedule", "cosine", "peak=3e-4", "--steps", "100", "--ascii", "--svg", path])
        try command.run()
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("<polyline") && svg.hasSuffix("</svg>\n"))
        #expect(XMLParser(data: Data(svg.utf8)).parse())
    }
}

struct ExperimentPresetTests {
    @Test func cosineBeatsStepDecayInTheSweep() throws {
        let request = try ExperimentRequest.preset(named: "sweep", steps: 200)
        let results = try request.runs().map { Experiment(steps: 200).run($0.setup) }
        #expect(results.map(\.label) == ["momentum step", "momentum cosine", "adamw step", "adamw cosine"])
        #expect(results[1].finalLoss < results[0].finalLoss)       // measured 0.4439 vs 0.4566
        #expect(results[3].finalLoss < results[2].finalLoss)       // measured 0.4716 vs 0.4993
        #expect(results.allSatisfy { $0.divergenceStep == nil })   // clipping at 1 absorbs the outlier batch
    }

    @Test func adagradsStepsDieWhileRMSPropsDoNot() throws {
        let request = try ExperimentRequest.preset(named: "adagrad-vs-rmsprop", steps: 200)
        let results = try request.runs().map { Experiment(steps: 200).run($0.setup) }
        // The same first step: every coordinate with a gradient moves 0.1, AdaGrad's lr·g/√(g²) and
        // RMSProp's 0.01·g/√(0.01·g²) (up to ε); then AdaGrad's sum keeps the outlier batch forever.
        #expect(abs(results[0].firstUpdateSize / results[1].firstUpdateSize - 1) < 1e-4)
        #expect(results[0].lastUpdateSize < results[1].lastUpdateSize / 2)   // measured 0.0063 vs 0.0132
    }

    @Test func aSwitchPresetPairsTheCorrectRunWithItsBrokenTwin() throws {
        let request = try ExperimentRequest.preset(named: "no-clipping", steps: 20)
        let runs = try request.runs()
        #expect(runs.count == 2)
        #expect(runs[0].twin == nil && runs[1].twin == 0)
        #expect(runs[1].setup.clipNorm == nil && runs[0].setup.clipNorm == 1)
    }

    @Test func twinsAreSharedWhenTheCorrectRunIsListed() throws {
        let adam = RunSetup(label: "adam", optimizer: OptimizerChoice.adam.spec(lr: 0.01))
        let request = ExperimentRequest(entries: [ExperimentEntry(setup: adam),
                                                  ExperimentEntry(setup: adam, switches: [.noBiasCorrection]),
                                                  ExperimentEntry(setup: adam, switches: [.beta2Fast])])
        #expect(try request.runs().map(\.twin) == [nil, 0, 0])
    }
}
