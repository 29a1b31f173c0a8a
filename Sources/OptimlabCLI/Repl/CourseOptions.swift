import ArgumentParser

/// `--lessons` and `--progress`, shared by the root command (the REPL) and `lessons`, so either
/// position on the command line reaches the command that runs.
struct CourseOptions: ParsableArguments {
    @Option(help: "The lessons directory (default: $OPTIMLAB_LESSONS, else ./lessons, else the package's).")
    var lessons: String?

    @Option(help: "The progress file (default: $XDG_STATE_HOME/optimlab/progress.json).")
    var progress: String?
}
