import OptimlabEngine

/// Where a submission first left the reference: the step (1-based), the coordinate, both values, and
/// a few steps of that coordinate from both traces side by side.
public struct Divergence: Sendable, Equatable {
    public var step: Int
    /// The tensor name and the index inside it ("lr" for a schedule).
    public var tensor: String
    public var index: Int
    public var expected: Double
    public var got: Double
    public var relativeError: Double
    /// (step, expected, got) for the diverging coordinate around `step`.
    public var window: [Row]

    public struct Row: Sendable, Equatable {
        public var step: Int
        public var expected: Double
        public var got: Double?

        public init(step: Int, expected: Double, got: Double?) {
            self.step = step; self.expected = expected; self.got = got
        }
    }

    public init(step: Int, tensor: String, index: Int, expected: Double, got: Double, relativeError: Double, window: [Row]) {
        self.step = step; self.tensor = tensor; self.index = index
        self.expected = expected; self.got = got; self.relativeError = relativeError; self.window = window
    }

    /// The first value outside `tolerance`, scanning steps in order and coordinates within a step;
    /// nil when every reported value is accepted. `names` and `lengths` label flat indices.
    static func first(expected: [[Double]], got: [[Double]], tolerance: Tolerance,
                      names: [String], lengths: [Int]) -> Divergence? {
        for (k, want) in expected.enumerated() where k < got.count {
            for (i, w) in want.enumerated() {
                let g = i < got[k].count ? got[k][i] : .nan
                if tolerance.accepts(g, w) { continue }
                let (tensor, local) = label(i, names: names, lengths: lengths)
                let rows = max(0, k - 2)..<min(expected.count, k + 3)
                return Divergence(step: k + 1, tensor: tensor, index: local, expected: w, got: g,
                                  relativeError: Tolerance.relativeError(g, w),
                                  window: rows.map { s in
                                      Row(step: s + 1, expected: expected[s][i], got: s < got.count && i < got[s].count ? got[s][i] : nil)
                                  })
            }
        }
        return nil
    }

    static func label(_ flat: Int, names: [String], lengths: [Int]) -> (String, Int) {
        var offset = 0
        for (name, length) in zip(names, lengths) {
            if flat < offset + length { return (name, flat - offset) }
            offset += length
        }
        return ("value", flat)
    }
}
