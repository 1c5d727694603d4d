/// Parsers for one value written as bytes `p[start..<end]`: the per-field work of the readers, with no
/// allocation on the common paths.
///
/// Grammar (what type inference accepts):
/// - int: `-?[0-9]+` that fits in 64 bits;
/// - float: `-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?` (no `nan` or `inf` words);
/// - bool: `true` or `false`, any case;
/// - date: `-?YYYY-MM-DD`, where the year has 4 to 9 digits (what `Temporal.formatDate` writes);
/// - datetime: a date, `T` or a space, `HH:MM[:SS[.fraction]]`, then `Z`, `±HH:MM`, `±HHMM` or nothing
///   (UTC), as `Temporal.parseDatetime` takes, plus the signed and long years of dates.
public enum ByteParse {
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

    /// A 64-bit integer, or nil (also nil on overflow).
    @inline(__always)
    public static func int(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var i = start
        guard i < end else { return nil }
        let negative = p[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < end else { return nil }
        var magnitude: UInt64 = 0
        while i < end {
            let d = p[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            magnitude = s
            i += 1
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// True when the bytes are `-?[0-9]+`.
    @inline(__always)
    static func isIntSyntax(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        if i < end, p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end else { return false }
        while i < end {
            guard isDigit(p[i]) else { return false }
            i += 1
        }
        return true
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// A float in the grammar above, or nil. Exact (correctly rounded): a fast path for short
    /// mantissas and small exponents, the standard library's parser otherwise.
    public static func float(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        guard i < end else { return nil }
        let negative = p[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var truncated = false
        var exponent = 0
        var digits = 0
        while i < end, isDigit(p[i]) {
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
                if mantissa != 0 { significant += 1 }
            } else {
                if p[i] != UInt8(ascii: "0") { truncated = true }
                exponent += 1
            }
            digits += 1; i += 1
        }
        if i < end, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, isDigit(p[i]) {
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                } else if p[i] != UInt8(ascii: "0") {
                    truncated = true
                }
                digits += 1; i += 1
            }
        }
        guard digits > 0 else { return nil }
        if i < end, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < end, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
                expNegative = p[i] == UInt8(ascii: "-"); i += 1
            }
            guard i < end else { return nil }
            var e = 0
            while i < end, isDigit(p[i]) {
                if e < 100_000 { e = e * 10 + Int(p[i] &- 48) }
                i += 1
            }
            guard isDigit(p[i - 1]) else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return nil }
        if mantissa == 0 && !truncated { return negative ? -0.0 : 0.0 }
        if !truncated, mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let v = exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent]
            return negative ? -v : v
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
        return Double(text)
    }

    /// A float, also accepting `nan`, `inf`, `+inf`, `-inf`, `infinity` (any case): what a float
    /// column's override accepts, so written NaN and infinities read back.
    public static func floatOrSpecial(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        if let v = float(p, start, end) { return v }
        var i = start
        var negative = false
        if i < end, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { negative = p[i] == UInt8(ascii: "-"); i += 1 }
        if matchesWord(p, i, end, "nan") { return .nan }
        if matchesWord(p, i, end, "inf") || matchesWord(p, i, end, "infinity") { return negative ? -.infinity : .infinity }
        return nil
    }

    /// `true` or `false` in any case, or nil.
    @inline(__always)
    static func bool(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool? {
        if matchesWord(p, start, end, "true") { return true }
        if matchesWord(p, start, end, "false") { return false }
        return nil
    }

    /// True when `p[start..<end]` equals the lowercase ASCII `word`, ignoring case.
    @inline(__always)
    static func matchesWord(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ word: StaticString) -> Bool {
        guard end - start == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<(end - start) where p[start + k] | 0x20 != w[k] { return false }
        return true
    }

    /// A date at `p[start...]`: its day number and the index after it, or nil.
    @inline(__always)
    static func dateAt(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (days: Int64, next: Int)? {
        var i = start
        guard i < end else { return nil }
        let negative = p[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var year: Int64 = 0
        let yearStart = i
        while i < end, isDigit(p[i]), i - yearStart < 9 {
            year = year * 10 + Int64(p[i] &- 48); i += 1
        }
        guard i - yearStart >= 4, i + 6 <= end, p[i] == UInt8(ascii: "-"), p[i + 3] == UInt8(ascii: "-"),
              let month = twoDigits(p, i + 1), let day = twoDigits(p, i + 4) else { return nil }
        if negative { year = -year }
        guard month >= 1, month <= 12, day >= 1, day <= Temporal.daysInMonth(year: year, month: month) else { return nil }
        return (Temporal.days(year: year, month: month, day: day), i + 6)
    }

    /// A date filling `p[start..<end]`, as days since 1970-01-01, or nil.
    @inline(__always)
    public static func date(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        guard let (days, next) = dateAt(p, start, end), next == end else { return nil }
        return days
    }

    /// A datetime filling `p[start..<end]`, as microseconds since the epoch (UTC), or nil.
    public static func datetime(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        guard let (day, afterDate) = dateAt(p, start, end) else { return nil }
        var i = afterDate
        guard i + 6 <= end, p[i] == UInt8(ascii: "T") || p[i] == UInt8(ascii: " "),
              let h = twoDigits(p, i + 1), p[i + 3] == UInt8(ascii: ":"), let mi = twoDigits(p, i + 4),
              h < 24, mi < 60 else { return nil }
        i += 6
        var s: Int64 = 0, fraction: Int64 = 0
        if i < end, p[i] == UInt8(ascii: ":") {
            guard i + 3 <= end, let ss = twoDigits(p, i + 1), ss < 60 else { return nil }
            s = ss; i += 3
            if i < end, p[i] == UInt8(ascii: ".") {
                i += 1
                var n = 0
                while i < end, isDigit(p[i]) {
                    if n < 6 { fraction = fraction * 10 + Int64(p[i] &- 48) }
                    n += 1; i += 1
                }
                guard n > 0 else { return nil }
                var k = n
                while k < 6 { fraction *= 10; k += 1 }
            }
        }
        var offset: Int64 = 0
        if i < end {
            if p[i] | 0x20 == UInt8(ascii: "z") {
                i += 1
            } else if p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
                let sign: Int64 = p[i] == UInt8(ascii: "+") ? 1 : -1
                guard i + 3 < end, let oh = twoDigits(p, i + 1) else { return nil }
                var j = i + 3
                if p[j] == UInt8(ascii: ":") { j += 1 }
                guard j + 2 <= end, let om = twoDigits(p, j), oh < 24, om < 60 else { return nil }
                offset = sign * (oh * 60 + om) * Temporal.microsPerMinute
                i = j + 2
            } else {
                return nil
            }
        }
        guard i == end else { return nil }
        let (dayMicros, overflow) = day.multipliedReportingOverflow(by: Temporal.microsPerDay)
        guard !overflow else { return nil }
        let rest = h * Temporal.microsPerHour + mi * Temporal.microsPerMinute + s * Temporal.microsPerSecond + fraction - offset
        let (total, overflow2) = dayMicros.addingReportingOverflow(rest)
        return overflow2 ? nil : total
    }

    /// A datetime, or a date taken as midnight UTC (the widening of a date and datetime column).
    @inline(__always)
    public static func datetimeOrDate(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        if let d = date(p, start, end) {
            let (v, overflow) = d.multipliedReportingOverflow(by: Temporal.microsPerDay)
            return overflow ? nil : v
        }
        return datetime(p, start, end)
    }

    /// A duration: an optional `-`, then one or more parts of a number (digits, an optional fraction)
    /// and a unit (`w d h m s ms us µs`), e.g. `90s`, `1.5d`, `1d2h3m4.5s` (what
    /// `Temporal.formatDuration` writes); as microseconds, or nil.
    static func duration(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var i = start
        guard i < end else { return nil }
        let negative = p[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < end else { return nil }
        var total: UInt64 = 0
        while i < end {
            var whole: UInt64 = 0
            var wholeDigits = 0
            while i < end, isDigit(p[i]) {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(p[i] &- 48))
                if o1 || o2 { return nil }
                whole = a; wholeDigits += 1; i += 1
            }
            var fraction: UInt64 = 0
            var fractionDigits = 0
            if i < end, p[i] == UInt8(ascii: ".") {
                i += 1
                while i < end, isDigit(p[i]) {
                    if fractionDigits < 18 { fraction = fraction * 10 + UInt64(p[i] &- 48); fractionDigits += 1 }
                    i += 1
                }
                guard fractionDigits > 0 else { return nil }
            }
            guard wholeDigits + fractionDigits > 0, i < end else { return nil }
            let unit: UInt64
            switch p[i] {
            case UInt8(ascii: "w"): unit = 604_800_000_000; i += 1
            case UInt8(ascii: "d"): unit = 86_400_000_000; i += 1
            case UInt8(ascii: "h"): unit = 3_600_000_000; i += 1
            case UInt8(ascii: "m"):
                if i + 1 < end, p[i + 1] == UInt8(ascii: "s") { unit = 1_000; i += 2 } else { unit = 60_000_000; i += 1 }
            case UInt8(ascii: "s"): unit = 1_000_000; i += 1
            case UInt8(ascii: "u"):
                guard i + 1 < end, p[i + 1] == UInt8(ascii: "s") else { return nil }
                unit = 1; i += 2
            case 0xC2: // µ (U+00B5) followed by s
                guard i + 2 < end, p[i + 1] == 0xB5, p[i + 2] == UInt8(ascii: "s") else { return nil }
                unit = 1; i += 3
            default: return nil
            }
            let (w, o1) = whole.multipliedReportingOverflow(by: unit)
            guard !o1 else { return nil }
            var part = w
            if fractionDigits > 0 {
                var scale: UInt64 = 1
                for _ in 0..<fractionDigits { scale *= 10 }
                let f: UInt64
                if unit % scale == 0 {
                    f = fraction * (unit / scale)
                } else {
                    f = UInt64((Double(fraction) / Double(scale) * Double(unit)).rounded())
                }
                let (s, o2) = part.addingReportingOverflow(f)
                guard !o2 else { return nil }
                part = s
            }
            let (t, o3) = total.addingReportingOverflow(part)
            guard !o3 else { return nil }
            total = t
        }
        if negative {
            guard total <= UInt64(Int64.max) + 1 else { return nil }
            return total == UInt64(Int64.max) + 1 ? Int64.min : -Int64(total)
        }
        guard total <= UInt64(Int64.max) else { return nil }
        return Int64(total)
    }

    @inline(__always)
    private static func twoDigits(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int64? {
        let a = p[i] &- 48, b = p[i + 1] &- 48
        guard a < 10, b < 10 else { return nil }
        return Int64(a) * 10 + Int64(b)
    }
}
