/// Time buckets for `wip`, `throughput` and `cfd`: a grid of `step`-wide buckets aligned to Monday
/// 1970-01-05, so `step 7d` buckets are ISO weeks and `step 1d` buckets are days. Values are in the
/// time column's unit: days for dates, microseconds for datetimes.
public struct BucketGrid: Sendable {
    /// Monday 1970-01-05, in days.
    public static let mondayDay: Int64 = 4
    /// The bucket width, in the time unit.
    public var step: Int64
    /// A time inside the first bucket, or nil for the bucket of the earliest time.
    public var from: Int64?
    /// A time inside the last bucket, or nil for the bucket of the latest time.
    public var to: Int64?
    /// True when times are dates (days), false for datetimes (microseconds).
    public var isDate: Bool

    /// The grid's anchor (a Monday at midnight) in the time unit.
    public var anchor: Int64 { isDate ? BucketGrid.mondayDay : BucketGrid.mondayDay * Temporal.microsPerDay }

    /// The number of the bucket holding `t` (0 is the bucket starting at the anchor).
    @inline(__always) public func bucket(_ t: Int64) -> Int64 { Temporal.floorDiv(t &- anchor, step) }

    /// Where bucket `b` starts.
    @inline(__always) public func start(_ b: Int64) -> Int64 { anchor &+ b &* step }
}

/// What `flow` computes: per item, its stage entry dates and flow times (`docs/flow.md`).
public struct FlowSpec: Sendable {
    /// Input columns: the item, the time of the move, the state entered.
    public var item: Int, time: Int, state: Int
    /// The workflow's stages in order, or nil to take them in order of first appearance in time.
    public var stages: [String]?
    /// The stage where cycle time starts and the one where it ends.
    public var start: String, finish: String
    /// Where `start=` and `finish=` stand (for "not in the data" errors while running).
    public var startRange: SourceRange, finishRange: SourceRange
    /// `entry=last` (default): a stage's date is its last entry; `entry=first`: its first entry.
    public var entryLast: Bool
    /// `calendar=workdays`: count Monday–Friday days minus `holidays`.
    public var workdays: Bool
    /// Holiday weekdays (day numbers, sorted) left out of working days.
    public var holidays: [Int64]
    /// `count=inclusive` (default): a same-day span is 1 day; `count=elapsed`: 0.
    public var inclusive: Bool
    /// The day ages are measured to (`today=` or the statement's today).
    public var today: Int64
    /// The active stages for flow efficiency, or nil for no efficiency columns.
    public var active: [String]?
}

/// What `wip` computes: per bucket (and key), the rows with start ≤ bucket start < end.
public struct WipSpec: Sendable {
    /// The interval's start and end (end null = still open).
    public var start: BoundExpr, end: BoundExpr
    /// The buckets.
    public var grid: BucketGrid
    /// The keys after `by`.
    public var keys: [BoundExpr]
}

/// What `throughput` computes: per bucket (and key), the rows whose time falls in it.
public struct ThroughputSpec: Sendable {
    /// The finish time.
    public var time: BoundExpr
    /// The buckets.
    public var grid: BucketGrid
    /// The keys after `by`.
    public var keys: [BoundExpr]
}

/// What `cfd` computes: per bucket (and key) and stage, the items at that stage or later at the
/// bucket's end, and the moves across the stage's line during the bucket.
public struct CfdSpec: Sendable {
    /// Input columns: the item, the time of the move, the state entered.
    public var item: Int, time: Int, state: Int
    /// The stages in order.
    public var stages: [String]
    /// The buckets.
    public var grid: BucketGrid
    /// The keys after `by`.
    public var keys: [BoundExpr]
}

/// What `aging` computes: for each started, unfinished item of a `flow` result, how its age compares
/// with the cycle times of the finished ones.
public struct AgingSpec: Sendable {
    /// The input's `cycletime` and `age` columns.
    public var cycletime: Int, age: Int
    /// The percentile of the service level expectation (85 by default).
    public var percentile: Double
}
