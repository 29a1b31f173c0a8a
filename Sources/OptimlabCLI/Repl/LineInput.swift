/// What reading a line produced.
enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C: the current input was cancelled.
    case interrupted
    /// Ctrl-D or the end of input.
    case end
}
