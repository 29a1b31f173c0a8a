import OptimlabEngine
import Testing
@testable import OptimlabCourseware

/// `rerun plot-N name=value …`: a learner's values go through the engine's checks and the same limits
/// a lesson block is read with.
struct VisualOverrideTests {
    @Test func overridesOfTrajectoriesAndExperimentsGoThroughTheEngine() throws {
        let race = try VisualRequest.trajectory(TrajectoryRequest(optimizers: [.sgd, .momentum], steps: 100))
            .overriding("lr.sgd=0.05 beta.momentum=0.5 steps=20")
        guard case .trajectory(let r) = race else { Issue.record("not a trajectory"); return }
        #expect(r.lrs == [.sgd: 0.05] && r.betas == [.momentum: 0.5] && r.steps == 20)
        let preset = try ExperimentRequest.preset(named: "no-bias-correction", steps: 50)
        guard case .experiment(let e) = try VisualRequest.experiment(preset).overriding("switches=beta2-0.95 steps=30") else {
            Issue.record("not an experiment"); return
        }
        #expect(e.steps == 30 && e.entries.map(\.switches) == [[.beta2Fast]])
    }

    @Test func scheduleFieldsApplyToEveryRecipeThatTakesThemOrToOneByNumber() throws {
        let recipes = [try ScheduleRecipe.make(name: "warmup_cosine", fields: [:], steps: 1000),
                       try ScheduleRecipe.make(name: "step", fields: [:], steps: 1000)]
        let request = VisualRequest.schedule(ScheduleRequest(recipes: recipes, steps: 1000))
        guard case .schedule(let s) = try request.overriding("peak=0.01 warmup=50 2.gamma=0.5 mark=0,999") else { Issue.record("not a schedule"); return }
        #expect(s.recipes[0].spec == .warmupCosine(warmupSteps: 50, totalSteps: 1000, minLR: 0) && s.recipes[0].peak == 0.01)
        #expect(s.recipes[1].spec == .step(stepSize: 333, gamma: 0.5) && s.recipes[1].peak == 0.01)
        #expect(s.marks == [0, 999])
        #expect(throws: ProblemError("mark takes steps between 0 and 999, got \"1000\"")) { try request.overriding("mark=1000") }
        #expect(throws: ProblemError("3.peak: there are 2 schedules")) { try request.overriding("3.peak=1") }
        #expect(throws: ProblemError("no schedule here takes milestones")) { try request.overriding("milestones=5") }
    }

    /// The step limits are the ones a lesson block is held to (``TrajectoryRequest/stepRange``,
    /// ``ExperimentRequest/stepRange``), named in the refusal.
    @Test func stepLimitsAreTheLessonBlocksLimits() throws {
        let race = VisualRequest.trajectory(TrajectoryRequest(optimizers: [.sgd], steps: 10))
        #expect(throws: ProblemError("steps must be a whole number from 1 to 100000")) { try race.overriding("steps=100001") }
        #expect(throws: ProblemError("steps must be a whole number from 1 to 100000")) { try race.overriding("steps=2.5") }
        guard case .trajectory(let r) = try race.overriding("steps=\(TrajectoryRequest.stepRange.upperBound)") else { return }
        #expect(r.steps == 100_000)
        let experiment = VisualRequest.experiment(try ExperimentRequest.preset(named: "no-warmup", steps: 20))
        #expect(throws: ProblemError("steps must be a whole number from 1 to 5000")) { try experiment.overriding("steps=5001") }
        #expect(throws: ProblemError("steps must be a whole number from 1 to 5000")) { try experiment.overriding("steps=0") }
    }

    @Test func malformedInputsAreRefusedWithWhatIsWrong() {
        let race = VisualRequest.trajectory(TrajectoryRequest(optimizers: [.sgd], steps: 10))
        #expect(throws: ProblemError("expected name=value, got \"lr.sgd\"")) { try race.overriding("lr.sgd") }
        #expect(throws: ProblemError("expected name=value, got \"=1\"")) { try race.overriding("=1") }
        #expect(throws: ProblemError("lr.sgd: \"fast\" is not a number")) { try race.overriding("lr.sgd=fast") }
        #expect(throws: ProblemError("lr.sgd must be positive")) { try race.overriding("lr.sgd=-1") }
        #expect(throws: ProblemError("beta.adam must be in [0, 1)")) { try race.overriding("beta.adam=1") }
        #expect(throws: ProblemError("unknown input \"gamma\" (expected steps, lr.NAME or beta.NAME)")) { try race.overriding("gamma=1") }
    }

    /// A switch is refused with the engine's reason when it applies to none of the runs; one that
    /// applies is flipped only on the runs it applies to.
    @Test func switchesAreFlippedOnlyWhereTheyApply() throws {
        let sgd = ExperimentEntry(setup: RunSetup(label: "sgd", optimizer: OptimizerChoice.sgd.spec(lr: 0.1)), name: "sgd")
        let adam = ExperimentEntry(setup: RunSetup(label: "adam", optimizer: OptimizerChoice.adam.spec(lr: 0.01)), name: "adam")
        let request = ExperimentRequest(entries: [sgd, adam], steps: 20)
        #expect(request.applying([.noBiasCorrection]).entries.map(\.switches) == [[], [.noBiasCorrection]])
        #expect(request.refusal(of: .noBiasCorrection) == nil)
        let reason = try #require(request.refusal(of: .noWarmup))
        #expect(reason.hasPrefix("no-warmup applies to a warmup_cosine or warmup_linear schedule"))
        #expect(throws: ProblemError(reason)) { try VisualRequest.experiment(request).overriding("switches=no-warmup") }
    }

    /// A numbered field on a request without schedules is refused, not a trap on an empty range; a
    /// lesson block cannot have such a request, as an empty `schedules:` list is refused.
    @Test func anEmptyScheduleListIsRefusedWhereverItComesFrom() throws {
        let empty = VisualRequest.schedule(ScheduleRequest(recipes: [], steps: 100))
        #expect(throws: ProblemError("1.peak: there are 0 schedules")) { try empty.overriding("1.peak=0.1") }
        var reader = VisualBlockReader(file: "lessons/07-demo.md")
        #expect(reader.read(kind: "plot", yaml: "kind: schedule\nschedules: []\n", lineOffset: 6) == nil)
        #expect(reader.diagnostics.map(\.description) == ["lessons/07-demo.md:8:12: schedules needs at least one schedule"])
    }

    /// The default run length: the longest total, else a third past the last milestone, else 1000.
    @Test func theDefaultRunLengthComesFromTheFields() {
        #expect(ScheduleRequest.defaultSteps([["total_steps": [2000]], ["total_steps": [500]]]) == 2000)
        #expect(ScheduleRequest.defaultSteps([["milestones": [30, 60]]]) == 81)
        #expect(ScheduleRequest.defaultSteps([["peak": [0.1]]]) == 1000)
    }
}
