/// `utilization`: per key group of people and period, the effective capacity (contracted hours less
/// public holidays and time off, while with the firm), the hours allocated, their ratio (a ratio of
/// sums, never a mean of ratios; null when there is no capacity), the hours over each person's
/// capacity summed per person-day, and the billable hours (`docs/flow.md`).
enum UtilizationExecutor {
    /// The most days a window may span (about 270 years).
    static let maximumDays = 100_000

    static func run(_ t: Table, _ spec: UtilizationSpec, plan: Plan) throws(Diagnostic) -> Table {
        let range = plan.range
        let ev = ExpressionEvaluator(input: t, range: range)
        let dayColumn = try ev.evaluate(spec.day)
        let hoursColumn = try ev.evaluate(spec.hours)
        let billableColumn = try spec.billable.map { b throws(Diagnostic) in try ev.evaluate(b) }
        guard t.rowCount < Int(Int32.max) else { throw Diagnostic("utilization takes at most \(Int32.max - 1) rows", at: range) }

        let people = try UtilizationPeople(t, spec, range: range)
        // Each allocation's person and day; a row without either is left out.
        var personOf = people.personOfAllocation
        let day = days(dayColumn)
        if dayColumn.validity != nil {
            for i in 0..<t.rowCount where dayColumn.isNull(i) { personOf[i] = -1 }
        }
        try Cancellation.check(range)

        let seen = DayRange(personOf: personOf, day: day)
        guard let lo = spec.from ?? seen.lo, let hi = spec.to ?? seen.hi, lo <= hi else { return empty(plan) }
        guard hi - lo < Int64(maximumDays) else {
            throw Diagnostic("a window of \(hi - lo + 1) days is too long: give from and to", at: range)
        }
        let dayCount = Int(hi - lo) + 1

        // Key groups of people, and the periods of the window.
        let grouping = try Grouping(keys: people.keys, rowCount: people.count, range: range)
        let groups = grouping.count
        var period = [Int32](repeating: 0, count: dayCount)
        var periodEnd = [dayCount - 1]
        var firstBucket: Int64 = 0
        if let grid = spec.grid {
            firstBucket = grid.bucket(lo)
            let last = grid.bucket(hi)
            periodEnd = (firstBucket...last).map { b in Int(min(hi, grid.start(b + 1) - 1) - lo) }
            for d in 0..<dayCount { period[d] = Int32(grid.bucket(lo + Int64(d)) - firstBucket) }
        }
        let periods = periodEnd.count
        let cells = groups.multipliedReportingOverflow(by: periods)
        guard !cells.overflow, cells.partialValue <= BucketLayout.limit else {
            throw Diagnostic("this would make more than \(BucketLayout.limit) rows of periods × keys: use a larger step or from/to", at: range)
        }

        let calendar = try people.calendar(lo: lo, days: dayCount, holidays: spec.holidays, timeoff: spec.timeoff, range: range)
        try Cancellation.check(range)

        // Capacity per group and period: each person's working days there, times a fifth of their week
        // (summed as weekly hours × days, exact for whole hours, and divided by 5 once).
        var capacity = [Double](repeating: 0, count: cells.partialValue)
        for p in 0..<people.known where calendar.weekly[p] > 0 {
            let g = Int(grouping.groupOfRow[p])
            var a = 0
            for b in 0..<periods {
                let n = calendar.workingDays(p, a, periodEnd[b])
                if n > 0 { capacity[g * periods + b] += calendar.weekly[p] * Double(n) }
                a = periodEnd[b] + 1
            }
        }
        for c in capacity.indices { capacity[c] /= 5 }

        // The allocations, in day order, inside the window.
        let billable = billableColumn.map(ColumnAccess.bools)
        let rows = DayOrder(person: personOf, day: day, hours: ColumnAccess.doubles(hoursColumn), billable: billable,
                            seen: seen, lo: lo, hi: hi)
        try Cancellation.check(range)
        let scan = AllocationScan(n: rows.person.count, rows: rows.listed, person: rows.person, day: rows.day, lo: lo,
                                  hours: rows.hours, billable: rows.billable, group: grouping.groupOfRow,
                                  groups: groups, period: period, periods: periods, calendar: calendar)
        try Cancellation.check(range)

        // Groups with capacity or hours (all of them without keys: one row, as summarize gives).
        let kept = (0..<groups).filter { g in
            people.keys.isEmpty || scan.hasRows[g] || (0..<periods).contains { capacity[g * periods + $0] > 0 }
        }
        let cellsOut = kept.flatMap { g in (0..<periods).map { g * periods + $0 } }
        let keyRows = kept.flatMap { g in Array(repeating: grouping.firstRow[g], count: periods) }
        var columns = people.keys.map { $0.gather(keyRows) }
        if let grid = spec.grid {
            columns.append(Column(type: .date, data: .int64(cellsOut.map { grid.start(firstBucket + Int64($0 % periods)) })))
        }
        func ratio(_ a: [Double], _ b: [Double]) -> Column {
            var out = ColumnBuilder(type: .float, capacity: cellsOut.count)
            for c in cellsOut {
                if b[c] != 0 { out.appendFloat(a[c] / b[c]) } else { out.appendNull() }
            }
            return out.build()
        }
        func sums(_ a: [Double]) -> Column { Column(type: .float, data: .float64(cellsOut.map { a[$0] })) }
        columns += [sums(capacity), sums(scan.allocated), ratio(scan.allocated, capacity), sums(scan.over)]
        if billable != nil {
            columns += [sums(scan.billable), ratio(scan.billable, scan.allocated), ratio(scan.billable, capacity)]
        }
        return Table(fields: plan.fields, columns: columns, rowCount: cellsOut.count)
    }

    /// The result with no rows.
    private static func empty(_ plan: Plan) -> Table {
        Table(fields: plan.fields, columns: plan.fields.map { Column.constant(.null, type: $0.type, count: 0) }, rowCount: 0)
    }

    /// A date or datetime column as day numbers (a datetime counts as its UTC day).
    static func days(_ c: Column) -> [Int64] {
        let a = ColumnAccess.int64s(c)
        guard c.type == .datetime else { return a }
        return a.map { Temporal.floorDiv($0, Temporal.microsPerDay) }
    }
}

/// The allocations to scan, in day order and inside the window: as they are when every row is valid,
/// inside and already in day order (as worklogs usually are); the list of the valid rows inside when
/// they are in day order but some are not; else copies of the valid rows inside, put in day order by a
/// counting sort (read in row order and written to one run per day, so that the scan then reads them
/// in order rather than jumping about the input).
struct DayOrder {
    /// Per row: person (-1: left out), day, hours, billable (nil: no billable column).
    let person: [Int32], day: [Int64], hours: [Double], billable: [Bool]?
    /// The rows to read, in day order; nil: all of them.
    let listed: [Int32]?

    init(person: [Int32], day: [Int64], hours: [Double], billable: [Bool]?, seen: DayRange, lo: Int64, hi: Int64) {
        let n = person.count
        let inside = (seen.lo.map { $0 >= lo } ?? true) && (seen.hi.map { $0 <= hi } ?? true)
        func kept(_ i: Int) -> Bool { person[i] >= 0 && day[i] >= lo && day[i] <= hi }
        if seen.sorted {
            (self.person, self.day, self.hours, self.billable) = (person, day, hours, billable)
            if seen.valid == n, inside {
                listed = nil
            } else {
                var rows: [Int32] = []
                rows.reserveCapacity(seen.valid)
                for i in 0..<n where kept(i) { rows.append(Int32(i)) }
                listed = rows
            }
            return
        }
        let span = Int(hi - lo) + 1
        var next = [Int](repeating: 0, count: span + 1)
        for i in 0..<n where kept(i) { next[Int(day[i] - lo) + 1] += 1 }
        for d in 0..<span { next[d + 1] += next[d] }
        let m = next[span]
        var p = [Int32](repeating: -1, count: m), dd = [Int64](repeating: 0, count: m), h = [Double](repeating: 0, count: m)
        var b = [Bool](repeating: false, count: billable == nil ? 0 : m)
        let source = billable ?? []
        for i in 0..<n where kept(i) {
            let d = Int(day[i] - lo)
            let k = next[d]
            next[d] += 1
            p[k] = person[i]
            dd[k] = day[i]
            h[k] = hours[i]
            if !source.isEmpty { b[k] = source[i] }
        }
        (self.person, self.day, self.hours, self.billable, listed) = (p, dd, h, billable == nil ? nil : b, nil)
    }
}

/// The earliest and latest day of the rows with a person, how many there are, and whether their days
/// never decrease in row order; on all cores.
struct DayRange {
    var lo: Int64?, hi: Int64?
    var valid = 0
    var sorted = true

    init(personOf: [Int32], day: [Int64]) {
        struct Part { var lo = Int64.max, hi = Int64.min, first: Int64? = nil, last: Int64? = nil, valid = 0, sorted = true }
        let parts = personOf.withUnsafeBufferPointer { person in
            day.withUnsafeBufferPointer { day in
                Parallel.map(Parallel.ranges(person.count)) { _, r -> Part in
                    var p = Part()
                    var last = Int64.min
                    for i in r where person[i] >= 0 {
                        let d = day[i]
                        if d < last { p.sorted = false }
                        last = d
                        if p.first == nil { p.first = d }
                        p.lo = min(p.lo, d); p.hi = max(p.hi, d)
                        p.valid += 1
                    }
                    p.last = p.valid > 0 ? last : nil
                    return p
                }
            }
        }
        var previous: Int64? = nil
        for p in parts where p.valid > 0 {
            lo = min(lo ?? p.lo, p.lo)
            hi = max(hi ?? p.hi, p.hi)
            valid += p.valid
            if !p.sorted { sorted = false }
            if let q = previous, let f = p.first, f < q { sorted = false }
            previous = p.last
        }
    }
}
