import Testing
@testable import OptimlabCourseware

/// Text answers graded by a declared rubric: every idea stated (in any of its phrasings, stemmed), no
/// contradicting statement, not a bare list of key words; the verdict names what is missing.
@Suite struct RubricTests {
    static let monotone = """
        id: mono
        kind: text
        prompt: Why can AdaGrad's effective learning rate only decrease?
        rubric:
          ideas:
            - idea: that the squared gradients added to G are never negative
              phrasings: [square, "g²", non-negative, "≥ 0"]
            - idea: that G (and so √G) never decreases
              phrasings: [never decrease, only grow, only increase, cannot decrease, keeps growing, monotone]
          contradicts:
            - phrasings: [can increase, increases again, grows again, can grow]
              explanation: "The effective learning rate η/(√G + ε) never grows: G only gets larger."
        answer: |
          Each step adds gₜ² ≥ 0 to G, so G never decreases and η/(√G + ε) can only fall.
        """

    func check(_ answer: String) throws -> Verdict {
        AnswerChecker.check(answer, try QuestionInstance(try question(Self.monotone), seed: 0))
    }

    @Test func rightAnswersInOtherWordsPass() throws {
        #expect(try check("Every step adds a squared gradient to G, and squares are non-negative, so G never decreases; the rate η/√G only goes down.").outcome == .correct)
        #expect(try check("G keeps growing because each new term is g², which is ≥ 0. Dividing by a bigger number shrinks the step.").outcome == .correct)
        #expect(try check("The accumulator only increases (its terms are squares), so the effective learning rate cannot go up.").message
                == "Correct: your answer makes every key point.")
    }

    @Test func stemsMatchOtherForms() {
        let text = StemmedText("The estimate is noisier and the weights decoupled")
        #expect(text.find("noise") != nil && text.find("noisy") != nil && text.find("decouple") != nil)
        #expect(StemmedText("squared gradients").find("square") == 0)
    }

    @Test func keywordStuffingFails() throws {
        #expect(try check("square never decrease only grow non-negative").message
                == "Not quite: that is a list of key words, not an explanation. Say how they connect, in a sentence or two.")
    }

    @Test func aContradictionFailsEvenWithEveryIdea() throws {
        #expect(try check("The squared gradients are non-negative, so G never decreases, but the effective learning rate can increase when gradients get small.").message
                == "Not quite: “can increase” contradicts the point. The effective learning rate η/(√G + ε) never grows: G only gets larger.")
        // Negated, it is not a contradiction.
        #expect(try check("The squared gradients are non-negative, so G never decreases and the rate cannot increase.").outcome == .correct)
    }

    @Test func aMissingIdeaIsNamed() throws {
        #expect(try check("The learning rate is divided by the root of G, and G never decreases over training.").message
                == "Not quite: your answer does not say that the squared gradients added to G are never negative.")
        #expect(try check("It gets smaller over time because that is how AdaGrad was designed by its authors.").message
                == "Not quite: your answer does not say that the squared gradients added to G are never negative and that G (and so √G) never decreases.")
    }

    /// Every text question of the real lessons has a rubric its own model answer passes, and its
    /// phrasings strung together fail as stuffing.
    @Test func realModelAnswersPassTheirRubrics() throws {
        let texts = RealCourse.questions.filter { $0.question.kind == .text }
        for (lesson, q) in texts {
            guard case .rubric(let rubric, let model?) = q.answer else { Issue.record("\(lesson)/\(q.id) has no model answer"); continue }
            let instance = try QuestionInstance(q, seed: 0)
            #expect(AnswerChecker.check(model, instance).outcome == .correct, "\(lesson)/\(q.id): \(AnswerChecker.check(model, instance).message)")
            let stuffed = rubric.ideas.map { $0.phrasings[0] }.joined(separator: " ")
            #expect(AnswerChecker.check(stuffed, instance).outcome == .wrong, "\(lesson)/\(q.id): stuffed '\(stuffed)' passed")
            #expect(!rubric.contradictions.isEmpty || rubric.ideas.count >= 2, "\(lesson)/\(q.id): a rubric of one idea and no contradiction")
        }
    }
}
