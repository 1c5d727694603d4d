/// Conversions between types, shared by `toint`/`tofloat`/`tostring` and the binder's type rules.
public enum Conversion {
    /// `toint(x)`: numbers truncate toward zero, strings parse, bools give 0/1; else null.
    public static func toInt(_ v: Value) -> Value {
        switch v {
        case .int: return v
        case .float(let f): return f.isFinite && Swift.abs(f) < 9.2e18 ? .int(Int64(f)) : .null
        case .bool(let b): return .int(b ? 1 : 0)
        case .string(let s):
            let t = s.trimmingWhitespace
            if let i = Int64(t) { return .int(i) }
            if let f = Double(t), f.isFinite, Swift.abs(f) < 9.2e18 { return .int(Int64(f)) }
            return .null
        case .duration(let d): return .int(d)
        default: return .null
        }
    }

    /// `tofloat(x)`: numbers convert, strings parse, bools give 0/1; else null.
    public static func toFloat(_ v: Value) -> Value {
        switch v {
        case .int(let i): return .float(Double(i))
        case .float: return v
        case .bool(let b): return .float(b ? 1 : 0)
        case .string(let s): return Double(s.trimmingWhitespace).map { .float($0) } ?? .null
        default: return .null
        }
    }
}

extension Value {
    /// The value as a double when it is a number.
    public var asDouble: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let f): return f
        default: return nil
        }
    }
}

extension String {
    /// The string without leading and trailing white space.
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

extension DataType {
    /// The type both can be seen as (null fits anything; int widens to float; date to datetime), or nil.
    public static func common(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        if a == .null { return b }
        if b == .null { return a }
        if a.isNumeric && b.isNumeric { return .float }
        if Set([a, b]) == [.date, .datetime] { return .datetime }
        return nil
    }
}

extension Conversion {
    /// `todate(x)`: a datetime's UTC day, a date, or a string `YYYY-MM-DD` (or a datetime string).
    public static func toDate(_ v: Value) -> Value {
        switch v {
        case .date: return v
        case .datetime(let t): return .date(Temporal.floorDiv(t, Temporal.microsPerDay))
        case .string(let s):
            let t = s.trimmingWhitespace
            if let d = Temporal.parseDate(t) { return .date(d) }
            if let dt = Temporal.parseDatetime(t) { return .date(Temporal.floorDiv(dt, Temporal.microsPerDay)) }
            return .null
        default: return .null
        }
    }

    /// `todatetime(x)`: a date at midnight UTC, a datetime, or an ISO-8601 string.
    public static func toDatetime(_ v: Value) -> Value {
        switch v {
        case .datetime: return v
        case .date(let d): return .datetime(d * Temporal.microsPerDay)
        case .string(let s):
            let t = s.trimmingWhitespace
            if let dt = Temporal.parseDatetime(t) { return .datetime(dt) }
            if let d = Temporal.parseDate(t) { return .datetime(d * Temporal.microsPerDay) }
            return .null
        default: return .null
        }
    }

    /// `toduration(x)`: a duration, or a string written as a duration literal (`"1.5d"`).
    public static func toDuration(_ v: Value) -> Value {
        switch v {
        case .duration: return v
        case .string(let s): return parseDuration(s.trimmingWhitespace).map { .duration($0) } ?? .null
        default: return .null
        }
    }

    /// A duration literal's microseconds: one part (`90s`, `1.5d`) or several, as gemba prints
    /// durations (`1d2h`, `1m30.5s`, `-4d12h`); nil when it is not one.
    public static func parseDuration(_ text: String) -> Int64? {
        if let v = Temporal.parseDuration(text) { return v }
        var rest = Substring(text)
        let negative = rest.hasPrefix("-")
        if negative { rest = rest.dropFirst() }
        var total: Int64 = 0
        var parts = 0
        while !rest.isEmpty {
            let unitStart = rest.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? rest.endIndex
            let partEnd = rest[unitStart...].firstIndex { $0.isASCII && ($0.isNumber || $0 == ".") } ?? rest.endIndex
            guard unitStart > rest.startIndex, partEnd > unitStart, let v = Temporal.parseDuration(rest[..<partEnd]) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(v)
            guard !overflow else { return nil }
            total = sum
            parts += 1
            rest = rest[partEnd...]
        }
        guard parts > 1 else { return nil }
        return negative ? -total : total
    }
}
