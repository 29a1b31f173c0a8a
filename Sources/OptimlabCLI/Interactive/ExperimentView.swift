import OptimlabCourseware
import OptimlabEngine

/// `optimlab experiment … --interactive`: the experiment's loss curves and measured effects with the
/// break-it switches as toggles. A switch that is on is flipped on every run it applies to (the engine
/// says which: ``RunSetup/breaking(_:)``), each broken run next to its correct twin; the runs are the
/// engine's (``ExperimentRequest/report()``), rerun on every toggle.
///
/// Keys: ↑/↓ (k/j) pick a switch, space, Enter or x flips it, 1–8 flip one directly, r resets, q leaves.
public struct ExperimentView: InteractiveView {
    public let base: ExperimentRequest
    /// The switches on, in the order of ``BreakSwitch/allCases``.
    public private(set) var on: [BreakSwitch]
    public private(set) var selected = 0
    /// Why the last toggle was refused.
    public private(set) var message: String?
    public private(set) var report: PlotReport?
    let terminal: Terminal
    /// The command that draws the experiment with the switches it started with (nil inside a lesson), and
    /// the switches that command flips by itself (a preset's own).
    let command: (text: String, intrinsic: [BreakSwitch])?
    private let initial: [BreakSwitch]

    public init(request: ExperimentRequest, terminal: Terminal, command: String? = nil, intrinsic: [BreakSwitch] = []) {
        base = request
        let flipped = Set(request.entries.flatMap(\.switches))
        on = BreakSwitch.allCases.filter { flipped.contains($0) }
        initial = on
        self.terminal = terminal
        self.command = command.map { ($0, intrinsic) }
        report = try? current.report()
    }

    /// The request with the switches that are on applied to each run they apply to.
    public var current: ExperimentRequest { base.applying(on) }

    // MARK: keys

    public mutating func handle(_ key: Key) -> ViewResponse {
        if let leave = key.leaving { return leave }
        let all = BreakSwitch.allCases
        switch key {
        case .up, .character("k"): selected = (selected + all.count - 1) % all.count; message = nil
        case .down, .character("j"), .tab: selected = (selected + 1) % all.count; message = nil
        case .space, .enter, .character("x"): toggle(all[selected])
        case .character(let c) where c.wholeNumberValue.map { (1...all.count).contains($0) } ?? false:
            selected = (c.wholeNumberValue ?? 1) - 1
            toggle(all[selected])
        case .character("r"):
            on = initial; selected = 0; message = nil
            report = try? current.report()
        default: return .ignore
        }
        return .redraw
    }

    /// Flips `s`; refused (with the engine's reason) when it applies to none of the runs.
    mutating func toggle(_ s: BreakSwitch) {
        if let i = on.firstIndex(of: s) {
            on.remove(at: i)
        } else {
            if let reason = base.refusal(of: s) { message = reason; return }
            on = BreakSwitch.allCases.filter { on.contains($0) || $0 == s }
        }
        message = nil
        do { report = try current.report() } catch { message = error.message }
    }

    // MARK: drawing

    public func frame(size: TerminalSize) -> [String] {
        let width = size.columns - 1
        let keys = terminal.unicode ? "↑↓ pick  space flip  1-8 flip one  r reset  q quit" : "up/down pick  space flip  1-8 flip one  r reset  q quit"
        let title = FrameLayout.plain(base.title, terminal: terminal)
        let top = [FrameLayout.header(title, keys: keys, width: width, terminal: terminal)] + switchRows(width: width)
        guard let report else {
            return FrameLayout.stack(top: top, middle: [], bottom: [FrameLayout.footer(message ?? "", warning: true, width: width, terminal: terminal)],
                                     rows: size.rows)
        }
        var figure = report.figure
        figure.title = ""
        let table = report.table.map { FrameLayout.cropped(FrameLayout.plain($0, terminal: terminal), width, terminal: terminal) }
        let status = message.map { "refused: " + $0 } ?? "\(BreakSwitch.allCases[selected].rawValue): \(BreakSwitch.allCases[selected].summary())"
        let footer = FrameLayout.footer(status, warning: message != nil, width: width, terminal: terminal)
        let plot = FrameLayout.plot(figure, width: width, height: size.rows, otherRows: top.count + table.count + 1, terminal: terminal)
        return FrameLayout.stack(top: top, middle: plot + table, bottom: [footer], rows: size.rows)
    }

    /// `[x] 1 no-bias-correction` for every switch, in as many columns of 26 as fit.
    func switchRows(width: Int) -> [String] {
        let all = BreakSwitch.allCases
        let cellWidth = 26
        let cells = all.enumerated().map { i, s -> String in
            let pointer = i == selected ? terminal.symbol("▸", ascii: ">") : " "
            let text = "\(pointer) \(on.contains(s) ? "[x]" : "[ ]") \(i + 1) \(s.rawValue)".padding(cellWidth)
            return i == selected ? terminal.styled(text, .bold) : text
        }
        let columns = max(1, min(4, width / cellWidth))
        return stride(from: 0, to: cells.count, by: columns).map { start in
            cells[start..<min(start + columns, cells.count)].joined()
        }
    }

    /// The command with the switches that are on, or (in a lesson) which switches are on.
    public var equivalentCommand: String {
        guard let command else { return "switches on: " + (on.isEmpty ? "none" : on.map(\.rawValue).joined(separator: ", ")) }
        let extra = on.filter { !command.intrinsic.contains($0) }
        var text = command.text + (extra.isEmpty ? "" : " --switch " + extra.map(\.rawValue).joined(separator: ","))
        let off = command.intrinsic.filter { !on.contains($0) }
        if !off.isEmpty {
            text += "\n(\(off.map(\.rawValue).joined(separator: ", ")) turned off: the preset always flips it; its correct run is the curve without brackets)"
        }
        return text
    }
}
