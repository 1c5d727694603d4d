/// `share`: each row's value as a percentage of its group's total (rows with the same keys; all rows
/// without keys). A null value has a null share and is not in the total; a group whose total is 0 has
/// null shares. With `digits=N` the shares are rounded to N decimals by the largest-remainder method:
/// each is rounded down, and the units still missing to make exactly 100 go to the rows that lost the
/// most (the earlier row on a tie), so a group's rounded shares add to exactly 100.
enum ShareExecutor {
    static func run(_ t: Table, _ spec: ShareSpec, plan: Plan) throws(Diagnostic) -> Table {
        let ev = ExpressionEvaluator(input: t, range: plan.range)
        var keys: [Column] = []
        for k in spec.keys { keys.append(try ev.evaluate(k)) }
        let groups = try Grouping(keys: keys, rowCount: t.rowCount, range: plan.range)
        var columns = t.columns
        for v in spec.values {
            let c = try ev.evaluate(v)
            let x = ColumnAccess.doubles(c)
            var total = [Double](repeating: 0, count: groups.count)
            for i in 0..<t.rowCount where !c.isNull(i) {
                guard x[i] >= 0, x[i].isFinite else {
                    throw Diagnostic("share needs values of 0 or more: row \(i + 1) has \(Value.float(x[i]).text)", at: plan.range)
                }
                total[Int(groups.groupOfRow[i])] += x[i]
            }
            try Cancellation.check(plan.range)
            if let digits = spec.digits {
                columns.append(rounded(x, c, total, groups, digits: digits))
            } else {
                var out = ColumnBuilder(type: .float, capacity: t.rowCount)
                for i in 0..<t.rowCount {
                    let sum = total[Int(groups.groupOfRow[i])]
                    if c.isNull(i) || sum <= 0 { out.appendNull() } else { out.appendFloat(100 * x[i] / sum) }
                }
                columns.append(out.build())
            }
        }
        return Table(fields: plan.fields, columns: columns, rowCount: t.rowCount)
    }

    /// The shares rounded to `digits` decimals, adding to exactly 100 per group (largest remainders).
    private static func rounded(_ x: [Double], _ c: Column, _ total: [Double], _ groups: Grouping, digits: Int) -> Column {
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let units = 100 * scale
        // Each row's share in units rounded down, what rounding down lost, and the units each group lacks.
        var floor = [Int64](repeating: 0, count: x.count)
        var lost = [Double](repeating: 0, count: x.count)
        var missing = [Int64](repeating: 0, count: groups.count)
        for g in 0..<groups.count where total[g] > 0 { missing[g] = units }
        var members: [Int] = []
        for i in 0..<x.count where !c.isNull(i) && total[Int(groups.groupOfRow[i])] > 0 {
            let g = Int(groups.groupOfRow[i])
            let exact = x[i] * Double(units) / total[g]
            floor[i] = Int64(exact.rounded(.down))
            lost[i] = exact - Double(floor[i])
            missing[g] -= floor[i]
            members.append(i)
        }
        // Most lost first within a group; rounding error may leave a group one unit over, which the
        // rows that lost least give back.
        members.sort { a, b in
            let ga = groups.groupOfRow[a], gb = groups.groupOfRow[b]
            if ga != gb { return ga < gb }
            if lost[a] != lost[b] { return lost[a] > lost[b] }
            return a < b
        }
        var start = 0
        while start < members.count {
            let g = Int(groups.groupOfRow[members[start]])
            var end = start
            while end < members.count, Int(groups.groupOfRow[members[end]]) == g { end += 1 }
            var k = start
            while missing[g] > 0, k < end { floor[members[k]] += 1; missing[g] -= 1; k += 1 }
            k = end - 1
            while missing[g] < 0, k >= start {
                if floor[members[k]] > 0 { floor[members[k]] -= 1; missing[g] += 1 }
                k -= 1
            }
            start = end
        }
        var out = ColumnBuilder(type: .float, capacity: x.count)
        for i in 0..<x.count {
            if c.isNull(i) || total[Int(groups.groupOfRow[i])] <= 0 { out.appendNull() } else { out.appendFloat(Double(floor[i]) / Double(scale)) }
        }
        return out.build()
    }
}
