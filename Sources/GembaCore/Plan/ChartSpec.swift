/// The kinds of chart `render` draws.
public enum ChartKind: String, Sendable, CaseIterable {
    /// Horizontal bars, one per row (grouped by a series).
    case bar
    /// Vertical columns, one per row (grouped, or stacked with `stacked=true`).
    case column
    /// Lines over a numeric or time x axis.
    case line
    /// Lines over a time x axis, one per series.
    case timechart
    /// Filled areas, layered (cumulative counts such as a CFD's) or stacked with `stacked=true`.
    case area
    /// Points, with horizontal percentile lines (`percentiles=(50, 85, 95)`).
    case scatter
    /// The distribution of one numeric column, binned.
    case histogram
    /// A process behaviour chart from `xmr`'s output: values, mean and natural process limits.
    case xmr
}

/// What `render` draws, with its columns resolved to positions in the result.
public struct ChartSpec: Sendable, Equatable {
    /// The kind of chart.
    public var kind: ChartKind
    /// The title (`title="..."`), if any.
    public var title: String?
    /// The x column (for `histogram`, the binned column is `y[0]`).
    public var x: Int
    /// The value columns.
    public var y: [Int]
    /// The column whose values split the rows into series, if any.
    public var series: Int?
    /// The width asked for: terminal columns, or SVG pixels ÷ 8 (`width=N`); nil to fit.
    public var width: Int?
    /// The height asked for: terminal lines, or SVG pixels ÷ 16 (`height=N`); nil for the default.
    public var height: Int?
    /// A logarithmic value axis (`log=true`).
    public var log: Bool
    /// Horizontal percentile lines of the y values (`percentiles=(50, 85, 95)`), for scatter.
    public var percentiles: [Double]
    /// Stack the series (`stacked=true`) for column and area.
    public var stacked: Bool
    /// The number of bins of a histogram (`bins=N`); nil for Sturges' rule.
    public var bins: Int?
    /// For `xmr`: the columns `mean`, `unpl`, `lnpl` and `signal` of xmr's output.
    public var limits: XmrColumns?

    /// A chart spec.
    public init(kind: ChartKind, title: String? = nil, x: Int, y: [Int], series: Int? = nil, width: Int? = nil,
                height: Int? = nil, log: Bool = false, percentiles: [Double] = [], stacked: Bool = false,
                bins: Int? = nil, limits: XmrColumns? = nil) {
        self.kind = kind; self.title = title; self.x = x; self.y = y; self.series = series
        self.width = width; self.height = height; self.log = log; self.percentiles = percentiles
        self.stacked = stacked; self.bins = bins; self.limits = limits
    }
}

/// Where `xmr`'s columns stand in a result drawn as an XmR chart.
public struct XmrColumns: Sendable, Equatable {
    /// x̄.
    public var mean: Int
    /// The upper natural process limit.
    public var upper: Int
    /// The lower natural process limit.
    public var lower: Int
    /// The signal column, if present.
    public var signal: Int?
    /// The columns.
    public init(mean: Int, upper: Int, lower: Int, signal: Int?) {
        self.mean = mean; self.upper = upper; self.lower = lower; self.signal = signal
    }
}
