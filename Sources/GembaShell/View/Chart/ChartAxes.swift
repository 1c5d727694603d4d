import GembaCore

extension ChartModel {
    /// The category labels of a bar, column chart; empty for the others.
    var categories: [String] {
        if case .category(let labels) = xKind { return labels }
        return []
    }

    /// The value axis: from 0 for bars, columns, histograms and areas (and whenever no value is
    /// negative), logarithmic with `log`.
    func valueAxis(ticks: Int) -> AxisScale {
        let range = bounds()?.y ?? 0...1
        let zero = !log && (range.lowerBound >= 0 || [.bar, .column, .histogram, .area].contains(kind))
        return AxisScale.numeric(range, count: ticks, zero: zero, log: log)
    }

    /// The x axis of a line, area, scatter, xmr chart or histogram: time or numbers.
    func positionAxis(ticks: Int) -> AxisScale {
        var range = bounds()?.x ?? 0...1
        if kind == .scatter {
            // Points at the ends stay whole.
            let pad = max((range.upperBound - range.lowerBound) * 0.015, 0.5)
            range = (range.lowerBound - pad)...(range.upperBound + pad)
        }
        if xKind == .date { return AxisScale.time(range, count: ticks) }
        let scale = AxisScale.numeric(range, count: ticks, zero: false, log: false)
        // Lines and points use their own extent: a tick grid wider than the data would leave gaps.
        if kind == .histogram { return scale }
        let ticks = scale.ticks.filter { $0.value >= range.lowerBound - 1e-9 && $0.value <= range.upperBound + 1e-9 }
        let lo = range.lowerBound, hi = range.upperBound > lo ? range.upperBound : lo + 1
        return AxisScale(lo: lo, hi: hi, ticks: ticks, log: false)
    }
}
