import Foundation
import OptimlabEngine
import Testing
@testable import OptimlabCourseware

/// What a visual block's figure carries for the plotting layer to draw: every number is computed
/// here, from the engine, so rendering only lays it out.
struct VisualFigureTests {
    /// SGD at lr 0.09 on ½(20x² + 0.2y²) from (0.8, 4): x shrinks by (1 − 1.8) = −0.8 and y by
    /// (1 − 0.018) = 0.982 per step, so f_k = 6.4·0.64ᵏ + 1.6·0.982²ᵏ; the first k with f_k ≤ 10⁻³ is
    /// the arrival. Momentum's arrival is read from its own path (no closed form checked here).
    @Test func theCanyonRaceCarriesArrivalsLrsTheStartLossAndTheLossField() throws {
        let figure = TrajectoryRequest(optimizers: [.sgd, .momentum], steps: 400).compute()
        let closedForm = (0...400).first { k in 6.4 * pow(0.64, Double(k)) + 1.6 * pow(0.982, 2 * Double(k)) <= 1e-3 }
        #expect(closedForm == 204)
        #expect(figure.arrivals[0] == closedForm)
        // Momentum (μ 0.9 at lr 0.01) gets there sooner, as lesson 1 claims; its path is not closed-form.
        #expect(try #require(figure.arrivals[1]) < 204)
        #expect(figure.lrs == [0.09, 0.01])
        #expect(figure.startLoss == 8.0)
        let field = figure.field
        #expect(field.xs.count == 61 && field.ys.count == 61)
        #expect(field.xs.first == -1.0 && field.xs.last == 1.0)
        #expect(abs(field.ys.first! + 1.38) < 1e-12 && abs(field.ys.last! - 4.6) < 1e-12)
        // values[j][i] = f(xs[i], ys[j]); the levels run geometrically from 0.02 to f(start) = 8.
        #expect(field.values[60][0] == 0.5 * (20 * 1 + 0.2 * 4.6 * 4.6))
        #expect(field.levels.count == 6 && abs(field.levels[0] - 0.02) < 1e-15 && abs(field.levels[5] - 8) < 1e-12)
        #expect(abs(field.levels[1] / field.levels[0] - pow(400, 0.2)) < 1e-12)
    }

    @Test func aRaceThatNeverArrivesSaysSoAndExpressionsCountStepsPlusOne() {
        let figure = TrajectoryRequest(optimizers: [.sgd], steps: 50).compute()
        #expect(figure.arrivals == [nil])
        #expect(figure.variables["sgd.steps_to_target"] == .number(51))
        #expect(figure.variables["sgd.lr"] == .number(0.09))
    }

    /// Adam at lr 0.01 without bias correction: the first update is lr·(1 − β₁)g / √((1 − β₂)g²) =
    /// lr·0.1/√0.001 = 3.1623·lr instead of lr, so the broken run's first update is 3.1623× its twin's.
    @Test func aBrokenRunCarriesItsRatiosToItsCorrectTwin() throws {
        let figure = try ExperimentRequest.preset(named: "no-bias-correction", steps: 20).compute()
        #expect(figure.runs.map(\.name) == ["correct", "broken"])
        #expect(figure.runs[0].ratios == nil && figure.runs[1].twin == 0)
        let ratios = try #require(figure.runs[1].ratios)
        #expect(abs(try #require(ratios.firstUpdate) - 0.1 / 0.001.squareRoot()) < 1e-3)
        #expect(ratios.weightNorm == figure.runs[1].result.weightNorm / figure.runs[0].result.weightNorm)
        #expect(figure.runs.allSatisfy { $0.firstNonFiniteUpdate == nil })
    }

    /// SGD at lr 1e308: the first update already leaves the range of a Double (its size is inf), and
    /// the figure names update 1; a run that stays finite names none.
    @Test func aRunThatOverflowsNamesItsFirstNonFiniteUpdate() throws {
        func run(lr: Double) throws -> ExperimentFigure.Run {
            let setup = RunSetup(label: "sgd", optimizer: OptimizerChoice.sgd.spec(lr: lr))
            return try #require(try ExperimentRequest(entries: [ExperimentEntry(setup: setup)], steps: 5).compute().runs.first)
        }
        let blown = try run(lr: 1e308)
        #expect(blown.firstNonFiniteUpdate == 1)
        #expect(blown.result.losses[0].isFinite && !blown.result.updateSizes[0].isFinite)
        #expect(try run(lr: 0.1).firstNonFiniteUpdate == nil)
    }

    /// A recipe's fields rebuild the same recipe, for every schedule.
    @Test(arguments: ScheduleSpec.names)
    func aRecipesFieldsRebuildIt(_ name: String) throws {
        let recipe = try ScheduleRecipe.make(name: name, fields: ["peak": [3e-4]], steps: 600)
        #expect(try ScheduleRecipe.make(name: name, fields: recipe.fields, steps: 50) == recipe)
    }
}
