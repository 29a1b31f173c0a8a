import Testing
@testable import OptimlabEngine

/// Reading traces: malformed input is refused with a message naming the field or step.
struct TraceFormatTests {
    static func error(_ json: String) -> String? {
        do { _ = try Trace(json: json); return nil } catch { return error.description }
    }

    static let minimal = #"{"optimizer": {"name": "adamw"}, "initial_params": {"w": [1, 2]}, "steps": [{"grads": {"w": [0.1, 0.2]}}]}"#

    @Test func minimalTraceTakesPyTorchDefaults() throws {
        let t = try Trace(json: Self.minimal)
        guard case .adamw(let h) = t.optimizer else { Issue.record("not adamw"); return }
        #expect(h == AdamHyperparameters(lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01))
        #expect(t.dtype == .float64 && t.schedule == nil && t.clipNorm == nil)
    }

    @Test(arguments: [
        (#"{"optimizer": {"name": "adamx"}, "initial_params": {"w": [1]}, "steps": []}"#,
         #"optimizer.name: unknown optimizer "adamx" (expected one of sgd, adagrad, rmsprop, adam, adamw, radam, nadam, adamax, adafactor, muon, lion, lamb, lars)"#),
        (#"{"optimizer": {"name": "sgd", "beta1": 0.9}, "initial_params": {"w": [1]}, "steps": []}"#,
         "optimizer.beta1: unknown field for sgd (expected lr, momentum, dampening, weight_decay, nesterov)"),
        (#"{"optimizer": {"name": "adam"}, "initial_params": {"w": [1, 2]}, "steps": [{"grads": {"w": [1]}}]}"#,
         "steps[0].grads.w: has 1 values, but initial_params.w has 2"),
        (#"{"optimizer": {"name": "adam"}, "initial_params": {"w": [1]}, "steps": [{"grads": {"v": [1]}}]}"#,
         #"steps[0].grads.v: no tensor named "v" in initial_params (expected w)"#),
        (#"{"optimizer": {"name": "adam"}, "initial_params": {"w": [1]}, "steps": [{"grads": {"w": [NaN]}}]}"#,
         "invalid JSON at line 1, column 90: non-finite number (NaN/Infinity) is not valid JSON"),
        (#"{"optimizer": {"name": "adam"}, "initial_params": {"w": [1]}, "steps": [{"grads": {"w": [1e999]}}]}"#,
         "invalid JSON at line 1, column 90: number 1e999 overflows a double"),
        (#"{"optimizer": {"name": "adam", "lr": -1}, "initial_params": {"w": [1]}, "steps": []}"#,
         "optimizer.lr: must not be negative, got -1.0"),
        (#"{"optimizer": {"name": "adam"}, "schedule": {"name": "cosine"}, "initial_params": {"w": [1]}, "steps": []}"#,
         "schedule.total_steps: missing"),
        (#"{"optimizer": {"name": "sgd"}, "dtype": "float32", "initial_params": {"w": [1]}, "steps": []}"#,
         "dtype: float32 is supported for adam and adamw only, not sgd"),
        (#"{"optimizer": {"name": "adam"}, "initial_params": {"w": [1]}, "steps": [], "extra": 1}"#,
         "extra: unknown field (expected one of format, optimizer, schedule, clip_norm, dtype, reference, description, initial_params, shapes, param_groups, steps)"),
        ("{\"optimizer\": {\"name\": \"adam\"},\n \"initial_params\": {\"w\": [1,]}}",
         "invalid JSON at line 2, column 29: unexpected character ']'"),
    ])
    func rejectsMalformedTraces(json: String, message: String) {
        #expect(Self.error(json) == message)
    }

    @Test func writesAndReadsBackBitForBit() throws {
        var t = try Trace(json: Self.minimal)
        t.initialParams = NamedTensors([("w", [0.1 + 0.2, -1.0 / 3.0])])
        t.steps = [TraceStep(grads: NamedTensors([("w", [1e-300, Double.leastNonzeroMagnitude])]))]
        let back = try Trace(json: t.completed().json.rendered())
        #expect(back == t.completed())
    }

    @Test func keepsTensorOrder() throws {
        let t = try Trace(json: #"{"optimizer": {"name": "sgd"}, "initial_params": {"z": [1], "a": [2], "m": [3]}, "steps": [{"grads": {"m": [1], "z": [2], "a": [3]}}]}"#)
        #expect(t.initialParams.names == ["z", "a", "m"])
        #expect(t.steps[0].grads.flattened == [2, 3, 1])
    }
}
