import Foundation
import Testing
@testable import OptimlabCourseware

/// The calculator and lesson holes under hostile input: every catalogue function called with random
/// arguments, deep nesting, unknown names, division by zero, overflow and huge lists. Each ends in a
/// value or an ``ExpressionError`` with a message — never a trap, a hang or a silent `nan`.
@Suite struct ExpressionFuzzTests {
    /// Argument texts: ordinary, edge and wrong-typed values.
    static let argumentPool = [
        "0", "1", "-1", "0.5", "0.9", "0.999", "1e-8", "3", "10", "100", "1e6", "1e11", "-1e11", "1e12", "1e308", "-1e308",
        "1e-320", "1/0", "-1/0", "0/0", "2^1024", "[1, 2]", "[]", "[0]", "[0.1, -0.2, 0.3]", "[[3, 4], [1]]", "[[]]",
        "[1, [2]]", "\"adam\"", "\"cosine\"", "\"\"", "\"pytorch\"", "\"warmup_cosine\"", "[1e308, 1e308]", "[-3, 5, 1e-9]",
        "[0, 0, 0]", "pi", "\"step\"", "[2, 5]",
    ]

    static func randomCall(_ rng: inout SeededGenerator) -> String {
        let function = FunctionCatalogue.all.randomElement(using: &rng)!
        var arguments: [String] = []
        for p in function.parameters.shuffled(using: &rng).prefix(Int.random(in: 0...4, using: &rng)) {
            let value = argumentPool.randomElement(using: &rng)!
            arguments.append(Bool.random(using: &rng) ? "\(p.name)=\(value)" : value)
        }
        if Int.random(in: 0..<8, using: &rng) == 0 { arguments.append("bogus=1") }
        return "\(function.name)(\(arguments.joined(separator: ", ")))"
    }

    /// 6,000 random calls of every catalogue function. Each returns a value or an error with a
    /// message; each finishes quickly (no argument makes a function loop for minutes); and a
    /// non-finite number in the result never reaches the learner without a note saying why.
    @Test func randomCallsOfEveryFunction() {
        var values = 0, errors = 0
        var called = Set<String>()
        for seed in UInt64(0)..<6000 {
            var rng = SeededGenerator(seed: seed)
            let text = Self.randomCall(&rng)
            called.insert(String(text.prefix { $0 != "(" }))
            var ev = Evaluator()
            do {
                let value = try ev.evaluate(text)
                values += 1
                if value.containsNonFinite {
                    #expect(!ev.notes.isEmpty, "seed \(seed): \(text) gives \(ValueFormatter.format(value)) without a note")
                }
            } catch {
                errors += 1
                #expect(!error.message.isEmpty, "seed \(seed): \(text)")
            }
        }
        #expect(called.count == FunctionCatalogue.all.count)
        #expect(values > 500 && errors > 500, "values \(values), errors \(errors)")
    }

    /// Nesting far past the parser's limit is refused with the limit in the message, whatever nests.
    @Test func deepNestingIsRefusedNotOverflowed() throws {
        let depth = 50_000
        let cases = [
            String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth),
            String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth),
            String(repeating: "-", count: depth) + "1",
            String(repeating: "+", count: depth) + "1",
            Array(repeating: "2", count: depth).joined(separator: "^"),
            String(repeating: "abs(", count: depth) + "1" + String(repeating: ")", count: depth),
            String(repeating: "(", count: depth),
            String(repeating: "f(x=", count: depth),
        ]
        for text in cases {
            var ev = Evaluator()
            #expect(throws: ExpressionError.self, "\(text.prefix(12))…") { try ev.evaluate(text) }
            do { _ = try ev.evaluate(text) } catch {
                #expect(error.message.contains("nested too deeply"), "\(text.prefix(12))…: \(error)")
            }
        }
        // A long chain builds a tree as deep as it is long (evaluating 50,000 `+` overflowed the stack):
        // refused past the cap, evaluated up to it.
        var ev = Evaluator()
        for op in [" + ", " * ", " - ", " / "] {
            #expect(throws: ExpressionError("expression too long (more than 500 operators)", column: 2003)) {
                try ev.evaluate(Array(repeating: "1", count: depth).joined(separator: op))
            }
        }
        #expect(try ev.evaluate(Array(repeating: "1", count: 501).joined(separator: " + ")) == .number(501))
    }

    /// Overflow, division by zero and invalid operations give inf or nan together with a note saying why.
    @Test func nonFiniteResultsComeWithAReason() throws {
        let cases: [(String, String)] = [
            ("1/0", "division by zero"), ("0/0", "division by zero"), ("-2/0", "division by zero"),
            ("1e308 * 10", "overflow"), ("-1e308 - 1e308", "overflow"), ("10^400", "overflow"),
            ("(-8)^0.5", "no real value"), ("[1, 1e308 * 1e10]", "overflow"),
        ]
        for (text, reason) in cases {
            var ev = Evaluator()
            let value = try ev.evaluate(text)
            #expect(value.containsNonFinite, "\(text)")
            #expect(ev.notes.contains { $0.contains(reason) }, "\(text): notes \(ev.notes)")
        }
        // Finite arithmetic has no notes.
        var ev = Evaluator()
        #expect(try ev.evaluate("1e308 / 10 + 2^-1074") == .number(1e307 + 0x1p-1074))
        #expect(ev.notes.isEmpty)
    }

    /// Unknown names and functions are refused with a suggestion when one is close.
    @Test func unknownNamesAndFunctions() {
        var ev = Evaluator()
        #expect(throws: ExpressionError("unknown function 'adam_updte'", column: 1, suggestion: "adam_update")) {
            try ev.evaluate("adam_updte(0.1)")
        }
        #expect(throws: ExpressionError("unknown name 'zzz'", column: 3, suggestion: nil)) { try ev.evaluate("1+zzz") }
        for seed in UInt64(0)..<2000 {
            var rng = SeededGenerator(seed: seed &+ 7_000)
            let name = String((0..<Int.random(in: 1...12, using: &rng)).map { _ in "abcdefghijklmnopqrstuvwxyz_".randomElement(using: &rng)! })
            guard FunctionCatalogue.named(name) == nil else { continue }
            #expect(throws: ExpressionError.self, "seed \(seed)") { try ev.evaluate("\(name)(1, 2)") }
        }
    }

    /// A list of 200,000 numbers goes through list functions whole (how fast is the benchmark's business).
    @Test func hugeLists() throws {
        let n = 200_000
        let list = "[" + Array(repeating: "0.5", count: n).joined(separator: ",") + "]"
        var ev = Evaluator()
        guard case .list(let items) = try ev.evaluate(list) else { Issue.record("not a list"); return }
        #expect(items.count == n)
        if FunctionCatalogue.named("sum") != nil { #expect(try ev.evaluate("sum(\(list))") == .number(Double(n) / 2)) }
    }

    /// 5,000 random token soups from the expression alphabet plus junk bytes and Unicode.
    @Test func randomTextIsEvaluatedOrRefused() {
        let pieces = ["1", "0", "2.5e3", "e", "(", ")", "[", "]", ",", "=", "+", "-", "*", "/", "^", " ", "\"", "'", "x",
                      "adam_update", "lr", "grads", "min", "max", "sqrt", "log", "exp", "abs", "\u{0}", "\u{7F}", "é",
                      "×", "−", "\u{301}", "🙂", "1e999", ".", "..", "_", "|", "{", "}", "\\", "\n", "\t"]
        for seed in UInt64(0)..<5000 {
            var rng = SeededGenerator(seed: seed &+ 300_000)
            let text = (0..<Int.random(in: 0...24, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            var ev = Evaluator(variables: ["g": .number(0.5), "t": .number(3)])
            do {
                let value = try ev.evaluate(text)
                if value.containsNonFinite { #expect(!ev.notes.isEmpty, "seed \(seed): '\(text)'") }
            } catch {
                #expect(!error.message.isEmpty, "seed \(seed)")
                if let column = error.column { #expect(column >= 1 && column <= text.count + 1, "seed \(seed): '\(text)' column \(column)") }
            }
        }
    }
}
