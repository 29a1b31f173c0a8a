import Foundation

/// What `optimlab check` verifies of one loaded exercise, over several seeds: its starter and solution
/// files exist; on every seed the solution passes every case and the starter compiles and fails; and
/// every declared mistake is caught by some case on every seed (``MistakeCoverage``).
public struct ExerciseCheck: Sendable {
    public var coverage: MistakeCoverage
    /// Each problem as `file: message`; empty when the exercise is sound.
    public var problems: [String]

    /// The seeds `optimlab check` uses: generated cases draw fresh numbers per seed, so a case that
    /// catches a mistake only by luck shows up as a miss on some seed.
    public static let seeds: [UInt64] = [1, 2, 3, 4, 5]

    public static func run(_ exercise: Exercise, seeds: [UInt64] = ExerciseCheck.seeds,
                           environment: [String: String] = ProcessInfo.processInfo.environment) -> ExerciseCheck {
        var problems: [String] = []
        for (label, path) in [("starter", exercise.starterPath), ("solution", exercise.solutionPath)] {
            if let path, !FileManager.default.fileExists(atPath: path) { problems.append("\(path): missing (the \(label) file)") }
        }
        let coverage = MistakeCoverage.measure(exercise, seeds: seeds)
        let yaml = "\(exercise.directory ?? exercise.id)/exercise.yaml"
        for row in coverage.rows where !row.missedSeeds.isEmpty {
            problems.append("\(yaml): mistake \(row.mistake) passes every case on seed(s) \(row.missedSeeds.map(String.init).joined(separator: ", ")): add or sharpen a case that exposes it")
        }
        if problems.isEmpty { problems = gradeReferenceFiles(exercise, seeds: seeds, environment: environment) }
        return ExerciseCheck(coverage: coverage, problems: problems)
    }

    /// Grades the solution (must pass) and the starter (must compile and fail) on every seed.
    static func gradeReferenceFiles(_ exercise: Exercise, seeds: [UInt64], environment: [String: String]) -> [String] {
        guard let solution = exercise.solutionPath, let starter = exercise.starterPath else { return [] }
        let grader: Grader
        switch Grader.prepare(exercise: exercise, seed: seeds.first, environment: environment) {
        case .success(let g): grader = g
        case .failure(let e): return ["\(exercise.directory ?? exercise.id): cannot grade: \(e.message)"]
        }
        let reports = grader.grade([solution, starter], seeds: seeds.map { $0 })
        var problems: [String] = []
        for (seed, report) in zip(seeds, reports[0]) where !report.passed {
            let why = report.summaryMessage ?? report.cases.first { $0.status != .passed }.map { "\($0.name): \($0.message)" } ?? ""
            problems.append("\(solution): the solution must pass every case, but on seed \(seed) it \(report.status.rawValue): \(why)")
        }
        for (seed, report) in zip(seeds, reports[1]) {
            switch report.status {
            case .failed: continue
            case .passed: problems.append("\(starter): the starter must fail, but on seed \(seed) it passes every case")
            case .compileError: problems.append("\(starter): the starter must compile:\n\(report.compileOutput ?? "")")
            case .notGraded: problems.append("\(starter): not graded: \(report.summaryMessage ?? "")")
            }
            break
        }
        return problems
    }
}
