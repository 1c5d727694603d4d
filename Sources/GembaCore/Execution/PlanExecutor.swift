/// What running a plan produced.
public enum ExecutionOutcome: Sendable {
    /// The result table.
    case table(Table)
    /// The result was written to a file.
    case exported(path: String, rows: Int)
    /// The result is to be kept as a table of this name.
    case storeTable(name: String, table: Table)
    /// The result is to be drawn as a chart (`render`).
    case chart(Table, ChartSpec)
    /// The chart is to be written as SVG to `path` (`render ... | export "x.svg"`); the core cannot
    /// draw, so the shell writes the file.
    case chartExport(path: String, table: Table, spec: ChartSpec)
}

/// Runs a bound plan over the in-memory store, one operator at a time over whole columns.
public enum PlanExecutor {
    /// Runs `plan`; an `export` at the top reports the file written instead of a table.
    public static func run(_ plan: Plan) throws(Diagnostic) -> ExecutionOutcome {
        if case .render(let input, let spec) = plan.node {
            return .chart(try execute(input), spec)
        }
        if case .export(let input, let path) = plan.node, case .render(let data, let spec) = input.node,
           path.lowercased().hasSuffix(".svg") {
            return .chartExport(path: path, table: try execute(data), spec: spec)
        }
        if case .export(let input, let path) = plan.node {
            let table = try execute(input)
            try Cancellation.check(plan.range)
            try write(table, to: path, range: plan.range)
            return .exported(path: path, rows: table.rowCount)
        }
        if case .exportTable(let input, let name) = plan.node {
            return .storeTable(name: name, table: try execute(input))
        }
        return .table(try execute(plan))
    }

    /// The value of a constant expression (`let x = EXPR`, a bare expression).
    public static func evaluateConstant(_ expr: BoundExpr, range: SourceRange) throws(Diagnostic) -> Value {
        let one = Table(fields: [], columns: [], rowCount: 1)
        return try ExpressionEvaluator(input: one, range: range).evaluate(expr).value(at: 0)
    }

    /// Computes a plan node's table.
    static func execute(_ plan: Plan) throws(Diagnostic) -> Table {
        try Cancellation.check(plan.range)
        switch plan.node {
        case .table(let t):
            return t
        case .range(let from, let to, let step):
            return try RangeSource.table(from: from, to: to, step: step, field: plan.fields[0], range: plan.range)
        case .filter(let input, let predicate):
            let t = try execute(input)
            let rows = try selectedRows(predicate, t, plan: plan)
            if rows.count == t.rowCount { return t }
            return t.gather(rows)
        case .project(let input, let exprs):
            let t = try execute(input)
            let evaluator = ExpressionEvaluator(input: t, range: plan.range)
            var columns: [Column] = []
            for e in exprs { columns.append(try evaluator.evaluate(e)) }
            return Table(fields: plan.fields, columns: columns, rowCount: t.rowCount)
        case .aggregate(let input, let keys, let aggregates):
            if let t = try joinAggregate(input, keys: keys, aggregates: aggregates, plan: plan) { return t }
            // A filter right below is fused: its rows are selected, not gathered, for the dense path.
            if case .filter(let below, let predicate) = input.node {
                let t = try execute(below)
                return try aggregate(t, rows: try selectedRows(predicate, t, plan: plan), keys: keys, aggregates: aggregates, plan: plan)
            }
            return try aggregate(try execute(input), rows: nil, keys: keys, aggregates: aggregates, plan: plan)
        case .sort(let input, let keys):
            let t = try execute(input)
            let evaluator = ExpressionEvaluator(input: t, range: plan.range)
            var cols: [(column: Column, descending: Bool, nullsFirst: Bool)] = []
            for k in keys { cols.append((try evaluator.evaluate(k.expr), k.descending, k.nullsFirst)) }
            return t.gather(SortKernel.order(keys: cols, rowCount: t.rowCount))
        case .limit(let input, let n):
            if case .sort(let below, let keys) = input.node, n <= 100_000 {
                // `top` and `sort | take`: keep the first n in one pass instead of sorting everything.
                let t = try execute(below)
                guard n < t.rowCount else { return try execute(input) }
                let evaluator = ExpressionEvaluator(input: t, range: plan.range)
                var cols: [(column: Column, descending: Bool, nullsFirst: Bool)] = []
                for k in keys { cols.append((try evaluator.evaluate(k.expr), k.descending, k.nullsFirst)) }
                let rows = SortKernel.first(n, keys: cols, rowCount: t.rowCount)
                try Cancellation.check(plan.range)
                return t.gather(rows)
            }
            let t = try execute(input)
            return t.rowCount <= n ? t : t.gather(Array(0..<n))
        case .distinct(let input):
            let t = try execute(input)
            let grouping = try Grouping(keys: t.columns, rowCount: t.rowCount, range: plan.range)
            return t.columns.isEmpty ? t : t.gather(grouping.firstRow)
        case .count(let input):
            if case .filter(let source, let predicate) = input.node {
                // Count the rows a predicate keeps without gathering them.
                let t = try execute(source)
                let n: Int
                if let mask = PredicateMask.evaluate(predicate, t) {
                    n = mask.reduce(0) { $0 + Int($1) }
                } else {
                    n = try selectedRows(predicate, t, plan: plan).count
                }
                return Table(fields: plan.fields, columns: [Column(type: .int, data: .int64([Int64(n)]))], rowCount: 1)
            }
            let t = try execute(input)
            return Table(fields: plan.fields, columns: [Column(type: .int, data: .int64([Int64(t.rowCount)]))], rowCount: 1)
        case .export(let input, let path):
            let t = try execute(input)
            try write(t, to: path, range: plan.range)
            return t
        case .join(let leftPlan, let rightPlan, let kind, let leftKeys, let rightKeys):
            return try join(try execute(leftPlan), try execute(rightPlan), kind, leftKeys, rightKeys, plan: plan)
        case .exportTable(let input, _):
            return try execute(input)
        case .render(let input, _):
            return try execute(input)
        case .series(let input, let spec):
            return try SeriesExecutor.run(try execute(input), spec, plan: plan)
        case .flow(let input, let spec):
            return try FlowExecutor.run(try execute(input), spec, plan: plan)
        case .wip(let input, let spec):
            return try WipExecutor.run(try execute(input), spec, plan: plan)
        case .throughput(let input, let spec):
            return try ThroughputExecutor.run(try execute(input), spec, plan: plan)
        case .cfd(let input, let spec):
            return try CfdExecutor.run(try execute(input), spec, plan: plan)
        case .aging(let input, let spec):
            return try AgingExecutor.run(try execute(input), spec, plan: plan)
        case .forecast(let input, let spec):
            return try ForecastExecutor.run(try execute(input), spec, plan: plan)
        case .xmr(let input, let spec):
            return try XmrExecutor.run(try execute(input), spec, plan: plan)
        case .funnel(let input, let spec):
            return try FunnelExecutor.run(try execute(input), spec, plan: plan)
        case .utilization(let input, let spec):
            return try UtilizationExecutor.run(try execute(input), spec, plan: plan)
        case .attribute(let input, let spec):
            return try AttributeExecutor.run(try execute(input), spec, plan: plan)
        case .littles(let input, let spec):
            return try LittlesExecutor.run(try execute(input), spec, plan: plan)
        case .share(let input, let spec):
            return try ShareExecutor.run(try execute(input), spec, plan: plan)
        case .union(let inputs):
            var tables: [Table] = []
            for p in inputs { tables.append(try execute(p)) }
            let columns = plan.fields.map { f in
                Column.concatenate(tables.map { t in (t.column(f.name), t.rowCount) }, as: f.type)
            }
            return Table(fields: plan.fields, columns: columns, rowCount: tables.reduce(0) { $0 + $1.rowCount })
        }
    }

    /// `l` joined to `r` on the key columns `leftKeys` = `rightKeys`.
    private static func join(_ l: Table, _ r: Table, _ kind: JoinKind, _ leftKeys: [Int], _ rightKeys: [Int],
                             plan: Plan) throws(Diagnostic) -> Table {
        // li nil: every left row once, in order (the left columns are used as they are).
        let (li, ri): ([Int]?, [Int])
        if leftKeys.count == 1, let p = try SingleKeyJoin.pairs(left: l.columns[leftKeys[0]], right: r.columns[rightKeys[0]],
                                                                kind: kind, range: plan.range) {
            try Cancellation.check(plan.range)
            (li, ri) = p
        } else {
            (li, ri) = try HashJoin.pairs(left: leftKeys.map { l.columns[$0] }, right: rightKeys.map { r.columns[$0] },
                                          kind: kind, range: plan.range)
        }
        var columns = li.map { li in l.columns.map { $0.gatherOrNull(li) } } ?? l.columns
        if kind != .semi && kind != .anti { columns += r.columns.map { $0.gatherOrNull(ri) } }
        return Table(fields: plan.fields, columns: columns, rowCount: li?.count ?? l.rowCount)
    }

    /// `summarize` right over a one-key join whose keys are right-side columns and whose aggregates read
    /// only left-side ones: tried as `JoinAggregate` (no join materialised), else joined and summarized.
    /// Nil when the shape does not fit.
    private static func joinAggregate(_ input: Plan, keys: [BoundExpr], aggregates: [AggregateCall],
                                      plan: Plan) throws(Diagnostic) -> Table? {
        guard case .join(let leftPlan, let rightPlan, let kind, let leftKeys, let rightKeys) = input.node,
              kind == .inner || kind == .left, leftKeys.count == 1, !keys.isEmpty else { return nil }
        let leftCount = leftPlan.fields.count
        let keyColumns = keys.compactMap { k -> Int? in
            if case .column(let i, _) = k, i >= leftCount { return i - leftCount } else { return nil }
        }
        guard keyColumns.count == keys.count,
              Plan.columns(in: aggregates.flatMap(\.arguments)).allSatisfy({ $0 < leftCount }) else { return nil }
        let l = try execute(leftPlan), r = try execute(rightPlan)
        // The left columns stand first in the join's output, so the arguments read the left table as is.
        let (_, inputs) = try evaluated([], aggregates, over: l, range: plan.range)
        if let t = JoinAggregate.run(leftKey: l.columns[leftKeys[0]], rightKey: r.columns[rightKeys[0]], kind: kind,
                                     keys: keyColumns.map { r.columns[$0] }, aggregates: inputs, fields: plan.fields) {
            try Cancellation.check(plan.range)
            return t
        }
        try Cancellation.check(plan.range)
        let joined = try join(l, r, kind, leftKeys, rightKeys, plan: input)
        return try aggregate(joined, rows: nil, keys: keys, aggregates: aggregates, plan: plan)
    }

    /// The rows of `t` where `predicate` is true: straight from a mask for the common shapes, else by
    /// evaluating it as a column.
    static func selectedRows(_ predicate: BoundExpr, _ t: Table, plan: Plan) throws(Diagnostic) -> [Int] {
        if let mask = PredicateMask.evaluate(predicate, t) {
            try Cancellation.check(plan.range)
            return PredicateMask.selection(mask)
        }
        let mask = try ExpressionEvaluator(input: t, range: plan.range).evaluate(predicate)
        let keep = ColumnAccess.bools(mask)
        var rows: [Int] = []
        rows.reserveCapacity(t.rowCount)
        for i in 0..<t.rowCount {
            if interrupted(i) { break }
            if keep[i] && !mask.isNull(i) { rows.append(i) }
        }
        try Cancellation.check(plan.range)
        return rows
    }

    /// `summarize` over `t` (or over its `rows` when a filter selected them): the dense path when the
    /// keys' domain is small (or there are no keys), else the general grouping.
    private static func aggregate(_ source: Table, rows: [Int]?, keys: [BoundExpr], aggregates: [AggregateCall], plan: Plan) throws(Diagnostic) -> Table {
        // Keys and arguments over the whole source: the dense path reads them through `rows`.
        var (keyColumns, inputs) = try evaluated(keys, aggregates, over: source, range: plan.range)
        if let table = DenseAggregate.run(keys: keyColumns, aggregates: inputs, rows: rows, rowCount: source.rowCount,
                                          fields: plan.fields, range: plan.range) {
            try Cancellation.check(plan.range)
            return table
        }
        try Cancellation.check(plan.range)
        // The general path works on whole columns: with selected rows, the columns the keys and
        // aggregates read are gathered and evaluated again; over all rows the ones above serve.
        var rowCount = source.rowCount
        if let rows {
            let t = source.gather(rows, only: Plan.columns(in: keys + aggregates.flatMap(\.arguments)))
            (keyColumns, inputs) = try evaluated(keys, aggregates, over: t, range: plan.range)
            rowCount = t.rowCount
        }
        let grouping = try Grouping(keys: keyColumns, rowCount: rowCount, range: plan.range)
        // With keys and no rows there are no groups; without keys there is always one.
        let groups = keys.isEmpty ? grouping : (rowCount == 0 ? Grouping.none : grouping)
        var columns = keyColumns.map { $0.gather(groups.firstRow) }
        for (call, args) in inputs {
            try Cancellation.check(plan.range)
            columns.append(Aggregate.compute(call, args: args, grouping: groups, rowCount: rowCount))
            try Cancellation.check(plan.range)
        }
        return Table(fields: plan.fields, columns: columns, rowCount: groups.count)
    }

    /// The key columns and each aggregate's argument columns over `t`.
    private static func evaluated(_ keys: [BoundExpr], _ aggregates: [AggregateCall], over t: Table,
                                  range: SourceRange) throws(Diagnostic) -> ([Column], [(call: AggregateCall, args: [Column])]) {
        let evaluator = ExpressionEvaluator(input: t, range: range)
        var keyColumns: [Column] = []
        for k in keys { keyColumns.append(try evaluator.evaluate(k)) }
        var inputs: [(call: AggregateCall, args: [Column])] = []
        for call in aggregates { inputs.append((call, try arguments(call, evaluator))) }
        return (keyColumns, inputs)
    }

    /// An aggregate's argument columns. A rank's constant (`percentile(x, 85)`) is one value, not a
    /// column as long as the table (which cost 80 MB and 140 ms at 10M rows).
    private static func arguments(_ call: AggregateCall, _ evaluator: ExpressionEvaluator) throws(Diagnostic) -> [Column] {
        let ranked = call.function == .median || call.function == .percentile || call.function == .percentileLinear
        var args: [Column] = []
        for (j, a) in call.arguments.enumerated() {
            if j > 0, ranked, let v = a.constant {
                args.append(Column.constant(v, count: 1))
            } else {
                args.append(try evaluator.evaluate(a))
            }
        }
        return args
    }

    private static func write(_ table: Table, to path: String, range: SourceRange) throws(Diagnostic) {
        guard let format = FileFormat(path: path) else {
            throw Diagnostic("cannot tell the format of '\(path)' from its extension", at: range,
                             notes: ["use .csv, .tsv, .json, .jsonl or .md"])
        }
        do {
            try TableWriter.write(table, format: format, to: path)
        } catch {
            // The writer's error reads "error: FILE: MESSAGE"; the diagnostic adds its own "error: ".
            throw Diagnostic("export failed: \(error.file): \(error.message)", at: range)
        }
    }
}

extension Grouping {
    /// No groups at all (keys over no rows).
    static let none = Grouping(groupOfRow: [], firstRow: [])
}
