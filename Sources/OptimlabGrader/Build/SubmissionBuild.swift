import Foundation

/// Compiles one submission: the student's file plus the harness glue, at `-Onone -wmo` (one frontend
/// process for both files instead of one per file), against the prebuilt harness library, with debug
/// info (`-g`): a crash's addresses are mapped to the student's lines from it (``CrashSymbolizer``).
///
/// One compiler invocation does both jobs. The driver stops after type checking when there are
/// errors, so a compile error comes back as fast as from `-typecheck` (measured on a 2-core machine:
/// 0.22 s median for the failing compile, 0.23 s for `-typecheck`), while a separate `-typecheck`
/// pass first would add about 0.2 s to every submission that compiles.
struct SubmissionBuild {
    var toolchain: Toolchain
    var library: HarnessLibrary
    var runner: any ProcessRunner

    static let glueFile = "OptimlabGlue.swift"
    /// Diagnostics are the student's business: a file at ``SubmissionSource/maxBytes`` full of
    /// `#warning` lines makes about 12 MB of them, so this cap never decides whether a file is graded;
    /// the report shows a part of them (``CompilerOutput``).
    static let maxCompilerOutputBytes = 32 << 20
    static let binary = "submission"

    enum Outcome {
        case built(executable: String)
        /// The student's code did not compile: the diagnostics, with paths mapped to the student's file.
        case compileError(String)
        case failed(GraderError)
    }

    /// Copies `source` into `scratch` as `fileName` next to the glue, and compiles. Also returns the
    /// sandbox protections that were not in force for the compiler.
    func build(source: String, fileName: String, studentPath: String, glue: String, symbol: String, scratch: String) -> (Outcome, [String]) {
        do {
            try source.write(toFile: "\(scratch)/\(fileName)", atomically: false, encoding: .utf8)
            try glue.write(toFile: "\(scratch)/\(Self.glueFile)", atomically: false, encoding: .utf8)
        } catch {
            return (.failed(GraderError("cannot write to \(scratch): \(error.localizedDescription)")), [])
        }
        let r = runner.run(RunRequest(
            executable: toolchain.swiftc,
            arguments: ["-Onone", "-g", "-wmo", "-swift-version", "6", "-parse-as-library", "-diagnostic-style", "llvm",
                        "-I", library.directory, "-L", library.directory, "-l\(HarnessSource.moduleName)",
                        "-module-cache-path", library.moduleCache] + toolchain.linkerFlags
                        + [fileName, Self.glueFile, "-o", Self.binary],
            scratchDirectory: scratch, environment: Toolchain.environment(home: scratch),
            readablePaths: [library.directory, toolchain.root], writablePaths: [library.moduleCache],
            confinement: .compiler, wallSeconds: 60, cpuSeconds: 60, memoryBytes: 8 << 30,
            maxOutputBytes: Self.maxCompilerOutputBytes))
        return (outcome(of: r, executable: "\(scratch)/\(Self.binary)", fileName: fileName, studentPath: studentPath, symbol: symbol),
                r.missingProtections)
    }

    private func outcome(of r: RunResult, executable: String, fileName: String, studentPath: String, symbol: String) -> Outcome {
        let diagnostics = String(decoding: r.stderr + r.stdout, as: UTF8.self)
        switch r.outcome {
        case .exited(0):
            return .built(executable: executable)
        case .exited:
            let mapped = Self.mapDiagnostics(diagnostics, fileName: fileName, studentPath: studentPath, symbol: symbol)
            return .compileError(CompilerOutput.shown(mapped, printedBytes: r.stderr.count + r.stdout.count))
        case .timedOut:
            return .compileError("the compiler did not finish within 60 s")
        case .outputLimitExceeded:
            let mapped = Self.mapDiagnostics(diagnostics, fileName: fileName, studentPath: studentPath, symbol: symbol)
            return .compileError("the compiler printed more than \(ReportText.size(Self.maxCompilerOutputBytes)) of diagnostics\n"
                                 + CompilerOutput.shown(mapped, printedBytes: r.stderr.count + r.stdout.count))
        default:
            let excerpt = ReportText.prefix(ReportText.clean(diagnostics), bytes: CompilerOutput.shownBytes)
            return .failed(GraderError("the compiler ended with \(r.outcome)" + (excerpt.isEmpty ? "" : ": \(excerpt)")))
        }
    }

    /// Rewrites compiler output so it names the student's own file: `AdamW.swift:12:5: error: …`
    /// becomes `<studentPath>:12:5: error: …`; errors in the generated glue mean the declarations do
    /// not match the exercise's API, and say so instead of pointing at a file the student never saw.
    static func mapDiagnostics(_ text: String, fileName: String, studentPath: String, symbol: String) -> String {
        var out: [String] = []
        var skippingGlueContext = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var l = String(line)
            for prefix in ["\(fileName):", "./\(fileName):"] where l.hasPrefix(prefix) {
                l = studentPath + ":" + l.dropFirst(prefix.count)
                skippingGlueContext = false
            }
            let inHarness = l.hasPrefix("\(HarnessSource.moduleName).") || l.contains("/\(HarnessSource.moduleName).swift:")
            if l.hasPrefix("\(glueFile):") || inHarness {
                // The glue or the harness module: keep the severity and message, name the student's file.
                guard let range = l.range(of: #"(error|note|warning): "#, options: .regularExpression) else { continue }
                let message = String(l[range.lowerBound...])
                skippingGlueContext = true
                if message.hasPrefix("note: add stubs") { continue }
                l = message.hasPrefix("note:") ? "  " + message
                    : "\(studentPath): " + message.replacingOccurrences(of: "error: ", with: "error: \(symbol) does not match the exercise's API: ",
                                                                         options: .anchored)
            } else if skippingGlueContext, !l.contains(": error:"), !l.contains(": note:"), !l.contains(": warning:") {
                continue   // the glue's source line and caret: meaningless to the student
            }
            if l.hasPrefix("error: link command failed") || l.hasPrefix("clang: error: linker command failed") { continue }
            out.append(l)
        }
        return out.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
