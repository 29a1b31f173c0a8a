import Foundation

/// Where in the student's file a crash happened. Two sources, the first that names the student's file
/// wins:
/// - the harness's crash record on the channel (``CrashRecord``: the faulting pc and the stack's
///   return addresses), symbolized against the submission's debug info (``CrashSymbolizer``): any trap
///   or fault, including the standard library's (an index out of range, a division by zero), an
///   integer overflow, a stack overflow, a bad pointer;
/// - what the run printed on stderr: the Swift runtime's `<file>:<line>: Fatal error: …` (fatalError,
///   precondition, a force unwrap of nil, `try!`), and backtrace frames (`… at /scratch/AdamW.swift:12`).
/// The scratch folder's path is rewritten to the student's own path wherever output is shown.
struct CrashLocation {
    /// The submission's path in the scratch folder, as the compiler saw it.
    var scratchFile: String
    /// Its file name there (the exercise's file, e.g. `AdamW.swift`).
    var fileName: String
    /// The student's path, as the report names it.
    var studentPath: String
    /// The compiled submission, and what reads its debug info (nil: only stderr is read).
    var executable = ""
    var symbolizer: CrashSymbolizer?

    var studentName: String { ReportText.name(studentPath.isEmpty ? fileName : studentPath) }

    /// A crash's place in the student's file, and what the runtime said went wrong when it is one of
    /// the runtime's own checks.
    struct Site: Sendable, Equatable {
        var line: Int
        /// `AdamW.step(params:grads:)`, when the frame could be named.
        var function: String?
        /// `Index out of range`, `arithmetic overflow`, … (only the runtime's own words, never the program's).
        var reason: String?
    }

    /// The crash's site, from the channel's crash record (symbolized) or else from stderr; nil when
    /// neither names the student's file. `reason` is filled whenever the runtime said one.
    func site(of run: RunResult) -> Site? {
        let frames = CrashRecord(channel: run.channel).map { symbolizer?.frames($0, executable: executable) ?? [] } ?? []
        let reason = Self.trapReason(frames) ?? Self.runtimeMessage(in: run.stderr)
        if let frame = studentFrame(frames) {
            let function = symbolizer?.demangled(frame.function).map { ReportText.prefix(ReportText.clean($0), bytes: 200) }
            return Site(line: frame.line, function: function, reason: reason)
        }
        return line(in: run.stderr).map { Site(line: $0, function: nil, reason: reason) }
    }

    /// The innermost frame in the student's file. A fault in a function's prologue (its declaration
    /// line, column 0: a stack overflow faults on the frame it cannot push) is placed at the call that
    /// got there instead, the next frame in the student's file, when there is one.
    func studentFrame(_ frames: [CrashSymbolizer.Frame]) -> CrashSymbolizer.Frame? {
        let own = frames.filter { ($0.file == scratchFile || $0.file.hasSuffix("/" + fileName) || $0.file == fileName) && $0.line > 0 }
        guard let first = own.first else { return nil }
        if first.atFault, first.column == 0, first.line == first.startLine, own.count > 1 { return own[1] }
        return first
    }

    /// The compiler's name for the check that trapped at the faulting pc (an inlined frame named
    /// `Swift runtime failure: arithmetic overflow` in the debug info), without the prefix.
    static func trapReason(_ frames: [CrashSymbolizer.Frame]) -> String? {
        let prefix = "Swift runtime failure: "
        guard let frame = frames.first(where: { $0.atFault && $0.function.hasPrefix(prefix) }) else { return nil }
        let reason = String(frame.function.dropFirst(prefix.count))
        return reason.count <= 80 && reason.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || " -_'.".contains($0)) }) ? reason : nil
    }

    /// The standard library's fatal-error messages a report may repeat: anything else after
    /// `Fatal error: ` came from the program (its own `fatalError("…")`) and is not shown as a reason.
    static let runtimeMessages: Set<String> = [
        "Index out of range", "Array index is out of range", "Unexpectedly found nil while unwrapping an Optional value",
        "Unexpectedly found nil while implicitly unwrapping an Optional value", "Division by zero",
        "Division results in an overflow", "Division by zero in remainder operation",
        "Division results in an overflow in remainder operation", "Range requires lowerBound <= upperBound",
        "Range out of bounds", "Out of bounds: index >= endIndex", "Can't remove last element from an empty collection",
        "Can't remove first element from an empty collection", "Not enough bits to represent the passed value",
        "Negative value is not representable", "Double value cannot be converted to Int because it is either infinite or NaN",
        "Double value cannot be converted to Int because the result would be greater than Int.max",
        "Double value cannot be converted to Int because the result would be less than Int.min",
    ]

    /// The first of ``runtimeMessages`` the runtime printed (`…: Fatal error: <message>`), if any.
    static func runtimeMessage(in stderr: [UInt8]) -> String? {
        let text = String(decoding: stderr.prefix(1 << 20), as: UTF8.self)
        for raw in text.split(separator: "\n") {
            guard let range = raw.range(of: "Fatal error: ") else { continue }
            let message = String(raw[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            if runtimeMessages.contains(message) { return message }
        }
        return nil
    }

    /// The line number of the first mention of the student's file in stderr, if any.
    func line(in stderr: [UInt8]) -> Int? {
        let text = String(decoding: stderr.prefix(1 << 20), as: UTF8.self)
        for raw in text.split(separator: "\n") {
            var rest = Substring(raw)
            while let range = rest.range(of: fileName + ":") {
                let before = rest[..<range.lowerBound].last
                rest = rest[range.upperBound...]
                guard before == nil || before == "/" || before == " " || before == "(" || before == "\t" else { continue }
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                if let n = Int(digits), n > 0, digits.count < 8 { return n }
            }
        }
        return nil
    }

    /// `text` with the scratch path (and the module-qualified `submission/AdamW.swift`) named as the
    /// student's file.
    func mapPaths(_ text: String) -> String {
        guard !studentPath.isEmpty else { return text }
        return text.replacingOccurrences(of: scratchFile, with: studentName)
            .replacingOccurrences(of: "\(SubmissionBuild.binary)/\(fileName)", with: studentName)
    }
}
