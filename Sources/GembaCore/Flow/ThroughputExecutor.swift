/// `throughput`: rows per bucket of their (finish) time, every bucket present with 0 when empty.
enum ThroughputExecutor {
    static func run(_ t: Table, _ spec: ThroughputSpec, plan: Plan) throws(Diagnostic) -> Table {
        let evaluator = ExpressionEvaluator(input: t, range: plan.range)
        let timeColumn = try evaluator.evaluate(spec.time)
        let time = ColumnAccess.int64s(timeColumn)
        let grid = spec.grid
        // The rows counted: a time, inside the buckets of from/to when given.
        let lowest = grid.from.map(grid.bucket), highest = grid.to.map(grid.bucket)
        var rows: [Int] = []
        var lo = Int64.max, hi = Int64.min
        for i in 0..<t.rowCount where !timeColumn.isNull(i) {
            let b = grid.bucket(time[i])
            if let l = lowest, b < l { continue }
            if let h = highest, b > h { continue }
            rows.append(i)
            lo = min(lo, time[i]); hi = max(hi, time[i])
        }
        try Cancellation.check(plan.range)
        var keys: [Column] = []
        for k in spec.keys { keys.append(try evaluator.evaluate(k)) }
        let layout = try BucketLayout(grid: grid, lo: rows.isEmpty ? nil : lo, hi: rows.isEmpty ? nil : hi,
                                      keys: keys, rows: rows, range: plan.range)
        var counts = [Int64](repeating: 0, count: layout.keyCount * layout.count)
        for (k, i) in rows.enumerated() {
            let b = Int(grid.bucket(time[i]) - layout.first)
            counts[Int(layout.keyOfRow[k]) * layout.count + b] += 1
        }
        let columns = layout.leadingColumns(keys: keys, grid: grid, timeType: timeColumn.type)
            + [Column(type: .int, data: .int64(counts))]
        return Table(fields: plan.fields, columns: columns, rowCount: counts.count)
    }
}
