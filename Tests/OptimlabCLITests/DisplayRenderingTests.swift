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
