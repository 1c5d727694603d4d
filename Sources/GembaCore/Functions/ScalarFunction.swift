/// The scalar functions, one registry: each knows its result type (`ScalarFunction+Types.swift`) and
/// how to compute a column (one file per family).
public enum ScalarFunction: String, Sendable, CaseIterable {
    // strings
    case strlen, tolower, toupper, trim, strcat, substring, replace, splitAt = "split"
    // nulls and choices
    case isnull, isnotnull, iff, `case`, coalesce
    // conversions
    case tostring, toint, tofloat, todate, todatetime, toduration
    // math
    case abs, round, floor, ceil, sqrt, pow, log, exp
    // calendar
    case bin, startofday, startofweek, startofmonth, startofquarter, startofyear
    case dayofweek, year, month, day, week, hour, days, hours, workdays

    /// Computes the function over argument columns of `count` rows, giving a column of `type`.
    public func evaluate(_ args: [Column], count: Int, type: DataType) -> Column {
        switch self {
        case .tolower: return StringFunctions.mapDictionary(args[0]) { $0.lowercased() }
        case .toupper: return StringFunctions.mapDictionary(args[0]) { $0.uppercased() }
        case .trim: return StringFunctions.mapDictionary(args[0]) { $0.trimmingWhitespace }
        case .isnull, .isnotnull:
            let wantNull = self == .isnull
            let c = args[0]
            return Column(type: .bool, data: .bool((0..<count).map { c.isNull($0) == wantNull }))
        case .bin, .startofday, .startofweek, .startofmonth, .startofquarter, .startofyear:
            if let c = CalendarFunctions.truncate(self, args, type: type) { return c }
            return rowWise(args, count: count, type: type)
        case .workdays:
            return CalendarFunctions.workdays(args, count: count)
        default:
            return rowWise(args, count: count, type: type)
        }
    }

    /// The general path, a row at a time; the hot functions have column loops above.
    private func rowWise(_ args: [Column], count: Int, type: DataType) -> Column {
        var out = ColumnBuilder(type: type, capacity: count)
        var row = [Value](repeating: .null, count: args.count)
        for i in 0..<count {
            for (k, a) in args.enumerated() { row[k] = a.value(at: i) }
            var v = apply(row, type: type)
            // A date where a datetime is expected (iff, case, coalesce mixing both) is its midnight UTC.
            if type == .datetime, case .date(let d) = v { v = .datetime(d &* Temporal.microsPerDay) }
            out.append(v)
        }
        return out.build()
    }

    /// The function on one row of values.
    func apply(_ a: [Value], type: DataType) -> Value {
        switch self {
        case .strlen, .strcat, .substring, .replace, .splitAt, .tolower, .toupper, .trim:
            return StringFunctions.apply(self, a)
        case .isnull: return .bool(a[0].isNull)
        case .isnotnull: return .bool(!a[0].isNull)
        case .iff:
            if case .bool(true) = a[0] { return a[1] }
            return a[2]
        case .case:
            var k = 0
            while k + 1 < a.count {
                if case .bool(true) = a[k] { return a[k + 1] }
                k += 2
            }
            return a[a.count - 1]
        case .coalesce:
            return a.first { !$0.isNull } ?? .null
        case .tostring: return a[0].isNull ? .null : .string(a[0].text)
        case .toint: return Conversion.toInt(a[0])
        case .tofloat: return Conversion.toFloat(a[0])
        case .todate: return Conversion.toDate(a[0])
        case .todatetime: return Conversion.toDatetime(a[0])
        case .toduration: return Conversion.toDuration(a[0])
        case .abs, .round, .floor, .ceil, .sqrt, .pow, .log, .exp:
            return MathFunctions.apply(self, a)
        case .bin, .startofday, .startofweek, .startofmonth, .startofquarter, .startofyear,
             .dayofweek, .year, .month, .day, .week, .hour, .days, .hours:
            return CalendarFunctions.apply(self, a, type: type)
        case .workdays:
            let holidays = a.count > 2 ? CalendarFunctions.holidays(a[2]) : []
            return CalendarFunctions.workdays(a[0], a[1], holidays: holidays)
        }
    }
}
