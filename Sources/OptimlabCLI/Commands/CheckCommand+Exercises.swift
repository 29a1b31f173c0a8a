import Foundation
import OptimlabGrader

/// Validates exercise folders for `optimlab check`: each `exercise.yaml` must load without issues
/// (reported as `file:line: message`); on every seed its solution must pass every case, its starter
/// must compile and fail, and each declared mistake must be caught by some case (the matrix of which
/// cases catch which mistake is printed). `paths` may name exercise folders or folders of exercises
/// (such as `exercises/`). Returns the number of errors and the report text.
func checkExercises(paths: [String], terminal: Terminal) -> (errors: Int, output: String) {
    var lines: [String] = []
    var errors = 0
    let fail = terminal.styled(terminal.symbol("✗", ascii: "FAIL"), .red)
    let ok = terminal.styled(terminal.symbol("✓", ascii: "ok"), .green)
    for dir in exerciseDirectories(paths) {
        let exercise: Exercise
        do { exercise = try ExerciseLoader.load(directory: dir) } catch {
            errors += error.issues.count
            lines += error.issues.map { "\(fail) \($0)" }
            continue
        }
        let check = ExerciseCheck.run(exercise)
        let coverage = check.coverage, problems = check.problems
        errors += problems.count
        lines += problems.isEmpty
            ? ["\(ok) \(dir): \(exercise.cases.count) cases × \(ExerciseCheck.seeds.count) seeds; solution passes, starter fails on every seed"]
            : problems.map { "\(fail) \($0)" }
        lines += mistakeMatrix(coverage)
    }
    if lines.isEmpty {
        errors += 1
        lines.append("\(fail) no exercise found in \(paths.joined(separator: ", ")) (looked for */exercise.yaml)")
    }
    return (errors, lines.joined(separator: "\n") + "\n")
}

/// The matrix: one row per declared mistake, one column per case, each cell "caught on k of n seeds".
private func mistakeMatrix(_ coverage: MistakeCoverage) -> [String] {
    guard !coverage.rows.isEmpty else { return ["    (no declared mistakes)"] }
    let width = max(7, coverage.rows.map(\.mistake.count).max() ?? 0)
    let columns = coverage.cases.map { max($0.count, 3) }
    func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
    var out = ["    " + pad("mistake", width) + "  " + zip(coverage.cases, columns).map { pad($0, $1) }.joined(separator: "  ")]
    for row in coverage.rows {
        let cells = zip(row.caught, columns).map { pad("\($0)/\(coverage.seeds.count)", $1) }
        out.append("    " + pad(row.mistake, width) + "  " + cells.joined(separator: "  "))
    }
    return out
}

/// Folders that hold an exercise.yaml: the paths themselves, or their immediate subfolders.
private func exerciseDirectories(_ paths: [String]) -> [String] {
    let fm = FileManager.default
    var out: [String] = []
    for path in paths {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        if fm.fileExists(atPath: "\(trimmed)/exercise.yaml") { out.append(trimmed); continue }
        let children = ((try? fm.contentsOfDirectory(atPath: trimmed)) ?? []).sorted()
        out += children.map { "\(trimmed)/\($0)" }.filter { fm.fileExists(atPath: "\($0)/exercise.yaml") }
    }
    return out
}
