/// The part of the compiler's diagnostics a report shows. Errors come first (with their notes and
/// source lines), then warnings, up to ``shownBytes``; what is left out is counted in a last line, so
/// 1500 `#warning` lines cost the student nothing but a note, and the error that matters is on top.
/// The text is cleaned (``ReportText/clean(_:)``): the compiler echoes the student's source lines.
enum CompilerOutput {
    static let shownBytes = 16 << 10

    /// One diagnostic: its `file:line:col: severity: message` line and the lines under it.
    struct Block {
        var lines: [Substring]
        var severity: String?
        var text: String { lines.joined(separator: "\n") }
    }

    static func shown(_ text: String, printedBytes: Int) -> String {
        let blocks = split(ReportText.clean(text))
        let ordered = blocks.filter { $0.severity == "error" } + blocks.filter { $0.severity != "error" }
        var out: [String] = []
        var used = 0
        var left = (errors: 0, warnings: 0, other: 0)
        for block in ordered {
            let t = block.text
            if used + t.utf8.count + 1 <= shownBytes || out.isEmpty {
                out.append(used + t.utf8.count + 1 <= shownBytes ? t : ReportText.prefix(t, bytes: shownBytes))
                used += t.utf8.count + 1
            } else {
                switch block.severity {
                case "error": left.errors += 1
                case "warning": left.warnings += 1
                default: left.other += 1
                }
            }
        }
        let omitted = [(left.errors, "error"), (left.warnings, "warning"), (left.other, "other line")]
            .filter { $0.0 > 0 }.map { "\($0.0) more \($0.1)\($0.0 == 1 ? "" : "s")" }
        if !omitted.isEmpty {
            out.append("[the compiler printed \(ReportText.size(printedBytes)) (shown: the first \(ReportText.size(used))); not shown: \(omitted.joined(separator: ", "))]")
        }
        return out.joined(separator: "\n")
    }

    /// Splits the output at each diagnostic line (`…: error: …`, `…: warning: …`); a note stays with
    /// the diagnostic above it.
    static func split(_ text: String) -> [Block] {
        var blocks: [Block] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let severity = severity(line), severity != "note" || blocks.isEmpty {
                blocks.append(Block(lines: [line], severity: severity))
            } else if blocks.isEmpty {
                blocks.append(Block(lines: [line], severity: nil))
            } else {
                blocks[blocks.count - 1].lines.append(line)
            }
        }
        while let last = blocks.last, last.lines.allSatisfy({ $0.isEmpty }) { blocks.removeLast() }
        return blocks
    }

    static func severity(_ line: Substring) -> String? {
        for s in ["error", "warning", "note", "remark"] where line.contains(": \(s): ") || line.hasPrefix("\(s): ") { return s }
        return nil
    }
}
