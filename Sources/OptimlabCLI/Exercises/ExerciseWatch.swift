import Foundation
import OptimlabCourseware
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Set by `watch`'s SIGINT handler (an async-signal-safe store) and read by its loop.
let watchInterrupted = Atomic<Bool>(false)

/// The loop behind `watch`: stat the file every `interval` ms, grade on change, advance on a pass.
struct ExerciseWatch {
    var loop: ExerciseLoop
    let store: ProgressStore
    let terminal: Terminal
    let interval: Int32
    /// The progress as last read or saved, the base of the next save's merge: a REPL on the same file
    /// keeps its lesson work while `watch` records gradings.
    var saved: LearnerProgress

    mutating func run(start name: String?, progress: inout LearnerProgress) throws {
        guard var id = name ?? loop.current(progress) else {
            show([.success("Every exercise passes. `optimlab solution ID` shows a reference solution.")])
            return
        }
        Self.catchInterrupts()
        var keys = KeyInput()
        defer { keys.restore() }
        var path = try begin(id, progress: &progress)
        var stamp = FileStamp(path: path)
        try grade(id, progress: &progress)
        while true {
            let typed = keys.wait(milliseconds: interval)
            if typed.contains(UInt8(ascii: "q")) || typed.contains(4) || watchInterrupted.load(ordering: .relaxed) { break }
            guard let now = FileStamp(path: path), now != stamp else { continue }
            usleep(60_000)                          // let a save that writes in pieces finish
            stamp = FileStamp(path: path)
            guard try grade(id, progress: &progress) else { continue }
            guard let next = loop.next(after: id, progress) else {
                show([.success("Every exercise passes. Well done!")])
                break
            }
            id = next
            path = try begin(id, progress: &progress)
            stamp = FileStamp(path: path)
        }
        show([.note("Left watch; progress saved.")])
    }

    /// Ctrl-C sets a flag the loop reads, so it leaves through the terminal restore. A parent may
    /// have started us with SIGINT blocked (test runners do), so it is unblocked too.
    static func catchInterrupts() {
        signal(SIGINT) { _ in watchInterrupted.store(true, ordering: .relaxed) }
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
    }

    /// Writes the starter if needed and says what is watched.
    mutating func begin(_ id: String, progress: inout LearnerProgress) throws -> String {
        show(try loop.start(id, &progress))
        save(&progress)
        let exercise = try loop.catalog.load(id)
        let path = loop.workspace.file(for: exercise)
        show([.note("Watching \(path): save it to re-grade. q or Ctrl-C leaves.")])
        return path
    }

    /// Grades once, shows the verdict, saves; true on a pass.
    @discardableResult
    mutating func grade(_ id: String, progress: inout LearnerProgress) throws -> Bool {
        let stamp = Self.clock()
        show([.section("— \(id), graded at \(stamp) —")])
        let (report, displays) = try loop.grade(id, &progress)
        show(displays)
        save(&progress)
        return report.passed
    }

    mutating func save(_ progress: inout LearnerProgress) {
        do {
            progress = try store.save(progress, since: saved)
            saved = progress
        } catch { show([.warning("Progress not saved: \(error)")]) }
    }

    func show(_ displays: [Display]) {
        for d in displays { print(DisplayRenderer.render(d, terminal: terminal)) }
        fflush(nil)
    }

    static func clock() -> String {
        let f = DateFormatter()
        f.dateFormat = "HH:mm:ss"
        return f.string(from: Date())
    }
}
