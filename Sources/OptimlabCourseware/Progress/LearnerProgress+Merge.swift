/// Merging two optimlab runs' progress that share one file (a REPL and a `watch` in another terminal,
/// say). Each run keeps the progress it read (`base`) and its own changes (`mine`); at a save the file
/// holds `theirs`. A three-way merge keeps both runs' work: what this run did not change is taken from
/// the file, what it changed is its own, and where both changed one record the fields are combined.
extension LearnerProgress {
    /// `mine` with every record this run left untouched since `base` replaced by the file's `theirs`.
    ///
    /// When the learners differ (the file was replaced or reset, or this run reset its learner) the
    /// records belong to different seeds and cannot be mixed, so `mine` is kept whole.
    public static func merged(base: LearnerProgress, mine: LearnerProgress, theirs: LearnerProgress) -> LearnerProgress {
        guard mine.learner == base.learner, theirs.learner == base.learner else { return mine }
        var out = mine
        out.currentLesson = mine.currentLesson != base.currentLesson ? mine.currentLesson : theirs.currentLesson
        out.lessons = mergeRecords(base.lessons, mine.lessons, theirs.lessons, LessonProgress.merged)
        out.exercises = mergeRecords(base.exercises, mine.exercises, theirs.exercises, ExerciseProgress.merged)
        return out
    }
}

/// Per key: unchanged here → theirs; unchanged there → mine; changed in both → `both(base, mine, theirs)`.
/// A record removed here (mine is nil while base was not) stays removed only if the file did not change it.
func mergeRecords<Value: Equatable>(_ base: [String: Value], _ mine: [String: Value], _ theirs: [String: Value],
                                    _ both: (Value?, Value, Value) -> Value) -> [String: Value] {
    var out: [String: Value] = [:]
    for key in Set(base.keys).union(mine.keys).union(theirs.keys) {
        let b = base[key], m = mine[key], t = theirs[key]
        let value: Value?
        if m == b { value = t } else if t == b { value = m } else if let m, let t { value = both(b, m, t) } else { value = m ?? t }
        out[key] = value
    }
    return out
}

extension LessonProgress {
    /// Both runs moved in one lesson: the step of the run that moved it, completion from either, and the
    /// questions merged one by one (a question answered in both keeps this run's record, and the other
    /// run's attempts with other numbers join its history).
    static func merged(base: LessonProgress?, mine: LessonProgress, theirs: LessonProgress) -> LessonProgress {
        let b = base ?? LessonProgress()
        var out = mine
        out.step = mine.step != b.step ? mine.step : theirs.step
        out.completed = mine.completed || theirs.completed
        out.questions = mergeRecords(b.questions, mine.questions, theirs.questions, QuestionProgress.merged)
        return out
    }
}

extension ExerciseProgress {
    /// Both runs worked on one exercise: a pass, a start or a hint seen in either counts, and the
    /// counters keep the larger figure; the last verdict is this run's.
    static func merged(base: ExerciseProgress?, mine: ExerciseProgress, theirs: ExerciseProgress) -> ExerciseProgress {
        var out = mine
        out.started = mine.started || theirs.started
        out.passed = mine.passed || theirs.passed
        out.gradings = max(mine.gradings, theirs.gradings)
        out.hintsShown = max(mine.hintsShown, theirs.hintsShown)
        return out
    }
}

extension QuestionProgress {
    /// Both runs worked on one question: this run's current attempt stays current, and no attempt of
    /// the other run is lost. An attempt of the other run with the same seed and variant is the same
    /// attempt: the record with more tries wins (and it becomes the current one when this run has not
    /// touched its current attempt yet); any other attempt joins the history, in variant order.
    static func merged(base: QuestionProgress?, mine: QuestionProgress, theirs: QuestionProgress) -> QuestionProgress {
        var out = mine
        for attempt in theirs.history + [theirs.currentAttempt] where !attempt.isEmpty {
            if attempt.seed == out.seed && attempt.variant == out.variant {
                if out.currentAttempt.isEmpty { out.adopt(attempt) }
            } else if let i = out.history.firstIndex(where: { $0.seed == attempt.seed && $0.variant == attempt.variant }) {
                if attempt.attempts > out.history[i].attempts { out.history[i] = attempt }
            } else {
                out.history.append(attempt)
            }
        }
        out.history.sort { $0.variant < $1.variant }
        return out
    }

    /// Takes over `attempt`'s answers and outcome as the current attempt's.
    mutating func adopt(_ attempt: QuestionAttempt) {
        attempts = attempt.attempts; answers = attempt.answers; solved = attempt.solved
        revealed = attempt.revealed; skipped = attempt.skipped; hintsShown = attempt.hintsShown
    }
}

extension QuestionAttempt {
    /// Shown but not yet answered, revealed, skipped or hinted.
    var isEmpty: Bool { attempts == 0 && !solved && !revealed && !skipped && hintsShown == 0 }
}
