import OptimlabEngine

/// Which of an exercise's declared mistakes its cases catch, seed by seed: a case catches a mistake
/// on a seed when the engine's run with the mistake leaves the correct run's tolerance somewhere in
/// that case (the values a submission making the mistake would report fail the case). `optimlab
/// check` prints the matrix and fails when a mistake slips through every case on some seed.
public struct MistakeCoverage: Sendable {
    public var cases: [String]
    public var seeds: [UInt64]
    public var rows: [Row]

    public struct Row: Sendable {
        public var mistake: String
        /// Per case, how many of the seeds it catches the mistake on.
        public var caught: [Int]
        /// The seeds on which no case catches it.
        public var missedSeeds: [UInt64]
    }

    /// Replays every case of `exercise` under every declared mistake, on each seed (case seeds as the
    /// grader derives them, so the matrix describes exactly the runs `grade --seed` makes).
    public static func measure(_ exercise: Exercise, seeds: [UInt64]) -> MistakeCoverage {
        var rows: [Row] = []
        let references = seeds.map { seed in
            exercise.cases.enumerated().map { i, c in
                CaseReference(exercise: exercise, source: c.source, seed: Grader.caseSeed(seed, index: i))
            }
        }
        for mistake in exercise.mistakes {
            var caught = Array(repeating: 0, count: exercise.cases.count)
            var missed: [UInt64] = []
            for (seed, cases) in zip(seeds, references) {
                var any = false
                for (i, reference) in cases.enumerated() where catches(reference, mistake, exercise.tolerance) {
                    caught[i] += 1
                    any = true
                }
                if !any { missed.append(seed) }
            }
            rows.append(Row(mistake: mistake.name, caught: caught, missedSeeds: missed))
        }
        return MistakeCoverage(cases: exercise.cases.map(\.name), seeds: seeds, rows: rows)
    }

    static func catches(_ reference: CaseReference, _ mistake: ExerciseMistake, _ tolerance: Tolerance) -> Bool {
        let (names, lengths) = reference.labels
        let wrong = reference.outputs(mistake)
        return Divergence.first(expected: reference.expected, got: wrong, tolerance: reference.tolerance(tolerance),
                                names: names, lengths: lengths) != nil
    }
}
