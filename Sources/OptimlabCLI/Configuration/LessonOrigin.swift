/// Where a lesson was read from, as `optimlab lessons` reports it.
enum LessonOrigin: Equatable, Sendable, CustomStringConvertible {
    /// `--lessons DIR`.
    case option(String)
    /// `$OPTIMLAB_LESSONS`.
    case environment(String)
    /// `./lessons` in the current directory.
    case currentDirectory
    /// The first `lessons/` walking up from the executable (a `swift run` finds the package's).
    case package(String)
    /// The lessons built into the binary.
    case builtIn
    /// The course folder's `lessons/` (`--content DIR` or `$OPTIMLAB_CONTENT`).
    case content(String)

    var description: String {
        switch self {
        case .option(let dir): return "--lessons \(dir)"
        case .environment(let dir): return "$OPTIMLAB_LESSONS (\(dir))"
        case .currentDirectory: return "./lessons"
        case .package(let dir): return "the package (\(dir))"
        case .builtIn: return "built in"
        case .content(let dir): return "--content \(dir)"
        }
    }
}
