import ArgumentParser

/// `--lessons`, `--progress` and `--seed`, shared by the root command (the REPL), `lessons` and `grade`,
/// so either position on the command line reaches the command that runs (an option the root and a
/// subcommand each declared for themselves would be taken by the root).
struct CourseOptions: ParsableArguments {
    @Option(help: "The lessons directory (default: $OPTIMLAB_LESSONS, else ./lessons, else the package's).")
    var lessons: String?

    @Option(help: "The progress file (default: $XDG_STATE_HOME/optimlab/progress.json).")
    var progress: String?

    @Option(help: "A fixed seed: the REPL gives every question this seed's inputs (what `lessons --answers --seed N` prints); `grade` draws its generated cases from it.")
    var seed: UInt64?
}
