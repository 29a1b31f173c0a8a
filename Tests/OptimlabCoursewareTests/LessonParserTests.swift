import Testing
@testable import OptimlabCourseware

/// Parses `body` as the part of `01-demo.md` after a 4-line front matter (so body line 1 is file line 5).
func problems(_ body: String, path: String = "01-demo.md") -> [String] {
    LessonParser.parse("---\nid: demo\ntitle: Demo\n---\n" + body, path: path).diagnostics.map(\.description)
}

@Suite struct LessonParserTests {
    @Test func aWellFormedLessonBecomesSteps() throws {
        let text = """
            ---
            id: demo
            title: Demo
            minutes: 5
            objectives: [Compute a bias correction]
            ---
            # Demo

            Intro with {{ bias_correction(0.9, 1) | fix2 }}.

            ## Bias correction

            Some prose.

            ```swift
            let x = 1   // code stays in the prose
            ```

            ```example
            id: table
            compute: bias_table
            inputs: {steps: [1, 2]}
            show: [t, corr1]
            ```

            After the table.

            ```question
            id: q1
            prompt: "What is 1/(1 − β) for β = {{ b }} at t = 1?"
            given: {b: 0.9}
            answer: bias_correction(b, 1)
            hints: ["Divide by 1 − β."]
            ```

            ```hint
            text: Most Transformers use β₂ = 0.95.
            ```

            ```plot
            kind: schedule
            schedules: [{name: constant, peak: 0.1}]
            ```
            """
        let (lesson, diagnostics) = LessonParser.parse(text, path: "01-demo.md")
        #expect(diagnostics == [])
        let l = try #require(lesson)
        #expect(l.id == "demo" && l.minutes == 5 && l.objectives == ["Compute a bias correction"])
        #expect(l.steps.map(\.line) == [7, 11, 19, 26, 28, 36, 40])
        guard case .prose(let intro) = l.steps[0].content else { Issue.record("not prose"); return }
        #expect(try intro.render(with: Evaluator()) == "# Demo\n\nIntro with 10.00.")
        guard case .prose(let section) = l.steps[1].content else { Issue.record("not prose"); return }
        #expect(section.source.contains("let x = 1"))
        #expect(l.steps[1].section == "Bias correction")
        let table = try l.example("table")!.run()
        #expect(table.columns.map(\.key) == ["t", "corr1"])
        let expected: [[Table.Cell]] = [[.number(1), .number(1 / (1 - 0.9))], [.number(2), .number(1 / (1 - 0.81))]]
        #expect(table.rows == expected)
        guard case .visual(let plot) = l.steps[6].content, case .schedule(let request) = plot.request else { Issue.record("not a schedule plot"); return }
        #expect(plot.kind == "plot" && plot.line == 40 && request.recipes.map(\.peak) == [0.1] && request.steps == 1000)
        // Its numeric question states no precision: a warning, not an error.
        #expect(LessonValidator.validate(l).filter { !$0.isWarning } == [])
    }

    @Test func unknownBlockTypeAndUnclosedFence() {
        #expect(problems("intro\n```exmaple\nid: x\n```\n") == [
            "01-demo.md:6: unknown block type 'exmaple'; did you mean 'example'? (blocks: example, question, hint, plot, experiment; or a code language such as swift, python, text)",
        ])
        #expect(problems("intro\n\n```question\nid: x\n") == ["01-demo.md:7: the ``` block opened here is never closed"])
    }

    @Test func unknownFieldsAtTheirLines() {
        #expect(problems("```question\nid: q\nprompt: p\nanswer: bias_correction(0.9, 1)\ntolerence: {rel: 1e-2}\n```\n") == [
            "01-demo.md:9:1: unknown field 'tolerence' in a question block; did you mean 'tolerance'? (fields: id, kind, source, prompt, given, shares, answer, precision, tolerance, hints, solution, attempts, mistakes, slips, calc, choices, explanations, keywords, rubric)",
        ])
        #expect(problems("```example\nid: e\ncompute: bias_table\ninputs:\n  beta1: 0.9\n  stpes: [1]\n```\n") == [
            "01-demo.md:10:3: bias_table has no input 'stpes'; did you mean 'steps'? (it takes beta1, beta2, steps)",
        ])
    }

    @Test func unknownFunctionsAndNamesInExpressions() {
        #expect(problems("```question\nid: q\nprompt: \"{{ lr }}\"\ngiven: {g: 1}\nanswer: abs(adm_update(g=g, t=1))\n```\n") == [
            "01-demo.md:7: in {{ lr }}: unknown name 'lr' at column 1",
            "01-demo.md:9:13: answer: unknown function 'adm_update'; did you mean adam_update?",
        ])
        // A quoted scalar's text starts one column after its quote; a block scalar's position inside
        // its text is not known, so the column stays in the message.
        #expect(problems("```question\nid: q\nprompt: p\ngiven: {g: 1}\nanswer: \"abs(adm_update(g=g, t=1))\"\n```\n") == [
            "01-demo.md:9:14: answer: unknown function 'adm_update'; did you mean adam_update?",
        ])
        #expect(problems("```question\nid: q\nprompt: p\ngiven: {g: 1}\nanswer: |\n  abs(adm_update(g=g, t=1))\n```\n") == [
            "01-demo.md:9:9: answer: unknown function 'adm_update' at column 5; did you mean adam_update?",
        ])
        #expect(problems("```question\nid: q\nprompt: p\ngiven: {g: 1}\nanswer: 2 * (g + 1\n```\n") == [
            "01-demo.md:9:19: answer: expected ')', found the end of the expression",
        ])
        #expect(problems("Text {{ bias_corection(0.9, 1) }} here.\n") == [
            "01-demo.md:5: in {{ bias_corection(0.9, 1) }}: unknown function 'bias_corection' at column 1; did you mean bias_correction?",
        ])
        #expect(problems("```example\nid: e\ncompute: adam_tabel\n```\n") == ["01-demo.md:7:10: unknown function 'adam_tabel'; did you mean adam_table?"])
    }

    @Test func yamlErrorsMapToFileLines() {
        // Line 3 of the block (file line 8) has an unterminated flow sequence.
        let syntax = problems("```question\nid: q\nprompt: p\nhints: [a, b\n```\n")
        #expect(syntax.count == 1)
        #expect(syntax.first?.hasPrefix("01-demo.md:9:") == true && syntax.first?.contains(": YAML syntax: ") == true)
        #expect(problems("```question\nid: q\nid: r\nprompt: p\nanswer: bias_correction(0.9, 1)\n```\n") == ["01-demo.md:6:1: duplicate key 'id'"])
        #expect(problems("```question\nid: q\nprompt: p\nanswer: bias_correction(0.9, 1)\nattempts: many\n```\n") == [
            "01-demo.md:9:11: 'attempts' must be a whole number",
        ])
    }

    @Test func literalAnswersAndDuplicateIDs() {
        #expect(problems("```question\nid: q\nprompt: p\nanswer: 10\n```\n") == [
            "01-demo.md:8:9: the answer is a literal number; write the computation that gives it (e.g. bias_correction(0.9, 1)), so it follows the inputs",
        ])
        #expect(problems("```question\nid: q\nprompt: p\nanswer: bias_correction(0.9, 1)\n```\n\n```example\nid: q\ncompute: bias_table\n```\n") == [
            "01-demo.md:11: duplicate id 'q' (first used on line 5)",
        ])
    }

    @Test func frontMatterProblems() {
        #expect(LessonParser.parse("# no header\n", path: "01-x.md").diagnostics.map(\.description) == [
            "01-x.md:1: a lesson starts with YAML front matter between '---' lines (id, title, …)",
        ])
        #expect(LessonParser.parse("---\nid: x\ntitel: X\n---\ntext\n", path: "01-x.md").diagnostics.map(\.description) == [
            "01-x.md:2:1: the front matter needs 'title'",
        ])
        #expect(LessonParser.parse("---\nid: x\ntitle: X\nformat: 2\n---\ntext\n", path: "01-x.md").diagnostics.map(\.description) == [
            "01-x.md:4:9: lesson format 2 is newer than this optimlab reads (1); update optimlab",
        ])
        #expect(LessonParser.parse("---\nid: x\ntitle: X\n---\ntext\n", path: "lessons/01-y.md").diagnostics.map(\.description) == [
            "lessons/01-y.md:1: the file name says 'y' but the lesson's id is 'x'; name it 01-x.md",
        ])
    }

    @Test func validatorEvaluatesWhatParsingCannot() throws {
        let text = "---\nid: demo\ntitle: Demo\n---\n```example\nid: e\ncompute: adam_table\ninputs: {grads: [], lr: 1e-3}\n```\n\n```question\nid: q\nprompt: p\nanswer: 1 / (1 - 1)\n```\n"
        let lesson = try #require(LessonParser.parse(text, path: "01-demo.md").lesson)
        #expect(LessonValidator.validate(lesson).map(\.description) == [
            "01-demo.md:5: example 'e': adam_table: grads must not be empty",
            "01-demo.md:14: question 'q': the answer evaluates to inf",
            "01-demo.md:11: warning: question 'q' states no precision; add e.g. precision: {sig: 3} so the prompt says what it wants",
        ])
    }

    @Test func visualBlocksAreReadWhenTheLessonIsParsed() throws {
        let text = "---\nid: demo\ntitle: Demo\n---\ntext\n\n```plot\nkind: nonsense\nmark: [1]\n```\n"
        let (lesson, diagnostics) = LessonParser.parse(text, path: "01-demo.md")
        #expect(diagnostics.map(\.line) == [8])
        #expect(diagnostics.first?.message.contains("nonsense") == true)
        #expect(try #require(lesson).visuals.isEmpty)
    }
}

/// Lesson visual blocks report like every other lesson error: `lessons/NN-x.md:LINE:COL: what is wrong`.
@Suite struct VisualBlockLessonDiagnosticTests {
    @Test func aMalformedPlotBlockNamesFileLineAndColumn() {
        // Body line 1 is file line 5; the fence is line 7, so `schedules: [` is line 9.
        #expect(problems("text\n\n```plot\nkind: schedule\nschedules: [\n  {name: cosine\n```\n", path: "lessons/07-demo.md") == [
            "lessons/07-demo.md:11:1: YAML syntax: did not find expected ',' or '}' (while parsing a flow mapping)",
        ])
    }

    @Test func anExperimentBlockWithABadFieldNamesFileLineAndColumn() {
        let body = "text\n\n```experiment\nsteps: 50\nruns:\n  - {optimizer: adam, lr: 0.01, beta3: 0.9}\n  - {optimizer: sgd, lr: fast}\n```\n"
        #expect(problems(body, path: "lessons/05-demo.md") == [
            "lessons/05-demo.md:10:33: unknown field 'beta3' in a run; did you mean 'beta2'? (fields: id, optimizer, label, lr, schedule, switches, clip, beta2, weight_decay)",
            "lessons/05-demo.md:11:26: lr must be a finite number",
        ])
    }
}
