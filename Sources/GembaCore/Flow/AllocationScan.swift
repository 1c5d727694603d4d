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

    /// The inputs, per row and per person, as the scan reads them.
    private struct Input {
        /// The rows in day order (empty: all rows, in order).
        let listed: UnsafeBufferPointer<Int32>
        /// Per row: person number (-1: left out), day number, hours, billable (empty: none is).
        let person: UnsafeBufferPointer<Int32>, day: UnsafeBufferPointer<Int64>
        let hours: UnsafeBufferPointer<Double>, billable: UnsafeBufferPointer<Bool>
        /// Per person: key group. Per day offset from `lo`: period.
        let group: UnsafeBufferPointer<Int32>, period: UnsafeBufferPointer<Int32>
        let lo: Int64, groups: Int, periods: Int
        let calendar: CapacityCalendar
    }

    /// Scans the rows of `rows` (in day order; nil: all `n` rows, already in day order, every one
    /// valid and inside the window): `person` per row (-1: left out), `day` per row (day numbers; the
    /// window starts on `lo`), `hours` and `billable` per row. `group` gives each person's key group,
    /// `period` each day offset's period, of `periods` per group.
    init(n: Int, rows: [Int32]?, person: [Int32], day: [Int64], lo: Int64, hours: [Double], billable billableRows: [Bool]?,
         group: [Int32], groups: Int, period: [Int32], periods: Int, calendar: CapacityCalendar) {
        let m = rows?.count ?? n
        let parts: [AllocationScan] = person.withUnsafeBufferPointer { person in
            day.withUnsafeBufferPointer { day in
                hours.withUnsafeBufferPointer { hours in
                    (billableRows ?? []).withUnsafeBufferPointer { billable in
                        (rows ?? []).withUnsafeBufferPointer { listed in
                            group.withUnsafeBufferPointer { group in
                                period.withUnsafeBufferPointer { period in
                                    let input = Input(listed: listed, person: person, day: day, hours: hours, billable: billable,
                                                      group: group, period: period, lo: lo, groups: groups, periods: periods,
                                                      calendar: calendar)
                                    let ranges = AllocationScan.ranges(m) { k in day[listed.isEmpty ? k : Int(listed[k])] }
                                    return Parallel.map(ranges) { _, r in AllocationScan(scanning: r, input) }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.init(cells: groups * periods, groups: groups)
        for part in parts {
            for c in 0..<allocated.count {
                self.allocated[c] += part.allocated[c]
                self.billable[c] += part.billable[c]
                self.over[c] += part.over[c]
            }
            for g in 0..<groups where part.hasRows[g] { hasRows[g] = true }
        }
    }

    private init(cells: Int, groups: Int) {
        allocated = [Double](repeating: 0, count: cells)
        billable = allocated
        over = allocated
        hasRows = [Bool](repeating: false, count: groups)
    }

    /// One core's sums over rows `r` (of the listed rows, or of all rows), which start and end at a
    /// change of day.
    private init(scanning r: Range<Int>, _ input: Input) {
        self.init(cells: input.groups * input.periods, groups: input.groups)
        let people = input.group.count
        // Each person's hours on the current day, valid where `stamp` is that day; who has hours on it.
        let acc = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(people, 1))
        let stamp = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(people, 1))
        let touched = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(people, 1))
        acc.initialize(repeating: 0)
        stamp.initialize(repeating: -1)
        defer { acc.deallocate(); stamp.deallocate(); touched.deallocate() }
        let periods = input.periods, lo = input.lo
        let listed = input.listed, person = input.person, day = input.day, hours = input.hours
        let billable = input.billable, group = input.group, period = input.period
        allocated.withUnsafeMutableBufferPointer { allocated in
            self.billable.withUnsafeMutableBufferPointer { billed in
                over.withUnsafeMutableBufferPointer { over in
                    hasRows.withUnsafeMutableBufferPointer { hasRows in
                        var current: Int32 = -1
                        var count = 0
                        // Consecutive rows of one cell (a team's rows of a day) are summed in registers.
                        var run = -1
                        var runHours = 0.0, runBilled = 0.0
                        for k in r {
                            if interrupted(k) { break }
                            let i = listed.isEmpty ? k : Int(listed[k])
                            let p = Int(person[i])
                            if p < 0 { continue }
                            let d = Int32(truncatingIfNeeded: day[i] &- lo)
                            if d != current {
                                AllocationScan.endDay(current, touched, count, acc, input, over)
                                count = 0
                                current = d
                            }
                            let h = hours[i]
                            if stamp[p] != d {
                                stamp[p] = d
                                acc[p] = h
                                touched[count] = Int32(p)
                                count += 1
                            } else {
                                acc[p] += h
                            }
                            let cell = Int(group[p]) * periods + Int(period[Int(d)])
                            if cell != run {
                                if run >= 0 { allocated[run] += runHours; billed[run] += runBilled; hasRows[run / periods] = true }
                                run = cell
                                runHours = 0
                                runBilled = 0
                            }
                            runHours += h
                            if !billable.isEmpty, billable[i] { runBilled += h }
                        }
                        if run >= 0 { allocated[run] += runHours; billed[run] += runBilled; hasRows[run / periods] = true }
                        AllocationScan.endDay(current, touched, count, acc, input, over)
                    }
                }
            }
        }
    }

    /// Day offset `d` is over: each of the `count` people with hours on it adds what exceeds their
    /// capacity that day to the over-allocation of their group and the day's period.
    @inline(__always)
    private static func endDay(_ d: Int32, _ touched: UnsafeMutableBufferPointer<Int32>, _ count: Int,
                               _ acc: UnsafeMutableBufferPointer<Double>, _ input: Input, _ over: UnsafeMutableBufferPointer<Double>) {
        guard d >= 0 else { return }
        let day = Int(d)
        let base = Int(input.period[day])
        for k in 0..<count {
            let p = Int(touched[k])
            let excess = acc[p] - input.calendar.hours(p, day)
            if excess > 0 { over[Int(input.group[p]) * input.periods + base] += excess }
        }
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
