import OptimlabCourseware

/// A course and where each of its lessons came from.
struct LoadedCourse {
    var course: Course
    /// By lesson id.
    var origins: [String: LessonOrigin]

    func origin(of lesson: Lesson) -> LessonOrigin { origins[lesson.id] ?? .builtIn }
}

extension CourseSource {
    /// The lessons folder's course, or the lessons built into the binary when that folder does not exist
    /// (so `optimlab` works from any folder), with the course folder's lessons merged in. A folder in
    /// `preloaded` (by path, as `check` has already parsed it) is not read again.
    func loadCourse(embedded: [(path: String, text: String)] = embeddedLessonFiles(), preloaded: [String: Course] = [:]) -> LoadedCourse {
        let base: Course, origin: LessonOrigin
        if Self.isDirectory(lessonsDirectory) || embedded.isEmpty {
            base = preloaded[lessonsDirectory] ?? Course.load(directory: lessonsDirectory)
            origin = lessonsOrigin
        } else {
            base = Course.parse(files: embedded, directory: "(built-in lessons)")
            origin = .builtIn
        }
        var loaded = LoadedCourse(course: base, origins: Dictionary(base.lessons.map { ($0.id, origin) }, uniquingKeysWith: { a, _ in a }))
        guard let content, Self.isDirectory(content + "/lessons") else { return loaded }
        let extra = preloaded[content + "/lessons"] ?? Course.load(directory: content + "/lessons")
        for lesson in extra.lessons {
            if let i = loaded.course.index(of: lesson.id) { loaded.course.lessons[i] = lesson } else { loaded.course.lessons.append(lesson) }
            loaded.origins[lesson.id] = .content(content)
        }
        loaded.course.diagnostics += extra.diagnostics
        loaded.course.mistakes = mistakes
        return loaded
    }

    /// The course's words for the engine's mistakes: the course folder's `lessons/mistakes.yaml`, else
    /// the lessons folder's, else the catalogue built into the binary.
    var mistakes: MistakeCatalogue {
        let folders = (content.map { [$0 + "/lessons"] } ?? []) + [lessonsDirectory]
        return folders.lazy.compactMap(MistakeCatalogue.load(directory:)).first ?? .builtIn
    }

    /// The exercises this course offers, looked up in the course folder first.
    var exercises: ExerciseCatalog { ExerciseCatalog(content: content, exercisesDirectory: exercisesDirectory, mistakes: mistakes) }
}
