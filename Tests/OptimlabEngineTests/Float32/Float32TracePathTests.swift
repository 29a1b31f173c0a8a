import Foundation
import Testing
import OptimlabTestSupport
@testable import OptimlabEngine

/// The trace path (`Trace.completed`, `optimlab trace`) routes float32 Adam-family traces through the
/// fast kernel; the PyTorch fused-kernel fixtures must come out with exactly the bits the general
/// kernel gives, and PyTorch's own bits (its scalar tail included, ``FusedScalarTail``).
struct Float32TracePathTests {
    static let fixtures = ["f32-00-adam.json", "f32-01-adamw.json", "f32-02-adamw.json"]

    static func load(_ name: String) throws -> Trace {
        let url = URL(fileURLWithPath: ReferenceTraces.path(name))
        return try Trace(json: String(contentsOf: url, encoding: .utf8))
    }

    @Test(arguments: fixtures)
    func fastTracePathEqualsGeneralKernelBitForBit(_ name: String) throws {
        let trace = try Self.load(name)
        #expect(trace.dtype == .float32)
        let core = try #require(trace.optimizer.adamStep(variant: .correct))
        #expect(Float32AdamStep(core: core) != nil)
        var params = trace.initialParams.flattened.map { Float($0) }
        var state = AdamState<Float>(count: params.count, amsgrad: core.hyperparameters.amsgrad)
        let engine = trace.completed()
        for (k, step) in trace.steps.enumerated() {
            let lr = step.lr ?? trace.scheduledLR(atStep: k)
            core.apply(params: &params, grads: step.grads.flattened.map { Float($0) }, state: &state, lr: lr,
                       fusedTensorLengths: trace.initialParams.lengths)
            let traced = try #require(engine.steps[k].params).flattened.map { Float($0) }
            #expect(Float32TestData.firstMismatch(traced, params) == nil, "\(name) step \(k)")
            let reference = try #require(step.params).flattened
            #expect(traced.map(Double.init) == reference, "\(name) step \(k): PyTorch's fused kernel bit for bit")
        }
    }

    /// The trace path's speed-ups (numbers written straight into the output, element paths built only
    /// for errors) keep the output and the messages as they were.
    @Test func numberArraysAndElementErrorsAreUnchanged() throws {
        let array = JSONValue.array([.number(1), .number(0.5), .number(-1e-08), .number(3.0000001192092896)])
        #expect(array.rendered() == "[1, 0.5, -1e-08, 3.0000001192092896]")
        #expect(JSONValue.array([]).rendered() == "[]")
        let text = """
            {"format": "optimlab-trace-1", "optimizer": {"name": "adamw"}, "initial_params": {"w": [1, 2]},
             "steps": [{"grads": {"w": [0.5, "x"]}}]}
            """
        #expect(throws: TraceFormatError(field: "steps[0].grads.w[1]", message: "expected a number, found a string")) {
            try Trace(json: text)
        }
    }
}
