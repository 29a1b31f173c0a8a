import Foundation
import Testing
@testable import OptimlabCLI
import OptimlabCourseware
import OptimlabEngine

/// The plot and experiment blocks of the real lessons, mutated (numbers made huge, tiny, negative or
/// non-finite; lines duplicated, dropped or replaced by YAML junk): each is drawn or refused with
/// problems that carry a line and a message — never a trap and never a long stall.
@Suite struct VisualBlockFuzzTests {
    /// The bodies of every `plot` and `experiment` fence in the real lesson files.
    static let blocks: [(kind: String, yaml: String)] = Course.lessonFiles(in: ReplFuzzTests.repositoryLessons).flatMap { path in
        let lines = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").components(separatedBy: "\n")
        var out: [(kind: String, yaml: String)] = [], open: (kind: String, start: Int)?
        for (i, line) in lines.enumerated() {
            if let o = open, line.hasPrefix("```") { out.append((o.kind, lines[(o.start + 1)..<i].joined(separator: "\n"))); open = nil }
            else if open == nil, line == "```plot" || line == "```experiment" { open = (String(line.dropFirst(3)), i) }
        }
        return out
    }

    static let numbers = ["0", "-1", "1e308", "-1e308", "5e-324", ".inf", "-.inf", ".nan", "1e12", "99999999999999999999", "2", "1"]
    static let junk = ["{", "- [", ": :", "&a *a", "steps: 1e400", "kind: nope", "runs: 5", "schedules: {}", "log_y: maybe", "\u{0}"]

    static func mutate(_ yaml: String, _ rng: inout SplitMix64) -> String {
        var lines = yaml.components(separatedBy: "\n")
        let k = Int.random(in: 0..<lines.count, using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            if let r = lines[k].range(of: #"-?[0-9][0-9.e+-]*"#, options: .regularExpression) {
                lines[k].replaceSubrange(r, with: numbers.randomElement(using: &rng)!)
            }
        case 1: lines.insert(lines[k], at: k)
        case 2: lines.remove(at: k)
        default: lines[k] = junk.randomElement(using: &rng)!
        }
        return lines.joined(separator: "\n")
    }

    @Test func mutatedBlocksAreDrawnOrRefused() {
        #expect(Self.blocks.count >= 3)
        var drawn = 0, refused = 0
        for seed in UInt64(0)..<250 {
            var rng = SplitMix64(seed: seed)
            let block = Self.blocks.randomElement(using: &rng)!
            var yaml = block.yaml
            for _ in 0..<Int.random(in: 1...2, using: &rng) { yaml = Self.mutate(yaml, &rng) }
            let lineCount = yaml.components(separatedBy: "\n").count
            let problems = validateVisualBlock(kind: block.kind, yaml: yaml)
            for p in problems {
                #expect(p.line >= 1 && p.line <= lineCount + 1 && !p.message.isEmpty, "seed \(seed): \(p)")
            }
            if problems.isEmpty {
                do {
                    let text = try renderVisualBlock(kind: block.kind, yaml: yaml, terminal: .plain)
                    #expect(!text.isEmpty, "seed \(seed)")
                    drawn += 1
                } catch {
                    refused += 1
                    #expect((error as? VisualBlockError)?.problems.isEmpty == false, "seed \(seed): \(error)")
                }
            } else {
                refused += 1
            }
        }
        #expect(drawn > 25 && refused > 25, "drawn \(drawn), refused \(refused)")
    }
}
