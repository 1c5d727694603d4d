/// What `utilization` computes: per key (a person's attributes) and period, the hours allocated against
/// the effective capacity, the over-allocation per person-day and the billable hours (`docs/flow.md`).
public struct UtilizationSpec: Sendable {
    /// The people (`people=`), or nil when the input rows are allocations already joined to people:
    /// then each person's capacity, dates and keys are read from their rows of the input.
    public var people: Plan?
    /// The allocations' person column, and the people's (the same column of the input when joined).
    public var person: Int, peoplePerson: Int
    /// Per allocation: its day (a date or datetime), hours, and whether they are billable (nil: no
    /// billable columns).
    public var day: BoundExpr, hours: BoundExpr, billable: BoundExpr?
    /// Per person: contracted hours a week, the first and last day with the firm (nil: no such column),
    /// and the keys after `by`.
    public var capacity: BoundExpr, start: BoundExpr?, end: BoundExpr?, keys: [BoundExpr]
    /// The window's first and last day (`from`, `to`), or nil for the allocations' earliest and latest.
    public var from: Int64?, to: Int64?
    /// The periods (`step`), or nil for one row per key over the whole window.
    public var grid: BucketGrid?
    /// Public holidays on weekdays (day numbers, sorted): no capacity.
    public var holidays: [Int64]
    /// Time off (`timeoff=`): a table with one row per person and day away, its person and day columns.
    public var timeoff: (plan: Plan, person: Int, day: Int)?
}

/// What `attribute` computes: each item's value shared among the keys of its allocations in
/// proportion to their hours; the value of items with no hours is kept under a null key.
public struct AttributeSpec: Sendable {
    /// Per item (the input): its value, and the column naming it.
    public var value: BoundExpr, item: Int
    /// The allocations (`over (...)`), their item column, hours and keys.
    public var allocations: Plan
    public var allocationItem: Int
    public var hours: BoundExpr
    public var keys: [BoundExpr]
}

/// What `littles` computes: over a window of days, average WIP next to average throughput × average
/// cycle time, per key.
public struct LittlesSpec: Sendable {
    /// Each item's start and finish (dates or datetimes; a null finish is still open).
    public var start: BoundExpr, finish: BoundExpr
    /// The window's first and last day, or nil for the data's.
    public var from: Int64?, to: Int64?
    /// The keys after `by`.
    public var keys: [BoundExpr]
}

/// What `share` computes: each row's share, in percent, of the total of its group, per value.
public struct ShareSpec: Sendable {
    /// The values shared (numbers).
    public var values: [BoundExpr]
    /// The groups (`by`); none: all rows are one group.
    public var keys: [BoundExpr]
    /// Decimals to round to, keeping each group's total at exactly 100 (largest remainders), or nil.
    public var digits: Int?
}
