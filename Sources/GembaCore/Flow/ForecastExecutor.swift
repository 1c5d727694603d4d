/// `forecast`: per key group, the rows' finishes counted per calendar day of the history window, then
/// `ForecastTrials` sampling those days with replacement, and a row per percentile. The rules are in
/// `docs/flow.md`.
enum ForecastExecutor {
    static func run(_ t: Table, _ spec: ForecastSpec, plan: Plan) throws(Diagnostic) -> Table {
        let evaluator = ExpressionEvaluator(input: t, range: plan.range)
        let timeColumn = try evaluator.evaluate(spec.time)
        let raw = ColumnAccess.int64s(timeColumn)
        let isDate = timeColumn.type != .datetime
        // The rows with a finish, and their days.
        var rows: [Int] = [], days: [Int64] = []
        var latest = Int64.min
        for i in 0..<t.rowCount where !timeColumn.isNull(i) {
            let d = isDate ? raw[i] : Temporal.floorDiv(raw[i], Temporal.microsPerDay)
            rows.append(i)
            days.append(d)
            latest = max(latest, d)
        }
        try Cancellation.check(plan.range)
        guard let to = spec.to ?? (rows.isEmpty ? nil : latest) else {
            throw Diagnostic("no row has a finish time: there is no throughput to forecast from", at: plan.range)
        }
        let from = spec.from ?? to - ForecastSpec.defaultWindow + 1
        guard from <= to else {
            throw Diagnostic("the history window would end on \(Temporal.formatDate(to)), the latest finish, before it starts on \(Temporal.formatDate(from)): give 'to'",
                             at: plan.range)
        }
        let start = spec.start ?? to + 1

        var keys: [Column] = []
        for k in spec.keys { keys.append(try evaluator.evaluate(k).gather(rows)) }
        let groups = try Grouping(keys: keys, rowCount: rows.count, range: plan.range)
        let groupCount = keys.isEmpty ? 1 : groups.count
        let width = to - from + 1
        let cells = Int64(groupCount).multipliedReportingOverflow(by: width)
        guard !cells.overflow, cells.partialValue <= Int64(BucketLayout.limit) else {
            throw Diagnostic("the history window and keys would make more than \(BucketLayout.limit) days to count: narrow the window with from/to",
                             at: plan.range)
        }
        // Finishes per group and day of the window.
        var history = [[Int64]](repeating: [Int64](repeating: 0, count: Int(width)), count: groupCount)
        for (k, d) in days.enumerated() where d >= from && d <= to {
            history[Int(groups.groupOfRow[k])][Int(d - from)] += 1
        }

        let percentiles = ForecastSpec.percentiles
        var percentileOut: [Int64] = [], dateOut: [Int64] = [], daysOut: [Int64] = [], itemsOut: [Int64] = []
        WorkProgress.begin("forecast: trials", total: groupCount * spec.trials)
        defer { WorkProgress.end() }
        for g in 0..<groupCount {
            let trials = ForecastTrials(history: history[g], trials: spec.trials, seed: spec.seed,
                                        splitLow: spec.splitLow, splitHigh: spec.splitHigh)
            guard history[g].contains(where: { $0 > 0 }) else {
                throw Diagnostic("no items finished in the history window \(Temporal.formatDate(from)) to \(Temporal.formatDate(to))"
                                 + groupText(g, groups, keys, plan) + ": there is no throughput to sample",
                                 at: plan.range, notes: ["widen the window with from/to, or check the rows' finish times"])
            }
            switch spec.question {
            case .when(let items):
                let result = trials.daysToFinish(items, horizon: ForecastSpec.horizon)
                try Cancellation.check(plan.range)
                guard var taken = result else {
                    throw Diagnostic("a trial needs more than \(ForecastSpec.horizon) days (about ten years) to finish \(items) items"
                                     + groupText(g, groups, keys, plan) + " at the history window's throughput",
                                     at: spec.questionRange, notes: ["forecast fewer items, or check the history window"])
                }
                taken.sort()
                for p in percentiles {
                    let d = taken[ForecastTrials.rank(p, of: taken.count)]
                    percentileOut.append(Int64(p))
                    dateOut.append(start + d - 1)
                    daysOut.append(d)
                }
            case .howMany(let by):
                guard by >= start else {
                    throw Diagnostic("the date is before the forecast starts on \(Temporal.formatDate(start))", at: spec.questionRange,
                                     notes: ["the forecast starts the day after the history window; set it with start=DATE"])
                }
                guard by - start < ForecastSpec.horizon else {
                    throw Diagnostic("the date is more than \(ForecastSpec.horizon) days (about ten years) after the forecast starts on \(Temporal.formatDate(start))",
                                     at: spec.questionRange)
                }
                var counts = trials.itemsDone(days: by - start + 1)
                try Cancellation.check(plan.range)
                counts.sort(by: >)
                for p in percentiles {
                    percentileOut.append(Int64(p))
                    itemsOut.append(counts[ForecastTrials.rank(p, of: counts.count)])
                }
            }
        }
        let rowCount = percentileOut.count
        let keyRows = (0..<rowCount).map { groups.firstRow[$0 / percentiles.count] }
        var columns = keys.map { $0.gather(keyRows) }
        columns.append(Column(type: .int, data: .int64(percentileOut)))
        if case .when = spec.question {
            columns += [Column(type: .date, data: .int64(dateOut)), Column(type: .int, data: .int64(daysOut))]
        } else {
            columns.append(Column(type: .int, data: .int64(itemsOut)))
        }
        return Table(fields: plan.fields, columns: columns, rowCount: rowCount)
    }

    /// " for KEY = value, ..." naming group g in an error, or "" without keys.
    private static func groupText(_ g: Int, _ groups: Grouping, _ keys: [Column], _ plan: Plan) -> String {
        guard !keys.isEmpty else { return "" }
        let row = groups.firstRow[g]
        return " for " + keys.indices.map { "\(plan.fields[$0].name) = \(keys[$0].value(at: row).text)" }.joined(separator: ", ")
    }
}

/// The trials of one forecast: each draws a day of `history` (items finished per calendar day) at
/// random, with replacement, for every simulated day, from a `Xoshiro256` fixed by `seed`. A trial
/// first draws its split rate (uniform in splitLow ..< splitHigh, only when they differ), then its days.
struct ForecastTrials {
    let history: [Int64]
    let trials: Int
    let seed: UInt64
    let splitLow: Double, splitHigh: Double

    /// The 0-based position of the nearest-rank p-th percentile among n sorted values: ⌈p·n/100⌉ − 1,
    /// in integers.
    static func rank(_ p: Int, of n: Int) -> Int { max((p * n + 99) / 100, 1) - 1 }

    @inline(__always) private func splitRate(_ rng: inout Xoshiro256) -> Double {
        splitHigh > splitLow ? splitLow + (splitHigh - splitLow) * rng.unit() : splitLow
    }

    /// For `when N`: the days each trial takes until it has finished ⌈N × split rate⌉ items (1 when they
    /// finish on the first day), or nil when a trial needs more than `horizon` days. Stops early, with
    /// a meaningless result, when cancellation is requested.
    func daysToFinish(_ items: Int64, horizon: Int64) -> [Int64]? {
        let n = UInt64(history.count)
        return eachTrial { rng in
            let scope = Double(items) * splitRate(&rng)
            let need = scope >= 9.0e18 ? Int64.max : max(Int64(scope.rounded(.up)), 1)
            var done: Int64 = 0, day: Int64 = 0
            while done < need {
                if day == horizon { return nil }
                done &+= history[Int(rng.below(n))]
                day += 1
            }
            return day
        }
    }

    /// For `howmany`: the items each trial finishes in `days` days, divided by its split rate and
    /// rounded down. Stops early, with a meaningless result, when cancellation is requested.
    func itemsDone(days: Int64) -> [Int64] {
        let n = UInt64(history.count)
        return eachTrial { rng in
            let rate = splitRate(&rng)
            var done: Int64 = 0, left = days
            while left > 0 {
                done &+= history[Int(rng.below(n))]
                left -= 1
            }
            return Int64((Double(done) / rate).rounded(.down))
        } ?? []
    }

    /// `trial(&rng)` for each trial in turn, from one generator fixed by the seed, reporting progress
    /// and stopping at Ctrl-C; nil as soon as a trial gives nil.
    private func eachTrial(_ trial: (inout Xoshiro256) -> Int64?) -> [Int64]? {
        var rng = Xoshiro256(seed: seed)
        var out = [Int64](repeating: 0, count: trials)
        for t in 0..<trials {
            if t & 0x3FF == 0 {
                if t > 0 { WorkProgress.advance(0x400, rows: 0) }
                if Cancellation.isRequested { break }
            }
            guard let value = trial(&rng) else { return nil }
            out[t] = value
        }
        return out
    }
}
