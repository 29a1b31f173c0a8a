/// What reading a line produced.
enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C: the current input was cancelled.
    case interrupted
    /// Ctrl-D or the end of input.
    case end
}

/// Where the REPL's lines come from: GNU readline on a terminal, plain lines otherwise.
protocol LineReader {
    mutating func read(prompt: String) -> LineInput
    /// Called once when the REPL stops (readline saves its history here).
    mutating func finish()
}

/// Plain lines with no prompt and no echo, so `optimlab < answers.txt` gives a clean transcript. The
/// source is injectable so tests can drive the REPL from a string.
struct PlainLineReader: LineReader {
    var nextLine: () -> String?

    init(nextLine: @escaping () -> String? = { Swift.readLine(strippingNewline: true) }) {
        self.nextLine = nextLine
    }

    /// Reads from a fixed list of lines.
    init(lines: [String]) {
        var remaining = lines[...]
        self.init { remaining.popFirst() }
    }

    mutating func read(prompt: String) -> LineInput {
        nextLine().map(LineInput.line) ?? .end
    }

    mutating func finish() {}
}
