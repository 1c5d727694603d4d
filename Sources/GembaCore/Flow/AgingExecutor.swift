/// `aging`: the started, unfinished items of a `flow` result (age not null), each with its `pace`, the
/// share in percent of the finished items' cycle times that are at most its age, and `sle`, the
/// nearest-rank percentile of those cycle times. So pace ≥ P exactly when age ≥ sle.
enum AgingExecutor {
    static func run(_ t: Table, _ spec: AgingSpec, plan: Plan) throws(Diagnostic) -> Table {
        let cycleColumn = t.columns[spec.cycletime], ageColumn = t.columns[spec.age]
        let cycle = ColumnAccess.int64s(cycleColumn), age = ColumnAccess.int64s(ageColumn)
        var history: [Int64] = []
        for i in 0..<t.rowCount where !cycleColumn.isNull(i) { history.append(cycle[i]) }
        history.sort()
        try Cancellation.check(plan.range)
        let sle: Int64? = history.isEmpty ? nil : history[OrderedAggregate.nearestRank(spec.percentile, history.count)]
        var rows: [Int] = []
        var pace = ColumnBuilder(type: .float, capacity: t.rowCount)
        for i in 0..<t.rowCount where !ageColumn.isNull(i) {
            rows.append(i)
            guard !history.isEmpty else { pace.appendNull(); continue }
            // The number of cycle times ≤ age: the first index holding a larger one.
            var a = 0, b = history.count
            while a < b { let m = (a + b) / 2; if history[m] <= age[i] { a = m + 1 } else { b = m } }
            pace.appendFloat(100 * Double(a) / Double(history.count))
        }
        let sleColumn = Column.constant(sle.map { Value.int($0) } ?? .null, type: .int, count: rows.count)
        let kept = t.gather(rows)
        return Table(fields: plan.fields, columns: kept.columns + [pace.build(), sleColumn], rowCount: rows.count)
    }
}
