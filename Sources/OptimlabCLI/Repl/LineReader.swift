/// Where the REPL's lines come from: GNU readline on a terminal, plain lines otherwise.
protocol LineReader {
    mutating func read(prompt: String) -> LineInput
    /// Called once when the REPL stops (readline saves its history here).
    mutating func finish()
}
