import Foundation

/// Turns a ``CrashRecord``'s addresses into source frames with the toolchain's `llvm-symbolizer`,
/// reading the submission's debug info (it is compiled with `-g`), and names the frame's function with
/// `swift-demangle --simplified`. Both read a binary built from untrusted source, so both run in the
/// compiler's sandbox view, with a time and an output cap. Any failure gives fewer frames, never an error:
/// the report then says the signal and that no line was found.
struct CrashSymbolizer {
    var toolchain: Toolchain
    var runner: any ProcessRunner
    var scratch: String

    /// One source frame: inlined frames come before the frame they were inlined into.
    struct Frame: Sendable, Equatable {
        var function: String
        var file: String
        var line: Int
        var column: Int
        /// The line the function starts at (its declaration).
        var startLine: Int
        /// Whether this frame is the faulting instruction itself (not a return address).
        var atFault: Bool
    }

    static let seconds = 10.0
    static let maxOutputBytes = 1 << 20

    /// The frames of `record` in `executable`, innermost first.
    func frames(_ record: CrashRecord, executable: String) -> [Frame] {
        guard let symbolizer = toolchain.symbolizer, !record.lookups.isEmpty else { return [] }
        let r = run(symbolizer, ["--obj=\(executable)", "--output-style=JSON", "--inlining"]
                    + record.lookups.map { "0x" + String($0, radix: 16) })
        guard r.outcome == .exited(0) else { return [] }
        return Self.parse(r.stdout, faultCount: record.pc == nil ? 0 : 1)
    }

    /// `Type.method(label:label:)` for a mangled Swift name, or nil when it cannot be demangled here.
    func demangled(_ name: String) -> String? {
        guard let demangler = toolchain.demangler, name.hasPrefix("$s") || name.hasPrefix("_$s"),
              name.utf8.count < 1024, name.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { return nil }
        let r = run(demangler, ["--simplified", "--compact", name])
        guard r.outcome == .exited(0) else { return nil }
        let text = String(decoding: r.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty || text == name || text.contains("\n") ? nil : text
    }

    private func run(_ executable: String, _ arguments: [String]) -> RunResult {
        runner.run(RunRequest(executable: executable, arguments: arguments, scratchDirectory: scratch,
                              environment: Toolchain.environment(home: scratch), readablePaths: [toolchain.root],
                              confinement: .compiler, wallSeconds: Self.seconds, cpuSeconds: Self.seconds,
                              memoryBytes: 4 << 30, maxOutputBytes: Self.maxOutputBytes))
    }

    /// The symbolizer's JSON (one object per address, each with its inlined chain in `Symbol`).
    /// The first `faultCount` addresses are the faulting pc.
    static func parse(_ json: [UInt8], faultCount: Int) -> [Frame] {
        struct Entry: Decodable { var Symbol: [Symbol]? }
        struct Symbol: Decodable {
            var FunctionName: String?
            var FileName: String?
            var Line: Int?
            var Column: Int?
            var StartLine: Int?
        }
        guard let entries = try? JSONDecoder().decode([Entry].self, from: Data(json)) else { return [] }
        var frames: [Frame] = []
        for (i, entry) in entries.enumerated() {
            for s in entry.Symbol ?? [] {
                frames.append(Frame(function: s.FunctionName ?? "", file: s.FileName ?? "", line: s.Line ?? 0,
                                    column: s.Column ?? 0, startLine: s.StartLine ?? 0, atFault: i < faultCount))
            }
        }
        return frames
    }
}
