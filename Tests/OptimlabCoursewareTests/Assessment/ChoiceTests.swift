import Testing
@testable import OptimlabCourseware

/// Choice questions cannot be passed by picking the longest option, every wrong option explains
/// itself, and the feedback reads cleanly ("Correct." then the reason, never "Correct. Right.").
@Suite struct ChoiceTests {
    static var choiceQuestions: [(lesson: String, question: Question)] { RealCourse.questions.filter { $0.question.kind == .choice } }

    @Test func theRightOptionIsTheLongestInAtMostAThird() throws {
        let all = Self.choiceQuestions
        #expect(all.count >= 20)
        let longest = all.filter { _, q in
            guard case .choice(let right) = q.answer else { return false }
            return q.choices.indices.allSatisfy { $0 == right || q.choices[$0].count < q.choices[right].count }
        }
        #expect(Double(longest.count) <= Double(all.count) / 3, "right option longest in \(longest.map(\.question.id))")
        for (lesson, q) in all {
            #expect(LessonValidator.assessment(q, lesson).isEmpty, "\(lesson)/\(q.id) is warned about")
        }
    }

    @Test func everyOptionHasItsOwnExplanation() {
        for (lesson, q) in Self.choiceQuestions + RealCourse.questions.filter({ $0.question.kind == .select }) {
            #expect(q.explanations.count == q.choices.count, "\(lesson)/\(q.id)")
            #expect(Set(q.explanations).count == q.explanations.count, "\(lesson)/\(q.id) repeats an explanation")
        }
    }

    @Test func feedbackNeverSaysRightTwiceOrEndsInTwoStops() throws {
        for (lesson, q) in Self.choiceQuestions {
            let instance = try QuestionInstance(q, seed: 0)
            for i in q.choices.indices {
                let message = AnswerChecker.check(ChoiceLabels.letter(i), instance).message
                #expect(!message.contains("Correct. Right") && !message.contains(".."), "\(lesson)/\(q.id) \(i): \(message)")
            }
        }
    }

    @Test func theWarningFiresWhenTheRightOptionIsLongestByFar() throws {
        let q = try question("""
            id: c
            kind: choice
            prompt: Why?
            choices: ["No.", "Because the buffer sums the gradients instead of averaging them, so it grows ten times larger."]
            answer: 1
            """)
        #expect(LessonValidator.assessment(q, "01-t.md").map(\.description)
                == ["01-t.md:5: warning: question 'c': the right option is the longest by far (94 characters, the longest wrong one 3); picking the longest would pass"])
    }

    static let select = """
        id: s
        kind: select
        prompt: Which change AdamW's decay?
        choices: ["weight_decay", "lr", "beta1"]
        answer: [0, 1]
        explanations: ["It is λ.", "The decay is lr·λ.", "β₁ shapes m only."]
        """

    @Test func selectAllThatApply() throws {
        let instance = try QuestionInstance(try question(Self.select), seed: 0)
        #expect(AnswerChecker.check("a b", instance).message == "Correct: exactly those.")
        #expect(AnswerChecker.check("b, a", instance).outcome == .correct)
        #expect(AnswerChecker.check("a c", instance).message == "Not quite. c) does not belong: β₁ shapes m only. You left out 1 right option.")
        #expect(AnswerChecker.check("a", instance).message == "Not quite. You left out 1 right option.")
        #expect(AnswerChecker.check("x", instance).outcome == .unreadable)
        #expect(instance.answerText == "a) weight_decay; b) lr")
    }

    @Test func orderQuestionsAreShownShuffledAndCheckedStepByStep() throws {
        let q = try #require(RealCourse.question("clipping", "order"))
        for seed in UInt64(0)..<20 {
            let instance = try QuestionInstance(q, seed: seed)
            #expect(instance.displayOrder != Array(q.choices.indices))
            // Typing the letters of the right order is correct.
            let right = q.choices.indices.map { item in ChoiceLabels.letter(instance.displayOrder.firstIndex(of: item)!) }
            #expect(AnswerChecker.check(right.joined(separator: " "), instance).outcome == .correct)
            #expect(instance.answerText.hasPrefix(right.joined(separator: " ") + ": compute the global gradient norm → "))
            // Moments before clipping: the verdict says what comes first.
            var swapped = right
            swapped.swapAt(1, 3)
            #expect(AnswerChecker.check(swapped.joined(), instance).message
                    == "Not quite: “clip every gradient by that one norm” comes before “update m and v with the clipped gradients”. The moments must see the clipped gradient: clipping after them lets a spike into m and v.")
        }
        #expect(AnswerChecker.check("a b", try QuestionInstance(q, seed: 0)).outcome == .unreadable)
    }
}
