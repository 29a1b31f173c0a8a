import Foundation
import OptimlabGrader

/// Validates exercise folders for `optimlab check`: each `exercise.yaml` must load without issues
/// (reported as `file:line: message`), its starter must compile and fail, and its solution must pass
/// every case. `paths` may name exercise folders or folders of exercises (such as `exercises/`).
/// Returns the number of errors and the report text.
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
        var problems: [String] = []
        for (label, path) in [("starter", exercise.starterPath), ("solution", exercise.solutionPath)] {
            if let path, !FileManager.default.fileExists(atPath: path) { problems.append("\(path): missing (the \(label) file)") }
        }
        if problems.isEmpty { problems = gradeReferenceFiles(exercise) }
        errors += problems.count
        lines += problems.isEmpty ? ["\(ok) \(dir): \(exercise.cases.count) cases; solution passes, starter fails"]
            : problems.map { "\(fail) \($0)" }
    }
    if lines.isEmpty {
        errors += 1
        lines.append("\(fail) no exercise found in \(paths.joined(separator: ", ")) (looked for */exercise.yaml)")
    }
    return (errors, lines.joined(separator: "\n") + "\n")
}

/// Grades the solution (must pass) and the starter (must compile and fail) with a fixed seed.
private func gradeReferenceFiles(_ exercise: Exercise) -> [String] {
    guard let solution = exercise.solutionPath, let starter = exercise.starterPath else { return [] }
    let grader: Grader
    switch Grader.prepare(exercise: exercise, seed: 1) {
    case .success(let g): grader = g
    case .failure(let e): return ["\(exercise.directory ?? exercise.id): cannot grade: \(e.message)"]
    }
    let reports = grader.grade([solution, starter])
    var problems: [String] = []
    let solutionReport = reports[0], starterReport = reports[1]
    if !solutionReport.passed {
        let why = solutionReport.summaryMessage ?? solutionReport.cases.first { $0.status != .passed }.map { "\($0.name): \($0.message)" } ?? ""
        problems.append("\(solution): the solution must pass every case, but it \(solutionReport.status.rawValue): \(why)")
    }
    switch starterReport.status {
    case .failed: break
    case .passed: problems.append("\(starter): the starter must fail, but it passes every case")
    case .compileError: problems.append("\(starter): the starter must compile:\n\(starterReport.compileOutput ?? "")")
    case .notGraded: problems.append("\(starter): not graded: \(starterReport.summaryMessage ?? "")")
    }
    return problems
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
