import Foundation

/// Student submissions for the `adamw` exercise, written the way students get it wrong. Each is the
/// reference solution with one change, so a diagnosis can only come from that change.
///
/// The sources are files, `Fixtures/Submissions/adamw/<name>.swift`: resources of the test target
/// (copied, never compiled into it), read here by name. Every one is the same AdamW (the fields, `init`,
/// then `step`: the counter, the bias corrections, a loop over the coordinates), so the line a test
/// expects is found in the file's own text, by its statement, never written down.
enum Submissions {
    /// The folder of the adamw submissions in the test bundle.
    static let folder = Bundle.module.resourcePath! + "/Fixtures/Submissions/adamw"

    /// The text of `Fixtures/Submissions/adamw/<name>.swift`; a missing fixture stops the tests.
    static func source(_ name: String) -> String {
        do { return try String(contentsOfFile: "\(folder)/\(name).swift", encoding: .utf8) } catch {
            fatalError("the submission fixture \(name).swift does not load: \(error)")
        }
    }

    /// The reference solution (a struct with a `mutating` step).
    static let correct = source("correct")

    /// The reference solution written as a final class (no `mutating`).
    static let correctClass = source("correct-class")

    /// The known mistakes the grader must name, each in `mistakes/<KnownMistake raw value>.swift`.
    static let mistakeNames = [
        "no-bias-correction",       // m and v used raw: no 1 − βᵗ corrections
        "coupled-weight-decay",     // Adam + L2: λθ added to the gradient instead of decoupled decay
        "decay-not-scaled-by-lr",   // θ ← θ(1 − λ) instead of θ(1 − lr·λ)
        "decay-after-update",       // the decay applied after the Adam update instead of before it
        "eps-inside-sqrt",          // √(v̂ + ε) instead of √v̂ + ε
        "step-from-zero",           // the counter incremented after the step (`defer`): t = 0 at step 1
        "betas-swapped",            // β₁ used for v and β₂ for m, in the moments and their corrections
        "keras",                    // Keras' efficient form: ε added to √v, the corrections folded into the step size
    ]

    /// Known mistakes, by the `KnownMistake` raw value the grader should name.
    static let mistakes: [String: String] = Dictionary(uniqueKeysWithValues: mistakeNames.map { ($0, source("mistakes/\($0)")) })

    /// Prints a fake pass, writes JSON claiming success, and exits 0 before any step.
    static let fakePass = source("fake-pass")

    /// Crashes at the second step (index out of range, `_ = grads[grads.count + 3]`).
    static let crashes = source("crashes")

    /// Crashes only on the 6-parameter case (`schedule`), with `fatalError("six")`; every other case is correct.
    static let crashesInOneCase = source("crashes-in-one-case")

    /// Never returns from the first step.
    static let loopsForever = source("loops-forever")

    /// Allocates without bound.
    static let allocates = source("allocates")

    /// A type error on line 26 (`m[i] = beta1 * m[i] + "oops"`, in the loop right after `let g = grads[i]`).
    static let doesNotCompile = source("does-not-compile")

    /// Compiles on its own but has no settable `lr` (`let lr: Double`): the glue cannot conform it to the API.
    static let wrongAPI = source("wrong-api")

    /// Crashes at the second step with an integer overflow (`big += t` with `big = Int.max - 1`).
    static let crashIntegerOverflow = source("crash-integer-overflow")

    /// Crashes at the second step unwrapping nil (`_ = missing!`, on its own line).
    static let crashNilUnwrapped = source("crash-nil-unwrapped")

    /// The same nil unwrapped, with `let missing` and `_ = missing!` on one line.
    static let crashNilUnwrappedOneLine = source("crash-nil-unwrapped-one-line")

    /// Overflows the stack at the second step: a member `depth(_:)` that recurses without end.
    static let crashUnboundedRecursion = source("crash-unbounded-recursion")

    /// Crashes at the second step inside a helper member, `lastGradient(_:)` (`return g[n]`, out of range).
    static let crashInHelper = source("crash-in-helper")

    /// The placeholder in `loops-then-prints-marker.swift` that `loopsThenPrints(_:)` replaces.
    static let markerPlaceholder = "{{MARKER}}"

    /// Loops without end at the first step (`while spin >= 0`), then would print `marker`: the marker
    /// shows only if the program got past the loop.
    static func loopsThenPrints(_ marker: String) -> String {
        let template = source("loops-then-prints-marker")
        precondition(template.contains(markerPlaceholder), "loops-then-prints-marker.swift lost its \(markerPlaceholder)")
        return template.replacingOccurrences(of: markerPlaceholder, with: marker)
    }

    /// Every fixture's name (the path below `folder`, without `.swift`), for the test that parses them all.
    static var allNames: [String] {
        let files = (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(".swift".count)) }.sorted()
    }
}
