/// `littles`: Little's law side by side over a window of days A..B. An item is in progress on the days
/// from its start through its finish, both counted (so its cycle time, finish − start + 1, is the days
/// it was in progress); a null finish is still open. Per key group:
///
/// - `avg_wip`: the items in progress, summed over the window's days, divided by its days;
/// - `throughput_per_day`: the items finished in the window (`departures`) per day;
/// - `avg_cycletime`: the mean cycle time of those items (null when none);
/// - `throughput_x_cycletime`: the two multiplied, computed as their cycle times summed over the
///   window's days.
///
/// The two sides are equal when every item in progress during the window started and finished inside
/// it; what crosses the window's edges makes the difference. Items without a start, or finishing
/// before they started, are left out. Without from/to the window runs from the earliest start to the
/// latest start or finish of all rows (the same window for every key).
enum LittlesExecutor {
    static func run(_ t: Table, _ spec: LittlesSpec, plan: Plan) throws(Diagnostic) -> Table {
        let ev = ExpressionEvaluator(input: t, range: plan.range)
        let startColumn = try ev.evaluate(spec.start), finishColumn = try ev.evaluate(spec.finish)
        let start = UtilizationExecutor.days(startColumn), finish = UtilizationExecutor.days(finishColumn)
        var rows: [Int] = []
        var lo = Int64.max, hi = Int64.min
        for i in 0..<t.rowCount where !startColumn.isNull(i) {
            let open = finishColumn.isNull(i)
            if !open, finish[i] < start[i] { continue }
            rows.append(i)
            lo = min(lo, start[i])
            hi = max(hi, open ? start[i] : finish[i])
        }
        try Cancellation.check(plan.range)
        guard let a = spec.from ?? (rows.isEmpty ? nil : lo), let b = spec.to ?? (rows.isEmpty ? nil : hi), a <= b else {
            return Table(fields: plan.fields, columns: plan.fields.map { Column.constant(.null, type: $0.type, count: 0) }, rowCount: 0)
        }
        var keys: [Column] = []
        for k in spec.keys { keys.append(try ev.evaluate(k).gather(rows)) }
        let groups = try Grouping(keys: keys, rowCount: rows.count, range: plan.range)
        let n = groups.count
        var inProgress = [Int64](repeating: 0, count: n), arrivals = inProgress, departures = inProgress, cycle = inProgress
        for (k, i) in rows.enumerated() {
            let g = Int(groups.groupOfRow[k])
            let s = start[i], f: Int64? = finishColumn.isNull(i) ? nil : finish[i]
            inProgress[g] += max(0, min(f ?? b, b) - max(s, a) + 1)
            if s >= a, s <= b { arrivals[g] += 1 }
            if let f, f >= a, f <= b {
                departures[g] += 1
                cycle[g] += f - s + 1
            }
        }
        let days = b - a + 1
        var avgCycle = ColumnBuilder(type: .float, capacity: n), product = ColumnBuilder(type: .float, capacity: n)
        for g in 0..<n {
            if departures[g] > 0 {
                avgCycle.appendFloat(Double(cycle[g]) / Double(departures[g]))
                product.appendFloat(Double(cycle[g]) / Double(days))
            } else {
                avgCycle.appendNull()
                product.appendNull()
            }
        }
        let columns = keys.map { $0.gather(groups.firstRow) } + [
            Column.constant(.date(a), count: n), Column.constant(.date(b), count: n), Column.constant(.int(days), count: n),
            Column(type: .int, data: .int64(arrivals)), Column(type: .int, data: .int64(departures)),
            Column(type: .float, data: .float64(inProgress.map { Double($0) / Double(days) })),
            Column(type: .float, data: .float64(departures.map { Double($0) / Double(days) })),
            avgCycle.build(), product.build(),
        ]
        return Table(fields: plan.fields, columns: columns, rowCount: n)
    }
}
