import Foundation
import Testing
@testable import OptimlabEngine

/// Every fuzz case is reproducible from its seed.
typealias SeededGenerator = SplitMix64

/// Property and fuzz tests for the trace reader and the engine behind `optimlab trace`: valid traces
/// round-trip bit for bit, and no input — mutated, truncated or random — crashes; it is either read or
/// refused with a message. A failure prints its seed.
struct TraceFuzzTests {
    static func randomTrace(_ rng: inout SeededGenerator) -> Trace {
        let kind = OptimizerKind.allCases.randomElement(using: &rng)!
        var fields: [OptimizerField: Double] = [:]
        for f in kind.fields where Bool.random(using: &rng) {
            if f.isBoolean { fields[f] = Bool.random(using: &rng) ? 1 : 0 }
            else if [.beta1, .beta2, .alpha, .momentum].contains(f) { fields[f] = Double.random(in: 0..<0.999, using: &rng) }
            else { fields[f] = pow(10, Double.random(in: -8 ... -0.5, using: &rng)) }
        }
        if kind == .sgd, fields[.nesterov] == 1 { fields[.momentum] = 0.9; fields[.dampening] = 0 }
        if kind == .adafactor { fields[.beta2Decay] = -Double.random(in: 0.1...1, using: &rng); fields[.d] = Double.random(in: 1...3, using: &rng) }
        if kind == .muon { fields[.nsSteps] = Double(Int.random(in: 0...6, using: &rng)) }
        let optimizer = OptimizerSpec.make(kind: kind, fields: fields)
        let schedules: [ScheduleSpec?] = [nil, .constant, .step(stepSize: 3, gamma: 0.5), .multistep(milestones: [2, 5], gamma: 0.1),
                                          .cosine(totalSteps: 8, minLR: 1e-5), .warmupCosine(warmupSteps: 2, totalSteps: 9, minLR: 0),
                                          .warmupLinear(warmupSteps: 3, totalSteps: 7, minLR: 1e-6), .inverseSqrt(warmupSteps: 2)]
        let names = ["w", "b", "emb", "head"].shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng))
        let lengths = names.map { _ in Int.random(in: 1...5, using: &rng) }
        func tensors(scale: Double) -> NamedTensors {
            NamedTensors(zip(names, lengths).map { name, n in
                (name, (0..<n).map { _ in Double.random(in: -1...1, using: &rng) * scale })
            })
        }
        let initial = tensors(scale: 2)
        // Shapes: none (1-D), [n] or [1, n]; Muon takes 2-D tensors only.
        var shapes: [String: [Int]] = [:]
        for (name, n) in zip(names, lengths) {
            switch optimizer.requiresMatrices ? 2 : Int.random(in: 0...2, using: &rng) {
            case 1: shapes[name] = [n]
            case 2: shapes[name] = Bool.random(using: &rng) ? [1, n] : [n, 1]
            default: break
            }
        }
        let steps = (0..<Int.random(in: 0...8, using: &rng)).map { _ in
            TraceStep(grads: tensors(scale: pow(10, Double.random(in: -6...1, using: &rng))),
                      lr: Bool.random(using: &rng) ? Double.random(in: 0...0.1, using: &rng) : nil)
        }
        let dtype: TraceDType = optimizer.adamStep(variant: .correct) != nil && Bool.random(using: &rng) ? .float32 : .float64
        return Trace(optimizer: optimizer, schedule: schedules.randomElement(using: &rng)!,
                     clipNorm: Bool.random(using: &rng) ? Double.random(in: 0.1...2, using: &rng) : nil,
                     dtype: dtype, initialParams: initial, shapes: TensorShapes(shapes), steps: steps)
    }

    /// 1,500 random traces: completed by the engine, written, read back: identical, bit for bit.
    @Test func validTracesRoundTrip() throws {
        for seed in UInt64(0)..<1500 {
            var rng = SeededGenerator(seed: seed)
            let trace = Self.randomTrace(&rng).completed()
            let text = trace.json.rendered()
            let back = try Trace(json: text)
            #expect(back == trace, "seed \(seed)")
            // Every value the engine produced is finite for these well-scaled inputs.
            for step in trace.steps { let finite = step.params!.flattened.allSatisfy { $0.isFinite }; #expect(finite, "seed \(seed)") }
        }
    }

    /// 4,000 mutations of valid traces (byte flips, deletions, insertions of JSON-ish characters,
    /// truncations): each is read or refused with a non-empty message; whatever is read runs.
    @Test func mutatedTracesNeverCrash() {
        let alphabet = Array(#"{}[]",:-+.eE0123456789 ntrufalsNI\"#.utf8)
        var refused = 0
        for seed in UInt64(0)..<4000 {
            var rng = SeededGenerator(seed: seed &+ 10_000)
            var bytes = Array(Self.randomTrace(&rng).json.rendered().utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[i] = alphabet.randomElement(using: &rng)!
                case 1: bytes.remove(at: i)
                case 2: bytes.insert(alphabet.randomElement(using: &rng)!, at: i)
                default: bytes = Array(bytes[..<i])
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let trace = try Trace(json: text)
                _ = trace.completed().json.rendered()
            } catch {
                refused += 1
                let message = error.description
                #expect(!message.isEmpty, "seed \(seed)")
            }
        }
        #expect(refused > 2000)   // most mutations break the JSON or the schema
    }

    /// Random bytes and pathological shapes: deep nesting, huge numbers, long strings, binary junk.
    @Test func hostileInputsAreRefusedWithMessages() {
        var rng = SeededGenerator(seed: 42)
        var inputs: [String] = [
            "", " ", "null", "[]", "{}", "\u{FEFF}{}", String(repeating: "[", count: 100_000),
            String(repeating: "{\"a\":", count: 5000), "{\"optimizer\": 1e999999}", "{\"a\": \"\\ud800\"}",
            "{\"optimizer\": {\"name\": \"adam\"}, \"initial_params\": {\"w\": []}, \"steps\": []}",
            "{\"optimizer\": {\"name\": \"adam\"}, \"initial_params\": {\"w\": [1]}, \"steps\": [{\"grads\": {\"w\": [1]}, \"lr\": -1}]}",
            "{\"optimizer\": {\"name\": \"sgd\", \"nesterov\": true}, \"initial_params\": {\"w\": [1]}, \"steps\": []}",
            "{\"optimizer\": {\"name\": \"adam\", \"beta1\": 1}, \"initial_params\": {\"w\": [1]}, \"steps\": []}",
            "{\"optimizer\": {\"name\": \"adam\"}, \"schedule\": {\"name\": \"step\", \"step_size\": 0}, \"initial_params\": {\"w\": [1]}, \"steps\": []}",
            "{\"optimizer\": {\"name\": \"adam\"}, \"schedule\": {\"name\": \"multistep\", \"milestones\": [1e300]}, \"initial_params\": {\"w\": [1]}, \"steps\": []}",
        ]
        for _ in 0..<500 {
            inputs.append(String(decoding: (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, as: UTF8.self))
        }
        for (k, text) in inputs.enumerated() {
            do { _ = try Trace(json: text); Issue.record("input \(k) was accepted") } catch {
                let message = error.description
                #expect(!message.isEmpty, "input \(k)")
            }
        }
    }
}

/// Numbers at the edges behave as PyTorch's IEEE arithmetic does.
struct EdgeNumberTests {
    static func adamwStep(_ g: Double, theta: Double = 1, eps: Double = 1e-8) -> Double {
        var run = TrainingRun(optimizer: .adamw(AdamHyperparameters(eps: eps, weightDecay: 0.01)),
                              initialParams: NamedTensors([("w", [theta])]))
        return run.step(grads: NamedTensors([("w", [g])])).params["w"]![0]
    }

    @Test func zeroGradientOnlyDecays() {
        #expect(Self.adamwStep(0) == 1 * (1 - 1e-3 * 0.01))
        #expect(Self.adamwStep(0, eps: 0).isNaN)              // 0/0, as in PyTorch with eps = 0
    }

    /// The smallest subnormal gradient: (1−β₁)·g rounds to 0 and g² to 0, so only the decay moves θ.
    @Test func subnormalGradientUnderflowsToNoStep() {
        #expect(Self.adamwStep(Double.leastNonzeroMagnitude) == 1 * (1 - 1e-5))
        // A tiny normal gradient: v underflows to 0, so ε alone is the denominator and the step is lr·g/ε.
        #expect(abs(Self.adamwStep(1e-300) - (1 * (1 - 1e-5) - 1e-3 * 1e-300 / (1e-300 + 1e-8))) < 1e-15)
    }

    @Test func hugeGradientOverflowsVAndFreezesTheStep() {
        // v = (1−β₂)·g² overflows to +inf, so m/(√v̂ + ε) = 0: only the decay applies (IEEE, as PyTorch).
        #expect(Self.adamwStep(1e300) == 1 * (1 - 1e-5))
        #expect(Self.adamwStep(-1e200).isFinite)
    }

    @Test func nonFiniteGradientsPropagate() {
        #expect(Self.adamwStep(.nan).isNaN)
        #expect(Self.adamwStep(.infinity).isNaN)              // m = inf, v = inf → inf/inf
    }
}

/// StableHash is 64-bit FNV-1a: the published test vectors.
struct StableHashTests {
    @Test func fnv1aTestVectors() {
        #expect(StableHash.of("") == 0xCBF2_9CE4_8422_2325)
        #expect(StableHash.of("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(StableHash.of("foobar") == 0x8594_4171_F739_67E8)
        var h = StableHash()
        h.combine("foo"); h.combine("bar")
        #expect(h.hex == "85944171f73967e8")
    }
}
