import Foundation
import OptimlabEngine
import Testing
@testable import OptimlabGrader

/// The parameter-groups exercise runs through the engine's one model of groups (``ParamGroup``): its
/// `no_decay` rule becomes torch-style param_groups, so a PyTorch trace with two groups is a case, and
/// its expected values are PyTorch's.
@Suite struct ParameterGroupsExerciseTests {
    static let exercise = GradingFixture.exercise("parameter-groups")

    static func torchTrace() throws -> Trace {
        let c = try #require(exercise.cases.first { $0.name == "torch-trace" })
        guard case .trace(let t, _) = c.source else { throw CancellationError() }
        return t
    }

    /// The rule splits tensors the way the torch run did: attn.weight decays, attn.bias and norm.weight
    /// take weight_decay 0 (the trace's own groups, read from its param_groups).
    @Test func theRuleGivesTorchsGroups() throws {
        let trace = try Self.torchTrace()
        let groups = try #require(Self.exercise.reference.paramGroups(names: trace.initialParams.names, optimizer: trace.optimizer))
        #expect(groups.map(\.tensors) == [["attn.weight"], ["attn.bias", "norm.weight"]])
        #expect(groups == trace.paramGroups)
        #expect(Self.exercise.reference.paramGroups(names: ["w"], optimizer: trace.optimizer)?.map(\.tensors) == [["w"]])
        #expect(ExerciseReference(optimizer: .adamw, noDecay: []).paramGroups(names: ["b"], optimizer: trace.optimizer) == nil)
    }

    /// The grader's reference for the torch case, computed from the gradients alone, is torch.optim.AdamW's
    /// with two groups (λ = 0.5 on the matrix, 0 on the bias and the gain) to 1e-12; with decay on
    /// everything it is not.
    @Test func theReferenceIsPyTorchs() throws {
        let trace = try Self.torchTrace()
        let reference = CaseReference(exercise: Self.exercise, source: .trace(trace, path: "torch"), seed: 0)
        let recorded = trace.steps.compactMap { $0.params?.flattened }
        #expect(recorded.count == trace.steps.count)
        let computed = reference.outputs(.none)
        let worst = zip(computed.joined(), recorded.joined()).map { abs($0 - $1) / max(abs($1), 1e-12) }.max() ?? .infinity
        #expect(worst < 1e-12)
        let everything = try #require(Self.exercise.mistakes.first { $0.name == "decay-on-everything" })
        #expect(MistakeCoverage.catches(reference, everything, Self.exercise.tolerance))
    }

    /// A trace whose groups are not the exercise's rule is refused, naming the tensor and the field.
    @Test func aTraceWithOtherGroupsIsRefused() throws {
        var trace = try Self.torchTrace()
        trace.paramGroups = nil
        #expect(Self.exercise.unsupportedReason(trace)
                == "the trace's param_groups give attn.bias weight_decay = 0.5, but this exercise's groups (no decay on names containing bias, norm) give it 0")
        var grouped = try Self.torchTrace()
        grouped.paramGroups = [ParamGroup(tensors: ["attn.weight", "attn.bias", "norm.weight"], overrides: .object([("weight_decay", .number(0))]),
                                          optimizer: trace.optimizer.with(.weightDecay, 0))]
        #expect(GradingFixture.exercise("adamw").unsupportedReason(grouped)
                == "the trace's param_groups give attn.weight its own weight_decay (0), which the AdamW API cannot express")
    }
}
