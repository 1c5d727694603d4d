/// What running a plan produced.
public enum ExecutionOutcome: Sendable {
    /// The result table.
    case table(Table)
    /// The result was written to a file.
    case exported(path: String, rows: Int)
    /// The result is to be kept as a table of this name.
    case storeTable(name: String, table: Table)
}

/// Runs a bound plan over the in-memory store, one operator at a time over whole columns.
public enum PlanExecutor {
    /// Runs `plan`; an `export` at the top reports the file written instead of a table.
    public static func run(_ plan: Plan) throws(Diagnostic) -> ExecutionOutcome {
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
            let l = try execute(leftPlan), r = try execute(rightPlan)
            // li nil: every left row once, in order (the left columns are used as they are).
            let (li, ri): ([Int]?, [Int])
            if leftKeys.count == 1, let p = SingleKeyJoin.pairs(left: l.columns[leftKeys[0]], right: r.columns[rightKeys[0]], kind: kind) {
                try Cancellation.check(plan.range)
                (li, ri) = p
            } else {
                (li, ri) = try HashJoin.pairs(left: leftKeys.map { l.columns[$0] }, right: rightKeys.map { r.columns[$0] },
                                              kind: kind, range: plan.range)
            }
            var columns = li.map { li in l.columns.map { $0.gatherOrNull(li) } } ?? l.columns
            if kind != .semi && kind != .anti { columns += r.columns.map { $0.gatherOrNull(ri) } }
            return Table(fields: plan.fields, columns: columns, rowCount: li?.count ?? l.rowCount)
        case .exportTable(let input, _):
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
    /// keys' domain is small, else the general grouping.
    private static func aggregate(_ source: Table, rows: [Int]?, keys: [BoundExpr], aggregates: [AggregateCall], plan: Plan) throws(Diagnostic) -> Table {
        if !keys.isEmpty {
            let evaluator = ExpressionEvaluator(input: source, range: plan.range)
            var keyColumns: [Column] = []
            for k in keys { keyColumns.append(try evaluator.evaluate(k)) }
            var inputs: [(call: AggregateCall, args: [Column])] = []
            for call in aggregates {
                var args: [Column] = []
                for a in call.arguments { args.append(try evaluator.evaluate(a)) }
                inputs.append((call, args))
            }
            if let table = DenseAggregate.run(keys: keyColumns, aggregates: inputs, rows: rows, rowCount: source.rowCount,
                                              fields: plan.fields, range: plan.range) {
                try Cancellation.check(plan.range)
                return table
            }
            try Cancellation.check(plan.range)
        }
        let t = rows.map { source.gather($0) } ?? source
        let evaluator = ExpressionEvaluator(input: t, range: plan.range)
        var keyColumns: [Column] = []
        for k in keys { keyColumns.append(try evaluator.evaluate(k)) }
        let grouping = try Grouping(keys: keyColumns, rowCount: t.rowCount, range: plan.range)
        // With keys and no rows there are no groups; without keys there is always one.
        let groups = keys.isEmpty ? grouping : (t.rowCount == 0 ? Grouping.none : grouping)
        var columns = keyColumns.map { $0.gather(groups.firstRow) }
        for call in aggregates {
            try Cancellation.check(plan.range)
            var args: [Column] = []
            for a in call.arguments { args.append(try evaluator.evaluate(a)) }
            columns.append(Aggregate.compute(call, args: args, grouping: groups, rowCount: t.rowCount))
            try Cancellation.check(plan.range)
        }
        return Table(fields: plan.fields, columns: columns, rowCount: groups.count)
    }

    private static func write(_ table: Table, to path: String, range: SourceRange) throws(Diagnostic) {
        guard let format = FileFormat(path: path) else {
            throw Diagnostic("cannot tell the format of '\(path)' from its extension", at: range,
                             notes: ["use .csv, .tsv, .json, .jsonl or .md"])
        }
        do {
            try TableWriter.write(table, format: format, to: path)
        } catch {
            throw Diagnostic("export failed: \(error)", at: range)
        }
    }
}

extension Grouping {
    /// No groups at all (keys over no rows).
    static let none = Grouping(groupOfRow: [], firstRow: [])
}
