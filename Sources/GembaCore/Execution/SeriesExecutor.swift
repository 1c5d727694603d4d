/// `series`: buckets each row's time, aggregates per (keys, bucket), then lays out every bucket for
/// every key combination, filling empty buckets with 0 for counts and null otherwise.
enum SeriesExecutor {
    static func run(_ t: Table, _ spec: SeriesSpec, plan: Plan) throws(Diagnostic) -> Table {
        let evaluator = ExpressionEvaluator(input: t, range: plan.range)
        let time = try evaluator.evaluate(spec.time)
        let values = ColumnAccess.int64s(time)
        if let f = spec.from, let e = spec.to, f > e {
            throw Diagnostic("series: 'from' is after 'to'", at: plan.range)
        }
        // Rows inside [from, to] with a time.
        var rows: [Int] = []
        var lo = Int64.max, hi = Int64.min
        for i in 0..<t.rowCount where !time.isNull(i) {
            let v = values[i]
            if let f = spec.from, v < f { continue }
            if let e = spec.to, v > e { continue }
            rows.append(i)
            lo = min(lo, v); hi = max(hi, v)
        }
        let anchor = spec.from ?? (rows.isEmpty ? 0 : Temporal.floorDiv(lo, spec.step) * spec.step)
        let last = spec.to ?? hi
        // The span can overflow for times at the ends of the calendar; that is too many buckets too.
        let span = last.subtractingReportingOverflow(anchor)
        let bucketCount = rows.isEmpty && (spec.from == nil || spec.to == nil) ? 0
            : span.overflow ? Int.max : Int(Temporal.floorDiv(span.partialValue, spec.step)) + 1
        guard bucketCount <= maxCells else { throw tooMany(plan.range) }

        let input = t.gather(rows)
        let inputEval = ExpressionEvaluator(input: input, range: plan.range)
        var keyColumns: [Column] = []
        for k in spec.keys { keyColumns.append(try inputEval.evaluate(k)) }
        let keyGroups = try Grouping(keys: keyColumns, rowCount: input.rowCount, range: plan.range)
        let keyCount = spec.keys.isEmpty ? 1 : keyGroups.count
        guard keyCount * bucketCount <= maxCells else { throw tooMany(plan.range) }
        let bucketOfRow = rows.map { Int(Temporal.floorDiv(values[$0] - anchor, spec.step)) }

        // Cell = key group × bucket, laid out key-major so the output reads one key's series at a time.
        let cellOfRow = (0..<input.rowCount).map { Int32(Int(keyGroups.groupOfRow[$0]) * bucketCount + bucketOfRow[$0]) }
        let cells = Grouping(groupOfRow: cellOfRow, firstRow: [Int](repeating: 0, count: keyCount * bucketCount))
        var columns = keyColumns.map { c in c.gather((0..<(keyCount * bucketCount)).map { keyGroups.firstRow[$0 / max(bucketCount, 1)] }) }
        let starts = (0..<(keyCount * bucketCount)).map { anchor + Int64($0 % bucketCount) * spec.step }
        columns.append(Column(type: spec.time.type, data: .int64(starts)))
        for call in spec.aggregates {
            try Cancellation.check(plan.range)
            var args: [Column] = []
            for a in call.arguments { args.append(try inputEval.evaluate(a)) }
            var column = Aggregate.compute(call, args: args, grouping: cells, rowCount: input.rowCount)
            if [.count, .countif, .dcount].contains(call.function) { column.validity = nil }
            columns.append(column)
        }
        return Table(fields: plan.fields, columns: columns, rowCount: keyCount * bucketCount)
    }

    /// The most rows (keys × buckets) a series makes, so a typo in a step or a range cannot exhaust memory.
    static let maxCells = 10_000_000

    private static func tooMany(_ range: SourceRange) -> Diagnostic {
        Diagnostic("series would make more than 10,000,000 rows (keys × buckets); use a larger step or a shorter range", at: range)
    }
}
