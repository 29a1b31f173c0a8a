/// Where in the student's file a crash happened, found in what the crashed run printed on stderr:
/// the Swift runtime's `<file>:<line>: Fatal error: …` (fatalError, precondition, a force unwrap of
/// nil, `try!`) and, when a backtrace was printed, its frames (`… at /scratch/AdamW.swift:12:5`).
/// The first mention of the student's file wins: the fatal-error line, else the innermost frame.
/// The scratch folder's path is rewritten to the student's own path wherever output is shown.
struct CrashLocation {
    /// The submission's path in the scratch folder, as the compiler saw it.
    var scratchFile: String
    /// Its file name there (the exercise's file, e.g. `AdamW.swift`).
    var fileName: String
    /// The student's path, as the report names it.
    var studentPath: String

    var studentName: String { ReportText.name(studentPath.isEmpty ? fileName : studentPath) }

    /// The line number of the first mention of the student's file, if any.
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
