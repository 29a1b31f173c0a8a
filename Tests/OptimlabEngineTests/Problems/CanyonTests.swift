import Foundation
import Testing
@testable import OptimlabEngine

struct CanyonTests {
    let canyon = Canyon.standard

    @Test func lossAndGradientFollowTheQuadratic() {
        // f(0.8, 4) = ½(20·0.64 + 0.2·16) = 6.4 + 1.6
        #expect(canyon.loss(at: canyon.start) == 8.0)
        #expect(canyon.gradient(at: PlanePoint(x: 0.5, y: -2)) == PlanePoint(x: 10, y: -0.4))
        #expect(canyon.lossGrid(xs: [0, 1], ys: [0, 2]) == [[0, 10], [0.4, 10.4]])
    }

    @Test func contourLevelsAreGeometricUpToTheStart() {
        let levels = canyon.contourLevels(count: 3, lowest: 0.5)
        #expect(levels.count == 3)
        #expect(abs(levels[0] - 0.5) < 1e-12 && abs(levels[1] - 2) < 1e-12 && abs(levels[2] - 8) < 1e-12)
    }

    @Test func sgdTakesTheTextbookFirstStep() {
        // θ₁ = θ₀ − lr·∇f = (0.8 − 0.09·16, 4 − 0.09·0.8)
        let path = canyon.trajectory(name: "sgd", optimizer: OptimizerChoice.sgd.spec(lr: 0.09), steps: 1)
        #expect(abs(path.points[1].x - -0.64) < 1e-15)
        #expect(abs(path.points[1].y - 3.928) < 1e-15)
    }

    @Test func adamMovesEveryCoordinateByTheLearningRateOnStepOne() {
        // m̂₁/√v̂₁ = g/|g|: both coordinates move by lr = 0.1 toward the minimum, whatever their curvature.
        let path = canyon.trajectory(name: "adam", optimizer: OptimizerChoice.adam.spec(lr: 0.1), steps: 1)
        #expect(abs(path.points[1].x - 0.7) < 1e-8)
        #expect(abs(path.points[1].y - 3.9) < 1e-8)
    }

    /// SGD at lr 0.09 multiplies x by −0.8 and y by 0.982 per step, so the loss after k steps is
    /// 6.4·0.64ᵏ + 1.6·0.982²ᵏ; the y term dominates and reaches 10⁻³ first at
    /// k = ⌈ln(1600) / −ln(0.982²)⌉ = ⌈203.09⌉ = 204.
    @Test func sgdStepsToTargetMatchTheClosedForm() throws {
        let path = canyon.trajectory(name: "sgd", optimizer: OptimizerChoice.sgd.spec(lr: 0.09), steps: 400)
        let k = Int((log(1.6 / 1e-3) / -log(0.982 * 0.982)).rounded(.up))
        #expect(k == 204)
        #expect(path.stepsToReach(1e-3) == k)
    }

    /// The point of the canyon: at their default lrs, SGD needs at least 3× Adam's steps to reach the
    /// default target loss (measured: 204 vs 57).
    @Test func sgdNeedsAtLeastThreeTimesAdamsSteps() throws {
        let race = canyon.race([.sgd, .momentum, .adam], steps: 1000)
        let sgd = try #require(race[0].stepsToReach(Canyon.defaultTargetLoss))
        let momentum = try #require(race[1].stepsToReach(Canyon.defaultTargetLoss))
        let adam = try #require(race[2].stepsToReach(Canyon.defaultTargetLoss))
        #expect(sgd == 204)
        #expect(adam == 57)
        #expect(momentum == 153)
        #expect(sgd >= 3 * adam)
        #expect(momentum < sgd)
    }

    @Test func trajectoryRecordsTheStartAndEveryStep() {
        let path = canyon.trajectory(name: "sgd", optimizer: OptimizerChoice.sgd.spec(lr: 0.09), steps: 5)
        #expect(path.points.count == 6 && path.losses.count == 6)
        #expect(path.points[0] == canyon.start)
        #expect(path.stepsToReach(8.0) == 0)
        #expect(path.stepsToReach(-1) == nil)
    }

    @Test func aDivergingRunStopsAtTheFirstNonFinitePoint() {
        let path = canyon.trajectory(name: "sgd", optimizer: OptimizerChoice.sgd.spec(lr: 1.0), steps: 10_000)
        #expect(path.points.count < 10_001)
        #expect(path.points.last.map { !$0.x.isFinite } == true)
    }
}
