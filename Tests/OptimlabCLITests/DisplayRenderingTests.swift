import Testing
@testable import OptimlabCLI
import OptimlabCourseware

@Suite struct DisplayRenderingTests {
    let colour = Terminal(isTTY: true, color: true, unicode: true, width: 80)

    @Test func plainOutputUsesASCIISymbolsAndNoEscapes() {
        #expect(DisplayRenderer.render(.success("Correct."), terminal: .plain) == "[ok] Correct.")
        #expect(DisplayRenderer.render(.failure("Not quite."), terminal: .plain) == "[x] Not quite.")
        #expect(DisplayRenderer.render(.warning("Careful."), terminal: .plain) == "[!] Careful.")
        #expect(DisplayRenderer.render(.question("Why?", choices: ["a) yes", "b) no"]), terminal: .plain) == "? Why?\n  a) yes\n  b) no")
    }

    @Test func colourOnATerminal() {
        #expect(DisplayRenderer.render(.success("Correct."), terminal: colour) == "\u{1B}[32m✓ Correct.\u{1B}[0m")
        #expect(DisplayRenderer.render(.text("# Title\nbody"), terminal: colour) == "\u{1B}[1;36m# Title\u{1B}[0m\nbody")
    }

    @Test func fencedCodeIsIndented() {
        let prose = "Before:\n```text\nθ ← θ − lr·g\n```\nAfter."
        #expect(DisplayRenderer.render(.text(prose), terminal: .plain) == "Before:\n    θ ← θ − lr·g\nAfter.")
    }
}

/// Display lines wider than the terminal wrap at spaces: messages continue under their text, list
/// items under the item, a question's prompt is reflowed from its source lines into paragraphs, and
/// anything laid out by hand (tables, code, columns) is left alone.
@Suite struct DisplayWrappingTests {
    let narrow = Terminal(isTTY: false, color: false, unicode: false, width: 40)

    @Test func aMultiLinePromptIsReflowedIntoOneParagraph() {
        let prompt = "PyTorch SGD with momentum 0.9 sees\nthe gradients 1, 2, 3.\nWhat is the buffer\nafter the third step?\n"
        #expect(DisplayRenderer.render(.question(prompt, choices: []), terminal: narrow) == """
            ? PyTorch SGD with momentum 0.9 sees the
              gradients 1, 2, 3. What is the buffer
              after the third step?
            """)
    }

    @Test func aListInAPromptKeepsItsItemsOnTheirOwnLines() {
        let prompt = "Which of these\nhold?\n- the buffer is a sum, not an average of the gradients\n- η is outside it\n\nPick one.\n"
        #expect(DisplayRenderer.render(.question(prompt, choices: ["a) the first", "b) the second"]), terminal: narrow) == """
            ? Which of these hold?
              - the buffer is a sum, not an average
                of the gradients
              - η is outside it

              Pick one.
              a) the first
              b) the second
            """)
        // An indented line stays a line of its own.
        #expect(MarkdownRenderer.reflow("Compute\n    θ ← θ − η·g\nfor one step.", width: 40) == "Compute\n    θ ← θ − η·g\nfor one step.")
        // A table, a fence or aligned columns in a prompt keep their lines.
        #expect(MarkdownRenderer.reflow("Read the table:\n| t | lr |\n| 1 | 0.1 |\nthen answer.", width: 40)
                == "Read the table:\n| t | lr |\n| 1 | 0.1 |\nthen answer.")
        #expect(MarkdownRenderer.reflow("Steps:\nsgd    0.1\nadam   0.01", width: 40) == "Steps:\nsgd    0.1\nadam   0.01")
    }

    @Test func messagesContinueUnderTheirText() {
        #expect(DisplayRenderer.render(.failure("bias_table has no argument 'stepz' (it takes beta1, beta2, steps)"), terminal: narrow) == """
            [x] bias_table has no argument 'stepz'
                (it takes beta1, beta2, steps)
            """)
        #expect(DisplayRenderer.render(.note("You will be able to:\n  - Explain why momentum helps in a narrow canyon"), terminal: narrow) == """
            You will be able to:
              - Explain why momentum helps in a
                narrow canyon
            """)
        // A code span (a command to copy) stays on one line; no line starts with a lone `=`.
        #expect(DisplayRenderer.render(.note("When you are ready, type `rerun plot-1 name=value` to redraw it."), terminal: narrow)
                == "When you are ready, type\n`rerun plot-1 name=value` to redraw it.")
        #expect(MarkdownRenderer.wrapLines("the rates (A/B) of the run = 4.0", width: 26) == "the rates (A/B) of the\nrun = 4.0")
    }

    @Test func colourNeverSplitsAnEscapeAndCountsOnlyVisibleColumns() {
        let colour = Terminal(isTTY: true, color: true, unicode: true, width: 40)
        let text = DisplayRenderer.render(.success("Correct. The engine's value is 0.001 (tolerance: relative 0.1%)."), terminal: colour)
        #expect(text == "\u{1B}[32m✓ Correct. The engine's value is 0.001\n  (tolerance: relative 0.1%).\u{1B}[0m")
        let question = DisplayRenderer.render(.question("What is 1/(1 − β₁ᵗ) for β₁ = 0.9 and t = 2, to two places?", choices: []), terminal: colour)
        #expect(question.components(separatedBy: "\n").allSatisfy { MarkdownRenderer.visibleCount($0) <= 40 })
        #expect(question.hasPrefix("\u{1B}[1;35m?\u{1B}[0m What is 1/(1 − β₁ᵗ) for β₁ = 0.9 and"))
    }

    @Test func preformattedLinesAreLeftAlone() {
        let table = "+----------+---------------------------+-------------+\n| clipping | ‖g‖ AdamW used, last step | tensor 1[0] |"
        #expect(MarkdownRenderer.wrapLines(table, width: 40) == table)
        let columns = "run             first update  diverged at  worst loss  final loss"
        #expect(MarkdownRenderer.wrapLines(columns, width: 40) == columns)
        let code = "    optimlab grade optimlab-work/adamw/AdamW.swift --exercise adamw --seed 7"
        #expect(DisplayRenderer.render(.note("Replay these numbers:\n" + code), terminal: narrow) == "Replay these numbers:\n" + code)
        let compiler = "sub/a.swift:3:27: error: cannot convert value of type 'String' to 'Int'"
        #expect(DisplayRenderer.render(.result(compiler), terminal: narrow) == compiler)
    }

    /// Two spaces after a full stop are a typing habit, not columns: such a sentence still wraps;
    /// two spaces between words do mark columns, which are left alone.
    @Test func twoSpacesAfterASentenceStillWrap() {
        #expect(!MarkdownRenderer.isPreformatted("The step is lr.  Then v grows.  So it shrinks."))
        #expect(!MarkdownRenderer.isPreformatted("Why?  Because: the bias.  Done!  Next"))
        #expect(MarkdownRenderer.isPreformatted("adamw  nan   1"))
        let note = "Adam moves every weight by about lr.  " + String(repeating: "The second moment keeps it steady. ", count: 3)
        #expect(MarkdownRenderer.wrapLines(note, width: 40).split(separator: "\n").allSatisfy { $0.count <= 40 })
    }
}
