import Foundation
import Testing
@testable import OptimlabCLI
import OptimlabCourseware

@Suite struct CourseSourceTests {
    static func options(_ arguments: [String]) throws -> CourseOptions { try CourseOptions.parse(arguments) }

    @Test func optionThenEnvironment() throws {
        let env = ["OPTIMLAB_LESSONS": "/b", "OPTIMLAB_EXERCISES": "/ex", "XDG_STATE_HOME": "/state"]
        let a = CourseSource(options: try Self.options(["--lessons", "/a"]), environment: env)
        #expect(a.lessonsDirectory == "/a" && a.lessonsOrigin == .option("/a"))
        let b = CourseSource(options: try Self.options([]), environment: env)
        #expect(b.lessonsDirectory == "/b" && b.lessonsOrigin == .environment("/b"))
        #expect(b.exercisesDirectory == "/ex" && b.progressPath == "/state/optimlab/progress.json" && b.stateDirectory == "/state/optimlab")
        #expect(b.content == nil && b.exercises.roots == ["/ex"])
        let p = CourseSource(options: try Self.options(["--progress", "/p.json"]), environment: env)
        #expect(p.progressPath == "/p.json")
    }

    @Test func theContentOptionWinsOverTheEnvironmentAndMustExist() throws {
        let dir = FileManager.default.temporaryDirectory.path
        let s = CourseSource(options: try Self.options(["--content", dir]), environment: ["OPTIMLAB_CONTENT": "/elsewhere"])
        #expect(s.content == dir && s.exercises.roots == [dir + "/exercises", "exercises"])
        #expect(CourseSource(options: try Self.options([]), environment: ["OPTIMLAB_CONTENT": "/elsewhere"]).content == "/elsewhere")
        #expect(throws: (any Error).self) { try Self.options(["--content", "/no/such/folder"]) }
    }

    @Test func walksUpFromTheExecutable() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("optimlab-loc-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/pkg/lessons", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/pkg/.build/debug", withIntermediateDirectories: true)
        let (found, origin) = CourseSource.lessonsDirectory(option: nil, environment: [:], executable: root + "/pkg/.build/debug/optimlab",
                                                             currentDirectory: root)                // no lessons/ here
        #expect(URL(fileURLWithPath: found).resolvingSymlinksInPath().path
                == URL(fileURLWithPath: root + "/pkg/lessons").resolvingSymlinksInPath().path)
        #expect(origin == .package(found))
        let here = CourseSource.lessonsDirectory(option: nil, environment: [:], executable: "/nowhere/optimlab", currentDirectory: root + "/pkg")
        #expect(here.0 == "lessons" && here.1 == .currentDirectory)
        let none = CourseSource.lessonsDirectory(option: nil, environment: [:], executable: "/nowhere/optimlab", currentDirectory: root)
        #expect(none.0 == "lessons" && none.1 == .builtIn)
    }

    @Test func eachLessonKnowsWhereItCameFrom() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("optimlab-src-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/course/lessons", withIntermediateDirectories: true)
        try "---\nid: extra\ntitle: Extra\n---\nText.\n".write(toFile: root + "/course/lessons/11-extra.md", atomically: true, encoding: .utf8)
        let embedded = [(path: "lessons/01-base.md", text: "---\nid: base\ntitle: Base\n---\nText.\n")]
        let source = CourseSource(lessonsDirectory: root + "/none", lessonsOrigin: .builtIn, content: root + "/course",
                                  progressPath: "/p", stateDirectory: "/s")
        let loaded = source.loadCourse(embedded: embedded)
        #expect(loaded.course.lessons.map(\.id) == ["base", "extra"])
        #expect(loaded.course.lessons.map(loaded.origin(of:)) == [.builtIn, .content(root + "/course")])
        #expect(LessonsCommand.origins(loaded) == "Read from built in; extra from --content \(root)/course.")
    }

    /// At 80 columns the built-in titles wrap inside their column: no line is wider than the terminal
    /// and no title loses its end to "…".
    @Test func theLessonTableWrapsTitlesToTheTerminal() throws {
        let source = CourseSource(lessonsDirectory: "/none", lessonsOrigin: .builtIn, content: nil,
                                  progressPath: "/p", stateDirectory: "/s")
        let loaded = source.loadCourse(embedded: embeddedLessonFiles())
        let terminal = Terminal(isTTY: true, color: false, unicode: false, width: 80)
        let table = try LessonsCommand.parse([]).list(loaded, terminal: terminal)
        let lines = table.components(separatedBy: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(!table.contains("~") && !table.contains("…"))
        let longest = try #require(loaded.course.lessons.map(\.title).max { $0.count < $1.count })
        #expect(longest.count > 40)
        // The title column's pieces, row by row, joined back into the titles.
        let titleCells = lines.filter { $0.hasPrefix("|") }.dropFirst().map { line in
            line.split(separator: "|", omittingEmptySubsequences: false)[3].trimmingCharacters(in: .whitespaces)
        }
        #expect(titleCells.joined(separator: " ").contains(longest))
    }
}

/// Every known mistake's diagnosis sends the learner to a lesson; `check` proves the course has it.
@Suite struct MistakeLinkTests {
    @Test func everyMistakeLinksToABuiltInLesson() {
        let course = Course.parse(files: embeddedLessonFiles(), directory: "(built-in lessons)")
        #expect(course.lessons.count >= 10)
        #expect(course.unresolvedMistakeLinks().map(\.mistake) == [])
    }

    @Test func aCourseWithoutTheLessonReportsTheLink() {
        let course = Course.parse(files: [(path: "lessons/01-adam.md", text: "---\nid: adam\ntitle: Adam\n---\nText.\n")], directory: "x")
        let links = course.unresolvedMistakeLinks()
        #expect(links.contains { $0.mistake == .noBiasCorrection && $0.lesson == "bias-correction" })
        #expect(!links.contains { $0.mistake == .epsilonInsideRoot })          // its lesson is adam
    }
}
