import Foundation
import GembaCore

/// An axis: its domain, where its ticks stand and what they read, and where a value falls on it.
struct AxisScale {
    /// The domain's ends (for a log axis, their base-10 logarithms).
    var lo: Double
    var hi: Double
    /// Tick positions (in the same units as `lo` and `hi`) and their labels.
    var ticks: [(value: Double, label: String)]
    /// True for a base-10 logarithmic axis.
    var log: Bool

    /// Where `v` falls, from 0 (lo) to 1 (hi).
    func fraction(_ v: Double) -> Double {
        let t = log ? log10(max(v, 1e-300)) : v
        return hi > lo ? (t - lo) / (hi - lo) : 0.5
    }

    /// A numeric axis over `range` with about `count` ticks at 1-2-5 steps; `zero` includes 0.
    static func numeric(_ range: ClosedRange<Double>, count: Int, zero: Bool, log: Bool) -> AxisScale {
        if log { return logarithmic(range) }
        var lo = range.lowerBound, hi = range.upperBound
        if zero { lo = min(lo, 0); hi = max(hi, 0) }
        if hi == lo { hi = lo + 1; if !zero { lo -= 1 } }
        let step = niceStep((hi - lo) / Double(max(1, count)))
        let first = (lo / step).rounded(.down) * step
        let last = (hi / step).rounded(.up) * step
        var ticks: [(Double, String)] = []
        var k = 0
        while true {
            let v = first + Double(k) * step
            if v > last + step / 2 || k > 1000 { break }
            ticks.append((v, label(v, step: step)))
            k += 1
        }
        return AxisScale(lo: first, hi: last, ticks: ticks, log: false)
    }

    /// A base-10 log axis: ticks at powers of ten (and 2 and 5 times them when there are few).
    private static func logarithmic(_ range: ClosedRange<Double>) -> AxisScale {
        let lo = max(range.lowerBound, 1e-12)
        let hi = max(range.upperBound, lo * 10)
        let e0 = log10(lo).rounded(.down), e1 = log10(hi).rounded(.up)
        var ticks: [(Double, String)] = []
        let multipliers: [Double] = e1 - e0 <= 2 ? [1, 2, 5] : [1]
        var e = e0
        while e <= e1 {
            for m in multipliers {
                let v = m * pow(10, e)
                let t = log10(v)
                if t >= e0 - 1e-9 && t <= e1 + 1e-9 { ticks.append((t, label(v, step: v))) }
            }
            e += 1
        }
        return AxisScale(lo: e0, hi: e1, ticks: ticks, log: true)
    }

    /// A time axis over days since 1970 (fractional for datetimes): ticks on days, Mondays, months,
    /// quarters or years, whichever gives at most about `count`.
    static func time(_ range: ClosedRange<Double>, count: Int) -> AxisScale {
        var lo = range.lowerBound, hi = range.upperBound
        if hi - lo < 1 { hi = lo + 1 }
        let span = hi - lo
        let target = Double(max(2, count))
        var ticks: [(Double, String)] = []
        if span / 14 <= target * 1.25 {
            let step: Int64 = span <= target ? 1 : span / 7 <= target ? 7 : 14
            var d = Int64(lo.rounded(.up))
            if step >= 7 { while Temporal.dayOfWeek(d) != 1 { d += 1 } }
            while Double(d) <= hi {
                ticks.append((Double(d), Temporal.formatDate(d)))
                d += step
            }
        } else {
            let months = span / 30.44
            let stepMonths: Int64 = [1, 2, 3, 6, 12, 24, 60, 120].first { months / Double($0) <= target * 1.25 } ?? 120
            let c = Temporal.civil(Int64(lo.rounded(.up)))
            var y = c.year, m = c.month
            if c.day > 1 { m += 1; if m > 12 { m = 1; y += 1 } }
            // The first month on the step's grid (January, April, ... for quarters) from lo on.
            let grid = min(stepMonths, 12)
            while (m - 1) % grid != 0 || (stepMonths > 12 && y % (stepMonths / 12) != 0) {
                m += 1; if m > 12 { m = 1; y += 1 }
            }
            while ticks.count <= 200 {
                let d = Temporal.days(year: y, month: m, day: 1)
                if Double(d) > hi { break }
                ticks.append((Double(d), stepMonths >= 12 ? String(y) : String(y) + "-" + (m < 10 ? "0" : "") + String(m)))
                m += stepMonths
                while m > 12 { m -= 12; y += 1 }
            }
        }
        return AxisScale(lo: lo, hi: hi, ticks: ticks, log: false)
    }

    /// The smallest 1, 2 or 5 times a power of ten at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let p = pow(10, log10(raw).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * p >= raw * (1 - 1e-9) { return m * p }
        return 10 * p
    }

    /// The 1, 2 or 5 times a power of ten nearest `raw` (by ratio): a histogram's bin width.
    static func nearestNiceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let p = pow(10, log10(raw).rounded(.down))
        return [1.0, 2, 5, 10].map { $0 * p }.min { abs(Foundation.log($0 / raw)) < abs(Foundation.log($1 / raw)) } ?? p
    }

    /// A tick label: as many decimals as the step needs, thousands as `k` and millions as `M`.
    static func label(_ v: Double, step: Double) -> String {
        let a = abs(v)
        if a >= 1_000_000 && step >= 100_000 { return trimmed(v / 1_000_000, step: step / 1_000_000) + "M" }
        if a >= 10_000 && step >= 1_000 { return trimmed(v / 1_000, step: step / 1_000) + "k" }
        return trimmed(v, step: step)
    }

    private static func trimmed(_ v: Double, step: Double) -> String {
        let decimals = step >= 1 ? 0 : min(6, Int((-log10(step)).rounded(.up)))
        let s = String(format: "%.\(decimals)f", v)
        return s == "-0" ? "0" : s.hasPrefix("-0.") && Double(s) == 0 ? String(s.dropFirst()) : s
    }
}
