import Foundation
import Testing
import OptimlabTestSupport

/// `optimlab trace` through the real binary: exit statuses, stdout/stderr separation, variants.
struct TraceCommandTests {
    static let minimal = #"{"optimizer": {"name": "adamw", "lr": 0.001}, "initial_params": {"w": [1.0, -2.0]}, "steps": [{"grads": {"w": [0.5, -0.25]}}, {"grads": {"w": [0.1, 0.3]}, "lr": 0.01}]}"#

    @Test func completesATraceFromStdin() throws {
        let r = try runOptimlab(["trace", "-"], stdin: Self.minimal)
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        let out = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let steps = out?["steps"] as? [[String: Any]]
        #expect(steps?.count == 2)
        #expect(steps?[0]["lr"] as? Double == 0.001)          // from optimizer.lr
        #expect(steps?[1]["lr"] as? Double == 0.01)           // the step's own lr wins
        // Step 1 by hand: θ(1 − lr·λ) − lr·g/(|g| + ε) for w[0] = 1, g = 0.5.
        let w = (steps?[0]["params"] as? [String: Any])?["w"] as? [Double]
        #expect(w.map { abs($0[0] - (1 * (1 - 1e-5) - 1e-3 * 0.5 / (0.5 + 1e-8))) < 1e-15 } == true)
    }

    @Test func malformedInputExitsTwoWithTheFieldAndNothingOnStdout() throws {
        let bad = Self.minimal.replacingOccurrences(of: #""w": [0.1, 0.3]"#, with: #""w": [0.1]"#)
        let r = try runOptimlab(["trace", "-"], stdin: bad)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "optimlab: <stdin>: steps[1].grads.w: has 1 values, but initial_params.w has 2\n")
    }

    @Test func missingFileExitsTwo() throws {
        let r = try runOptimlab(["trace", "/nonexistent/trace.json"])
        #expect(r.status == 2)
        #expect(r.stderr == "optimlab: /nonexistent/trace.json: cannot read the file\n")
    }

    @Test func mistakeAndConventionVariantsChangeTheNumbers() throws {
        let correct = try runOptimlab(["trace", "-"], stdin: Self.minimal)
        let mistake = try runOptimlab(["trace", "-", "--mistake", "no-bias-correction"], stdin: Self.minimal)
        let keras = try runOptimlab(["trace", "-", "--convention", "keras"], stdin: Self.minimal)
        #expect(mistake.status == 0 && keras.status == 0)
        #expect(mistake.stdout != correct.stdout)
        #expect(keras.stdout != correct.stdout)
        let unknown = try runOptimlab(["trace", "-", "--mistake", "forgot-everything"], stdin: Self.minimal)
        #expect(unknown.status == 2)
        // ArgumentParser refuses it and lists the values (--help and completions list them too).
        #expect(unknown.stderr.hasPrefix("Error: The value 'forgot-everything' is invalid for '--mistake <mistake>'. Please provide one of the following:\n  - no-bias-correction\n"))
        let notApplicable = try runOptimlab(["trace", "-", "--mistake", "clip-per-tensor"], stdin: Self.minimal)
        #expect(notApplicable.status == 2)
        #expect(notApplicable.stderr == "optimlab: mistake \"clip-per-tensor\" does not apply to this trace (adamw, no clipping)\n")
    }
}

/// The result of running the built `optimlab` binary.
struct ProcessOutput {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The `optimlab` executable SwiftPM built next to the test bundle.
func optimlabExecutable() throws -> URL {
    let candidates = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])].compactMap { $0 }
    for c in candidates {
        var dir = c.deletingLastPathComponent()
        for _ in 0..<4 {
            let exe = dir.appendingPathComponent("optimlab")
            if FileManager.default.isExecutableFile(atPath: exe.path) { return exe }
            dir = dir.deletingLastPathComponent()
        }
    }
    throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "optimlab binary not built next to the tests"])
}

/// Runs `optimlab` with `arguments`, feeding `stdin`, and collects its output.
func runOptimlab(_ arguments: [String], stdin: String = "", environment: [String: String]? = nil,
                 currentDirectory: URL? = nil) throws -> ProcessOutput {
    let p = Process()
    p.executableURL = try optimlabExecutable()
    p.arguments = arguments
    if let environment { p.environment = environment }
    if let currentDirectory { p.currentDirectoryURL = currentDirectory }
    let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
    p.standardInput = inPipe; p.standardOutput = outPipe; p.standardError = errPipe
    try p.run()
    inPipe.fileHandleForWriting.write(Data(stdin.utf8))
    try inPipe.fileHandleForWriting.close()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return ProcessOutput(status: p.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                         stderr: String(decoding: err, as: UTF8.self))
}

/// Every reference trace (PyTorch float64 and fused float32, optax schedules) is reproduced by
/// `optimlab trace` itself: the steps' params and lr removed, the command fills them back in.
struct TraceCommandFixtureTests {
    static let fixtures = URL(fileURLWithPath: ReferenceTraces.directory)

    static var names: [String] { ReferenceTraces.names }

    @Test func reproducesEveryReferenceTrace() throws {
        #expect(Self.names.count == 22)
        for name in Self.names {
            let data = try Data(contentsOf: Self.fixtures.appendingPathComponent(name))
            var trace = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let reference = try #require(trace["steps"] as? [[String: Any]])
            trace["steps"] = reference.map { ["grads": $0["grads"]!] }
            let input = String(decoding: try JSONSerialization.data(withJSONObject: trace), as: UTF8.self)
            let r = try runOptimlab(["trace", "-"], stdin: input)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let out = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let steps = try #require(out["steps"] as? [[String: Any]])
            let rtol = (trace["dtype"] as? String) == "float32" ? 1e-6 : 1e-9
            for (k, (want, got)) in zip(reference, steps).enumerated() {
                let w = want["params"] as! [String: [Double]], g = got["params"] as! [String: [Double]]
                for (tensor, values) in w {
                    for (i, (a, b)) in zip(values, g[tensor] ?? []).enumerated() {
                        #expect(abs(a - b) <= rtol * max(abs(a), abs(b)), "\(name) step \(k) \(tensor)[\(i)]: \(b) vs \(a)")
                    }
                }
                if let lr = want["lr"] as? Double, let got = got["lr"] as? Double {
                    #expect(abs(lr - got) <= 1e-6 * lr + 1e-300, "\(name) step \(k): lr \(got) vs \(lr)")
                }
            }
        }
    }
}

/// The optimizers past AdamW (`Fixtures/Scale`, PyTorch and optax samples with `shapes` and
/// `param_groups`) through `optimlab trace`: params removed, each step's lr kept (several traces change
/// lr every step), and every value back to 1e-9 relative.
struct TraceCommandScaleFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("OptimlabEngineTests/Fixtures/Scale")

    @Test func reproducesEveryScaleTrace() throws {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.count == 23)
        for name in names {
            let data = try Data(contentsOf: Self.fixtures.appendingPathComponent(name))
            var trace = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let reference = try #require(trace["steps"] as? [[String: Any]])
            trace["steps"] = reference.map { ["grads": $0["grads"]!, "lr": $0["lr"]!] }
            let input = String(decoding: try JSONSerialization.data(withJSONObject: trace), as: UTF8.self)
            let r = try runOptimlab(["trace", "-"], stdin: input)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let out = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let steps = try #require(out["steps"] as? [[String: Any]])
            #expect(steps.count == reference.count)
            #expect((out["shapes"] as? [String: [Int]]) == (trace["shapes"] as? [String: [Int]]), "\(name): shapes written back")
            for (k, (want, got)) in zip(reference, steps).enumerated() {
                let w = want["params"] as! [String: [Double]], g = got["params"] as! [String: [Double]]
                for (tensor, values) in w {
                    #expect(g[tensor]?.count == values.count, "\(name) step \(k) \(tensor)")
                    for (i, (a, b)) in zip(values, g[tensor] ?? []).enumerated() {
                        #expect(abs(a - b) <= 1e-9 * max(abs(a), abs(b)), "\(name) step \(k) \(tensor)[\(i)]: \(b) vs \(a)")
                    }
                }
            }
        }
    }

    @Test func malformedGroupsExitTwoNamingTheField() throws {
        let bad = #"{"optimizer": {"name": "adamw"}, "initial_params": {"w": [1.0], "b": [2.0]}, "param_groups": [{"tensors": ["w"]}], "steps": [{"grads": {"w": [0.1], "b": [0.2]}}]}"#
        let r = try runOptimlab(["trace", "-"], stdin: bad)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "optimlab: <stdin>: param_groups: tensor \"b\" is in no group (every tensor belongs to exactly one)\n")
        let flat = #"{"optimizer": {"name": "muon"}, "initial_params": {"w": [1.0, 2.0]}, "steps": []}"#
        let m = try runOptimlab(["trace", "-"], stdin: flat)
        #expect(m.status == 2)
        #expect(m.stderr == "optimlab: <stdin>: shapes.w: muon updates 2-D tensors only (as torch.optim.Muon), but w has shape [2]\n")
        let f32 = #"{"optimizer": {"name": "lion"}, "dtype": "float32", "initial_params": {"w": [1.0]}, "steps": []}"#
        let d = try runOptimlab(["trace", "-"], stdin: f32)
        #expect(d.status == 2)
        #expect(d.stderr == "optimlab: <stdin>: dtype: float32 is supported for adam and adamw only, not lion\n")
    }
}
