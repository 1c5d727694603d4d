/// `cfd`: per bucket and stage, the items at that stage or a later one at the bucket's end, and the
/// moves across that stage's line during the bucket. Each item's moves are walked in time order; a
/// move from stage a to a later stage b crosses the lines a+1 ... b upwards, a move back crosses them
/// downwards. Moves before the first bucket count into where the items stand when it starts.
enum CfdExecutor {
    static func run(_ t: Table, _ spec: CfdSpec, plan: Plan) throws(Diagnostic) -> Table {
        let itemColumn = t.columns[spec.item], timeColumn = t.columns[spec.time], stateColumn = t.columns[spec.state]
        let time = ColumnAccess.int64s(timeColumn)
        let (codes, dict) = ColumnAccess.strings(stateColumn)
        let grid = spec.grid
        let stageCount = spec.stages.count
        var position = [Int32](repeating: -1, count: dict.count)
        for (k, name) in spec.stages.enumerated() {
            if let c = dict.code(of: name) { position[Int(c)] = Int32(k) }
        }
        // The rows that can move an item: item, time and a listed stage.
        var rows: [Int] = []
        var lo = Int64.max, hi = Int64.min
        for i in 0..<t.rowCount where !itemColumn.isNull(i) && !timeColumn.isNull(i) && !stateColumn.isNull(i)
            && position[Int(codes[i])] >= 0 {
            rows.append(i)
            lo = min(lo, time[i]); hi = max(hi, time[i])
        }
        try Cancellation.check(plan.range)
        let evaluator = ExpressionEvaluator(input: t, range: plan.range)
        var keys: [Column] = []
        for k in spec.keys { keys.append(try evaluator.evaluate(k)) }
        let layout = try BucketLayout(grid: grid, lo: rows.isEmpty ? nil : lo, hi: rows.isEmpty ? nil : hi,
                                      keys: keys, rows: rows, range: plan.range)
        let cells = layout.keyCount.multipliedReportingOverflow(by: layout.count * stageCount)
        guard !cells.overflow, cells.partialValue <= BucketLayout.limit else {
            throw Diagnostic("this would make more than \(BucketLayout.limit) rows: use a larger step or from/to", at: plan.range)
        }
        // An item is followed within its key group: order the rows by (key group, item).
        var keyOfInputRow = [Int32](repeating: 0, count: t.rowCount)
        var usable = [Bool](repeating: false, count: t.rowCount)
        for (k, i) in rows.enumerated() { keyOfInputRow[i] = layout.keyOfRow[k]; usable[i] = true }
        let follow: Column
        if keys.isEmpty {
            follow = itemColumn
        } else {
            let (itemIds, itemCount) = try Grouping.denseIds(itemColumn, range: plan.range)
            follow = Column(type: .int, data: .int64((0..<t.rowCount).map { Int64(keyOfInputRow[$0]) * Int64(itemCount) + Int64(itemIds[$0]) }))
        }
        let order = try ItemOrder(item: follow, time: time, states: codes, usable: { usable[$0] }, range: plan.range)

        // up/down[(key × stages + stage) × (buckets + 1) + slot]: slot 0 is "before the first bucket".
        let n = layout.count, width = n + 1
        var up = [Int64](repeating: 0, count: layout.keyCount * stageCount * width)
        var down = up
        for g in 0..<order.count {
            if g & 0x3FFF == 0 { try Cancellation.check(plan.range) }
            let lo = Int(order.bounds[g]), hi = Int(order.bounds[g + 1])
            let key = Int(keyOfInputRow[Int(order.rows[lo])])
            var current = -1
            for k in lo..<hi {
                let p = Int(position[Int(order.states[k])])
                if p == current { continue }
                let b = grid.bucket(order.times[k]) - layout.first
                if b >= Int64(n) { break }
                let slot = Int(max(b, -1)) + 1
                if p > current {
                    for line in (current + 1)...p { up[(key * stageCount + line) * width + slot] += 1 }
                } else {
                    for line in (p + 1)...current { down[(key * stageCount + line) * width + slot] += 1 }
                }
                current = p
            }
        }
        try Cancellation.check(plan.range)

        let rowCount = layout.keyCount * n * stageCount
        var items = [Int64](repeating: 0, count: rowCount), arrivals = items, departures = items, net = items
        var stageCodes = [UInt32](repeating: 0, count: rowCount)
        for key in 0..<layout.keyCount {
            for s in 0..<stageCount {
                let line = (key * stageCount + s) * width
                let nextLine = s + 1 < stageCount ? (key * stageCount + s + 1) * width : -1
                var level = up[line] - down[line]
                for b in 0..<n {
                    let slot = b + 1
                    level += up[line + slot] - down[line + slot]
                    let out = (key * n + b) * stageCount + s
                    items[out] = level
                    arrivals[out] = up[line + slot]
                    departures[out] = nextLine >= 0 ? up[nextLine + slot] : 0
                    net[out] = arrivals[out] - departures[out]
                    stageCodes[out] = UInt32(s)
                }
            }
        }
        let columns = layout.leadingColumns(keys: keys, grid: grid, timeType: timeColumn.type, perBucket: stageCount)
            + [Column(type: .string, data: .string(stageCodes, StringDictionary(spec.stages))),
               Column(type: .int, data: .int64(items)), Column(type: .int, data: .int64(arrivals)),
               Column(type: .int, data: .int64(departures)), Column(type: .int, data: .int64(net))]
        return Table(fields: plan.fields, columns: columns, rowCount: rowCount)
    }
}
