import GembaCore

/// What a chart shows, in numbers: the result table and `ChartSpec` turned into series of points, the
/// shared input of the terminal and the SVG renderers.
struct ChartModel {
    /// How x values read.
    enum XKind: Equatable {
        /// One slot per label (bar, column): x is the label's index.
        case category([String])
        /// Plain numbers.
        case number
        /// Days since 1970-01-01 (dates, and datetimes as fractional days).
        case date
    }

    /// What a series is for.
    enum Role: Equatable {
        /// Data: bars, a line, an area, points.
        case data
        /// A reference line (x̄, a limit, a percentile): drawn thin and grey, labelled at its end.
        case reference
    }

    /// One series.
    struct Series {
        /// Its name (the legend's text).
        var name: String
        /// Its points, in drawing order; y is nil for a gap.
        var points: [(x: Double, y: Double)]
        /// Data or a reference line.
        var role: Role = .data
        /// The palette index of its colour.
        var colour: Int = 0
        /// For an area: the lower edge at each point (stacked areas stand on the one below).
        var base: [Double]? = nil
    }

    var kind: ChartKind
    var title: String?
    var xKind: XKind
    var xLabel: String
    var yLabel: String
    var series: [Series]
    /// Points to mark as signals (xmr), drawn over the data.
    var marks: [(x: Double, y: Double)] = []
    /// For histograms: the bin width (bars stand from x to x + binWidth).
    var binWidth: Double = 0
    var log: Bool
    var stacked: Bool

    /// The data series only.
    var dataSeries: [Series] { series.filter { $0.role == .data } }

    /// Builds the model of `table` drawn as `spec` says.
    init(_ table: Table, _ spec: ChartSpec) {
        kind = spec.kind
        title = spec.title
        log = spec.log
        stacked = spec.stacked
        let fields = table.fields
        xLabel = fields.indices.contains(spec.x) ? fields[spec.x].name : ""
        yLabel = spec.y.count == 1 && fields.indices.contains(spec.y[0]) ? fields[spec.y[0]].name : ""
        series = []
        xKind = .number
        guard fields.indices.contains(spec.x), spec.y.allSatisfy({ fields.indices.contains($0) }) else { return }
        switch spec.kind {
        case .bar, .column: buildCategories(table, spec)
        case .histogram: buildHistogram(table, spec)
        case .line, .timechart, .area, .scatter, .xmr: buildContinuous(table, spec)
        }
        for i in series.indices where series[i].role == .data { series[i].colour = i }
        if log {
            for i in series.indices { series[i].points = series[i].points.filter { $0.y > 0 } }
            marks = marks.filter { $0.y > 0 }
        }
    }

    /// A numeric cell as a Double; nil for null, NaN, infinities, magnitudes beyond 1e100 (which no
    /// axis can place) and other types.
    static func number(_ column: Column, _ row: Int) -> Double? {
        switch column.value(at: row) {
        case .int(let v): return Double(v)
        case .float(let v): return v.isFinite && abs(v) <= 1e100 ? v : nil
        case .date(let d): return Double(d)
        case .datetime(let t): return Double(t) / Double(Temporal.microsPerDay)
        case .duration(let u): return Double(u) / Double(Temporal.microsPerDay)
        default: return nil
        }
    }

    /// The series key of a row: the series column's text, or "" without one.
    private static func seriesNames(_ table: Table, _ spec: ChartSpec) -> (names: [String], ofRow: [Int]) {
        guard let s = spec.series, table.columns.indices.contains(s) else {
            return ([], Array(repeating: 0, count: table.rowCount))
        }
        var names: [String] = []
        var index: [String: Int] = [:]
        var ofRow: [Int] = []
        ofRow.reserveCapacity(table.rowCount)
        for r in 0..<table.rowCount {
            let name = table.columns[s].value(at: r).text
            if let i = index[name] { ofRow.append(i) } else {
                index[name] = names.count
                ofRow.append(names.count)
                names.append(name)
            }
        }
        return (names, ofRow)
    }

    // MARK: bar and column

    private mutating func buildCategories(_ table: Table, _ spec: ChartSpec) {
        var labels: [String] = []
        var slot: [String: Int] = [:]
        var slotOfRow: [Int] = []
        for r in 0..<table.rowCount {
            let label = table.columns[spec.x].value(at: r).text
            if let i = slot[label] { slotOfRow.append(i) } else {
                slot[label] = labels.count
                slotOfRow.append(labels.count)
                labels.append(label)
            }
        }
        xKind = .category(labels)
        let (names, ofRow) = Self.seriesNames(table, spec)
        var sums: [[Double?]]
        if names.isEmpty {
            sums = Array(repeating: Array(repeating: nil, count: labels.count), count: spec.y.count)
            for (k, y) in spec.y.enumerated() {
                for r in 0..<table.rowCount {
                    if let v = Self.number(table.columns[y], r) { sums[k][slotOfRow[r]] = (sums[k][slotOfRow[r]] ?? 0) + v }
                }
            }
            series = spec.y.map { Series(name: table.fields[$0].name, points: []) }
        } else {
            sums = Array(repeating: Array(repeating: nil, count: labels.count), count: names.count)
            for r in 0..<table.rowCount {
                if let v = Self.number(table.columns[spec.y[0]], r) { sums[ofRow[r]][slotOfRow[r]] = (sums[ofRow[r]][slotOfRow[r]] ?? 0) + v }
            }
            series = names.map { Series(name: $0, points: []) }
        }
        for k in series.indices {
            series[k].points = sums[k].enumerated().map { (x: Double($0.offset), y: $0.element ?? 0) }
        }
        if stacked && spec.kind == .column { stack() }
    }

    /// Stacks the data series: each stands on the sum of those before it, at the same x.
    private mutating func stack() {
        var totals: [Double: Double] = [:]
        for k in series.indices where series[k].role == .data {
            var base: [Double] = []
            for j in series[k].points.indices {
                let p = series[k].points[j]
                let below = totals[p.x] ?? 0
                base.append(below)
                series[k].points[j].y = below + p.y
                totals[p.x] = below + p.y
            }
            series[k].base = base
        }
    }

    // MARK: histogram

    private mutating func buildHistogram(_ table: Table, _ spec: ChartSpec) {
        let column = table.columns[spec.y[0]]
        xLabel = table.fields[spec.y[0]].name
        yLabel = "count"
        let values = (0..<table.rowCount).compactMap { Self.number(column, $0) }
        if table.fields[spec.y[0]].type == .date || table.fields[spec.y[0]].type == .datetime { xKind = .date }
        guard let lo = values.min(), let hi = values.max() else {
            series = [Series(name: xLabel, points: [])]
            return
        }
        let bins = spec.bins ?? max(1, Int((Double(values.count).squareRoot()).rounded(.up)).clamped(to: 5...40))
        var width = AxisScale.nearestNiceStep((hi - lo) / Double(bins))
        if width <= 0 { width = 1 }
        if table.fields[spec.y[0]].type == .int { width = max(1, width.rounded(.up)) }
        let start = (lo / width).rounded(.down) * width
        let count = max(1, Int(((hi - start) / width).rounded(.down)) + 1)
        var counts = Array(repeating: 0.0, count: count)
        for v in values { counts[min(count - 1, max(0, Int(((v - start) / width).rounded(.down))))] += 1 }
        binWidth = width
        series = [Series(name: xLabel, points: counts.enumerated().map { (x: start + Double($0.offset) * width, y: $0.element) })]
    }

    // MARK: line, timechart, area, scatter, xmr

    private mutating func buildContinuous(_ table: Table, _ spec: ChartSpec) {
        let xType = table.fields[spec.x].type
        xKind = xType == .date || xType == .datetime ? .date : .number
        let xs = (0..<table.rowCount).map { Self.number(table.columns[spec.x], $0) }
        let (names, ofRow) = Self.seriesNames(table, spec)
        if names.isEmpty {
            for y in spec.y {
                var pts: [(x: Double, y: Double)] = []
                for r in 0..<table.rowCount { if let x = xs[r], let v = Self.number(table.columns[y], r) { pts.append((x, v)) } }
                series.append(Series(name: table.fields[y].name, points: pts))
            }
        } else {
            series = names.map { Series(name: $0, points: []) }
            for r in 0..<table.rowCount {
                if let x = xs[r], let v = Self.number(table.columns[spec.y[0]], r) { series[ofRow[r]].points.append((x, v)) }
            }
        }
        if spec.kind != .scatter && spec.kind != .xmr {
            for k in series.indices { series[k].points = Self.sortedByX(series[k].points) }
        }
        if spec.kind == .area { buildArea() }
        if spec.kind == .scatter, !spec.percentiles.isEmpty { addPercentiles(spec.percentiles) }
        if spec.kind == .xmr, let limits = spec.limits { addLimits(table, spec, limits, xs) }
    }

    private static func sortedByX(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        points.enumerated().sorted { $0.element.x != $1.element.x ? $0.element.x < $1.element.x : $0.offset < $1.offset }.map(\.element)
    }

    /// Areas: stacked on each other with `stacked`, otherwise layered from the axis, largest behind (so
    /// cumulative counts, a CFD's, draw as bands).
    private mutating func buildArea() {
        if stacked {
            let xs = Array(Set(series.flatMap { $0.points.map(\.x) })).sorted()
            for k in series.indices {
                var byX: [Double: Double] = [:]
                for p in series[k].points { byX[p.x, default: 0] += p.y }
                series[k].points = xs.map { (x: $0, y: byX[$0] ?? 0) }
            }
            stack()
        } else {
            for k in series.indices { series[k].base = Array(repeating: 0, count: series[k].points.count) }
        }
    }

    /// The nearest-rank percentiles of every data point's y, as reference lines.
    private mutating func addPercentiles(_ percentiles: [Double]) {
        let ys = series.flatMap { $0.points.map(\.y) }.sorted()
        guard !ys.isEmpty, let lo = series.flatMap({ $0.points.map(\.x) }).min(),
              let hi = series.flatMap({ $0.points.map(\.x) }).max() else { return }
        for p in percentiles {
            let rank = max(1, Int((p / 100 * Double(ys.count)).rounded(.up)))
            let v = ys[min(ys.count, rank) - 1]
            series.append(Series(name: "p\(AxisScale.label(p, step: 1)) \(AxisScale.label(v, step: v.rounded() == v ? 1 : 0.1))",
                                 points: [(lo, v), (hi, v)], role: .reference))
        }
    }

    /// xmr: the mean and the limits as reference lines; the signalled values as marks.
    private mutating func addLimits(_ table: Table, _ spec: ChartSpec, _ limits: XmrColumns, _ xs: [Double?]) {
        for (name, column) in [("UNPL", limits.upper), ("x̄", limits.mean), ("LNPL", limits.lower)] {
            var pts: [(x: Double, y: Double)] = []
            for r in 0..<table.rowCount { if let x = xs[r], let v = Self.number(table.columns[column], r) { pts.append((x, v)) } }
            if let last = pts.last {
                series.append(Series(name: "\(name) \(AxisScale.label(last.y, step: 0.01))", points: pts, role: .reference))
            }
        }
        if let s = limits.signal {
            for r in 0..<table.rowCount where !table.columns[s].isNull(r) {
                if let x = xs[r], let v = Self.number(table.columns[spec.y[0]], r) { marks.append((x, v)) }
            }
        }
    }

    /// The smallest and largest x and y of every series (and area bases), or nil when there are none.
    func bounds() -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        var xs: [Double] = []
        var ys: [Double] = []
        for s in series {
            xs.append(contentsOf: s.points.map(\.x))
            ys.append(contentsOf: s.points.map(\.y))
            if let b = s.base { ys.append(contentsOf: b) }
        }
        ys.append(contentsOf: marks.map(\.y))
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return nil }
        return (x0...(x1 + binWidth), y0...y1)
    }
}

extension Comparable {
    /// The value, brought within `range`.
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
