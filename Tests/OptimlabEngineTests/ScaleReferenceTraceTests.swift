import Foundation
import Testing
@testable import OptimlabEngine

/// The optimizers past AdamW against their libraries: every trace in `Fixtures/Scale` (PyTorch 2.15
/// RAdam, NAdam, Adamax, Adafactor, Muon with Newton–Schulz in float64, AdamW with parameter groups;
/// optax 0.2.8 Lion, LAMB, LARS) reproduced to 1e-9 relative from its gradients and per-step lr.
struct ScaleReferenceTraceTests {
    static let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/Scale")

    static let names: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }()

    static func load(_ name: String) throws -> Trace {
        try Trace(json: String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
    }

    @Test func everyKindHasFixtures() {
        #expect(Self.names.count == 23)
        let kinds = Set(Self.names.map { String($0.split(separator: "-").dropLast().joined(separator: "-")) })
        #expect(kinds == ["radam", "nadam", "adamax", "adafactor", "muon", "lion", "lamb", "lars", "adamw-groups"])
    }

    @Test(arguments: names)
    func reproducesTrace(_ name: String) throws {
        let reference = try Self.load(name)
        var bare = reference
        for k in bare.steps.indices { bare.steps[k].params = nil }
        let engine = bare.completed()
        var worst = 0.0
        for (k, (want, got)) in zip(reference.steps, engine.steps).enumerated() {
            let w = want.params!.flattened, g = got.params!.flattened
            #expect(w.count == g.count)
            for i in w.indices {
                let rel = abs(w[i] - g[i]) / max(abs(w[i]), abs(g[i]), 1e-300)
                worst = max(worst, rel)
                #expect(rel <= 1e-9, "\(name) step \(k) [\(i)]: \(g[i]) vs \(w[i])")
            }
        }
        #expect(worst <= 1e-9)
        // The parameters really move: a trace that reproduced its initial values would prove nothing.
        #expect(reference.steps.last!.params!.flattened != reference.initialParams.flattened)
    }

    /// Writing a trace and reading it back keeps its optimizer, shapes and groups.
    @Test(arguments: names)
    func roundTripsThroughJSON(_ name: String) throws {
        let trace = try Self.load(name)
        let again = try Trace(json: trace.json.rendered())
        #expect(again.optimizer == trace.optimizer)
        #expect(again.shapes == trace.shapes)
        #expect(again.paramGroups == trace.paramGroups)
        #expect(again.steps == trace.steps)
    }

    @Test func fixturesDecodeTheirFields() throws {
        let muon = try Self.load("muon-0.json")
        guard case .muon(let m) = muon.optimizer else { Issue.record("not muon"); return }
        #expect(m.adjustLR == .matchRMSAdamW && m.nsCoefficients == [3.4445, -4.775, 2.0315] && m.nsSteps == 5 && m.nesterov)
        #expect(muon.shapes.byName == ["w": [2, 3], "emb": [3, 3]])
        let adafactor = try Self.load("adafactor-0.json")
        guard case .adafactor(let a) = adafactor.optimizer else { Issue.record("not adafactor"); return }
        #expect(a.eps1 == nil && a.beta2Decay == -0.5 && a.d == 1)
        let groups = try #require(try Self.load("adamw-groups-0.json").paramGroups)
        #expect(groups.map(\.tensors) == [["w"], ["b", "ln"]])
        guard case .adamw(let decayed) = groups[0].optimizer, case .adamw(let plain) = groups[1].optimizer else {
            Issue.record("not adamw"); return
        }
        #expect(decayed.weightDecay == 0.5 && plain.weightDecay == 0)
    }

    /// The groups matter: the same trace with one group (decay on every tensor) misses the bias.
    @Test func parameterGroupsExcludeTensorsFromDecay() throws {
        let reference = try Self.load("adamw-groups-0.json")
        var oneGroup = reference
        oneGroup.paramGroups = nil
        let got = oneGroup.completed().steps.last!.params!
        let want = reference.steps.last!.params!
        #expect(got["w"] == reference.completed().steps.last!.params!["w"])
        let b = zip(got["b"]!, want["b"]!).map { abs($0 - $1) }.max()!
        #expect(b > 1e-4)
    }
}

/// The usual transformer split is the trace format's parameter groups, not a second model of them.
struct DecaySplitTests {
    @Test func theDecaySplitIsTorchsTwoGroups() throws {
        let torch = try ScaleReferenceTraceTests.load("adamw-groups-0.json")
        let split = ParamGroup.decaySplit(names: torch.initialParams.names, optimizer: torch.optimizer) { $0 == "w" }
        #expect(split == torch.paramGroups)
        #expect(split.map(\.tensors) == [["w"], ["b", "ln"]])
        #expect(ParamGroup.optimizer(of: "ln", in: split, base: torch.optimizer) == torch.optimizer.with(.weightDecay, 0))
        #expect(ParamGroup.optimizer(of: "w", in: split, base: torch.optimizer) == torch.optimizer)
        // every tensor decays: one group, the optimizer itself
        #expect(ParamGroup.decaySplit(names: ["w", "b"], optimizer: torch.optimizer) { _ in true }
                == [ParamGroup(tensors: ["w", "b"], optimizer: torch.optimizer)])
    }
}
