import Foundation
import OptimlabEngine
import OptimlabTestSupport
import Testing
@testable import OptimlabGrader

/// `grade --trace FILE` refuses, with the file and the reason, a trace a student's run could not be
/// fairly judged on: no steps, names that are not identifiers, non-finite or overflowing values,
/// a float32 trace whose rounding floor would swallow mistakes, and traces past the size caps.
@Suite struct TraceCaseTests {
    static func json(params: String = #""w": [0.5, -0.25]"#, grads: [String] = [#""w": [0.125, 0.0625]"#],
                     lr: String = "0.001", weightDecay: String = "0.01", dtype: String? = nil, stepLR: String? = nil) -> String {
        let steps = grads.map { #"{"grads": {\#($0)}\#(stepLR.map { ", \"lr\": \($0)" } ?? "")}"# }.joined(separator: ", ")
        return #"{"format": "optimlab-trace-1", \#(dtype.map { "\"dtype\": \"\($0)\", " } ?? "")"optimizer": {"name": "adamw", "lr": \#(lr), "beta1": 0.9, "beta2": 0.999, "eps": 1e-08, "weight_decay": \#(weightDecay), "amsgrad": false}, "initial_params": {\#(params)}, "steps": [\#(steps)]}"#
    }

    static func load(_ text: String) throws -> Result<Trace, GraderError> {
        let folder = TemporaryDirectory(prefix: "trace-case")
        defer { folder.remove() }
        let path = folder.file("trace.json")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return TraceCase.load(path, exercise: GradingFixture.exercise("adamw")).mapError { GraderError($0.message.replacingOccurrences(of: path, with: "T")) }
    }

    static func refusal(_ text: String) throws -> String? {
        if case .failure(let e) = try load(text) { return e.message }
        return nil
    }

    @Test func aWellFormedTraceLoads() throws {
        #expect(try Self.refusal(Self.json()) == nil)
    }

    @Test func aTraceWithNoStepsIsRefused() throws {
        let refused = try #require(try Self.refusal(Self.json(grads: [])))
        #expect(refused == "T: the trace has no steps; a case needs at least one")
        #expect(TraceCase.problem(Trace(optimizer: try Self.load(Self.json()).get().optimizer, initialParams: NamedTensors([("w", [1])]), steps: []),
                                  output: .params) == "the trace has no steps; a case needs at least one")
    }

    @Test func aNameThatIsNotAnIdentifierIsRefused() throws {
        let injected = #""w\nstep 1 0 0": [0.5]"#
        #expect(try Self.refusal(Self.json(params: injected, grads: [injected.replacingOccurrences(of: "0.5", with: "0.1")]))
                == #"T: the tensor name "w\nstep 1 0 0" is not an identifier (letters, digits, _ and ., at most 64 characters)"#)
        #expect(try Self.refusal(Self.json(params: #""layer.weight": [0.5], "_b2": [1]"#, grads: [#""layer.weight": [0.1], "_b2": [0.2]"#])) == nil)
        #expect(try Self.refusal(Self.json(params: #""9w": [0.5]"#, grads: [#""9w": [0.1]"#]))?.contains(#"the tensor name "9w" is not an identifier"#) == true)
    }

    @Test func nonFiniteAndOverflowingValuesAreRefused() throws {
        #expect(try Self.refusal(Self.json(lr: "1e308", weightDecay: "100"))
                == "T: step 1: the reference run overflows (the engine's values are not finite), so no submission could match it")
        let hugeLR = try #require(try Self.refusal(Self.json(stepLR: "1e999")))
        #expect(hugeLR == "T: invalid JSON at line 1, column 250: number 1e999 overflows a double")
        // A value the JSON reader cannot even hold never reaches the engine; one it can is checked for finiteness.
        var trace = try Self.load(Self.json()).get()
        trace.steps[0].lr = .infinity
        #expect(TraceCase.problem(trace, output: .params) == "step 1: the lr is inf")
    }

    @Test func aFloat32TraceWithOneHugeParameterIsRefused() throws {
        #expect(try Self.refusal(Self.json(params: #""w": [0.5, -0.25, 1000000]"#, grads: [#""w": [0.125, 0.0625, 0.5]"#], dtype: "float32"))
                == "T: the trace is float32 and its largest |θ| (1000000) makes float32's rounding floor (1e-5 × |θ| = 10) larger than a tenth of its largest lr (0.001): a mistake could not be told from rounding; record it in float64, or split off the large parameters")
        #expect(try Self.refusal(Self.json(params: #""w": [0.5, -0.25, 3]"#, grads: [#""w": [0.125, 0.0625, 0.5]"#], dtype: "float32")) == nil)
        // The same values in float64 are graded to 1e-6 relative: no floor to swallow anything.
        #expect(try Self.refusal(Self.json(params: #""w": [0.5, -0.25, 1000000]"#, grads: [#""w": [0.125, 0.0625, 0.5]"#])) == nil)
    }

    @Test func sizeCapsAreClearErrors() throws {
        let manySteps = Array(repeating: #""w": [0.1]"#, count: TraceCase.maxSteps + 1)
        #expect(try Self.refusal(Self.json(params: #""w": [0.5]"#, grads: manySteps)) == "T: the trace has 10001 steps; a case may have at most 10000")
        let wide = "\"w\": [" + Array(repeating: "0.5", count: TraceCase.maxValues).joined(separator: ",") + "]"
        #expect(try Self.refusal(Self.json(params: wide, grads: [wide])) == "T: the trace holds 2000000 values; a case may hold at most 1000000")
        // A file past the byte cap is refused from its size, without being read.
        let folder = TemporaryDirectory(prefix: "trace-case-huge")
        defer { folder.remove() }
        let path = folder.file("trace.json")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, off_t(TraceCase.maxFileBytes + 1)) == 0)
        guard case .failure(let e) = TraceCase.load(path, exercise: GradingFixture.exercise("adamw")) else { Issue.record("a 64 MB + 1 trace loaded"); return }
        #expect(e.message == "\(path): the trace is 64 MB; a trace may be at most 64 MB")
    }
}
