/// The harness library every exercise links against (module `OptimlabHarness`). Its source is the real
/// file `Sources/OptimlabHarness/OptimlabHarness.swift` (a package target, so `swift build` compiles
/// it); the EmbedHarness build plugin embeds it here as `text`. The grader compiles it once into a static
/// library per toolchain (see ``HarnessLibrary``); a submission adds its own file and a glue file
/// generated from the exercise's API (see ``ExerciseAPI/glue(for:)``).
enum HarnessSource {
    static let moduleName = "OptimlabHarness"
}
