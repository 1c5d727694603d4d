/// `bin`, the `startof...` family and the calendar parts. ISO weeks start on Monday.
enum CalendarFunctions {
    /// Column loops for the truncating functions on a column with a constant size (the common case in
    /// `summarize by`); nil when the arguments need the row-at-a-time path.
    static func truncate(_ f: ScalarFunction, _ args: [Column], type: DataType) -> Column? {
        let x = args[0]
        guard case .int64(let a) = x.data, x.type == .date || x.type == .datetime || (f == .bin && x.type != .int) else { return nil }
        var size: Int64 = 0
        if f == .bin {
            guard args[1].type == .duration, case .int64(let s) = args[1].data, let first = s.first, first > 0,
                  args[1].validity == nil, !s.contains(where: { $0 != first }) else { return nil }
            size = first
            if x.type == .date && size % Temporal.microsPerDay != 0 { return nil }
        }
        let out: [Int64] = a.map { v in truncate(f, v, isDate: x.type == .date, size: size) }
        return Column(type: type, data: .int64(out), validity: x.validity)
    }

    /// One value: days for a date, microseconds for a datetime or duration.
    @inline(__always) static func truncate(_ f: ScalarFunction, _ v: Int64, isDate: Bool, size: Int64) -> Int64 {
        let day = isDate ? v : Temporal.floorDiv(v, Temporal.microsPerDay)
        let toOut: (Int64) -> Int64 = { d in isDate ? d : d * Temporal.microsPerDay }
        switch f {
        case .bin:
            if isDate { let days = size / Temporal.microsPerDay; return Temporal.floorDiv(v, days) * days }
            return Temporal.floorDiv(v, size) * size
        case .startofday: return toOut(day)
        case .startofweek: return toOut(day - (Temporal.dayOfWeek(day) - 1))
        case .startofmonth:
            let (y, m, _) = Temporal.civil(day)
            return toOut(Temporal.days(year: y, month: m, day: 1))
        case .startofquarter:
            let (y, m, _) = Temporal.civil(day)
            return toOut(Temporal.days(year: y, month: (m - 1) / 3 * 3 + 1, day: 1))
        default:
            let (y, _, _) = Temporal.civil(day)
            return toOut(Temporal.days(year: y, month: 1, day: 1))
        }
    }

    static func apply(_ f: ScalarFunction, _ a: [Value], type: DataType) -> Value {
        switch f {
        case .bin:
            switch (a[0], a[1]) {
            case (.int(let x), .int(let s)): return s > 0 ? .int(Temporal.floorDiv(x, s) * s) : .null
            case (.duration(let x), .duration(let s)): return s > 0 ? .duration(Temporal.floorDiv(x, s) * s) : .null
            case (.datetime(let x), .duration(let s)): return s > 0 ? .datetime(Temporal.floorDiv(x, s) * s) : .null
            case (.date(let x), .duration(let s)):
                guard s > 0 else { return .null }
                if s % Temporal.microsPerDay == 0 { return .date(truncate(.bin, x, isDate: true, size: s)) }
                return .null
            default:
                guard let x = a[0].asDouble, let s = a[1].asDouble, s > 0 else { return .null }
                return .float((x / s).rounded(.down) * s)
            }
        case .startofday, .startofweek, .startofmonth, .startofquarter, .startofyear:
            switch a[0] {
            case .date(let d): return .date(truncate(f, d, isDate: true, size: 0))
            case .datetime(let t): return .datetime(truncate(f, t, isDate: false, size: 0))
            default: return .null
            }
        case .days, .hours:
            guard case .duration(let d) = a[0] else { return .null }
            return .float(Double(d) / Double(f == .days ? Temporal.microsPerDay : Temporal.microsPerHour))
        default:
            let micros: Int64
            switch a[0] {
            case .date(let d): micros = d * Temporal.microsPerDay
            case .datetime(let t): micros = t
            default: return .null
            }
            let day = Temporal.floorDiv(micros, Temporal.microsPerDay)
            let (y, m, d) = Temporal.civil(day)
            switch f {
            case .dayofweek: return .int(Temporal.dayOfWeek(day))
            case .year: return .int(y)
            case .month: return .int(m)
            case .day: return .int(d)
            case .hour: return .int((micros - day * Temporal.microsPerDay) / Temporal.microsPerHour)
            default: return .int(Temporal.isoWeek(day).week)
            }
        }
    }
}

extension CalendarFunctions {
    /// `workdays(a, b[, HOLIDAYS])` over columns: the third argument, when there, is a constant string of
    /// the holiday dates (`2026-04-03,2026-04-06`) that the binder read from HOLIDAYS.
    static func workdays(_ args: [Column], count: Int) -> Column {
        let holidays = args.count > 2 && count > 0 ? holidays(args[2].value(at: 0)) : []
        var out = ColumnBuilder(type: .int, capacity: count)
        for i in 0..<count { out.append(workdays(args[0].value(at: i), args[1].value(at: i), holidays: holidays)) }
        return out.build()
    }

    /// The Monday–Friday days d with a ≤ d < b that are not in `holidays` (sorted weekday day numbers);
    /// a datetime counts as its UTC day. Null when a or b is null.
    static func workdays(_ a: Value, _ b: Value, holidays: [Int64]) -> Value {
        func day(_ v: Value) -> Int64? {
            switch v {
            case .date(let d): return d
            case .datetime(let t): return Temporal.floorDiv(t, Temporal.microsPerDay)
            default: return nil
            }
        }
        guard let from = day(a), let to = day(b) else { return .null }
        return .int(workdayCount(from: from, to: to, holidays: holidays))
    }

    /// The Monday–Friday days d with from ≤ d < to (day numbers) that are not in `holidays` (sorted
    /// weekday day numbers); 0 when to ≤ from.
    static func workdayCount(from: Int64, to: Int64, holidays: [Int64]) -> Int64 {
        guard to > from else { return 0 }
        let weeks = (to - from) / 7
        var n = weeks * 5
        var d = from + weeks * 7
        while d < to {
            if Temporal.dayOfWeek(d) <= 5 { n += 1 }
            d += 1
        }
        if holidays.isEmpty { return n }
        func firstIndex(atLeast x: Int64) -> Int {
            var lo = 0, hi = holidays.count
            while lo < hi { let mid = (lo + hi) / 2; if holidays[mid] < x { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        return n - Int64(firstIndex(atLeast: to) - firstIndex(atLeast: from))
    }

    /// The holiday weekdays in a string of dates, sorted and without repeats.
    static func holidays(_ v: Value) -> [Int64] {
        guard case .string(let s) = v else { return [] }
        let days = s.split(separator: ",").compactMap { Temporal.parseDate($0) }
        return Set(days).filter { Temporal.dayOfWeek($0) <= 5 }.sorted()
    }
}

extension Temporal {
    /// The ISO 8601 week-numbering year and week (1...53) of a day.
    public static func isoWeek(_ day: Int64) -> (year: Int64, week: Int64) {
        // The Thursday of this week decides the year.
        let thursday = day - (dayOfWeek(day) - 1) + 3
        let (y, _, _) = civil(thursday)
        let jan1 = days(year: y, month: 1, day: 1)
        return (y, (thursday - jan1) / 7 + 1)
    }
}
