/// `funnel`: per key group and stage, the items that reached the stage (any order, or in order with
/// `strict`), the conversions to the next stage and from the first, the median days to the next stage
/// and the win rate. Each item's moves are walked once, in time order (`ItemOrder`); the rules are in
/// `docs/flow.md`.
enum FunnelExecutor {
    static func run(_ t: Table, _ spec: FunnelSpec, plan: Plan) throws(Diagnostic) -> Table {
        let itemColumn = t.columns[spec.item], timeColumn = t.columns[spec.time], stateColumn = t.columns[spec.state]
        let time = ColumnAccess.int64s(timeColumn)
        let (codes, dict) = ColumnAccess.strings(stateColumn)
        let isDate = timeColumn.type == .date
        let stageCount = spec.stages.count
        var position = [Int32](repeating: -1, count: dict.count)
        for (k, name) in spec.stages.enumerated() {
            if let c = dict.code(of: name) { position[Int(c)] = Int32(k) }
        }
        // A stage that is no state of the column at all is most likely misspelt.
        if (0..<t.rowCount).contains(where: { !stateColumn.isNull($0) }) {
            for (k, name) in spec.stages.enumerated() where dict.code(of: name) == nil {
                throw Diagnostic("stage '\(name)' does not occur in the state column", at: spec.stageRanges[k],
                                 notes: Suggest.notes(for: name, among: dict.values, what: "states"))
            }
        }
        // The rows that move an item into a stage.
        var rows: [Int] = []
        for i in 0..<t.rowCount where !itemColumn.isNull(i) && !timeColumn.isNull(i) && !stateColumn.isNull(i)
            && position[Int(codes[i])] >= 0 {
            rows.append(i)
        }
        try Cancellation.check(plan.range)
        let evaluator = ExpressionEvaluator(input: t, range: plan.range)
        var keys: [Column] = []
        for k in spec.keys { keys.append(try evaluator.evaluate(k).gather(rows)) }
        let keyGroups = try Grouping(keys: keys, rowCount: rows.count, range: plan.range)
        let keyCount = keys.isEmpty ? 1 : keyGroups.count
        // An item is followed within its key group: order the rows by (key group, item).
        var keyOfInputRow = [Int32](repeating: 0, count: t.rowCount)
        var usable = [Bool](repeating: false, count: t.rowCount)
        for (k, i) in rows.enumerated() { keyOfInputRow[i] = keyGroups.groupOfRow[k]; usable[i] = true }
        var follow = itemColumn
        if !keys.isEmpty {
            let (itemIds, itemCount) = try Grouping.denseIds(itemColumn, range: plan.range)
            follow = Column(type: .int, data: .int64((0..<t.rowCount).map { Int64(keyOfInputRow[$0]) * Int64(itemCount) + Int64(itemIds[$0]) }))
        }
        let order = try ItemOrder(item: follow, time: time, states: codes, usable: { usable[$0] }, range: plan.range)

        // Per (key group × stage): the items that reached it, and the days each took to the next stage.
        var reached = [Int64](repeating: 0, count: keyCount * stageCount)
        var steps = [[Int64]](repeating: [], count: keyCount * stageCount)
        // Per item, reused: where in its moves it entered each stage (-1: not), and the day.
        var entry = [Int](repeating: -1, count: stageCount), entryDay = [Int64](repeating: 0, count: stageCount)
        for g in 0..<order.count {
            if g & 0x3FFF == 0 { try Cancellation.check(plan.range) }
            let lo = Int(order.bounds[g]), hi = Int(order.bounds[g + 1])
            for s in 0..<stageCount { entry[s] = -1 }
            var expected = 0
            for k in lo..<hi {
                let p = Int(position[Int(order.states[k])])
                // Any order: each stage's first entry. Strict: the first entry into the next stage expected.
                if spec.strict ? p != expected : entry[p] >= 0 { continue }
                entry[p] = k
                entryDay[p] = isDate ? order.times[k] : Temporal.floorDiv(order.times[k], Temporal.microsPerDay)
                if spec.strict {
                    expected += 1
                    if expected == stageCount { break }
                }
            }
            let base = Int(keyOfInputRow[Int(order.rows[lo])]) * stageCount
            for s in 0..<stageCount where entry[s] >= 0 {
                reached[base + s] += 1
                if s + 1 < stageCount, entry[s + 1] > entry[s] {
                    steps[base + s].append(entryDay[s + 1] - entryDay[s] + (spec.inclusive ? 1 : 0))
                }
            }
        }
        try Cancellation.check(plan.range)

        let rowCount = keyCount * stageCount
        var stage = [UInt32](repeating: 0, count: rowCount)
        var nextStep = [Double](repeating: .nan, count: rowCount), cumulative = nextStep, median = nextStep, win = nextStep
        for key in 0..<keyCount {
            let base = key * stageCount
            let first = reached[base], last = reached[base + stageCount - 1]
            for s in 0..<stageCount {
                let i = base + s, r = reached[i]
                stage[i] = UInt32(s)
                if s + 1 < stageCount, r > 0 { nextStep[i] = Double(reached[i + 1]) / Double(r) }
                if first > 0 { cumulative[i] = Double(r) / Double(first) }
                if r > 0 { win[i] = Double(last) / Double(r) }
                median[i] = medianOf(&steps[i])
            }
        }
        let keyRows = (0..<rowCount).map { keyGroups.firstRow[$0 / stageCount] }
        var columns = keys.map { $0.gather(keyRows) }
        columns += [Column(type: .string, data: .string(stage, StringDictionary(spec.stages))),
                    Column(type: .int, data: .int64(reached)),
                    FlowPartial.column([nextStep]), FlowPartial.column([cumulative]), FlowPartial.column([median]),
                    FlowPartial.column([win])]
        return Table(fields: plan.fields, columns: columns, rowCount: rowCount)
    }

    /// The median of the values (the mean of the two middle ones when their number is even), NaN when
    /// there are none. Sorts them.
    private static func medianOf(_ values: inout [Int64]) -> Double {
        guard !values.isEmpty else { return .nan }
        values.sort()
        let m = values.count / 2
        return values.count % 2 == 1 ? Double(values[m]) : (Double(values[m - 1]) + Double(values[m])) / 2
    }
}
