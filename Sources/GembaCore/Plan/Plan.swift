/// One aggregate of `summarize`: which function, over what.
public struct AggregateCall: Sendable {
    /// The aggregate function.
    public var function: AggregateFunction
    /// Its arguments (none for `count()`).
    public var arguments: [BoundExpr]
    /// The result type.
    public var type: DataType
    /// An aggregate call.
    public init(function: AggregateFunction, arguments: [BoundExpr], type: DataType) {
        self.function = function; self.arguments = arguments; self.type = type
    }
}

/// What `series` computes.
public struct SeriesSpec: Sendable {
    /// The time expression (a date or datetime).
    public var time: BoundExpr
    /// The first bucket's start, or nil for the bucket of the earliest time.
    public var from: Int64?
    /// The last time included, or nil for the latest time.
    public var to: Int64?
    /// The bucket width, in the time's unit.
    public var step: Int64
    /// The keys after `by`.
    public var keys: [BoundExpr]
    /// The aggregates.
    public var aggregates: [AggregateCall]
}

/// One bound sort key.
public struct BoundSortKey: Sendable {
    /// What is sorted on.
    public var expr: BoundExpr
    /// Descending order.
    public var descending: Bool
    /// Nulls before values.
    public var nullsFirst: Bool
    /// A sort key.
    public init(expr: BoundExpr, descending: Bool, nullsFirst: Bool) {
        self.expr = expr; self.descending = descending; self.nullsFirst = nullsFirst
    }
}

/// A bound, typed logical plan: what to compute, with every name resolved. Each node knows its output
/// columns.
public struct Plan: Sendable {
    /// The operation at this node.
    public indirect enum Node: Sendable {
        /// Rows of a table already in memory (a stored table, `datatable`, or `_`).
        case table(Table)
        /// `range(from, to, step)`: one int, float, date, datetime or duration column `value`.
        case range(from: Value, to: Value, step: Value)
        /// Keep rows where the predicate is true.
        case filter(Plan, BoundExpr)
        /// Compute these columns (extend, project, rename and project-away all become this).
        case project(Plan, [BoundExpr])
        /// Group by `keys` and compute `aggregates`; output is the keys, then the aggregates.
        case aggregate(Plan, keys: [BoundExpr], aggregates: [AggregateCall])
        /// A stable sort.
        case sort(Plan, [BoundSortKey])
        /// The first `n` rows.
        case limit(Plan, Int)
        /// Unique rows of the input.
        case distinct(Plan)
        /// One row with the number of input rows.
        case count(Plan)
        /// Write the input to a file.
        case export(Plan, path: String)
        /// Keep the input as a table (`export table NAME`), stored in the workspace when one is open.
        case exportTable(Plan, name: String)
        /// Match rows of two inputs on equal keys (column positions on each side).
        case join(Plan, Plan, JoinKind, leftKeys: [Int], rightKeys: [Int])
        /// The rows of all inputs, columns matched by name into `fields` (missing ones are null).
        case union([Plan])
        /// Aggregates per key and time bucket, every bucket from `from` to `to` present. Time values are
        /// in the time column's unit (days for dates, microseconds for datetimes), as is `step`.
        case series(Plan, SeriesSpec)
        /// One row per item of a transitions table: stage entry dates and flow times.
        case flow(Plan, FlowSpec)
        /// Items in progress per bucket.
        case wip(Plan, WipSpec)
        /// Items finished per bucket, zero-filled.
        case throughput(Plan, ThroughputSpec)
        /// A cumulative flow diagram: per bucket and stage.
        case cfd(Plan, CfdSpec)
        /// Age and pace of the unfinished items of a `flow` result.
        case aging(Plan, AgingSpec)
        /// A Monte Carlo forecast from daily throughput: a row per percentile.
        case forecast(Plan, ForecastSpec)
        /// The input with a process behaviour chart's columns added.
        case xmr(Plan, XmrSpec)
        /// A conversion funnel over transitions: a row per stage.
        case funnel(Plan, FunnelSpec)
        /// Allocated hours against effective capacity per key and period.
        case utilization(Plan, UtilizationSpec)
        /// Each item's value shared among the keys of its allocations by hours.
        case attribute(Plan, AttributeSpec)
        /// Little's law over a window: average WIP next to throughput × cycle time.
        case littles(Plan, LittlesSpec)
        /// Each row's share of its group's total, in percent.
        case share(Plan, ShareSpec)
        /// Draw the input as a chart (`render`): the statement's result is the table and the spec.
        case render(Plan, ChartSpec)
    }

    /// The operation.
    public var node: Node
    /// The output columns.
    public var fields: [Field]
    /// The source text this node came from (for errors while executing).
    public var range: SourceRange

    /// A plan node.
    public init(_ node: Node, fields: [Field], range: SourceRange) {
        self.node = node; self.fields = fields; self.range = range
    }

    /// A one-row, one-column plan computing a scalar expression (a bare expression statement).
    public static func scalarRow(_ expr: BoundExpr, range: SourceRange) -> Plan {
        let one = Plan(.table(Table(fields: [], columns: [], rowCount: 1)), fields: [], range: range)
        return Plan(.project(one, [expr]), fields: [Field("value", expr.type)], range: range)
    }
}
