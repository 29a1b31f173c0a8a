/// A full-screen view driven by keys: its state is a value, ``frame(size:)`` draws it (a pure function
/// of the state and the size, so tests compare frames as text), and ``handle(_:)`` changes it.
public protocol InteractiveView {
    /// What the frame loop does after a key.
    mutating func handle(_ key: Key) -> ViewResponse

    /// The rows of the screen, each at most `size.columns − 1` characters wide (so writing a row never
    /// wraps), at most `size.rows` of them.
    func frame(size: TerminalSize) -> [String]

    /// The non-interactive command that draws what the view shows now, printed when the view is left.
    var equivalentCommand: String { get }

    /// Milliseconds between ``tick()`` calls while the view animates; nil when it waits for keys only.
    var tickMilliseconds: Int? { get }

    /// Advances an animation by one tick; false when nothing changed.
    mutating func tick() -> Bool
}

extension InteractiveView {
    public var tickMilliseconds: Int? { nil }
    public mutating func tick() -> Bool { false }
}

/// The frame loop's next move after a key.
public enum ViewResponse: Equatable, Sendable {
    /// The state changed: draw a new frame.
    case redraw
    /// Nothing to draw.
    case ignore
    /// Leave (q, Escape).
    case quit
    /// Leave because of Ctrl-C.
    case interrupt
}

/// Keys every view understands the same way.
extension Key {
    /// q, Q and Escape leave a view; Ctrl-C too (as an interrupt).
    var leaving: ViewResponse? {
        switch self {
        case .character("q"), .character("Q"), .escape: .quit
        case .interrupt: .interrupt
        default: nil
        }
    }
}
