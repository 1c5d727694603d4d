/// The allocations' pass of `utilization`: hours, billable hours and over-allocation per key group and
/// period, over allocation rows read in day order. Each person's hours of one day are summed (their
/// rows are between two changes of day) and compared with the person's capacity that day when the day
/// ends, so overtime on one day is never offset by slack on another. The rows are split among the
/// cores at changes of day; each core keeps its own sums, added up in a fixed order.
struct AllocationScan {
    /// Per cell (key group × period): the hours, the billable hours and the hours over capacity.
    var allocated: [Double], billable: [Double], over: [Double]
    /// Key groups with at least one allocation row.
    var hasRows: [Bool]

    /// Scans the rows of `rows` (in day order; nil: all `n` rows, already in day order, every one
    /// valid and inside the window): `person` per row (-1: left out), `day` per row (day numbers; the
    /// window starts on `lo`), `hours` and `billable` per row. `group` gives each person's key group, `period` each day
    /// offset's period, of `periods` per group.
    init(n: Int, rows: [Int32]?, person: [Int32], day: [Int64], lo: Int64, hours: [Double], billable billableRows: [Bool]?,
         group: [Int32], groups: Int, period: [Int32], periods: Int, calendar: CapacityCalendar) {
        let m = rows?.count ?? n
        let cells = groups * periods
        let people = group.count
        let parts: [AllocationScan] = person.withUnsafeBufferPointer { person in
            day.withUnsafeBufferPointer { day in
                hours.withUnsafeBufferPointer { hours in
                    (billableRows ?? []).withUnsafeBufferPointer { billable in
                        (rows ?? []).withUnsafeBufferPointer { listed in
                            let ranges = AllocationScan.ranges(m) { k in day[listed.isEmpty ? k : Int(listed[k])] }
                            return Parallel.map(ranges) { _, r in
                                var w = Worker(part: AllocationScan(cells: cells, groups: groups), people: people, periods: periods)
                                for k in r {
                                    if interrupted(k) { break }
                                    let i = listed.isEmpty ? k : Int(listed[k])
                                    let p = Int(person[i])
                                    if p < 0 { continue }
                                    let d = Int32(truncatingIfNeeded: day[i] &- lo)
                                    if d != w.current { w.endDay(group: group, period: period, calendar: calendar); w.current = d }
                                    let h = hours[i]
                                    if w.stamp[p] != d {
                                        w.stamp[p] = d
                                        w.acc[p] = h
                                        w.touched.append(Int32(p))
                                    } else {
                                        w.acc[p] += h
                                    }
                                    let g = Int(group[p])
                                    let cell = g * periods + Int(period[Int(d)])
                                    w.part.allocated[cell] += h
                                    if !billable.isEmpty, billable[i] { w.part.billable[cell] += h }
                                    w.part.hasRows[g] = true
                                }
                                w.endDay(group: group, period: period, calendar: calendar)
                                return w.part
                            }
                        }
                    }
                }
            }
        }
        self.init(cells: cells, groups: groups)
        for part in parts {
            for c in 0..<cells {
                self.allocated[c] += part.allocated[c]
                self.billable[c] += part.billable[c]
                self.over[c] += part.over[c]
            }
            for g in 0..<groups where part.hasRows[g] { hasRows[g] = true }
        }
    }

    /// One core's sums, and the hours each person has logged so far on the day being read.
    private struct Worker {
        var part: AllocationScan
        /// Hours per person on day `current`, valid where `stamp` is `current`.
        var acc: [Double]
        var stamp: [Int32]
        /// The people with hours on day `current`.
        var touched: [Int32] = []
        var current: Int32 = -1
        let periods: Int

        init(part: AllocationScan, people: Int, periods: Int) {
            self.part = part
            acc = [Double](repeating: 0, count: people)
            stamp = [Int32](repeating: -1, count: people)
            self.periods = periods
        }

        /// The day `current` is over: each person's hours beyond their capacity that day are
        /// over-allocated.
        mutating func endDay(group: [Int32], period: [Int32], calendar: CapacityCalendar) {
            guard current >= 0 else { return }
            let d = Int(current)
            let base = Int(period[d])
            for p in touched {
                let excess = acc[Int(p)] - calendar.hours(Int(p), d)
                if excess > 0 { part.over[Int(group[Int(p)]) * periods + base] += excess }
            }
            touched.removeAll(keepingCapacity: true)
        }
    }

    private init(cells: Int, groups: Int) {
        allocated = [Double](repeating: 0, count: cells)
        billable = allocated
        over = allocated
        hasRows = [Bool](repeating: false, count: groups)
    }

    /// `0..<m` split for the cores, each boundary moved forward past rows of the same day as the row
    /// before it, so that no day is split.
    static func ranges(_ m: Int, day: (Int) -> Int64) -> [Range<Int>] {
        var bounds = Parallel.ranges(m).map(\.lowerBound) + [m]
        for b in 1..<(bounds.count - 1) {
            var k = max(bounds[b], bounds[b - 1])
            while k > 0, k < m, day(k) == day(k - 1) { k += 1 }
            bounds[b] = k
        }
        return (0..<(bounds.count - 1)).map { bounds[$0]..<max(bounds[$0], bounds[$0 + 1]) }.filter { !$0.isEmpty }
    }
}
