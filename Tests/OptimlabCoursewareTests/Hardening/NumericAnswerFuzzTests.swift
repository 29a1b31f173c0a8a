import Foundation
import Testing
@testable import OptimlabCourseware

/// What a learner types at an answer prompt: every way of writing a number the prompt promises to read
/// is read to the right value, and anything else — junk, binary, overflow — is refused with a message
/// that quotes the input. Each case comes from a seed; a failure names it.
@Suite struct NumericAnswerFuzzTests {
    /// One number written in one of the documented notations, with the value it must read as.
    static func written(_ rng: inout SeededGenerator) -> (text: String, value: Double) {
        let mantissa = Double(Int.random(in: 1...9999, using: &rng)) / 1000      // 0.001 … 9.999
        let exponent = Int.random(in: -12...12, using: &rng)
        let negative = Bool.random(using: &rng)
        let value = (negative ? -1 : 1) * (Double("\(mantissa)e\(exponent)") ?? .nan)
        let minus = ["-", "\u{2212}", "\u{2013}"].randomElement(using: &rng)!
        let sign = negative ? minus : (Bool.random(using: &rng) ? "+" : "")
        let m = "\(mantissa)"
        let superscript = String(String(exponent).map { c -> Character in
            let table: [Character: Character] = ["-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴",
                                                 "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
            return table[c] ?? c
        })
        let forms = ["\(m)e\(exponent)", "\(m)E\(exponent)", "\(m)×10^\(exponent)", "\(m) × 10^\(exponent)",
                     "\(m)*10^\(exponent)", "\(m)x10^\(exponent)", "\(m)*10**\(exponent)", "\(m) × 10\(superscript)",
                     "\(m)·10^\(exponent)"]
        return (sign + forms.randomElement(using: &rng)!, value)
    }

    /// 3,000 numbers in every notation read back to the value written (to the last bit or one ulp).
    @Test func everyDocumentedNotationReadsToItsValue() {
        for seed in UInt64(0)..<3000 {
            var rng = SeededGenerator(seed: seed)
            let (text, value) = Self.written(&rng)
            do {
                let x = try NumericAnswer.parse(text)
                #expect(abs(x - value) <= abs(value) * 1e-15, "seed \(seed): '\(text)' read as \(x), not \(value)")
            } catch {
                Issue.record("seed \(seed): '\(text)' refused: \(error)")
            }
        }
    }

    /// Fractions and percentages: `a/b` is a÷b, `p%` is p/100, a zero denominator is refused.
    @Test func fractionsAndPercentages() throws {
        for seed in UInt64(0)..<1000 {
            var rng = SeededGenerator(seed: seed &+ 50_000)
            let n = Int.random(in: -999...999, using: &rng), d = Int.random(in: 1...999, using: &rng)
            #expect(try NumericAnswer.parse("\(n)/\(d)") == Double(n) / Double(d), "seed \(seed)")
            #expect(try NumericAnswer.parse(" \(n) / \(d) ") == Double(n) / Double(d), "seed \(seed)")
            #expect(try NumericAnswer.parse("\(n)%") == Double(n) / 100, "seed \(seed)")
            #expect(throws: NumericAnswer.Rejection.self) { try NumericAnswer.parse("\(n)/0") }
        }
    }

    /// Values at the edges of Double: the largest and smallest finite values are read; overflow to
    /// infinity, `inf`, `nan` and hex floats are refused, so no infinity or NaN is ever recorded as an answer.
    @Test func edgesOfDouble() throws {
        #expect(try NumericAnswer.parse("1.7976931348623157e308") == .greatestFiniteMagnitude)
        #expect(try NumericAnswer.parse("5e-324") == .leastNonzeroMagnitude)
        #expect(try NumericAnswer.parse("1e-400") == 0)                    // underflow reads as zero, as in every language
        #expect(try NumericAnswer.parse("−0") == 0)
        for refused in ["1e309", "-1e999", "9×10^999", "inf", "-inf", "nan", "NaN", "infinity", "0x1p-3", "1/0",
                        "0/0", "", "   ", "e", "1e", "--1", "1..2", "½", "٣", "1,5", "10^", "%", "/", "1/2/3", "\u{0}",
                        "1e5e5", "⁻⁻", "7/1e-320", "1e308/1e-10", String(repeating: "9", count: 400)] {
            #expect(throws: NumericAnswer.Rejection.self, "'\(refused)'") { try NumericAnswer.parse(refused) }
        }
    }

    /// 20,000 random strings over digits, signs, exponents, unicode look-alikes and binary junk: each is
    /// read as a finite number or refused with a message quoting the input.
    @Test func randomInputIsReadOrRefused() {
        let pieces = ["0", "1", "7", "9", ".", "e", "E", "-", "+", "×", "x", "*", "^", "10", "**", "/", "%", " ", "_",
                      "\u{2212}", "\u{2013}", "⁻", "⁵", "⁰", "·", "(", ")", "\u{0}", "\u{FFFD}", "\u{301}", "é", "∞",
                      "1e308", "1e-320", "9999999999", "\t", "\n", "🙂"]
        var read = 0, refused = 0
        for seed in UInt64(0)..<20_000 {
            var rng = SeededGenerator(seed: seed &+ 90_000)
            let text = (0..<Int.random(in: 0...10, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            do {
                let x = try NumericAnswer.parse(text)
                #expect(x.isFinite, "seed \(seed): '\(text)' read as \(x)")
                read += 1
            } catch {
                #expect(error.input == text && error.description.contains("is not a number I can read"), "seed \(seed)")
                refused += 1
            }
        }
        // Both paths are exercised in bulk, so neither is vacuous.
        #expect(read > 500 && refused > 500, "read \(read), refused \(refused)")
    }

    /// Random bytes (not valid UTF-8 in general) decoded as the terminal would: always refused or read.
    @Test func binaryJunkIsRefused() {
        for seed in UInt64(0)..<5000 {
            var rng = SeededGenerator(seed: seed &+ 200_000)
            let bytes = (0..<Int.random(in: 1...24, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let text = String(decoding: bytes, as: UTF8.self)
            if let x = try? NumericAnswer.parse(text) { #expect(x.isFinite, "seed \(seed)") }
        }
    }
}
