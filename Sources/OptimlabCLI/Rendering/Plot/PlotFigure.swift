/// A point of a plot, in data coordinates.
public struct PlotPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// One named curve or path: consecutive points are joined by straight segments; a non-finite point
/// (or a non-positive one on a log axis) breaks the line.
public struct PlotSeries: Sendable, Equatable {
    public var name: String
    public var points: [PlotPoint]
    public init(name: String, points: [PlotPoint]) { self.name = name; self.points = points }
}

/// A single labelled point drawn with its own character (a start, a minimum).
public struct PlotMarker: Sendable, Equatable {
    public var point: PlotPoint
    public var unicode: Character
    public var ascii: Character
    public var label: String
    public init(point: PlotPoint, unicode: Character, ascii: Character, label: String) {
        self.point = point; self.unicode = unicode; self.ascii = ascii; self.label = label
    }
}

/// Values of a 2-D function sampled on a grid, and the levels to draw contour lines at. The values are
/// computed by whoever owns the function (the engine); the plot only traces the level sets.
public struct ContourField: Sendable, Equatable {
    public var xs: [Double]
    public var ys: [Double]
    /// One row per entry of `ys`, one value per entry of `xs`.
    public var values: [[Double]]
    public var levels: [Double]
    public init(xs: [Double], ys: [Double], values: [[Double]], levels: [Double]) {
        self.xs = xs; self.ys = ys; self.values = values; self.levels = levels
    }
}

/// Everything a plot shows, as data: the text and SVG renderers draw the same figure.
public struct PlotFigure: Sendable, Equatable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [PlotSeries]
    public var markers: [PlotMarker] = []
    public var contours: ContourField?
    public var logY = false
    /// Fixed axis ranges; when nil the axis fits the data (and the contour grid) with round ticks.
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// Whether x counts steps, so ticks are whole numbers.
    public var xCountsSteps = false
    /// Whether the fitted y axis must include 0 (learning rates, losses).
    public var yIncludesZero = false
    /// Rows of the plotting area in a terminal.
    public var rows = 16

    public init(title: String, xLabel: String, yLabel: String, series: [PlotSeries]) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series
    }
}
