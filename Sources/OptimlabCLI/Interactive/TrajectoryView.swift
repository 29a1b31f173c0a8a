import OptimlabCourseware
import OptimlabEngine

/// `optimlab plot trajectory --animate`: the canyon with each optimizer's path drawn step by step, a
/// readout of every optimizer's loss, position and update at the current step, and live lr and β
/// sliders. The paths are the engine's runs (``Canyon/race(_:steps:lrs:betas:)``), rerun whenever a
/// slider moves; the view only shows a prefix of them.
///
/// Keys: space plays or pauses, ←/→ one step back or on (pausing), +/- double or halve the speed,
/// ↑/↓ (k/j) pick a slider, h/l move it, r resets, q leaves.
public struct TrajectoryView: InteractiveView {
    public private(set) var request: TrajectoryRequest
    /// The engine's race for ``request``.
    public private(set) var race: TrajectoryFigure
    public var paths: [Trajectory] { race.paths }
    /// How many steps are drawn.
    public private(set) var step = 0
    public private(set) var playing = true
    /// Steps per tick.
    public private(set) var speed = 1
    public private(set) var selected = 0
    let terminal: Terminal
    private let initial: TrajectoryRequest

    public static let betaChoices = [0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999]
    public static let maximumSpeed = 64

    public init(request: TrajectoryRequest, terminal: Terminal) {
        self.request = request
        initial = request
        race = request.compute()
        self.terminal = terminal
    }

    public var tickMilliseconds: Int? { playing ? 80 : nil }

    public mutating func tick() -> Bool {
        guard playing else { return false }
        step = min(step + speed, request.steps)
        if step == request.steps { playing = false }
        return true
    }

    // MARK: sliders

    /// lr, then β where the optimizer has one, for each optimizer.
    public var sliders: [Slider] {
        request.optimizers.flatMap { c -> [Slider] in
            let lr = Slider(field: "lr", label: "\(c.rawValue) lr", value: request.lr(of: c),
                            scale: .ladder(1e-4...10, allowsZero: false))
            guard let beta = request.betas[c] ?? c.defaultBeta else { return [lr] }
            return [lr, Slider(field: "beta", label: "\(c.rawValue) \(terminal.symbol("β", ascii: "beta"))", value: beta,
                               scale: .choices(Self.betaChoices))]
        }
    }

    /// The optimizer slider `index` belongs to.
    func owner(of index: Int) -> OptimizerChoice? {
        var i = index
        for c in request.optimizers {
            let n = c.defaultBeta == nil ? 1 : 2
            if i < n { return c }
            i -= n
        }
        return nil
    }

    // MARK: keys

    public mutating func handle(_ key: Key) -> ViewResponse {
        if let leave = key.leaving { return leave }
        switch key {
        case .space:
            if !playing && step >= request.steps { step = 0 }
            playing.toggle()
        case .right: playing = false; step = min(step + 1, request.steps)
        case .left: playing = false; step = max(step - 1, 0)
        case .character("+"), .character("="): speed = min(speed * 2, Self.maximumSpeed)
        case .character("-"), .character("_"): speed = max(speed / 2, 1)
        case .up, .character("k"): selected = (selected + sliders.count - 1) % sliders.count
        case .down, .character("j"), .tab: selected = (selected + 1) % sliders.count
        case .character("h"): return move(-1)
        case .character("l"): return move(1)
        case .character("r"):
            request = initial
            race = request.compute()
            step = 0; playing = true; speed = 1; selected = 0
        default: return .ignore
        }
        return .redraw
    }

    /// Moves the selected slider and reruns the engine's race.
    mutating func move(_ notches: Int) -> ViewResponse {
        let slider = sliders[selected]
        let value = slider.moved(by: notches)
        guard value != slider.value, let c = owner(of: selected) else { return .ignore }
        if slider.field == "lr" { request.lrs[c] = value } else { request.betas[c] = value }
        race = request.compute()
        return .redraw
    }

    // MARK: drawing

    func glyph(_ k: Int) -> Character { TextPlotRenderer.asciiGlyphs[k % TextPlotRenderer.asciiGlyphs.count] }

    public func frame(size: TerminalSize) -> [String] {
        let width = size.columns - 1
        let state = playing ? terminal.symbol("▶", ascii: ">") : terminal.symbol("⏸", ascii: "||")
        let title = "Canyon race  step \(step)/\(request.steps) \(state) ×\(speed)"
        let keys = terminal.unicode ? "space play/pause  ←→ step  +/- speed  ↑↓ pick  h/l move  r reset  q quit"
            : "space play/pause  left/right step  +/- speed  up/down pick  h/l move  r reset  q quit"
        let top = [FrameLayout.header(FrameLayout.plain(title, terminal: terminal), keys: keys, width: width, terminal: terminal)]
            + FrameLayout.sliders(sliders, selected: selected, width: width, terminal: terminal)
        let bottom = readout().map { FrameLayout.cropped(FrameLayout.plain($0, terminal: terminal), width, terminal: terminal) }
        let footer = FrameLayout.footer("f(x, y) = ½(\(PlotNumberFormat.value(request.canyon.a))x² + \(PlotNumberFormat.value(request.canyon.b))y²): x across the canyon, y along its floor; \(size)",
                                        warning: false, width: width, terminal: terminal)
        let plot = FrameLayout.plot(figure(), width: width, height: size.rows, otherRows: top.count + bottom.count + 1, terminal: terminal)
        return FrameLayout.stack(top: top, middle: plot + bottom, bottom: [footer], rows: size.rows)
    }

    /// The race's figure with each path cut at the current step and its head marked by its glyph.
    func figure() -> PlotFigure {
        var figure = race.report().figure
        figure.title = ""
        figure.xLabel = ""
        figure.yLabel = ""
        for (k, path) in paths.enumerated() {
            let shown = min(step, path.points.count - 1)
            figure.series[k].points = Array(figure.series[k].points.prefix(shown + 1))
            // In colour the legend's key is a coloured bar, so the name carries the head's glyph; without
            // colour the key already is the glyph.
            if terminal.color { figure.series[k].name = "\(glyph(k)) \(path.name)" }
            let head = path.points[shown]
            figure.markers.append(PlotMarker(point: PlotPoint(head.x, head.y), unicode: glyph(k), ascii: glyph(k), label: ""))
        }
        return figure
    }

    /// Each optimizer's loss, position and last update at the current step, and when it reached the target.
    func readout() -> [String] {
        let rows = paths.enumerated().map { k, path -> [String] in
            let shown = min(step, path.points.count - 1)
            let p = path.points[shown]
            let update = path.update(atStep: shown).map { "(\(PlotNumberFormat.value($0.x)), \(PlotNumberFormat.value($0.y)))" } ?? "-"
            let reached = race.arrival(k)
            return ["\(glyph(k)) \(path.name)", PlotNumberFormat.value(path.losses[shown]),
                    "(\(PlotNumberFormat.value(p.x)), \(PlotNumberFormat.value(p.y)))", update, reached]
        }
        let target = "loss ≤ \(PlotNumberFormat.value(request.targetLoss)) at"
        return TextTable.render(header: ["optimizer", "loss", "position (x, y)", "update of this step", target], rows: rows)
    }

    /// `optimlab plot trajectory --optimizers … --steps N --lr name=value … --beta name=value …`.
    public var equivalentCommand: String {
        var parts = ["optimlab plot trajectory", "--optimizers " + request.optimizers.map(\.rawValue).joined(separator: ","),
                     "--steps \(request.steps)"]
        for c in request.optimizers {
            parts.append("--lr \(c.rawValue)=\(Slider.clean(request.lr(of: c)))")
            if let beta = request.betas[c] { parts.append("--beta \(c.rawValue)=\(Slider.clean(beta))") }
        }
        if request.targetLoss != Canyon.defaultTargetLoss { parts.append("--target-loss \(request.targetLoss)") }
        return parts.joined(separator: " ")
    }
}
