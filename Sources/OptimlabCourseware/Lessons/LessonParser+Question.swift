import OptimlabEngine
import OptimlabYAML

extension LessonParser {
    static let questionFields = ["id", "kind", "source", "prompt", "given", "answer", "tolerance", "hints", "solution",
                                 "attempts", "mistakes", "choices", "explanations", "keywords"]

    mutating func question(_ body: String, _ source: YAMLSource) throws(LessonDiagnostic) -> Question {
        var m = try MappingReader(try source.compose(body), source: source, what: "a question block")
        let id = try m.requiredString("id")
        if !Self.isIdentifier(id) { report(source, m.node("id"), "question id '\(id)' must be lowercase letters, digits and '-'") }
        let kindNode = m.node("kind")
        let kindName = try m.string("kind") ?? "numeric"
        guard let kind = Question.Kind(rawValue: kindName) else {
            throw source.diagnostic(kindNode, "unknown question kind '\(kindName)' (numeric, choice, text)")
        }
        let given = try givens(m.node("given"), source)
        let names = Set(given.map(\.name))
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
        let tolerance = try self.tolerance(m.node("tolerance"), source)
        let mistakes = try self.mistakes(m.node("mistakes"), source)
        let choices = try m.strings("choices")?.map(\.0) ?? []
        let explanationsNode = m.node("explanations")
        let explanations = try m.strings("explanations")?.map(\.0) ?? []
        if !explanations.isEmpty && explanations.count != choices.count {
            report(source, explanationsNode, "'explanations' has \(explanations.count) items but there are \(choices.count) choices")
        }
        if kind != .choice, m.keys.contains("choices") { report(source, m.node("choices"), "'choices' is only for kind: choice") }
        if kind != .text, m.keys.contains("keywords") { report(source, m.node("keywords"), "'keywords' is only for kind: text") }
        if kind != .numeric, m.keys.contains("tolerance") { report(source, m.node("tolerance"), "'tolerance' is only for kind: numeric") }
        let origin = try m.string("source")
        diagnostics += m.unknownKeys(allowed: Self.questionFields)
        var q = Question(id: id, kind: kind, source: origin, prompt: prompt, given: given, answer: answer,
                         tolerance: tolerance, hints: hints, solution: solution, attempts: max(attempts, 1), mistakes: mistakes,
                         choices: choices, explanations: explanations, line: source.lineOffset, answerLine: source.line(answerNode))
        if case .choice(let i) = answer, !choices.indices.contains(i) {
            report(source, answerNode, "answer \(i) is not a choice (0…\(choices.count - 1))")
        }
        if kind == .choice && choices.count < 2 { report(q.line, "a choice question needs at least two 'choices'") }
        q.answer = answer
        return q
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
                for problem in ExpressionValidator.problems(in: e, names: names) { report(source, node, "answer: \(problem)") }
                return .expression(e, source: text)
            } catch {
                throw source.diagnostic(node, "answer: \(error)")
            }
        case .choice:
            let choices = try m.strings("choices")?.map(\.0) ?? []
            guard let node else { throw source.diagnostic(m.node, "a choice question needs 'answer': the right choice's index (0-based) or text") }
            if let x = node.number, x == x.rounded() {
                // Checked as a Double first: Int(x) traps on 1e300 or .inf.
                guard x >= 0, x < Double(choices.count) else {
                    throw source.diagnostic(node, "'answer' is \(ValueFormatter.plain(x)), but the \(choices.count) choices are numbered 0 to \(choices.count - 1)")
                }
                return .choice(Int(x))
            }
            if let text = node.text, let i = choices.firstIndex(of: text) { return .choice(i) }
            throw source.diagnostic(node, "'answer' must be a choice's index (0-based) or its exact text")
        case .text:
            guard let keywordsNode = m.node("keywords"), let items = keywordsNode.items, !items.isEmpty else {
                throw source.diagnostic(m.node("keywords") ?? m.node, "a text question needs 'keywords': a list of words or of lists of alternatives")
            }
            var groups: [[String]] = []
            for item in items {
                if let word = item.text { groups.append([word.lowercased()]); continue }
                guard let alternatives = item.items?.compactMap({ $0.text?.lowercased() }), !alternatives.isEmpty else {
                    throw source.diagnostic(item, "a keyword is a word or a list of alternative words")
                }
                groups.append(alternatives)
            }
            return .keywords(groups, model: node?.text)
        }
    }

    mutating func givens(_ node: YAMLNode?, _ source: YAMLSource) throws(LessonDiagnostic) -> [Given] {
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
                    for problem in ExpressionValidator.problems(in: e, names: Set(out.map(\.name))) {
                        report(source, exprNode, "given '\(name)': \(problem)")
                    }
                    out.append(Given(name: name, source: .expression(e, source: text), line: line))
                } catch {
                    throw source.diagnostic(exprNode, "given '\(name)': \(error)")
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
