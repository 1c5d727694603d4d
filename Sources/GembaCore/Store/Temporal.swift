/// Calendar arithmetic for dates (days since 1970-01-01) and datetimes (microseconds since the epoch,
/// UTC), in the proleptic Gregorian calendar. No Foundation: these run per row in loaders and kernels.
public enum Temporal {
    /// Microseconds in a second, minute, hour and day.
    public static let microsPerSecond: Int64 = 1_000_000
    public static let microsPerMinute: Int64 = 60_000_000
    public static let microsPerHour: Int64 = 3_600_000_000
    public static let microsPerDay: Int64 = 86_400_000_000

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
    @inline(__always) public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The civil date of a day number (Howard Hinnant's civil_from_days).
    @inline(__always) public static func civil(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }

    /// Floor division, for splitting microseconds into days with negative instants.
    @inline(__always) public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// The number of days in a month.
    public static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO day of week: 1 = Monday … 7 = Sunday.
    @inline(__always) public static func dayOfWeek(_ days: Int64) -> Int64 {
        // 1970-01-01 was a Thursday (4).
        let r = (days + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    // MARK: formatting

    /// `YYYY-MM-DD`.
    public static func formatDate(_ days: Int64) -> String {
        let (y, m, d) = civil(days)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, with a fraction of a second only when it is not zero.
    public static func formatDatetime(_ micros: Int64) -> String {
        let day = floorDiv(micros, microsPerDay)
        var rest = micros - day * microsPerDay
        let h = rest / microsPerHour; rest -= h * microsPerHour
        let mi = rest / microsPerMinute; rest -= mi * microsPerMinute
        let s = rest / microsPerSecond; rest -= s * microsPerSecond
        var out = formatDate(day) + "T" + pad(h, 2) + ":" + pad(mi, 2) + ":" + pad(s, 2)
        if rest != 0 {
            var frac = pad(rest, 6)
            while frac.hasSuffix("0") { frac.removeLast() }
            out += "." + frac
        }
        return out + "Z"
    }

    /// A duration the way it is written as a literal: `3d`, `2h`, `90s`, or `1d 2h 3m` style parts joined
    /// in one literal-like form (`1.02:03:00` is KQL's; gemba prints `1d2h3m`).
    public static func formatDuration(_ micros: Int64) -> String {
        if micros == 0 { return "0s" }
        var v = micros.magnitude
        var out = micros < 0 ? "-" : ""
        let units: [(UInt64, String)] = [(86_400_000_000, "d"), (3_600_000_000, "h"), (60_000_000, "m"), (1_000_000, "s")]
        for (size, name) in units where v >= size {
            out += String(v / size) + name
            v %= size
        }
        if v > 0 {
            // Sub-second rest: print as fractional seconds.
            var frac = pad(Int64(v), 6)
            while frac.hasSuffix("0") { frac.removeLast() }
            if out.hasSuffix("s") {
                out.removeLast()
                out += "." + frac + "s"
            } else {
                out += "0." + frac + "s"
            }
        }
        return out
    }

    @inline(__always) static func pad(_ v: Int64, _ width: Int) -> String {
        let neg = v < 0
        var s = String(v.magnitude)
        if s.count < width { s = String(repeating: "0", count: width - s.count) + s }
        return neg ? "-" + s : s
    }

    // MARK: parsing

    /// Parses `YYYY-MM-DD` into days since the epoch; nil when it is not a valid date.
    public static func parseDate<S: StringProtocol>(_ text: S) -> Int64? {
        let b = Array(text.utf8)
        guard b.count == 10 else { return nil }
        return parseDateBytes(b, 0)
    }

    /// Parses `YYYY-MM-DD` at offset `i` of `b` (which must have 10 bytes there).
    static func parseDateBytes(_ b: [UInt8], _ i: Int) -> Int64? {
        guard b.count >= i + 10, b[i + 4] == UInt8(ascii: "-"), b[i + 7] == UInt8(ascii: "-"),
              let y = digits(b, i, 4), let m = digits(b, i + 5, 2), let d = digits(b, i + 8, 2),
              m >= 1, m <= 12, d >= 1, d <= daysInMonth(year: y, month: m) else { return nil }
        return days(year: y, month: m, day: d)
    }

    /// Parses an ISO-8601 instant: `YYYY-MM-DDTHH:MM[:SS[.ffffff]]` followed by `Z`, `±HH:MM` or
    /// nothing (UTC); a space may stand for `T`. Nil when it is not one.
    public static func parseDatetime<S: StringProtocol>(_ text: S) -> Int64? {
        let b = Array(text.utf8)
        guard b.count >= 16, let day = parseDateBytes(b, 0), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
              let h = digits(b, 11, 2), b[13] == UInt8(ascii: ":"), let mi = digits(b, 14, 2),
              h < 24, mi < 60 else { return nil }
        var i = 16
        var s: Int64 = 0, frac: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let ss = digits(b, i + 1, 2), ss < 60 else { return nil }
            s = ss; i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                var n = 0
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    if n < 6 { frac = frac * 10 + Int64(b[i] - 48) }
                    n += 1; i += 1
                }
                guard n > 0 else { return nil }
                if n < 6 { for _ in n..<6 { frac *= 10 } }
            }
        }
        var offset: Int64 = 0
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign: Int64 = b[i] == UInt8(ascii: "+") ? 1 : -1
                guard let oh = digits(b, i + 1, 2), b.count > i + 3 else { return nil }
                var j = i + 3
                if b[j] == UInt8(ascii: ":") { j += 1 }
                guard let om = digits(b, j, 2), oh < 24, om < 60 else { return nil }
                offset = sign * (oh * 60 + om) * microsPerMinute
                i = j + 2
            } else {
                return nil
            }
        }
        guard i == b.count else { return nil }
        return day * microsPerDay + h * microsPerHour + mi * microsPerMinute + s * microsPerSecond + frac - offset
    }

    /// Parses a duration literal body such as `90s`, `15m`, `2h`, `3d`, `2w`, `1.5d`, `250ms`, `10us`;
    /// nil when it is not one.
    public static func parseDuration<S: StringProtocol>(_ text: S) -> Int64? {
        let s = String(text)
        var numEnd = s.startIndex
        while numEnd < s.endIndex, s[numEnd].isNumber || s[numEnd] == "." || s[numEnd] == "_" || (numEnd == s.startIndex && s[numEnd] == "-") {
            numEnd = s.index(after: numEnd)
        }
        let numText = String(s[s.startIndex..<numEnd].filter { $0 != "_" })
        guard let value = Double(numText), !numText.isEmpty else { return nil }
        let unit: Double
        switch s[numEnd...] {
        case "w": unit = 7 * 86_400_000_000
        case "d": unit = 86_400_000_000
        case "h": unit = 3_600_000_000
        case "m": unit = 60_000_000
        case "s": unit = 1_000_000
        case "ms": unit = 1_000
        case "us", "µs": unit = 1
        default: return nil
        }
        let micros = (value * unit).rounded()
        guard micros.magnitude < 9.2e18 else { return nil }
        return Int64(micros)
    }

    @inline(__always) static func digits(_ b: [UInt8], _ i: Int, _ n: Int) -> Int64? {
        guard i + n <= b.count else { return nil }
        var v: Int64 = 0
        for k in i..<(i + n) {
            let c = b[k]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int64(c - 48)
        }
        return v
    }
}
