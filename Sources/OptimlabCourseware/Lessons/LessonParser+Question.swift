import OptimlabEngine
import OptimlabYAML

extension LessonParser {
    static let questionFields = ["id", "kind", "source", "prompt", "given", "shares", "answer", "precision", "tolerance", "hints",
                                 "solution", "attempts", "mistakes", "slips", "calc", "choices", "explanations", "keywords", "rubric"]

    mutating func question(_ body: String, _ source: YAMLSource) throws(LessonDiagnostic) -> Question {
        var m = try MappingReader(try source.compose(body), source: source, what: "a question block")
        let id = try m.requiredString("id")
        if !Self.isIdentifier(id) { report(source, m.node("id"), "question id '\(id)' must be lowercase letters, digits and '-'") }
        let kindNode = m.node("kind")
        let kindName = try m.string("kind") ?? "numeric"
        guard let kind = Question.Kind(rawValue: kindName) else {
            throw source.diagnostic(kindNode, "unknown question kind '\(kindName)' (\(Question.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let sharedGiven = try self.shared(&m, source)
        let given = try givens(m.node("given"), source, before: sharedGiven.map(\.name))
        for g in given where sharedGiven.contains(where: { $0.name == g.name }) {
            report(g.line, "given '\(g.name)' is already shared from question '\(try m.string("shares") ?? "")'")
        }
        let names = Set((sharedGiven + given).map(\.name))
        let promptNode = m.node("prompt")
        let prompt = template(try m.requiredString("prompt"), line: source.line(promptNode) + Self.blockScalarShift(promptNode), names: names)
        var hints: [Template] = []
        if let hintsNode = m.node("hints") {
            let items = hintsNode.items ?? [hintsNode]
            for item in items {
                guard let text = item.text else { throw source.diagnostic(item, "'hints' items must be text") }
                hints.append(template(text, line: source.line(item) + Self.blockScalarShift(item), names: names))
            }
        }
        let solutionNode = m.node("solution")
        let solution = try m.string("solution").map { template($0, line: source.line(solutionNode) + Self.blockScalarShift(solutionNode), names: names) }
        let attempts = try m.integer("attempts") ?? 3
        if attempts < 1 { report(source, m.node("attempts"), "'attempts' must be at least 1") }
        let answerNode = m.node("answer")
        let answer = try self.answer(kind, &m, answerNode, names: names, source)
        let toleranceNode = m.node("tolerance")
        let tolerance = try self.tolerance(toleranceNode, source)
        let precision = try self.precision(m.node("precision"), source)
        let mistakes = try self.mistakes(m.node("mistakes"), source)
        let slips = try self.slips(m.node("slips"), source, names: names)
        let calculator = try self.calculator(m.node("calc"), source)
        let choices = try m.strings("choices")?.map(\.0) ?? []
        let explanationsNode = m.node("explanations")
        let explanations = try m.strings("explanations")?.map(\.0) ?? []
        if !explanations.isEmpty && explanations.count != choices.count {
            report(source, explanationsNode, "'explanations' has \(explanations.count) items but there are \(choices.count) choices")
        }
        let withChoices: Set<Question.Kind> = [.choice, .order, .select]
        if !withChoices.contains(kind), m.keys.contains("choices") { report(source, m.node("choices"), "'choices' is only for kind: choice, order or select") }
        if kind != .text, m.keys.contains("keywords") { report(source, m.node("keywords"), "'keywords' is only for kind: text") }
        if kind != .text, m.keys.contains("rubric") { report(source, m.node("rubric"), "'rubric' is only for kind: text") }
        for field in ["tolerance", "precision", "slips", "mistakes"] where kind != .numeric && m.keys.contains(field) {
            report(source, m.node(field), "'\(field)' is only for kind: numeric")
        }
        let origin = try m.string("source")
        diagnostics += m.unknownKeys(allowed: Self.questionFields)
        var q = Question(id: id, kind: kind, source: origin, prompt: prompt, given: given, answer: answer,
                         tolerance: tolerance, precision: precision, hints: hints, solution: solution, attempts: max(attempts, 1),
                         mistakes: mistakes, choices: choices, explanations: explanations, line: source.lineOffset,
                         answerLine: source.line(answerNode))
        q.sharedGiven = sharedGiven
        q.shares = try m.string("shares")
        q.slips = slips
        q.calculator = calculator
        q.hasExplicitTolerance = toleranceNode != nil
        if case .choice(let i) = answer, !choices.indices.contains(i) {
            report(source, answerNode, "answer \(i) is not a choice (0…\(choices.count - 1))")
        }
        if withChoices.contains(kind) && choices.count < 2 { report(q.line, "a \(kind.rawValue) question needs at least two 'choices'") }
        questionsRead[id] = q
        return q
    }

    /// The givens of the question `shares:` names (an earlier question of this lesson), with theirs first.
    mutating func shared(_ m: inout MappingReader, _ source: YAMLSource) throws(LessonDiagnostic) -> [Given] {
        let node = m.node("shares")
        guard let name = try m.string("shares") else { return [] }
        guard let other = questionsRead[name] else {
            let hint = Suggestions.closest(to: name, in: Array(questionsRead.keys)).map { "; did you mean '\($0)'?" } ?? ""
            throw source.diagnostic(node, "shares: no earlier question '\(name)' in this lesson\(hint)")
        }
        return other.sharedGiven + other.given
    }

    /// `precision: {sig: 3}`, `{decimals: 2}`, with optional `unit: percent` and `sign: positive`.
    mutating func precision(_ node: YAMLNode?, _ source: YAMLSource) throws(LessonDiagnostic) -> Precision? {
        guard let node else { return nil }
        var m = try MappingReader(node, source: source, what: "'precision'")
        let sig = try m.integer("sig"), decimals = try m.integer("decimals")
        let unitNode = m.node("unit"), signNode = m.node("sign")
        let unitName = try m.string("unit"), signName = try m.string("sign")
        diagnostics += m.unknownKeys(allowed: ["sig", "decimals", "unit", "sign"])
        let digits: Precision.Digits
        switch (sig, decimals) {
        case (let n?, nil):
            if n < 1 || n > 12 { report(source, node, "precision: sig must be 1 to 12") }
            digits = .significant(min(max(n, 1), 12))
        case (nil, let n?):
            if n < 0 || n > 12 { report(source, node, "precision: decimals must be 0 to 12") }
            digits = .decimals(min(max(n, 0), 12))
        default:
            throw source.diagnostic(node, "'precision' needs either sig (significant figures) or decimals, e.g. {sig: 3}")
        }
        var unit: Precision.Unit?
        if let unitName {
            unit = Precision.Unit(rawValue: unitName)
            if unit == nil { report(source, unitNode, "unknown unit '\(unitName)' (\(Precision.Unit.allCases.map(\.rawValue).joined(separator: ", ")))") }
        }
        if let signName, signName != "positive" { report(source, signNode, "sign: must be positive") }
        return Precision(digits, unit: unit, positive: signName == "positive")
    }

    /// `slips:` — a list of {id, answer, explanation}: a typical error's value and what to say.
    mutating func slips(_ node: YAMLNode?, _ source: YAMLSource, names: Set<String>) throws(LessonDiagnostic) -> [Slip] {
        guard let node else { return [] }
        guard let items = node.items else { throw source.diagnostic(node, "'slips' must be a list of {id, answer, explanation}") }
        var out: [Slip] = []
        for item in items {
            var m = try MappingReader(item, source: source, what: "a slip")
            let id = try m.requiredString("id")
            if !Self.isIdentifier(id) { report(source, m.node("id"), "slip id '\(id)' must be lowercase letters, digits and '-'") }
            if out.contains(where: { $0.id == id }) { report(source, m.node("id"), "duplicate slip id '\(id)'") }
            let answerNode = m.node("answer")
            guard let text = answerNode?.text else { throw source.diagnostic(answerNode ?? item, "slip '\(id)' needs 'answer': an expression over the givens") }
            let expression: Expression
            do { expression = try ExpressionParser.parse(text) } catch { throw source.diagnostic(answerNode, "slip '\(id)': ", error) }
            for problem in ExpressionValidator.problems(in: expression, names: names) { diagnostics.append(source.diagnostic(answerNode, "slip '\(id)': ", problem)) }
            let explanationNode = m.node("explanation")
            let explanation = try m.requiredString("explanation")
            let t = template(explanation, line: source.line(explanationNode) + Self.blockScalarShift(explanationNode), names: names)
            diagnostics += m.unknownKeys(allowed: ["id", "answer", "explanation"])
            out.append(Slip(id: id, expression: expression, source: text, explanation: t, line: source.line(item)))
        }
        return out
    }

    mutating func calculator(_ node: YAMLNode?, _ source: YAMLSource) throws(LessonDiagnostic) -> Question.CalculatorAccess {
        guard let node else { return .elementary }
        guard let name = node.text, let access = Question.CalculatorAccess(rawValue: name) else {
            throw source.diagnostic(node, "calc: must be \(Question.CalculatorAccess.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        return access
    }

    mutating func answer(_ kind: Question.Kind, _ m: inout MappingReader, _ node: YAMLNode?, names: Set<String>,
                         _ source: YAMLSource) throws(LessonDiagnostic) -> Question.Answer {
        switch kind {
        case .numeric:
            guard let node else { throw source.diagnostic(m.node, "a numeric question needs 'answer': an expression the engine evaluates") }
            if node.number != nil {
                throw source.diagnostic(node, "the answer is a literal number; write the computation that gives it (e.g. bias_correction(0.9, 1)), so it follows the inputs")
            }
            guard let text = node.text else { throw source.diagnostic(node, "'answer' must be an expression") }
            do {
                let e = try ExpressionParser.parse(text)
                for problem in ExpressionValidator.problems(in: e, names: names) { diagnostics.append(source.diagnostic(node, "answer: ", problem)) }
                return .expression(e, source: text)
            } catch {
                throw source.diagnostic(node, "answer: ", error)
            }
        case .choice:
            let choices = try m.strings("choices")?.map(\.0) ?? []
            guard let node else { throw source.diagnostic(m.node, "a choice question needs 'answer': the right choice's index (0-based) or text") }
            return .choice(try choiceIndex(node, choices, source))
        case .select:
            let choices = try m.strings("choices")?.map(\.0) ?? []
            guard let node, let items = node.items ?? node.text.map({ _ in [node] }) else {
                throw source.diagnostic(node ?? m.node, "a select question needs 'answer': the list of right choices (0-based indices or texts)")
            }
            var right = Set<Int>()
            for item in items { right.insert(try choiceIndex(item, choices, source)) }
            return .select(right)
        case .order:
            if let node { throw source.diagnostic(node, "an order question takes no 'answer': write the choices in the right order (they are shown shuffled)") }
            return .order
        case .text:
            let model = node?.text
            if let rubricNode = m.node("rubric") { return .rubric(try rubric(rubricNode, source), model: model) }
            guard let keywordsNode = m.node("keywords"), let items = keywordsNode.items, !items.isEmpty else {
                throw source.diagnostic(m.node("keywords") ?? m.node, "a text question needs a 'rubric' (ideas with phrasings) or 'keywords'")
            }
            var ideas: [Rubric.Idea] = []
            for item in items {
                if let word = item.text { ideas.append(Rubric.Idea(name: "“\(word)”", phrasings: [word])); continue }
                guard let alternatives = item.items?.compactMap({ $0.text }), !alternatives.isEmpty else {
                    throw source.diagnostic(item, "a keyword is a word or a list of alternative words")
                }
                ideas.append(Rubric.Idea(name: "“\(alternatives[0])”", phrasings: alternatives))
            }
            return .rubric(Rubric(ideas: ideas), model: model)
        }
    }

    /// A choice named by its 0-based index or its exact text.
    func choiceIndex(_ node: YAMLNode, _ choices: [String], _ source: YAMLSource) throws(LessonDiagnostic) -> Int {
        if let x = node.number, x == x.rounded() {
            // Checked as a Double first: Int(x) traps on 1e300 or .inf.
            guard x >= 0, x < Double(choices.count) else {
                throw source.diagnostic(node, "'answer' is \(ValueFormatter.plain(x)), but the \(choices.count) choices are numbered 0 to \(choices.count - 1)")
            }
            return Int(x)
        }
        if let text = node.text, let i = choices.firstIndex(of: text) { return i }
        throw source.diagnostic(node, "'answer' must be a choice's index (0-based) or its exact text")
    }

    /// `rubric: {ideas: [{idea, phrasings}], contradicts: [{phrasings, explanation}]}`.
    mutating func rubric(_ node: YAMLNode, _ source: YAMLSource) throws(LessonDiagnostic) -> Rubric {
        var m = try MappingReader(node, source: source, what: "'rubric'")
        guard let ideaNodes = m.node("ideas")?.items, !ideaNodes.isEmpty else {
            throw source.diagnostic(node, "a rubric needs 'ideas': a list of {idea, phrasings}")
        }
        var ideas: [Rubric.Idea] = []
        for item in ideaNodes {
            var i = try MappingReader(item, source: source, what: "a rubric idea")
            let name = try i.requiredString("idea")
            guard let phrasings = try i.strings("phrasings")?.map(\.0), !phrasings.isEmpty else {
                throw source.diagnostic(item, "rubric idea '\(name)' needs 'phrasings': the words or phrases that state it")
            }
            diagnostics += i.unknownKeys(allowed: ["idea", "phrasings"])
            ideas.append(Rubric.Idea(name: name, phrasings: phrasings))
        }
        var contradictions: [Rubric.Contradiction] = []
        for item in m.node("contradicts")?.items ?? [] {
            var c = try MappingReader(item, source: source, what: "a rubric contradiction")
            guard let phrasings = try c.strings("phrasings")?.map(\.0), !phrasings.isEmpty else {
                throw source.diagnostic(item, "a contradiction needs 'phrasings'")
            }
            let explanation = try c.requiredString("explanation")
            diagnostics += c.unknownKeys(allowed: ["phrasings", "explanation"])
            contradictions.append(Rubric.Contradiction(phrasings: phrasings, explanation: explanation))
        }
        diagnostics += m.unknownKeys(allowed: ["ideas", "contradicts"])
        return Rubric(ideas: ideas, contradictions: contradictions)
    }

    mutating func givens(_ node: YAMLNode?, _ source: YAMLSource, before: [String] = []) throws(LessonDiagnostic) -> [Given] {
        guard let node else { return [] }
        guard let mapping = node.entries else { throw source.diagnostic(node, "'given' must map names to values") }
        var out: [Given] = []
        for (key, value) in mapping {
            let name = key.text ?? ""
            let line = source.line(key)
            guard name.first.map({ $0.isLetter || $0 == "_" }) == true, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                report(source, key, "given name '\(name)' must be a name usable in expressions (letters, digits, _)")
                continue
            }
            if FunctionCatalogue.named(name) != nil || FunctionCatalogue.constants[name] != nil {
                report(source, key, "given name '\(name)' hides the function or constant of that name; rename it")
            }
            guard value.entries != nil else {
                out.append(Given(name: name, source: .fixed(try YAMLValues.value(value)), line: line))
                continue
            }
            var g = try MappingReader(value, source: source, what: "given '\(name)'")
            if let range = g.node("random") {
                guard let pair = range.items, pair.count == 2,
                      let low = pair[0].number, let high = pair[1].number, low <= high else {
                    throw source.diagnostic(range, "random: needs [low, high] with low ≤ high")
                }
                let integerNode = g.node("integer")
                let whole = integerNode?.bool ?? false
                if let integerNode, integerNode.bool == nil {
                    report(source, integerNode, "integer: must be true or false")
                }
                if whole && low.rounded(.up) > high.rounded(.down) {
                    report(source, range, "random: [\(ValueFormatter.plain(low)), \(ValueFormatter.plain(high))] holds no whole number")
                }
                let digits = whole ? 0 : max(try g.integer("digits") ?? 3, 1)
                out.append(Given(name: name, source: .random(low: low, high: high, digits: digits), line: line))
            } else if let options = g.node("choice") {
                guard let items = options.items, !items.isEmpty else { throw source.diagnostic(options, "choice: needs a non-empty list") }
                var values: [Value] = []
                for item in items { values.append(try YAMLValues.value(item)) }
                out.append(Given(name: name, source: .choice(values), line: line))
            } else if let exprNode = g.node("expr") {
                guard let text = exprNode.text else { throw source.diagnostic(exprNode, "expr: needs an expression") }
                do {
                    let e = try ExpressionParser.parse(text)
                    for problem in ExpressionValidator.problems(in: e, names: Set(before + out.map(\.name))) {
                        diagnostics.append(source.diagnostic(exprNode, "given '\(name)': ", problem))
                    }
                    out.append(Given(name: name, source: .expression(e, source: text), line: line))
                } catch {
                    throw source.diagnostic(exprNode, "given '\(name)': ", error)
                }
            } else {
                throw source.diagnostic(value, "given '\(name)' must be a value, {random: [low, high], digits: n}, {choice: [...]} or {expr: \"...\"}")
            }
            diagnostics += g.unknownKeys(allowed: ["random", "digits", "integer", "choice", "expr"])
        }
        return out
    }

    mutating func tolerance(_ node: YAMLNode?, _ source: YAMLSource) throws(LessonDiagnostic) -> Tolerance {
        guard let node else { return .default }
        var m = try MappingReader(node, source: source, what: "'tolerance'")
        let rel = try m.number("rel"), abs = try m.number("abs")
        diagnostics += m.unknownKeys(allowed: ["rel", "abs"])
        guard rel != nil || abs != nil else { throw source.diagnostic(node, "'tolerance' needs rel and/or abs") }
        if (rel ?? 0) < 0 || (abs ?? 0) < 0 { report(source, node, "tolerances must not be negative") }
        return Tolerance(relative: rel ?? 0, absolute: abs ?? 0)
    }

    mutating func mistakes(_ node: YAMLNode?, _ source: YAMLSource) throws(LessonDiagnostic) -> [KnownMistake]? {
        guard let node else { return nil }
        let items = node.items ?? [node]
        var out: [KnownMistake] = []
        for item in items {
            let name = item.text ?? ""
            guard let mistake = KnownMistake(rawValue: name) else {
                let hint = Suggestions.closest(to: name, in: KnownMistake.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" } ?? ""
                report(source, item, "unknown mistake '\(name)'\(hint)")
                continue
            }
            out.append(mistake)
        }
        return out
    }

    /// Example and question ids must be unique within a lesson (progress and `rerun` use them).
    mutating func checkDuplicateIDs(_ lesson: Lesson) {
        var seen: [String: Int] = [:]
        for step in lesson.steps {
            let id: String
            switch step.content {
            case .example(let e): id = e.id
            case .question(let q): id = q.id
            default: continue
            }
            if let first = seen[id] { report(step.line, "duplicate id '\(id)' (first used on line \(first))") }
            else { seen[id] = step.line }
        }
    }
}
