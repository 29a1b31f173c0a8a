import ArgumentParser
import Foundation
import OptimlabEngine

/// `optimlab trace FILE|-`: completes a trace with the engine and prints it as JSON.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run the engine over a trace's gradients and print the completed trace as JSON.",
        discussion: """
            Reads a trace (format optimlab-trace-1) whose steps hold at least `grads`. Each step's own \
            `lr` is used when given; otherwise the schedule's, otherwise optimizer.lr. Malformed input \
            exits 2 with a message naming the field or step.
            """)

    @Argument(help: "The trace file, or - for standard input.")
    var file: String

    @Option(help: "Run a known-mistake variant.")
    var mistake: KnownMistake?

    @Option(help: "Use another library's conventions.")
    var convention: Convention = .pytorch

    func run() throws {
        let conv = convention
        var variant = Variant(convention: conv)
        let text = try readInput(file)
        let trace: Trace
        do { trace = try Trace(json: text, convention: conv) } catch {
            throw CLIError.input("\(file == "-" ? "<stdin>" : file): \(error)")
        }
        if let m = mistake {
            guard m.applies(to: trace.optimizer, clipping: trace.clipNorm != nil) else {
                throw CLIError.usage("mistake \"\(m.rawValue)\" does not apply to this trace (\(trace.optimizer.name)\(trace.clipNorm == nil ? ", no clipping" : ""))")
            }
            variant.mistakes = [m]
        }
        let completed = trace.completed(variant: variant)
        print(completed.json.rendered())
        if let warning = Self.nonFiniteWarning(completed) {
            FileHandle.standardError.write(Data("optimlab: warning: \(warning)\n".utf8))
        }
    }

    /// Names the first parameter that left the range of a Double, so an `inf` or `nan` in the output
    /// never comes without a reason (the engine keeps IEEE semantics, as PyTorch does).
    static func nonFiniteWarning(_ trace: Trace) -> String? {
        for (k, step) in trace.steps.enumerated() {
            guard let params = step.params else { continue }
            for (name, values) in zip(params.names, params.values) {
                guard let i = values.firstIndex(where: { !$0.isFinite }) else { continue }
                let cause = step.grads.flattened.contains { !$0.isFinite } ? "a gradient is not finite"
                    : "the update overflowed ±1.8e308, the largest Double (or took inf − inf)"
                return "step \(k + 1): params.\(name)[\(i)] is \(values[i]) because \(cause), as it would be in PyTorch; "
                    + "from here on the trace holds non-finite values, which strict JSON readers refuse"
            }
        }
        return nil
    }
}

/// Reads a whole file, or standard input for "-".
func readInput(_ path: String) throws -> String {
    if path == "-" {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let s = String(data: data, encoding: .utf8) else { throw CLIError.input("<stdin>: not UTF-8 text") }
        return s
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIError.input("\(path): cannot read the file")
    }
    guard let s = String(data: data, encoding: .utf8) else { throw CLIError.input("\(path): not UTF-8 text") }
    return s
}

/// Errors the CLI reports with a message and exit status 2 (the input or the arguments are wrong).
enum CLIError: Error, CustomStringConvertible {
    case usage(String)
    case input(String)
    var description: String {
        switch self {
        case .usage(let m), .input(let m): m
        }
    }
}
