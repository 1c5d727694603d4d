/// An expression as written, with the range it covers.
public struct Expr: Sendable {
    /// What the expression is.
    public indirect enum Kind: Sendable {
        /// A literal value.
        case literal(Value)
        /// A column, scalar constant, or table name.
        case name(String)
        /// `-x`, `not x`.
        case unary(String, Expr)
        /// `a + b`, `a and b`, `a contains b`, ...
        case binary(String, Expr, Expr)
        /// `f(a, b)`; `count()` has no arguments.
        case call(String, [Expr])
        /// `x in (a, b)` / `x !in (a, b)`.
        case inList(Expr, [Expr], negated: Bool)
        /// `x between (lo .. hi)` / `x !between (lo .. hi)`.
        case between(Expr, Expr, Expr, negated: Bool)
        /// `e[i]`, as in `split(s, ",")[0]`.
        case index(Expr, Expr)
        /// A parenthesised query used as a source: `(items | where ...)`.
        case subquery(Query)
        /// `datatable(a:int, b:string) [1, "x"]`.
        case datatable([(String, DataType)], [Expr])
        /// `*`, as in `count(*)` or `distinct *`.
        case star
    }
    /// What the expression is.
    public var kind: Kind
    /// Where it stands.
    public var range: SourceRange
    /// The levels of the tree below and including this node (a leaf is 1), kept as nodes are made so
    /// that the parser can refuse a tree too deep to walk without reading it recursively.
    public private(set) var depth: Int
    /// An expression.
    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
        switch kind {
        case .literal, .name, .star, .subquery, .datatable: depth = 1
        case .unary(_, let x): depth = x.depth + 1
        case .binary(_, let l, let r), .index(let l, let r): depth = max(l.depth, r.depth) + 1
        case .call(_, let args): depth = (args.map(\.depth).max() ?? 0) + 1
        case .inList(let x, let items, _): depth = max(x.depth, items.map(\.depth).max() ?? 0) + 1
        case .between(let x, let lo, let hi, _): depth = max(x.depth, lo.depth, hi.depth) + 1
        }
    }

    /// The name if this is a bare name.
    public var bareName: String? { if case .name(let n) = kind { return n } else { return nil } }
}

/// `NAME = EXPR` or a bare `EXPR` in extend, project, summarize and by lists.
public struct Assignment: Sendable {
    /// The name given, if any.
    public var name: String?
    /// Where the name stands.
    public var nameRange: SourceRange?
    /// The value.
    public var expr: Expr
    /// An assignment.
    public init(name: String?, nameRange: SourceRange?, expr: Expr) {
        self.name = name; self.nameRange = nameRange; self.expr = expr
    }
}

/// A name as written, with its range.
public struct NameRef: Sendable {
    /// The name.
    public var name: String
    /// Where it stands.
    public var range: SourceRange
    /// A name.
    public init(_ name: String, _ range: SourceRange) { self.name = name; self.range = range }
}

/// One key of `sort by` or `top ... by`.
public struct SortKey: Sendable {
    /// The expression sorted on.
    public var expr: Expr
    /// True for `desc`.
    public var descending: Bool
    /// `nulls first` (true), `nulls last` (false), or unspecified (nil: last).
    public var nullsFirst: Bool?
    /// A sort key.
    public init(expr: Expr, descending: Bool, nullsFirst: Bool?) {
        self.expr = expr; self.descending = descending; self.nullsFirst = nullsFirst
    }
}

/// The kinds of join.
public enum JoinKind: String, Sendable, CaseIterable {
    case inner, left, right, full, semi, anti
}

/// One pipe operator as written.
public struct Operator: Sendable {
    /// What the operator is.
    public enum Kind: Sendable {
        case `where`(Expr)
        case extend([Assignment])
        case project([Assignment])
        case projectAway([NameRef])
        case rename([(new: NameRef, old: NameRef)])
        case summarize(aggregates: [Assignment], by: [Assignment])
        case sort([SortKey])
        case take(Expr)
        /// `top N by KEY, ...`: each key descending unless it says `asc`.
        case top(Expr, [SortKey])
        case distinct([NameRef])
        case count
        case export(path: String)
        case exportTable(NameRef)
        case join(JoinKind, Query, keys: [Expr])
        case union([Query])
        case series(aggregates: [Assignment], on: Expr, from: Expr?, to: Expr?, step: Expr, by: [Assignment])
        /// A flow operator (`flow`, `wip`, `throughput`, `cfd`, `aging`, `forecast`, `utilization`, ...)
        /// and its clauses, checked when bound.
        case flow(FlowOperator, FlowClauses)
        /// `render KIND [with (NAME=VALUE, ...)]`: draw the result as a chart.
        case render(kind: NameRef, options: [RenderOption])
    }
    /// What the operator is.
    public var kind: Kind
    /// Where it stands (its keyword to its end).
    public var range: SourceRange
    /// An operator.
    public init(_ kind: Kind, _ range: SourceRange) { self.kind = kind; self.range = range }
}

/// One `NAME=VALUE` option of `render ... with (...)`; a parenthesised list (`percentiles=(50, 85)`)
/// gives several values.
public struct RenderOption: Sendable {
    /// The option's name.
    public var name: NameRef
    /// Its value, or values for a list.
    public var values: [Expr]
    /// True when the value was written as a parenthesised list.
    public var isList: Bool
    /// Where the value stands.
    public var range: SourceRange
    /// An option.
    public init(name: NameRef, values: [Expr], isList: Bool, range: SourceRange) {
        self.name = name; self.values = values; self.isList = isList; self.range = range
    }
}

/// A source followed by pipe operators.
public struct Query: Sendable {
    /// The source: a name, `(query)`, `range(...)`, `datatable(...)`, or an expression when the
    /// statement turns out to be a scalar.
    public var head: Expr
    /// The operators, in order.
    public var operators: [Operator]
    /// Where the whole query stands.
    public var range: SourceRange
    /// A query.
    public init(head: Expr, operators: [Operator], range: SourceRange) {
        self.head = head; self.operators = operators; self.range = range
    }
}

/// One statement.
public enum Statement: Sendable {
    /// `let NAME = QUERY` or `let NAME = EXPR` (which one is decided when binding).
    case `let`(NameRef, Query)
    /// A query (or a bare expression) whose result is shown.
    case query(Query)
}

/// The production-system operators, which share one clause syntax.
public enum FlowOperator: String, Sendable, CaseIterable {
    case flow, wip, throughput, cfd, aging
    case forecast, xmr, funnel
    case utilization, attribute, littles, share
}

/// The clauses of a flow operator as written, in any order: options `NAME=VALUE` (`start="dev"`,
/// `entry=first`), lists `NAME (a, b, ...)` (`stages ("todo", "done")`), and clauses `WORD EXPR, ...`
/// (`on started, finished`, `step 7d`, `by team`), sources `over (QUERY)` or `over NAME`, and for some
/// operators a leading value (`attribute value over ...`); a flag word (`strict`) is a clause with no
/// values. Which ones an operator takes is checked when bound.
public struct FlowClauses: Sendable {
    /// The value written right after the operator's name (`attribute VALUE`), for the operators that
    /// take one.
    public var lead: Expr? = nil
    /// `over (QUERY)` / `over NAME`: another input.
    public var sources: [(name: NameRef, query: Query)] = []
    /// `NAME=VALUE` options.
    public var options: [(name: NameRef, value: Expr)] = []
    /// `NAME (a, b, ...)` lists.
    public var lists: [(name: NameRef, items: [Expr])] = []
    /// `WORD EXPR, ...` clauses (`by` may name its keys: `by week = startofweek(at)`).
    public var clauses: [(name: NameRef, values: [Assignment])] = []
    /// No clauses.
    public init() {}
}
