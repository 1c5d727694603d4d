/// Who can work when, over a window of days: each person's contracted hours, their first and last day
/// with the firm, the working days (Monday to Friday less public holidays) and the days each person
/// is away. A person's capacity on a day is a fifth of their weekly hours on a working day they are
/// with the firm and not away, else 0. Days are offsets from the window's first day.
struct CapacityCalendar {
    /// Days in the window.
    let days: Int
    /// Contracted hours a week, per person (0 for none).
    let weekly: [Double]
    /// Each person's first and last day with the firm, as offsets clamped to -1 ... days.
    let first: [Int32], last: [Int32]
    /// Whether each day of the window is a working day.
    let workday: [Bool]
    /// Working days before each offset (`days + 1` entries).
    let workdaysBefore: [Int32]
    /// Person-days away, bit `person * days + day`; set only on working days. Empty without time off.
    let away: [UInt64]

    /// The calendar of `weekly.count` people over `days` days from `lo`: `start`/`end` are each
    /// person's first and last day (nil: none), `holidays` sorted weekday day numbers, `timeoff`
    /// (person, day) pairs (a person number outside the people, such as -1, or a day outside the window
    /// is left out).
    init(lo: Int64, days: Int, weekly: [Double], start: [Int64?], end: [Int64?], holidays: [Int64],
         timeoff: (person: [Int32], day: [Int64])?) {
        self.days = days
        self.weekly = weekly
        func offset(_ d: Int64?, _ none: Int64) -> Int32 { Int32(max(-1, min(Int64(days), (d ?? none) - lo))) }
        first = start.map { offset($0, Int64.min / 2) }
        last = end.map { offset($0, Int64.max / 2) }
        var workday = [Bool](repeating: false, count: days)
        var before = [Int32](repeating: 0, count: days + 1)
        var h = holidays.firstIndex { $0 >= lo } ?? holidays.count
        for d in 0..<days {
            let day = lo + Int64(d)
            while h < holidays.count, holidays[h] < day { h += 1 }
            workday[d] = Temporal.dayOfWeek(day) <= 5 && !(h < holidays.count && holidays[h] == day)
            before[d + 1] = before[d] + (workday[d] ? 1 : 0)
        }
        self.workday = workday
        workdaysBefore = before
        guard let t = timeoff else { away = []; return }
        var bits = [UInt64](repeating: 0, count: (weekly.count * days + 63) / 64)
        for i in 0..<t.person.count {
            let p = Int(t.person[i]), d = t.day[i] - lo
            guard p >= 0, p < weekly.count, d >= 0, d < Int64(days), workday[Int(d)] else { continue }
            let bit = p * days + Int(d)
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        away = bits
    }

    /// Person `p`'s capacity in hours on day offset `d`.
    @inline(__always) func hours(_ p: Int, _ d: Int) -> Double {
        guard weekly[p] > 0, workday[d], Int32(d) >= first[p], Int32(d) <= last[p] else { return 0 }
        if !away.isEmpty {
            let bit = p * days + d
            if away[bit >> 6] & (1 << UInt64(bit & 63)) != 0 { return 0 }
        }
        return weekly[p] / 5
    }

    /// The days person `p` can work between offsets `a` and `b` (both included): working days with the
    /// firm, not away.
    func workingDays(_ p: Int, _ a: Int, _ b: Int) -> Int {
        let lo = max(a, Int(first[p])), hi = min(b, Int(last[p]))
        guard lo <= hi else { return 0 }
        var n = Int(workdaysBefore[hi + 1] - workdaysBefore[lo])
        if !away.isEmpty { n -= CapacityCalendar.bits(away, from: p * days + lo, through: p * days + hi) }
        return n
    }

    /// The number of set bits of `words` from bit `a` through bit `b`.
    static func bits(_ words: [UInt64], from a: Int, through b: Int) -> Int {
        var n = 0
        var i = a
        while i <= b {
            let w = i >> 6, offset = i & 63
            let take = min(64 - offset, b - i + 1)
            let mask: UInt64 = take == 64 ? ~0 : ((1 << UInt64(take)) - 1) << UInt64(offset)
            n += (words[w] & mask).nonzeroBitCount
            i += take
        }
        return n
    }
}
