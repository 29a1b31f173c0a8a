import Foundation
import Testing
import OptimlabEngine
@testable import OptimlabCourseware

/// Tests through the real `optimlab` executable: piped input, a pseudo-terminal with readline, a
/// SIGKILL in the middle of a lesson, and the `check` and `lessons` commands.
@Suite(.serialized) struct BinaryTests {
    let binary = Fixtures.binary

    @Test func pipedAnswersGiveAPlainTranscript() throws {
        let (root, lessons) = try Fixtures.course()
        let (status, output) = try run(binary, ["--lessons", lessons, "--progress", root + "/p.json"],
                                       stdin: "open bias\n\n\n0.001\nquit\n", environment: ["NO_COLOR": "1"])
        #expect(status == 0)
        #expect(output.contains("[ok] Correct. The engine's value is 0.001 (tolerance: relative 0.1%)."))
        #expect(!output.contains("\u{1B}["))                        // no colour, no prompt echo when piped
        #expect(!output.contains("optimlab bias"))
    }

    @Test func readlineInAPseudoTerminalCompletesCommands() throws {
        let (root, lessons) = try Fixtures.course()
        let command = "\(binary) --lessons \(lessons) --progress \(root)/p.json"
        let driver = try ProcessDriver("/usr/bin/script", ["-qec", command, "/dev/null"],
                                       environment: ["TERM": "xterm", "XDG_STATE_HOME": root + "/state", "COLUMNS": "100"])
        #expect(driver.waitFor("optimlab> "))
        driver.type("hel\t\r")                                      // Tab completes "hel" to "help "
        #expect(driver.waitFor("Commands (at a question"))
        driver.type("open bi\t\r")                                  // and "bi" to the lesson id
        #expect(driver.waitFor("Adam's moments start at zero."))
        driver.type("half typed")
        #expect(driver.waitFor("half typed"))
        let prompts = driver.text.components(separatedBy: "optimlab bias 1/5> ").count - 1
        driver.type("\u{3}")                                        // Ctrl-C cancels the line, keeps the REPL
        #expect(driver.waitFor("optimlab bias 1/5> ", count: prompts + 1))
        driver.type("calc 1+1\r")
        #expect(driver.waitFor("= 2"))
        #expect(!driver.text.contains("Unknown command 'half'"))
        #expect(driver.waitFor("optimlab bias 1/5> ", count: prompts + 2))  // readline is reading again
        driver.type("\u{4}")                                        // Ctrl-D leaves, saving progress
        #expect(driver.waitFor("Progress saved. Bye."))
        driver.closeInput()
        driver.finish()
        #expect(driver.text.contains("help "))
        // History persisted in the XDG state directory.
        let history = try String(contentsOfFile: root + "/state/optimlab/history", encoding: .utf8)
        #expect(history.contains("open bias"))
        #expect(try ProgressStore(path: root + "/p.json").load().progress.currentLesson == "bias")
    }

    @Test func killedMidLessonResumesAtTheSameStep() throws {
        let (root, lessons) = try Fixtures.course()
        let progress = root + "/p.json"
        let first = try ProcessDriver(binary, ["--lessons", lessons, "--progress", progress])
        first.type("open bias\n\n\n0.001\n")
        #expect(first.waitFor("What is 1/(1 − β₁ᵗ) for β₁ = 0.9 and t = "))
        first.type("0.5\n")                                         // a wrong answer to the drawn question
        #expect(first.waitFor("tries left"))
        let promptBefore = first.text.components(separatedBy: "\n").first { $0.contains("What is 1/(1 − β₁ᵗ)") }
        kill(first.process.processIdentifier, SIGKILL)
        first.finish()
        #expect(first.process.terminationReason == .uncaughtSignal)

        let saved = try ProgressStore(path: progress).load()
        #expect(saved.warning == nil)
        #expect(saved.progress.lessons["bias"]?.step == 3)
        #expect(saved.progress.lessons["bias"]?.questions["drawn"]?.answers == ["0.5"])

        let (status, output) = try run(binary, ["--lessons", lessons, "--progress", progress], stdin: "resume\nquit\n")
        #expect(status == 0)
        let promptAfter = output.components(separatedBy: "\n").first { $0.contains("What is 1/(1 − β₁ᵗ)") }
        #expect(promptAfter != nil && promptAfter == promptBefore)      // same step, same drawn t
        #expect(try ProgressStore(path: progress).load().progress.lessons["bias"]?.questions["drawn"]?.attempts == 1)
    }

    /// A REPL open in one terminal while `optimlab hint` runs in another, both on one progress file:
    /// the REPL's later saves keep the hint, and the REPL's own moves are kept too.
    @Test func aReplAndAnExerciseCommandShareTheProgressFile() throws {
        let (root, lessons) = try Fixtures.course()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let progress = root + "/p.json"
        let repl = try ProcessDriver(binary, ["--lessons", lessons, "--progress", progress], environment: ["NO_COLOR": "1"])
        defer { if repl.process.isRunning { kill(repl.process.processIdentifier, SIGKILL) } }
        repl.type("open bias\n")
        #expect(repl.waitFor("Adam's moments start at zero."))
        let hint = try run(binary, ["hint", "adamw", "--progress", progress], environment: ["NO_COLOR": "1"])
        #expect(hint.status == 0 && hint.output.hasPrefix("Hint 1/4: "), "\(hint.output)")
        repl.type("next\n")
        #expect(repl.waitFor("The correction factors"))
        repl.type("quit\n")
        repl.closeInput()
        #expect(repl.finish() == 0)
        let saved = try ProgressStore(path: progress).load().progress
        #expect(saved.exercises["adamw"]?.hintsShown == 1, "the REPL wrote over the hint:\n\(repl.text)")
        #expect(saved.currentLesson == "bias" && saved.lessons["bias"]?.step == 1)
    }

    @Test func newerProgressFileIsRefusedWithExit2() throws {
        let (root, lessons) = try Fixtures.course()
        let progress = root + "/p.json"
        try "{\"version\": 9}".write(toFile: progress, atomically: true, encoding: .utf8)
        let (status, output) = try run(binary, ["--lessons", lessons, "--progress", progress], stdin: "quit\n")
        #expect(status == 2)
        #expect(output.contains("was written by a newer optimlab (progress version 9; this one reads 3)"))
        #expect(try String(contentsOfFile: progress, encoding: .utf8) == "{\"version\": 9}")
    }

    @Test func checkReportsFileLineAndExits1() throws {
        let (root, lessons) = try Fixtures.course()
        let good = try run(binary, ["check", lessons])
        #expect(good.status == 0)
        #expect(good.output.contains("2 lesson(s) checked, 0 problem(s)."))
        try "---\nid: broken\ntitle: Broken\n---\n```question\nid: q\nprompt: p\nanswer: bias_corection(0.9, 1)\n```\n"
            .write(toFile: lessons + "/03-broken.md", atomically: true, encoding: .utf8)
        let bad = try run(binary, ["check", lessons])
        #expect(bad.status == 1)
        #expect(bad.output.contains("\(lessons)/03-broken.md:8:9: answer: unknown function 'bias_corection'; did you mean bias_correction?"))
        // Without PATH, check takes the lessons folder in effect (here --lessons) and says so. It also
        // checks every exercise (a starter and a solution build each), so it gets a generous guard.
        let viaOption = try run(binary, ["check", "--lessons", lessons], timeout: 600)
        #expect(viaOption.status == 1)
        #expect(viaOption.output.hasPrefix("lessons: --lessons \(lessons)\n"))
        #expect(viaOption.output.contains("\(lessons)/03-broken.md:8:9: answer: unknown function 'bias_corection'"))
        let single = try run(binary, ["check", lessons + "/01-bias.md"])
        #expect(single.status == 0 && single.output.contains("1 lesson(s) checked, 0 problem(s)."))
        let missing = try run(binary, ["check", root + "/nowhere"])
        #expect(missing.status == 2)
    }

    @Test func checkProvesTheMistakeCatalogueOfALessonsFolder() throws {
        let (_, lessons) = try Fixtures.course()
        try "no-bias-correction:\n  title: T\n  lesson: nowhere\n  explanation: E\nbetas-swaped: {title: T, lesson: adam, explanation: E}\n"
            .write(toFile: lessons + "/mistakes.yaml", atomically: true, encoding: .utf8)
        let bad = try run(binary, ["check", lessons])
        #expect(bad.status == 1)
        #expect(bad.output.contains("\(lessons)/mistakes.yaml:5:1: 'betas-swaped' is not a known mistake of the engine; did you mean 'betas-swapped'?"))
        #expect(bad.output.contains("\(lessons)/mistakes.yaml:2: mistake 'no-bias-correction' sends learners to lesson 'nowhere', which the course does not have"))
        #expect(bad.output.contains("\(lessons)/mistakes.yaml: no entry for the engine's mistake 'eps-inside-sqrt' (give it a title, explanation and lesson)"))
    }

    @Test func answerKeyAsJSON() throws {
        let (_, lessons) = try Fixtures.course()
        let (status, output) = try run(binary, ["lessons", "--answers", "--format", "json", "--lessons", lessons])
        #expect(status == 0)
        guard case .array(let entries) = try JSONValue.parse(output) else { Issue.record("not an array"); return }
        #expect(entries.count == 2)
        #expect(entries[0]["question"] == .string("first-step"))
        #expect(entries[0]["answer"] == .number(1e-3 * 2 / (2 + 1e-8)))
        #expect(entries[0]["prompt"] == .string("With g = 2, how far does Adam move on step 1?"))
        #expect(entries[0]["tolerance"] == .string("relative 0.1%"))
        // Seed 0 for random inputs: the key's answer matches the prompt's drawn t.
        let drawn = try QuestionInstance(try #require(Course.load(directory: lessons).lesson("bias")?.question("drawn")), seed: 0)
        #expect(entries[1]["answer"] == .number(drawn.expected!))
    }

    @Test func theRealLessonsPassCheck() throws {
        let lessons = Fixtures.packageRoot + "/lessons"
        #expect(Course.lessonFiles(in: lessons).count == 14)
        // check runs every experiment of the course (a debug build on a loaded machine needs the time).
        let (status, output) = try run(binary, ["check", lessons], timeout: 180)
        #expect(status == 0, "\(output)")
        #expect(output.contains("14 lesson(s) checked, 0 problem(s)."))
    }
}
