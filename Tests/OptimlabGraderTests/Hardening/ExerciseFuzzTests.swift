import Foundation
import Testing
import OptimlabEngine
@testable import OptimlabGrader

/// The shipped exercise.yaml files, mutated: byte flips, truncation, YAML junk, huge and tiny numbers,
/// deep nesting, duplicate keys, binary junk. Loading ends in an exercise or in issues that each name
/// the file, a line inside it (or 0 for the whole file) and what is wrong — never a trap — and every
/// case of a loaded exercise draws finite inputs.
@Suite struct ExerciseFuzzTests {
    static let exercises: [(directory: String, text: String)] = ["adamw", "adam-bias-correction", "training-step", "warmup-cosine"]
        .compactMap { id in
            let dir = "\(GradingFixture.exercises)/\(id)"
            return (try? String(contentsOfFile: dir + "/exercise.yaml", encoding: .utf8)).map { (dir, $0) }
        }

    static let junk = ["{", "[", "- - -", ": :", "&a [*a]", "*nope", "!!binary AAAA", "? x\n: y", "\tsteps: 3", "---", "...",
                       "%TAG ! x", "cases: 5", "cases: []", "harness: nope", "points: -1", "time_limit: 1e308",
                       "\u{0}\u{1}", "\u{FEFF}", "id: ../../etc", "file: /etc/passwd", "file: ../x.swift"]
    static let numbers = ["1e308", "-1e308", "5e-324", "1e400", ".inf", "-.inf", ".nan", "0", "-1", "99999999999999999999",
                          "9223372036854775807", "-9223372036854775808", "1e-320", "0x10", "1_000"]

    static func mutate(_ text: String, _ rng: inout OptimlabEngine.SplitMix64) -> String {
        var lines = text.components(separatedBy: "\n")
        let k = Int.random(in: 0..<lines.count, using: &rng)
        switch Int.random(in: 0..<7, using: &rng) {
        case 0:                                                     // a number replaced
            let numeric = lines.indices.filter { lines[$0].range(of: #"[0-9]"#, options: .regularExpression) != nil }
            if let i = numeric.randomElement(using: &rng),
               let r = lines[i].range(of: #"-?[0-9][0-9.e+-]*"#, options: .regularExpression) {
                lines[i].replaceSubrange(r, with: numbers.randomElement(using: &rng)!)
            }
        case 1: lines.insert(junk.randomElement(using: &rng)!, at: k)
        case 2: lines.insert(lines[k], at: k)                              // duplicate key
        case 3: lines = Array(lines[..<k])                                  // truncation
        case 4:                                                             // deep nesting
            let depth = Int.random(in: 50...2000, using: &rng)
            lines.insert("  " + ["optimizer", "tensors", "gradients", "schedule"].randomElement(using: &rng)! + ": "
                         + String(repeating: "[", count: depth) + String(repeating: "]", count: depth), at: k)
        case 5:                                                             // bytes flipped or junk bytes
            var bytes = Array(lines[k].utf8)
            if bytes.isEmpty { bytes = [0xFF] } else { bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            lines[k] = String(decoding: bytes, as: UTF8.self)
        default: lines.remove(at: k)
        }
        return lines.joined(separator: "\n")
    }

    @Test func theShippedExercisesAreFound() {
        #expect(Self.exercises.count == 4)
    }

    /// 3,000 mutated exercise files.
    @Test func mutatedExercisesLoadOrNameTheProblem() {
        var loaded = 0, refused = 0
        for seed in UInt64(0)..<3000 {
            var rng = OptimlabEngine.SplitMix64(seed: seed)
            let (directory, original) = Self.exercises.randomElement(using: &rng)!
            var text = original
            for _ in 0..<Int.random(in: 1...3, using: &rng) { text = Self.mutate(text, &rng) }
            let file = directory + "/exercise.yaml"
            let lineCount = text.components(separatedBy: "\n").count
            do {
                let exercise = try ExerciseLoader.parse(text, file: file, directory: directory)
                loaded += 1
                for c in exercise.cases {
                    guard case .generated(let generator) = c.source else { continue }
                    let trace = generator.trace(seed: seed)
                    let finite = trace.steps.allSatisfy { $0.grads.flattened.allSatisfy(\.isFinite) && ($0.lr ?? 0).isFinite }
                        && trace.initialParams.flattened.allSatisfy(\.isFinite)
                    #expect(finite, "seed \(seed): case \(c.name) draws non-finite inputs")
                }
            } catch {
                refused += 1
                #expect(!error.issues.isEmpty, "seed \(seed)")
                for issue in error.issues {
                    #expect(issue.file.hasPrefix(directory) && issue.line >= 0 && issue.line <= lineCount + 1 && !issue.message.isEmpty,
                            "seed \(seed): \(issue)")
                }
            }
        }
        #expect(loaded > 200 && refused > 500, "loaded \(loaded), refused \(refused)")
    }

    /// A gradient range whose ratio overflows (5e-324 to 1e308) is refused rather than drawing inf and nan.
    @Test func gradientRangeThatOverflowsIsRefused() throws {
        let (directory, original) = try #require(Self.exercises.first { $0.directory.hasSuffix("/adamw") })
        let text = original.replacingOccurrences(of: "gradients: [1.0e-2, 1]", with: "gradients: [5.0e-324, 1.0e308]")
        #expect(text != original)
        #expect(throws: ExerciseIssues.self) { try ExerciseLoader.parse(text, file: directory + "/exercise.yaml", directory: directory) }
    }
}
