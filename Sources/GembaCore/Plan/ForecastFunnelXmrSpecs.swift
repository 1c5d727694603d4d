/// What `forecast` computes (`docs/flow.md`): per key, a Monte Carlo simulation that samples the
/// calendar-day throughput of a history window with replacement, and the percentiles 50, 70, 85, 95
/// of its trials.
public struct ForecastSpec: Sendable {
    /// The question asked.
    public enum Question: Sendable, Equatable {
        /// `when N`: the day by which N items are done.
        case when(items: Int64)
        /// `howmany by DATE`: how many items are done by the end of that day (a day number).
        case howMany(by: Int64)
    }

    /// The question.
    public var question: Question
    /// Where the question stands (for errors found while running, such as a date before the start).
    public var questionRange: SourceRange
    /// The finish time of each row (a date or datetime; a datetime counts as its UTC day).
    public var time: BoundExpr
    /// The history window's first and last day (both counted), or nil for the defaults: the window
    /// ends on the latest finish day and is `ForecastSpec.defaultWindow` days long.
    public var from: Int64?, to: Int64?
    /// The first simulated day, or nil for the day after the history window.
    public var start: Int64?
    /// The number of trials.
    public var trials: Int
    /// The seed of the trials' random numbers.
    public var seed: UInt64
    /// The split rate: each trial multiplies the scope by a factor drawn uniformly from low...high
    /// (1 and 1 when not given).
    public var splitLow: Double, splitHigh: Double
    /// The keys after `per`: a forecast per key group.
    public var keys: [BoundExpr]

    /// The history window's length in days when `from` is not given.
    public static let defaultWindow: Int64 = 90
    /// The number of trials when `trials` is not given.
    public static let defaultTrials = 10_000
    /// The most trials allowed.
    public static let maxTrials = 1_000_000
    /// The seed when `seed` is not given.
    public static let defaultSeed: UInt64 = 1
    /// The longest a trial may run, in days (about ten years): a forecast that needs longer is an error.
    public static let horizon: Int64 = 3_650
    /// The percentiles reported, one row each.
    public static let percentiles: [Int] = [50, 70, 85, 95]
}

/// What `xmr` computes (`docs/flow.md`): per key group, in input order, the moving ranges, the mean,
/// the average moving range and the natural process limits of a series, and each point's signal.
public struct XmrSpec: Sendable {
    /// The series' values (int or float).
    public var value: BoundExpr
    /// The keys after `by`: a chart per key group.
    public var keys: [BoundExpr]
    /// The number of leading values (per group) the limits are computed from, or nil for all.
    public var baseline: Int?
}

/// What `funnel` computes (`docs/flow.md`): per key group and stage, the items that reached the
/// stage, the conversions, the median days to the next stage and the win rate.
public struct FunnelSpec: Sendable {
    /// Input columns: the item, the time of the move, the state entered.
    public var item: Int, time: Int, state: Int
    /// The funnel's stages in order.
    public var stages: [String]
    /// Where each stage is written (for "not in the data" errors while running).
    public var stageRanges: [SourceRange]
    /// `strict`: an item reaches a stage only after it entered every earlier stage, in order.
    public var strict: Bool
    /// `count=inclusive` (default): a same-day step takes 1 day; `count=elapsed`: 0.
    public var inclusive: Bool
    /// The keys after `by`: a funnel per key group.
    public var keys: [BoundExpr]
}
