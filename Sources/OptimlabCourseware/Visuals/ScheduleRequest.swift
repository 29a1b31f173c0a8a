import OptimlabEngine

/// Learning-rate schedules to overlay, with the steps whose values are printed beside the plot.
public struct ScheduleRequest: Sendable, Equatable {
    public var recipes: [ScheduleRecipe]
    public var steps: Int
    public var marks: [Int]
    public var logY = false
    public var title = "Learning-rate schedule"
    /// A step to read every recipe's lr at without marking it (the interactive view's cursor).
    public var cursor: Int?

    /// The run lengths a lesson block may ask for.
    public static let stepRange = 2...100_000_000

    /// The run length when none is given, from the recipes' fields (as typed): the longest
    /// `total_steps`, else a third past the last milestone (so the last drop is in view), else 1000.
    public static func defaultSteps(_ fields: [[String: [Double]]]) -> Int {
        let totals = fields.compactMap { $0["total_steps"]?.first }.filter { $0.isFinite && $0 >= 2 && $0 <= 1e8 }
        if let t = totals.max() { return Int(t) }
        let milestones = fields.compactMap { $0["milestones"]?.max() }.filter { $0.isFinite && $0 >= 1 && $0 <= 1e8 }
        if let m = milestones.max() { return Int(m * 4 / 3) + 1 }
        return 1000
    }

    public init(recipes: [ScheduleRecipe], steps: Int, marks: [Int] = [], logY: Bool = false) {
        self.recipes = recipes; self.steps = steps; self.marks = marks; self.logY = logY
    }

    /// lr against step from the engine's schedules, lr at each marked step and at the cursor.
    public func compute() -> ScheduleFigure {
        ScheduleFigure(request: self,
                       curves: recipes.map { r in r.curve(steps: steps).map { ScheduleFigure.Point(step: $0.step, lr: $0.lr) } },
                       marked: recipes.map { r in marks.map { r.learningRate(atStep: $0) } },
                       atCursor: cursor.map { s in recipes.map { $0.learningRate(atStep: s) } } ?? [])
    }
}
