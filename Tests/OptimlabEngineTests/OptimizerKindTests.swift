import Testing
@testable import OptimlabEngine

/// The typed names of optimizers and their fields: trace names, which kind takes which field, and that
/// building a spec from fields and reading them back is lossless.
struct OptimizerKindTests {
    @Test func kindsAreTheThirteenTraceNamesInLineageOrder() {
        #expect(OptimizerKind.allCases.map(\.rawValue) == ["sgd", "adagrad", "rmsprop", "adam", "adamw", "radam", "nadam",
                                                           "adamax", "adafactor", "muon", "lion", "lamb", "lars"])
        #expect(OptimizerKind.pastAdamW == Array(OptimizerKind.allCases.dropFirst(5)))
        #expect(OptimizerKind.names == "sgd, adagrad, rmsprop, adam, adamw, radam, nadam, adamax, adafactor, muon, lion, lamb, lars")
    }

    /// Every race choice but "momentum" names a kind; momentum is SGD with μ = 0.9.
    @Test func choicesMapOntoKinds() {
        #expect(OptimizerChoice.allCases.filter { $0 != .momentum }.map(\.engineKind) == OptimizerKind.allCases)
        #expect(OptimizerChoice.momentum.spec(lr: 0.1) == .sgd(SGD(lr: 0.1, momentum: 0.9)))
    }

    @Test func fieldsCarryPyTorchsKeywords() {
        #expect(OptimizerField.weightDecay.rawValue == "weight_decay")
        #expect(OptimizerField.initialAccumulatorValue.rawValue == "initial_accumulator_value")
        #expect(OptimizerField.adjustLRFn.rawValue == "adjust_lr_fn")
        #expect(OptimizerKind.adagrad.fieldNames == "lr, lr_decay, weight_decay, initial_accumulator_value, eps")
        #expect(OptimizerField.allCases.filter(\.isBoolean) == [.nesterov, .centered, .amsgrad, .decoupledWeightDecay])
    }

    /// Every kind's plain (non-structured) fields survive make → fields: each value set is read back.
    @Test(arguments: OptimizerKind.allCases)
    func makeThenFieldsRoundTrips(_ kind: OptimizerKind) {
        var given: [OptimizerField: Double] = [:]
        for (k, f) in kind.fields.enumerated() where !f.isStructured {
            given[f] = f.isBoolean ? 1 : f == .beta2Decay ? -0.5 : f == .d ? 2 : f == .nsSteps ? 3 : 0.01 * Double(k + 1)
        }
        if kind == .sgd { given[.dampening] = 0 }
        let spec = OptimizerSpec.make(kind: kind, fields: given)
        #expect(spec.kind == kind && spec.name == kind.rawValue)
        let back = spec.fieldValues
        for (f, x) in given { #expect(back[f] == x, "\(kind).\(f)") }
        #expect(Set(spec.fields.map(\.field)).isSubset(of: Set(kind.fields)))
    }

    @Test func conventionsDefaultOnlyTheFieldsAKindTakes() {
        #expect(Convention.optax.defaultValue(kind: .adamw, field: .weightDecay) == 1e-4)
        #expect(Convention.pytorch.defaultValue(kind: .adam, field: .amsgrad) == 0)
        #expect(Convention.pytorch.defaultValue(kind: .sgd, field: .amsgrad) == nil)
        #expect(OptimizerSpec.make(kind: .sgd, fields: [.lr: 0.1, .beta2: 0.5]) == .sgd(SGD(lr: 0.1)))
    }

    @Test func withChangesOneFieldAndIgnoresOthers() {
        let adamw = OptimizerSpec.adamw(AdamHyperparameters(lr: 1e-3, weightDecay: 0.1))
        #expect(adamw.with(.weightDecay, 0) == .adamw(AdamHyperparameters(lr: 1e-3, weightDecay: 0)))
        #expect(adamw.with(.momentum, 0.9) == adamw)
    }
}

/// State buffers travel under typed names: the keys PyTorch's state dict uses, Adam's m and v.
struct StateBufferTests {
    static func buffers(_ spec: OptimizerSpec, grad: Double) -> [(name: StateBuffer, values: [Double])] {
        var run = spec.makeRun(count: 1, variant: .correct)
        var params = [1.0]
        run.step(params: &params, grads: [grad], lr: spec.lr)
        return run.buffers
    }

    /// One AdamW step on g = 0.5: m = (1−β₁)g = 0.05, v = (1−β₂)g² = 2.5e-4, m̂ = g, v̂ = g².
    @Test func adamShowsItsMomentsAndTheirCorrections() {
        let b = Self.buffers(.adamw(AdamHyperparameters(lr: 0.1, weightDecay: 0)), grad: 0.5)
        #expect(b.map(\.name) == [StateBuffer.m, .v, .mHat, .vHat])
        let expected: [Double] = [0.05, 2.5e-4, 0.5, 0.25]
        for (got, want) in zip(b.map { $0.values[0] }, expected) { #expect(abs(got - want) < 1e-15) }
    }

    @Test func eachFamilyNamesItsBuffersAsPyTorchDoes() {
        #expect(Self.buffers(.sgd(SGD(lr: 0.1, momentum: 0.9)), grad: 2).map(\.name) == [.momentumBuffer])
        #expect(Self.buffers(.sgd(SGD(lr: 0.1)), grad: 2).isEmpty)
        #expect(Self.buffers(.adagrad(AdaGrad(lr: 0.1)), grad: 2).map(\.name) == [.sum])
        #expect(Self.buffers(.radam(RAdam()), grad: 2).map(\.name) == [.expAvg, .expAvgSq])
        #expect(Self.buffers(.adamax(Adamax()), grad: 2).map(\.name) == [.expAvg, .expInf])
        #expect(StateBuffer.squareAverage.rawValue == "square_avg" && StateBuffer.vMax.rawValue == "v_max")
    }

    /// The memory model counts Adafactor's factors for a 4096×11008 matrix: 4096 row and 11008 column values.
    @Test func memoryNamesTheBuffersItCounts() {
        let a = OptimizerSpec.adafactor(Adafactor())
        #expect(a.stateBuffers(shape: [4096, 11008]).map(\.name) == [.rowVar, .colVar])
        #expect(OptimizerSpec.adam(AdamHyperparameters(weightDecay: 0, amsgrad: true)).stateBuffers(shape: [3]).map(\.name) == [.expAvg, .expAvgSq, .maxExpAvgSq])
    }
}
