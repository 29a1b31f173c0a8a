import Testing
@testable import OptimlabCourseware

/// Evaluates `text` to a number, failing the test on any error.
func number(_ text: String, _ variables: [String: Value] = [:]) throws -> Double {
    var ev = Evaluator(variables: variables)
    let v = try ev.evaluate(text)
    guard case .number(let x) = v else { throw ExpressionError("not a number: \(v)") }
    return x
}

@Suite struct ExpressionParsingTests {
    @Test(arguments: [
        ("1 + 2 * 3", 7.0), ("(1 + 2) * 3", 9), ("-2^2", -4), ("2^3^2", 512), ("2^-1", 0.5), ("10 - 4 - 3", 3),
        ("12 / 4 / 3", 1), ("−3 + 1", -2), ("+5", 5), ("1e-3 * 2", 2e-3), (".5 + 0.25", 0.75), ("3 × 2", 6), ("pi", Double.pi),
    ])
    func precedenceAndAssociativity(_ text: String, _ expected: Double) throws {
        #expect(try number(text) == expected)
    }

    @Test func namedArgumentsListsAndStrings() throws {
        #expect(try number("sum([1, 2, 3,])") == 6)
        #expect(try number("at([10, 20, 30], 2)") == 30)
        #expect(try number("len([[1, 2], [3]])") == 2)
        #expect(try number("round(x=3.14159, digits=2)") == 3.14)
        var ev = Evaluator()
        #expect(try ev.evaluate("\"optax\"") == .string("optax"))
    }

    @Test(arguments: [
        ("adm_update([1], t=1)", "unknown function 'adm_update' at column 1; did you mean adam_update?"),
        ("1 + ", "expected a number, a name, '(' or '[', found the end of the expression at column 5"),
        ("2 * (3 + 4", "expected ')', found the end of the expression at column 11"),
        ("bias_correction(0.9)", "bias_correction needs 't': bias_correction(beta, t) at column 1"),
        ("bias_correction(0.9, 1, 2)", "bias_correction takes at most 2 arguments at column 25"),
        ("bias_correction(beta=0.9, tt=1)", "bias_correction has no argument 'tt' (it takes beta, t) at column 27; did you mean t?"),
        ("warmup_cosine(25, 3e-4, 100, 2000.5)", "warmup_cosine: total must be a whole number, not 2000.5 at column 30"),
        ("lr * 2", "unknown name 'lr' at column 1"),
        ("1 $ 2", "unexpected character '$' at column 3"),
        ("\"abc", "unterminated string at column 1"),
        ("[1, 2] + 1", "'+' needs numbers, not a list at column 8"),
        ("adam_update_convention([1], \"optx\")", "adam_update_convention: unknown convention \"optx\" (pytorch, optax, keras, paper) at column 29; did you mean optax?"),
    ])
    func errorsNameThePosition(_ text: String, _ message: String) {
        var ev = Evaluator()
        #expect(throws: ExpressionError.self) { try ev.evaluate(text) }
        do { _ = try ev.evaluate(text) } catch { #expect(error.description == message) }
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        #expect(throws: ExpressionError.self) { _ = try ExpressionParser.parse(deep) }
        let unary = String(repeating: "-", count: 100_000) + "1"
        #expect(throws: ExpressionError.self) { _ = try ExpressionParser.parse(unary) }
        // Within the limit it still works.
        #expect(try number(String(repeating: "(", count: 30) + "2" + String(repeating: ")", count: 30)) == 2)
    }

    @Test func divisionByZeroGivesInfWithANote() throws {
        var ev = Evaluator()
        #expect(try ev.evaluate("1 / 0") == .number(.infinity))
        #expect(ev.notes == ["division by zero at column 3 gives inf"])
    }

    @Test func staticValidationFindsUnknownFunctionsAndNames() {
        let problems = ExpressionValidator.problems(in: "abs(adam_updat(g, t=1)) + lrr", names: ["g", "lr"])
        #expect(problems.map(\.description) == [
            "unknown function 'adam_updat' at column 5; did you mean adam_update?",
            "unknown name 'lrr' at column 27; did you mean lr?",
        ])
    }

    @Test func assignmentsForRerun() throws {
        let pairs = try ExpressionParser.parseAssignments("grads=[1, -2, 0.5] lr = 1e-2, beta1=0.8")
        #expect(pairs.map(\.name) == ["grads", "lr", "beta1"])
        var ev = Evaluator()
        #expect(try ev.evaluate(pairs[0].value) == .numbers([1, -2, 0.5]))
    }
}
