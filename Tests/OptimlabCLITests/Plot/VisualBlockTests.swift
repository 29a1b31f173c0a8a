import OptimlabCourseware
import Testing
@testable import OptimlabCLI

struct VisualBlockTests {
    @Test func aGoodScheduleBlockValidatesAndRenders() throws {
        let yaml = """
            kind: schedule
            schedules:
              - {name: warmup_cosine, peak: 3e-4, warmup_steps: 100, total_steps: 2000, min_lr: 3e-5}
              - {name: cosine, peak: 3e-4, total_steps: 2000}
            mark: [25, 1500]
            """
        #expect(validateVisualBlock(kind: "plot", yaml: yaml).isEmpty)
        let text = try renderVisualBlock(kind: "plot", yaml: yaml, terminal: .plain)
        #expect(text.contains("warmup_cosine peak=0.0003 warmup=100 total=2000 min=3e-05"))
        #expect(text.contains("25    7.5e-5"))                     // 3e-4 · 25/100
    }

    @Test func unknownFieldsAreReportedAtTheirLines() {
        let yaml = """
            kind: schedule
            schedules:
              - {name: warmup_cosine, peak: 3e-4, warmup_steps: 100}
              - {name: cosine, peak: 3e-4, bogus: 1}
            colour: red
            """
        let problems = validateVisualBlock(kind: "plot", yaml: yaml)
        #expect(problems.map { $0.line } == [5, 4])
        #expect(problems[0].message == "unknown field 'colour' in a schedule plot (fields: kind, title, schedules, steps, mark, log_y, id, expect)")
        #expect(problems[1].message.hasPrefix("unknown field 'bogus' in a schedule (fields: name, peak,"))
    }

    @Test func badKindsAndSyntaxAreReported() {
        #expect(validateVisualBlock(kind: "plot", yaml: "kind: histogram\n").map { $0.line } == [1])
        #expect(validateVisualBlock(kind: "plot", yaml: "kind: histogram\n")[0].message
                == "unknown plot kind \"histogram\" (expected one of schedule, trajectory, experiment)")
        #expect(validateVisualBlock(kind: "plot", yaml: "steps: 10\n")[0].message.hasPrefix("missing field kind"))
        let syntax = validateVisualBlock(kind: "plot", yaml: "kind: schedule\nschedules: [\n  {name: x\n")
        #expect(syntax.count == 1 && syntax[0].message.hasPrefix("YAML syntax: "))
        #expect(validateVisualBlock(kind: "table", yaml: "kind: schedule\n")[0].message == "unknown block type \"table\" (expected plot or experiment)")
    }

    @Test func badValuesNameTheField() {
        let yaml = """
            kind: schedule
            schedules:
              - name: cosine
                step_size: 30
            steps: -4
            mark: [25, many]
            """
        let problems = validateVisualBlock(kind: "plot", yaml: yaml)
        #expect(problems.map(\.description) == [
            "block:5:8: steps must be between 2 and 100000000, got -4",
            "block:3:5: cosine does not take step_size (it takes peak, total_steps, min_lr)",
            "block:6:12: mark must be a whole number",
        ])
    }

    @Test func experimentBlocksCheckOptimizersAndSwitches() throws {
        let yaml = """
            runs:
              - {optimizer: adam, lr: 0.01, switches: [no-bias-correction]}
              - {optimizer: sgd, schedule: cosine, switches: [no-warmup]}
              - {optimizer: adamz}
            steps: 50
            """
        let problems = validateVisualBlock(kind: "experiment", yaml: yaml)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 4)
        #expect(problems.first?.message.hasPrefix("unknown optimizer \"adamz\"") == true)
        let fixed = yaml.replacingOccurrences(of: "  - {optimizer: adamz}\n", with: "")
        let stillBad = validateVisualBlock(kind: "experiment", yaml: fixed)
        #expect(stillBad.map { $0.message } == ["no-warmup applies to a warmup_cosine or warmup_linear schedule (this run has cosine)"])
    }

    @Test func anExperimentBlockRendersItsRunsAndTheirTwins() throws {
        let yaml = """
            kind: experiment
            runs:
              - {optimizer: adam, lr: 0.01, switches: [no-bias-correction]}
            steps: 20
            """
        let text = try renderVisualBlock(kind: "plot", yaml: yaml, terminal: .plain)
        #expect(text.contains("adam lr=0.01 beta2=0.999 no-bias-correction"))    // the legend says what ran
        #expect(text.contains("(x3.162)"))                        // first update against the correct twin
    }

    @Test func aTrajectoryBlockTakesLearningRates() throws {
        let yaml = "kind: trajectory\noptimizers: [sgd, adam]\nsteps: 400\nlr: {sgd: 0.05, adam: 0.1}\n"
        #expect(validateVisualBlock(kind: "plot", yaml: yaml).isEmpty)
        let text = try renderVisualBlock(kind: "plot", yaml: yaml, terminal: .plain)
        #expect(text.contains("sgd        0.05"))
        let bad = validateVisualBlock(kind: "plot", yaml: "kind: trajectory\nlr: {sgd: -1, adamz: 2}\n")
        #expect(bad.map { $0.line } == [2, 2])
    }

    @Test func renderingAnInvalidBlockThrowsTheProblems() {
        #expect(throws: VisualBlockError.self) { try renderVisualBlock(kind: "plot", yaml: "kind: nope", terminal: .plain) }
    }
}

struct VisualBlockTitleTests {
    @Test func everyKindTakesATitle() throws {
        for yaml in ["kind: schedule\ntitle: Warmup then decay\nschedules: [{name: cosine}]\n",
                     "kind: trajectory\ntitle: Warmup then decay\noptimizers: sgd\nsteps: 5\n",
                     "kind: experiment\ntitle: Warmup then decay\nruns: [{optimizer: sgd}]\nsteps: 5\n"] {
            #expect(validateVisualBlock(kind: "plot", yaml: yaml).isEmpty)
            #expect(try renderVisualBlock(kind: "plot", yaml: yaml, terminal: .plain).contains("Warmup then decay"))
        }
    }
}

/// Visual blocks are read by the one YAML reader: problems at file:line:column, YAML 1.2 core scalars.
struct VisualBlockDiagnosticTests {
    @Test func yamlOnePointOneBooleansAreText() {
        let problems = validateVisualBlock(kind: "plot", yaml: "kind: schedule\nschedules: [{name: cosine}]\nlog_y: yes\n")
        #expect(problems.map(\.description) == ["block:3:8: log_y must be true or false"])
        #expect(validateVisualBlock(kind: "plot", yaml: "kind: schedule\nschedules: [{name: cosine, peak: 3e-4}]\nlog_y: True\n").isEmpty)
    }

    @Test func aQuotedNumberIsText() {
        let problems = validateVisualBlock(kind: "experiment", yaml: "runs:\n  - {optimizer: sgd, lr: \"0.1\"}\n")
        #expect(problems.map(\.description) == ["block:2:26: lr must be a finite number"])
    }
}
