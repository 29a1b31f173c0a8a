import Foundation
import OptimlabCourseware
import Testing
@testable import OptimlabCLI

/// Every real lesson read through to its end, every answer revealed, rendered as a learner sees it at
/// 80 and 120 columns: no instructor note, no raw Markdown table rule, no float noise, no doubled full
/// stop, and no prose line wider than the terminal.
@Suite struct LessonReadThroughTests {
    static func transcript(width: Int) -> [(display: Display, text: String)] {
        let course = Course.load(directory: Fixtures.packageRoot + "/lessons")
        var session = LessonSession(course: course, progress: LearnerProgress(learner: "reader"), store: nil)
        let terminal = Terminal(isTTY: false, color: false, unicode: true, width: width)
        var out: [Display] = []
        for lesson in course.lessons {
            out += session.open(lesson.id)
            var moves = 0
            while session.lesson?.id == lesson.id, session.stepIndex < lesson.steps.count, moves < 1000 {
                if session.pendingQuestion != nil { out += session.solution() }
                out += session.next()
                moves += 1
            }
        }
        return out.map { ($0, DisplayRenderer.render($0, terminal: terminal)) }
    }

    static func matches(_ pattern: String, _ text: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            let r = Range(m.range, in: text)!
            let from = text.index(r.lowerBound, offsetBy: -30, limitedBy: text.startIndex) ?? text.startIndex
            let to = text.index(r.upperBound, offsetBy: 30, limitedBy: text.endIndex) ?? text.endIndex
            return String(text[from..<to])
        }
    }

    @Test(arguments: [80, 120]) func everyLessonReadsCleanly(width: Int) {
        let shown = Self.transcript(width: width)
        #expect(shown.count > 300)                       // ten lessons' worth of steps, solutions and notes
        let all = shown.map(\.text).joined(separator: "\n")
        #expect(!all.contains("<!--") && !all.contains("-->"), "an instructor note reached the learner")
        #expect(Self.matches(#"\|\s*:?-{3,}"#, all) == [], "a raw Markdown table rule")
        #expect(Self.matches(#"\d\.\d*(0000000|9999999)\d"#, all) == [], "float noise")
        #expect(Self.matches(#"(?<![.])\.\.(?![.])"#, all) == [], "a doubled full stop")
        // Prose and questions wrap at word boundaries: only a code line, a table row or a single
        // unbreakable word may be wider than the terminal.
        var wide: [String] = []
        for (display, text) in shown {
            switch display {
            case .text, .question: break
            default: continue
            }
            for line in text.components(separatedBy: "\n") where line.count > width {
                let isCode = line.hasPrefix("    "), isTable = line.hasPrefix("│") || line.hasPrefix("┌") || line.hasPrefix("├") || line.hasPrefix("└")
                if !isCode && !isTable && line.contains(" ") { wide.append(line) }
            }
        }
        #expect(wide == [], "lines wider than \(width) columns")
        // The tables of the Markdown are drawn (the lesson on AdamW has one of published weight decays).
        #expect(all.contains("│ GPT-3 pre-training"))
    }

    /// The whole course walked in the REPL at 80 columns (every hint, every solution, every question
    /// skipped, then `help`), as a learner reads it: no line is wider than the terminal. The only
    /// exceptions are pre-formatted blocks whose columns cannot narrow further: example tables of
    /// many number columns (AdaGrad's dense-vs-sparse table is 112 wide, the clipping lesson's
    /// step-order table 82 with its text column at the 8-character floor) and the result rows of a
    /// lesson experiment (a run's name and six measurements, up to 164 wide); code lines may be too.
    @Test func noLineOfAnyLessonIsWiderThan80Columns() {
        let course = Course.load(directory: Fixtures.packageRoot + "/lessons")
        let out = ReplSessionTests.Transcript()
        let script = ["open 1"] + Array(repeating: ["hint", "solution", "skip"], count: 1500).flatMap { $0 } + ["help", "quit"]
        var repl = Repl(session: LessonSession(course: course, progress: LearnerProgress(learner: "reader"), store: nil),
                        reader: PlainLineReader(lines: script), terminal: Terminal(isTTY: true, color: false, unicode: true, width: 80),
                        interactive: false, write: { out.lines.append($0) })
        repl.run()
        let lines = out.lines.flatMap { $0.components(separatedBy: "\n") }
        // Every lesson was read to its end, and the course end and help were reached.
        #expect(course.lessons.count > 10 && course.lessons.allSatisfy { lines.contains($0.title) })   // each title banner
        #expect(lines.contains { $0.contains("You have finished every lesson.") })
        #expect(lines.contains("Commands (at a question, anything else you type is your answer):"))
        var wide: [String] = [], preformatted = 0
        for line in lines where MarkdownRenderer.visibleCount(line) > 80 {
            let body = line.drop { $0 == " " }
            let isTable = body.first.map { "│┌├└".contains($0) } ?? false
            let isCode = line.count - body.count >= 4
            let isColumns = body.contains("  ")          // an experiment's result row: columns two spaces apart
            if isTable || isCode || isColumns { preformatted += 1 } else { wide.append(line) }
        }
        #expect(wide == [], "lines wider than 80 columns")
        #expect(preformatted < 60, "\(preformatted) pre-formatted lines wider than 80 columns")
    }
}
