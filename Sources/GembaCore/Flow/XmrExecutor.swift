/// `xmr`: Wheeler's process behaviour chart (the individuals and moving range chart) over each key
/// group's values in input order. Adds `mr`, `mean`, `mr_mean`, `unpl`, `lnpl`, `url` and `signal`;
/// the rules are in `docs/flow.md`.
enum XmrExecutor {
    /// The scaling constants: natural process limits at x̄ ± 2.66·mR̄, upper range limit 3.27·mR̄.
    static let limitFactor = 2.66, rangeFactor = 3.27
    /// The length of a run on one side of the mean that is a signal.
    static let runLength = 8

    /// The signals, as codes into `signalNames`.
    enum Signal: UInt32 {
        case above = 1, below, runAbove, runBelow, range
    }
    static let signalNames = ["", "above", "below", "run above", "run below", "range"]

    static func run(_ t: Table, _ spec: XmrSpec, plan: Plan) throws(Diagnostic) -> Table {
        let evaluator = ExpressionEvaluator(input: t, range: plan.range)
        let valueColumn = try evaluator.evaluate(spec.value)
        let x = ColumnAccess.doubles(valueColumn)
        var keys: [Column] = []
        for k in spec.keys { keys.append(try evaluator.evaluate(k)) }
        let n = t.rowCount
        let groups = try Grouping(keys: keys, rowCount: n, range: plan.range)
        // Each group's points (rows with a finite value), in input order.
        var points = [[Int]](repeating: [], count: groups.count)
        for i in 0..<n where !valueColumn.isNull(i) && x[i].isFinite { points[Int(groups.groupOfRow[i])].append(i) }
        try Cancellation.check(plan.range)

        // NaN stands for null until the columns are made.
        var mr = [Double](repeating: .nan, count: n)
        var groupLimits = [(mean: Double, mrMean: Double, unpl: Double, lnpl: Double, url: Double)](
            repeating: (.nan, .nan, .nan, .nan, .nan), count: groups.count)
        var signal = [UInt32](repeating: 0, count: n)
        for (g, rows) in points.enumerated() where !rows.isEmpty {
            for k in 1..<rows.count { mr[rows[k]] = abs(x[rows[k]] - x[rows[k - 1]]) }
            let base = min(spec.baseline ?? rows.count, rows.count)
            let mean = rows[0..<base].reduce(0.0) { $0 + x[$1] } / Double(base)
            let mrMean = base >= 2 ? rows[1..<base].reduce(0.0) { $0 + mr[$1] } / Double(base - 1) : .nan
            let unpl = mean + limitFactor * mrMean
            let lower = mean - limitFactor * mrMean
            // Counts and durations cannot fall below 0: the lower limit stops there unless the series
            // has negative values.
            let lnpl = rows.contains(where: { x[$0] < 0 }) ? lower : max(lower, 0)
            let url = rangeFactor * mrMean
            groupLimits[g] = (mean, mrMean, unpl, lnpl, url)
            markSignals(rows, x: x, mr: mr, mean: mean, unpl: unpl, lnpl: lnpl, url: url, signal: &signal)
        }
        try Cancellation.check(plan.range)

        func perRow(_ pick: ((mean: Double, mrMean: Double, unpl: Double, lnpl: Double, url: Double)) -> Double) -> Column {
            let byGroup = groupLimits.map(pick)
            return floatColumn((0..<n).map { byGroup[Int(groups.groupOfRow[$0])] })
        }
        let signalColumn = Column(type: .string, data: .string(signal, StringDictionary(signalNames)),
                                  validity: Validity.build(count: n) { signal[$0] != 0 })
        let added = [floatColumn(mr), perRow(\.mean), perRow(\.mrMean), perRow(\.unpl), perRow(\.lnpl), perRow(\.url), signalColumn]
        return Table(fields: plan.fields, columns: t.columns + added, rowCount: n)
    }

    /// Marks each point's signal, the first that applies: beyond the limits (`above`, `below`), in a run
    /// of `runLength` or more successive points strictly on one side of the mean (every point of the
    /// run: `run above`, `run below`), a moving range above the upper range limit (`range`).
    private static func markSignals(_ rows: [Int], x: [Double], mr: [Double], mean: Double, unpl: Double, lnpl: Double,
                                    url: Double, signal: inout [UInt32]) {
        var runStart = 0, runSide = 0
        for k in 0...rows.count {
            let side = k < rows.count ? (x[rows[k]] > mean ? 1 : x[rows[k]] < mean ? -1 : 0) : 0
            if k < rows.count && side == runSide && side != 0 { continue }
            // The run rows[runStart ..< k] ends here.
            if runSide != 0 && k - runStart >= runLength {
                let s: Signal = runSide > 0 ? .runAbove : .runBelow
                for j in runStart..<k { signal[rows[j]] = s.rawValue }
            }
            runStart = k
            runSide = side
        }
        for i in rows {
            if x[i] > unpl { signal[i] = Signal.above.rawValue } else if x[i] < lnpl { signal[i] = Signal.below.rawValue }
            else if signal[i] == 0, mr[i] > url { signal[i] = Signal.range.rawValue }
        }
    }

    /// A float column, NaN as null.
    private static func floatColumn(_ values: [Double]) -> Column {
        FlowPartial.column([values])
    }
}
