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
