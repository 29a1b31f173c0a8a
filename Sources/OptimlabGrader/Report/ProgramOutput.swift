/// What a submission printed (stdout and stderr) during a case: ignored for grading, shown to help
/// the student debug. It keeps a cleaned prefix (see ``ReportText/clean(_:)``) and the number of
/// bytes the program really printed, so a report can say how much it left out.
public struct ProgramOutput: Sendable, Equatable, ExpressibleByStringLiteral {
    /// The cleaned text kept (at most ``keptBytes`` bytes of it, before cleaning).
    public var text: String
    /// How many bytes the program printed in all.
    public var totalBytes: Int
    /// Why the output is not shown at all, when it is not (e.g. the run also ran hidden cases).
    public var withheld: String?

    /// Bytes of the program's output the grader keeps for reports.
    public static let keptBytes = 4096
    /// Bytes shown by the text, JUnit, JSON and Gradescope reports.
    public static let shownBytes = 2048

    public init(text: String, totalBytes: Int, withheld: String? = nil) {
        self.text = ReportText.clean(text); self.totalBytes = totalBytes; self.withheld = withheld
    }

    public init(stringLiteral value: String) { self.init(text: value, totalBytes: value.utf8.count) }

    /// From the bytes a run kept, and the number it printed (at least the bytes kept).
    public init(bytes: [UInt8], totalBytes: Int? = nil) {
        let kept = Array(bytes.prefix(Self.keptBytes))
        self.init(text: String(decoding: kept, as: UTF8.self), totalBytes: max(totalBytes ?? bytes.count, bytes.count))
    }

    public static let none = ProgramOutput(text: "", totalBytes: 0)

    public var isEmpty: Bool { totalBytes == 0 }

    /// The output as a report shows it: at most `limit` bytes, and when that is not all of it, a last
    /// line "your program printed 12 KB (shown: the first 2 KB)".
    public func shown(limit: Int = ProgramOutput.shownBytes) -> String {
        if let withheld { return "[your program printed \(ReportText.size(totalBytes)), not shown: \(withheld)]" }
        let visible = ReportText.prefix(text, bytes: limit)
        let cut = visible.utf8.count < text.utf8.count
        guard cut || totalBytes > Self.keptBytes else { return visible }
        let shown = ReportText.size(cut ? limit : visible.utf8.count)
        return visible + "\n[your program printed \(ReportText.size(totalBytes)) (shown: the first \(shown))]"
    }
}
