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
}
