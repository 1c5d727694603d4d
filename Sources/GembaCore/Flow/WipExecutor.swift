/// `wip`: per bucket, the rows whose interval holds the bucket's start (start ≤ t < end; a null end is
/// still open). Each row adds 1 from the first bucket starting at or after its start to the first
/// starting at or after its end; a running sum gives the counts.
enum WipExecutor {
    static func run(_ t: Table, _ spec: WipSpec, plan: Plan) throws(Diagnostic) -> Table {
        let evaluator = ExpressionEvaluator(input: t, range: plan.range)
        let startColumn = try evaluator.evaluate(spec.start), endColumn = try evaluator.evaluate(spec.end)
        let grid = spec.grid
        // Both ends in the grid's unit (a date meets a datetime as its midnight).
        let start = ColumnAccess.int64s(startColumn, asMicros: !grid.isDate)
        let end = ColumnAccess.int64s(endColumn, asMicros: !grid.isDate)
        var rows: [Int] = []
        var lo = Int64.max, hi = Int64.min
        for i in 0..<t.rowCount where !startColumn.isNull(i) {
            rows.append(i)
            lo = min(lo, start[i]); hi = max(hi, start[i])
            if !endColumn.isNull(i) { hi = max(hi, end[i]) }
        }
        try Cancellation.check(plan.range)
        var keys: [Column] = []
        for k in spec.keys { keys.append(try evaluator.evaluate(k)) }
        let layout = try BucketLayout(grid: grid, lo: rows.isEmpty ? nil : lo, hi: rows.isEmpty ? nil : hi,
                                      keys: keys, rows: rows, range: plan.range)
        let n = layout.count
        // The number of the first bucket starting at or after x.
        func firstAtOrAfter(_ x: Int64) -> Int64 { -Temporal.floorDiv(grid.anchor &- x, grid.step) }
        var diff = [Int64](repeating: 0, count: layout.keyCount * (n + 1))
        for (k, i) in rows.enumerated() {
            if interrupted(k) { break }
            let from = max(firstAtOrAfter(start[i]) - layout.first, 0)
            let to = endColumn.isNull(i) ? Int64(n) : min(firstAtOrAfter(end[i]) - layout.first, Int64(n))
            guard from < to else { continue }
            let base = Int(layout.keyOfRow[k]) * (n + 1)
            diff[base + Int(from)] += 1
            diff[base + Int(to)] -= 1
        }
        try Cancellation.check(plan.range)
        var counts = [Int64](repeating: 0, count: layout.keyCount * n)
        for g in 0..<layout.keyCount {
            var running: Int64 = 0
            for b in 0..<n {
                running += diff[g * (n + 1) + b]
                counts[g * n + b] = running
            }
        }
        let columns = layout.leadingColumns(keys: keys, grid: grid, timeType: grid.isDate ? .date : .datetime)
            + [Column(type: .int, data: .int64(counts))]
        return Table(fields: plan.fields, columns: columns, rowCount: counts.count)
    }
}
