import OptimlabCourseware
import OptimlabEngine

/// `optimlab plot schedule … --interactive`: the schedules' curves with one slider per field (peak,
/// warmup, total, floor, step size, γ …) and a step cursor. Every move rebuilds the recipe through the
/// engine (``ScheduleRecipe/make(name:fields:steps:)``, which also refuses impossible values) and redraws
/// the curve and the table of lr at the marked steps from the engine's schedules.
///
/// Keys: ↑/↓ (k/j) pick a slider, ←/→ (h/l) move it, H/L ten notches, m marks or unmarks the cursor's
/// step, r resets, q leaves.
public struct ScheduleView: InteractiveView {
    public private(set) var recipes: [ScheduleRecipe]
    public let steps: Int
    public private(set) var marks: [Int]
    public private(set) var cursor: Int
    public private(set) var selected = 0
    public let logY: Bool
    /// The engine's reason the last move was refused, shown in the footer.
    public private(set) var message: String?
    let terminal: Terminal
    private let initial: (recipes: [ScheduleRecipe], marks: [Int], cursor: Int)

    public init(request: ScheduleRequest, terminal: Terminal) {
        recipes = request.recipes
        steps = request.steps
        marks = request.marks
        cursor = request.marks.first ?? 0
        logY = request.logY
        self.terminal = terminal
        initial = (recipes, marks, cursor)
    }

    // MARK: sliders

    /// The step cursor, then each recipe's fields.
    public var sliders: [Slider] {
        let notch = max(1, steps / 100)
        var out = [Slider(field: "cursor", label: "step", value: Double(cursor), scale: .count(0...(steps - 1), step: notch))]
        for (k, r) in recipes.enumerated() {
            let prefix = recipes.count > 1 ? "\(k + 1). " : ""
            out += Self.fields(of: r, steps: steps).map { f in
                Slider(field: f.field, label: prefix + label(f.field), value: f.value, scale: f.scale)
            }
        }
        return out
    }

    static let shortNames = ["warmup_steps": "warmup", "total_steps": "total", "min_lr": "floor", "step_size": "step size"]

    /// A field's short name on the slider (γ spelled out on a plain terminal).
    func label(_ field: String) -> String {
        field == "gamma" ? terminal.symbol("γ", ascii: "gamma") : Self.shortNames[field] ?? field
    }

    /// A recipe's adjustable fields with their current values and how they move.
    static func fields(of r: ScheduleRecipe, steps: Int) -> [(field: String, value: Double, scale: Slider.Scale)] {
        let notch = max(1, steps / 100)
        let count = Slider.Scale.count(1...max(steps, 1), step: notch)
        let warmup = Slider.Scale.count(0...max(steps, 1), step: notch)
        let floor = Slider.Scale.ladder(1e-7...10, allowsZero: true)
        let gamma = Slider.Scale.linear(0...1, step: 0.05)
        var out: [(String, Double, Slider.Scale)] = [("peak", r.peak, .ladder(1e-6...10, allowsZero: false))]
        switch r.spec {
        case .constant: break
        case let .step(size, g): out += [("step_size", Double(size), count), ("gamma", g, gamma)]
        case let .multistep(_, g): out += [("gamma", g, gamma)]
        case let .cosine(total, minLR): out += [("total_steps", Double(total), count), ("min_lr", minLR, floor)]
        case let .warmupCosine(w, total, minLR), let .warmupLinear(w, total, minLR):
            out += [("warmup_steps", Double(w), warmup), ("total_steps", Double(total), count), ("min_lr", minLR, floor)]
        case let .inverseSqrt(w): out += [("warmup_steps", Double(w), warmup)]
        }
        return out.map { (field: $0.0, value: $0.1, scale: $0.2) }
    }

    /// Which recipe (nil: the cursor) and which of its fields slider `index` sets.
    func target(of index: Int) -> (recipe: Int, field: String)? {
        var i = index - 1
        guard i >= 0 else { return nil }
        for (k, r) in recipes.enumerated() {
            let fs = Self.fields(of: r, steps: steps)
            if i < fs.count { return (k, fs[i].field) }
            i -= fs.count
        }
        return nil
    }

    // MARK: keys

    public mutating func handle(_ key: Key) -> ViewResponse {
        if let leave = key.leaving { return leave }
        switch key {
        case .up, .character("k"): return pick(-1)
        case .down, .character("j"), .tab: return pick(1)
        case .left, .character("h"): return move(-1)
        case .right, .character("l"): return move(1)
        case .character("H"): return move(-10)
        case .character("L"): return move(10)
        case .character("m"), .enter, .space:
            if let i = marks.firstIndex(of: cursor) { marks.remove(at: i) } else { marks = (marks + [cursor]).sorted() }
            message = nil
            return .redraw
        case .character("r"):
            (recipes, marks, cursor) = initial
            selected = 0
            message = nil
            return .redraw
        default: return .ignore
        }
    }

    mutating func pick(_ delta: Int) -> ViewResponse {
        let n = sliders.count
        selected = (selected + delta + n) % n
        return .redraw
    }

    /// Moves the selected slider; the engine rebuilds the recipe or says why it cannot.
    mutating func move(_ notches: Int) -> ViewResponse {
        let slider = sliders[selected]
        let value = slider.moved(by: notches)
        guard value != slider.value else { return .ignore }
        guard let (k, field) = target(of: selected) else {
            cursor = Int(value)
            message = nil
            return .redraw
        }
        var fields = recipes[k].fields
        fields[field] = [value]
        do {
            recipes[k] = try ScheduleRecipe.make(name: recipes[k].spec.name, fields: fields, steps: steps)
            message = nil
        } catch {
            message = error.message
        }
        return .redraw
    }

    // MARK: drawing

    public var request: ScheduleRequest {
        var r = ScheduleRequest(recipes: recipes, steps: steps, marks: marks, logY: logY)
        r.title = ""
        r.cursor = cursor
        return r
    }

    public func frame(size: TerminalSize) -> [String] {
        let width = size.columns - 1
        let keys = terminal.unicode ? "↑↓ pick  ←→ move (H L ×10)  m mark  r reset  q quit"
            : "up/down pick  left/right move (H L x10)  m mark  r reset  q quit"
        let header = FrameLayout.header("Learning-rate schedule", keys: keys, width: width, terminal: terminal)
        let top = [header] + FrameLayout.sliders(sliders, selected: selected, width: width, terminal: terminal)
        let computed = request.compute()
        let report = computed.report()
        var figure = report.figure
        figure.xLabel = ""
        figure.yLabel = ""
        for (k, lr) in computed.atCursor.enumerated() {
            figure.markers.append(PlotMarker(point: PlotPoint(Double(cursor), lr), unicode: "▼", ascii: "V", label: k == 0 ? "cursor" : ""))
        }
        let readout = "step \(cursor): " + computed.atCursor.enumerated().map { k, lr in
            (recipes.count > 1 ? "\(k + 1). " : "") + "lr " + PlotNumberFormat.value(lr)
        }.joined(separator: "   ")
        let table = report.table.map { FrameLayout.plain($0, terminal: terminal) }
        let bottom = [FrameLayout.plain(readout, terminal: terminal)] + table
        let footer = FrameLayout.footer(message.map { "refused: " + $0 } ?? "\(marks.count) marked, \(size)",
                                        warning: message != nil, width: width, terminal: terminal)
        let plot = FrameLayout.plot(figure, width: width, height: size.rows,
                                    otherRows: top.count + bottom.count + 1, terminal: terminal)
        let lines = FrameLayout.stack(top: top, middle: plot + bottom.map { FrameLayout.cropped($0, width, terminal: terminal) },
                                      bottom: [footer],
                                      rows: size.rows)
        return lines
    }

    /// `optimlab plot schedule NAME field=value … --steps N [--mark s,s] [--log-y]`.
    public var equivalentCommand: String {
        var parts = ["optimlab plot schedule"] + recipes.map(\.summary) + ["--steps \(steps)"]
        if !marks.isEmpty { parts.append("--mark " + marks.map(String.init).joined(separator: ",")) }
        if logY { parts.append("--log-y") }
        return parts.joined(separator: " ")
    }
}
