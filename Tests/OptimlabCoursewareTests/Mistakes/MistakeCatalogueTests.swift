import Testing
import OptimlabEngine
@testable import OptimlabCourseware

/// The course's words for the engine's mistakes (`lessons/mistakes.yaml`): complete, linked to real
/// lessons, and every problem of a hand-edited catalogue named at its file and line.
@Suite struct MistakeCatalogueTests {
    @Test func theBuiltInCatalogueCoversEveryEngineMistakeAndLinksToRealLessons() {
        let catalogue = MistakeCatalogue.builtIn
        #expect(catalogue.diagnostics == [])
        #expect(catalogue.missing == [])
        #expect(catalogue.entries.count == KnownMistake.allCases.count)
        #expect(RealCourse.course.mistakeProblems() == [])
        #expect(RealCourse.course.hasOwnMistakes)
        #expect(!Course(directory: "/nowhere", lessons: []).hasOwnMistakes)        // built-in words
        #expect(RealCourse.course.mistakes.entries == catalogue.entries)       // lessons/ is what is embedded
        #expect(catalogue[.noBiasCorrection] == MistakeText(
            title: "No bias correction",
            explanation: "m and v start at 0, so without dividing by 1−βᵗ the first steps are mis-scaled: step 1 moves about lr·(1−β₁)/√(1−β₂) ≈ 3.16·lr instead of lr.",
            lesson: "bias-correction", line: 9))
        #expect(catalogue[.clipWithoutEpsilon].explanation == "torch's coefficient is max_norm / (norm + 1e-6), capped at 1: without the 1e-6 clipped gradients are a hair too long, and a norm just below max_norm is left unscaled.")
        #expect(catalogue[.amsgradMaxOfCorrected].lesson == "conventions")
    }

    @Test func everyProblemOfAnEditedCatalogueIsNamedAtItsLine() {
        let text = """
            no-bias-correction:
              title: "No bias correction"
              lesson: bias-correction
              explanation: x
            eps-inside-sqrtt:
              title: T
              lesson: adam
              explanation: y
            betas-swapped:
              title: ""
              lesson: adam
            alpha-swapped: {title: A, lesson: nowhere, explanation: z}
            """
        let catalogue = MistakeCatalogue.parse(text, file: "lessons/mistakes.yaml")
        #expect(catalogue.diagnostics.map(\.description) == [
            "lessons/mistakes.yaml:5:1: 'eps-inside-sqrtt' is not a known mistake of the engine; did you mean 'eps-inside-sqrt'?",
            "lessons/mistakes.yaml:10:10: betas-swapped: title is empty",
            "lessons/mistakes.yaml:10:3: betas-swapped: missing key 'explanation'",
        ])
        let problems = catalogue.linkProblems(lessonIDs: ["bias-correction", "adam"]).map(\.description)
        #expect(problems.contains("lessons/mistakes.yaml: no entry for the engine's mistake 'eps-inside-sqrt' (give it a title, explanation and lesson)"))
        #expect(problems.contains("lessons/mistakes.yaml:12: mistake 'alpha-swapped' sends learners to lesson 'nowhere', which the course does not have"))
        #expect(!problems.contains { $0.contains("'no-bias-correction'") })
        #expect(catalogue[.betasSwapped].title == "betas-swapped")                 // no entry: the engine name
    }

    @Test func answerCheckingQuotesTheCoursesWords() throws {
        var words = MistakeCatalogue.builtIn
        words.entries[.noBiasCorrection] = MistakeText(title: "Forgot 1 − βᵗ", explanation: "Divide by it.", lesson: "adam")
        let instance = try QuestionInstance(try question(AnswerCheckingTests.firstStep), seed: 0)
        let verdict = AnswerChecker.check("3.162e-3", instance, mistakes: words)
        #expect(verdict.mistake == .noBiasCorrection)
        #expect(verdict.message == "Not quite: that is the answer with the mistake “Forgot 1 − βᵗ”. Divide by it.")
    }
}
