import Foundation
import GembaCore

/// Draws a chart for the terminal: block characters for bars, columns and histograms, braille for
/// lines, points and areas; axes with tick labels, a legend, and colours unless `colour` is false.
public enum TerminalChart {
    /// The chart of `table` as `spec` says, `width` columns wide (unless the spec sets a width).
    public static func render(_ table: Table, _ spec: ChartSpec, width: Int, colour: Bool) -> String {
        let model = ChartModel(table, spec)
        let layout = TerminalLayout(model: model, width: spec.width ?? width, height: spec.height ?? 16, colour: colour)
        return layout.draw()
    }
}

/// The drawing of one terminal chart.
final class TerminalLayout {
    let model: ChartModel
    let width: Int
    let height: Int
    let colour: Bool
    private var lines: [String] = []

    /// Glyphs that tell series apart without colour.
    private static let shades: [Character] = ["█", "▓", "▒", "░"]
    private static let eighthsUp: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    private static let eighthsRight: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    init(model: ChartModel, width: Int, height: Int, colour: Bool) {
        self.model = model
        self.width = max(20, width)
        self.height = max(4, height)
        self.colour = colour
    }

    func draw() -> String {
        if let title = model.title { lines.append(title) }
        if model.kind == .bar { drawBars() } else { drawVertical() }
        drawLegend()
        return lines.map { trimRight($0) }.joined(separator: "\n") + "\n"
    }

    private func paint(_ s: String, _ c: TerminalColour) -> String {
        colour ? "\u{1B}[38;5;\(c.code)m\(s)\u{1B}[0m" : s
    }

    /// The glyph of data series `k` for full block cells.
    private func fullGlyph(_ k: Int) -> Character {
        colour || model.dataSeries.count < 2 ? "█" : Self.shades[k % Self.shades.count]
    }

    // MARK: vertical value axis

    private func drawVertical() {
        let yAxis = model.valueAxis(ticks: max(2, height / 4))
        let labelWidth = yAxis.ticks.map { $0.label.count }.max() ?? 1
        let plotWidth = max(8, width - labelWidth - 2)
        var canvas = TerminalCanvas(columns: plotWidth, rows: height)
        let dotHeight = canvas.dotHeight, dotWidth = canvas.dotWidth
        let dotY = { (v: Double) -> Int in Int(((1 - yAxis.fraction(v)) * Double(dotHeight - 1)).rounded()) }
        let rowOf = { (v: Double) -> Int in Int(((1 - yAxis.fraction(v)) * Double(self.height - 1)).rounded()) }
        var xTicks: [(column: Int, label: String)] = []
        let categories = model.categories
        if categories.isEmpty {
            let xAxis = model.positionAxis(ticks: max(2, plotWidth / 14))
            let dotX = { (v: Double) -> Int in Int((xAxis.fraction(v) * Double(dotWidth - 1)).rounded()) }
            xTicks = xAxis.ticks.map { (Int((xAxis.fraction($0.value) * Double(plotWidth - 1)).rounded()), $0.label) }
            switch model.kind {
            case .histogram: drawHistogram(&canvas, xAxis, yAxis)
            case .area: drawAreas(&canvas, dotX, yAxis)
            default: break
            }
            for s in model.series {
                switch (s.role, model.kind) {
                case (.reference, _):
                    let c: TerminalColour = model.kind == .xmr && !s.name.hasPrefix("x̄") ? .alert : .reference
                    for (a, b) in zip(s.points, s.points.dropFirst()) {
                        let x0 = dotX(a.x), x1 = dotX(b.x)
                        for x in stride(from: x0, through: x1, by: 1) where x % 3 != 2 {
                            let t = x1 > x0 ? Double(x - x0) / Double(x1 - x0) : 0
                            canvas.dot(x, dotY(a.y + (b.y - a.y) * t), c)
                        }
                    }
                case (.data, .line), (.data, .timechart), (.data, .xmr):
                    let c = TerminalColour.series(s.colour)
                    if s.points.count == 1, let p = s.points.first { canvas.dot(dotX(p.x), dotY(p.y), c) }
                    for (a, b) in zip(s.points, s.points.dropFirst()) { canvas.line(dotX(a.x), dotY(a.y), dotX(b.x), dotY(b.y), c) }
                case (.data, .scatter):
                    for p in s.points { canvas.dot(dotX(p.x), dotY(p.y), .series(s.colour)) }
                default: break
                }
            }
            for m in model.marks {
                let x = dotX(m.x), y = dotY(m.y)
                canvas.block(x / 2, y / 4, "●", .alert)
            }
        } else {
            xTicks = drawColumns(&canvas, categories, yAxis)
        }
        // The y axis, the plot, then the x axis.
        var tickRows: [Int: String] = [:]
        for t in yAxis.ticks { tickRows[rowOf(yAxis.log ? pow10(t.value) : t.value)] = t.label }
        if !model.yLabel.isEmpty { lines.append(String(repeating: " ", count: labelWidth + 1) + model.yLabel) }
        for r in 0..<height {
            let label = tickRows[r] ?? ""
            let axis = tickRows[r] != nil ? "┤" : "│"
            lines.append(String(repeating: " ", count: labelWidth - label.count) + label + " " + axis + canvas.text(row: r, colour: colour))
        }
        var axisLine = Array(repeating: Character("─"), count: plotWidth)
        var labelLine = Array(repeating: Character(" "), count: plotWidth + labelWidth + 2)
        var freeFrom = 0
        for t in xTicks where t.column >= 0 && t.column < plotWidth {
            axisLine[t.column] = "┬"
            let chars = Array(t.label)
            var start = labelWidth + 2 + t.column - chars.count / 2
            start = min(max(start, 0), labelLine.count - chars.count)
            guard start >= freeFrom, start >= 0 else { continue }
            for (i, ch) in chars.enumerated() { labelLine[start + i] = ch }
            freeFrom = start + chars.count + 1
        }
        lines.append(String(repeating: " ", count: labelWidth + 1) + "└" + String(axisLine))
        lines.append(String(labelLine))
        if !model.xLabel.isEmpty {
            let pad = max(0, labelWidth + 2 + (plotWidth - model.xLabel.count) / 2)
            lines.append(String(repeating: " ", count: pad) + model.xLabel)
        }
    }

    private func pow10(_ v: Double) -> Double { pow(10, v) }

    private func drawColumns(_ canvas: inout TerminalCanvas, _ categories: [String], _ yAxis: AxisScale) -> [(column: Int, label: String)] {
        let data = model.dataSeries
        let slot = Double(canvas.columns) / Double(max(1, categories.count))
        let groups = model.stacked ? 1 : max(1, data.count)
        var ticks: [(Int, String)] = []
        var freeFrom = 0
        for i in categories.indices {
            let start = Int((Double(i) * slot).rounded(.down))
            let end = Int((Double(i + 1) * slot).rounded(.down))
            var cells = end - start
            if cells >= 3 { cells -= 1 }
            guard cells >= 1 else { continue }
            let per = max(1, cells / groups)
            let center = start + cells / 2
            if center >= freeFrom { ticks.append((center, categories[i])); freeFrom = center + categories[i].count + 1 }
            for (k, s) in data.enumerated() where s.points.indices.contains(i) {
                let p = s.points[i]
                let base = s.base?[i] ?? 0
                let c0 = start + (model.stacked ? 0 : k * per)
                guard model.stacked || k < groups, c0 < start + cells else { continue }
                let w = model.stacked ? cells : per
                fillColumn(&canvas, from: c0, width: w, low: min(base, p.y), high: max(base, p.y), yAxis, k)
            }
        }
        return ticks.map { (column: $0.0, label: $0.1) }
    }

    /// Fills cells `from ..< from + width` between the values `low` and `high`, eighths at the top.
    private func fillColumn(_ canvas: inout TerminalCanvas, from: Int, width: Int, low: Double, high: Double, _ yAxis: AxisScale, _ k: Int) {
        let rows = Double(canvas.rows)
        let lowEighths = Int((yAxis.fraction(max(low, yAxis.log ? 1e-300 : low)) * rows * 8).rounded())
        let highEighths = Int((yAxis.fraction(high) * rows * 8).rounded())
        guard highEighths > lowEighths else { return }
        let glyph = fullGlyph(k)
        for r in 0..<canvas.rows {
            let cellLow = (canvas.rows - 1 - r) * 8
            let filled = min(8, max(0, highEighths - cellLow)) - min(8, max(0, lowEighths - cellLow))
            guard filled > 0 else { continue }
            let ch: Character = filled >= 8 || glyph != "█" ? glyph : Self.eighthsUp[filled]
            if glyph != "█" && filled < 4 { continue }
            for c in from..<(from + width) { canvas.block(c, r, ch, .series(model.dataSeries[k].colour)) }
        }
    }

    private func drawHistogram(_ canvas: inout TerminalCanvas, _ xAxis: AxisScale, _ yAxis: AxisScale) {
        guard let s = model.dataSeries.first else { return }
        for p in s.points where p.y > 0 {
            let c0 = Int((xAxis.fraction(p.x) * Double(canvas.columns)).rounded())
            let c1 = Int((xAxis.fraction(p.x + model.binWidth) * Double(canvas.columns)).rounded())
            let w = max(1, c1 - c0 - (c1 - c0 >= 3 ? 1 : 0))
            fillColumn(&canvas, from: c0, width: min(w, canvas.columns - c0), low: 0, high: p.y, yAxis, 0)
        }
    }

    private func drawAreas(_ canvas: inout TerminalCanvas, _ dotX: (Double) -> Int, _ yAxis: AxisScale) {
        var order = model.dataSeries
        if !model.stacked { order.sort { ($0.points.map(\.y).max() ?? 0) > ($1.points.map(\.y).max() ?? 0) } }
        let dotHeight = canvas.dotHeight
        let dotY = { (v: Double) -> Int in Int(((1 - yAxis.fraction(v)) * Double(dotHeight - 1)).rounded()) }
        for s in order {
            let base = s.base ?? Array(repeating: 0, count: s.points.count)
            for j in s.points.indices.dropLast() {
                let a = s.points[j], b = s.points[j + 1]
                let x0 = dotX(a.x), x1 = dotX(b.x)
                guard x1 >= x0 else { continue }
                for x in x0...x1 {
                    let t = x1 > x0 ? Double(x - x0) / Double(x1 - x0) : 0
                    let top = dotY(a.y + (b.y - a.y) * t), bottom = dotY(base[j] + (base[j + 1] - base[j]) * t)
                    for y in min(top, bottom)...max(top, bottom) { canvas.dot(x, y, .series(s.colour)) }
                }
            }
        }
    }

    // MARK: horizontal bars

    private func drawBars() {
        let categories = model.categories
        let data = model.dataSeries
        let labelWidth = min(24, categories.map(\.count).max() ?? 1)
        let values = data.flatMap { $0.points.map(\.y) }
        let valueWidth = values.map { valueText($0).count }.max() ?? 1
        let plotWidth = max(8, width - labelWidth - 3 - valueWidth)
        let axis = model.valueAxis(ticks: max(2, plotWidth / 12))
        for (i, c) in categories.enumerated() {
            for (k, s) in data.enumerated() where s.points.indices.contains(i) {
                let v = s.points[i].y
                let label = k == 0 ? shorten(c, labelWidth) : ""
                let eighths = Int((axis.fraction(max(v, axis.log ? 1e-300 : 0)) * Double(plotWidth * 8)).rounded())
                let glyph = fullGlyph(k)
                var bar = String(repeating: String(glyph), count: eighths / 8)
                if eighths % 8 > 0 && glyph == "█" { bar.append(Self.eighthsRight[eighths % 8]) }
                let gap = String(repeating: " ", count: max(0, plotWidth - bar.count))
                lines.append(String(repeating: " ", count: labelWidth - label.count) + label + " │"
                             + paint(bar, .series(s.colour)) + gap + " " + valueText(v))
            }
        }
        var axisLine = Array(repeating: Character("─"), count: plotWidth)
        var labelLine = Array(repeating: Character(" "), count: plotWidth + labelWidth + 2 + valueWidth)
        var freeFrom = 0
        for t in axis.ticks {
            let col = min(plotWidth - 1, Int((axis.hi > axis.lo ? (t.value - axis.lo) / (axis.hi - axis.lo) : 0) * Double(plotWidth)))
            axisLine[max(0, col)] = "┬"
            let chars = Array(t.label)
            let start = min(labelWidth + 2 + col - chars.count / 2, labelLine.count - chars.count)
            guard start >= freeFrom, start >= 0 else { continue }
            for (j, ch) in chars.enumerated() { labelLine[start + j] = ch }
            freeFrom = start + chars.count + 1
        }
        lines.append(String(repeating: " ", count: labelWidth + 1) + "└" + String(axisLine))
        lines.append(String(labelLine))
        let name = data.count == 1 ? data[0].name : model.yLabel
        if !name.isEmpty { lines.append(String(repeating: " ", count: labelWidth + 2 + max(0, (plotWidth - name.count) / 2)) + name) }
    }

    private func valueText(_ v: Double) -> String {
        AxisScale.label(v, step: v.rounded() == v ? 1 : 0.01)
    }

    // MARK: legend

    private func drawLegend() {
        var entries: [String] = []
        let data = model.dataSeries
        if data.count > 1 {
            let blocks = [.bar, .column, .histogram].contains(model.kind)
            for (k, s) in data.enumerated() { entries.append(paint(blocks ? String(fullGlyph(k)) : "■", .series(s.colour)) + " " + s.name) }
        }
        for s in model.series where s.role == .reference {
            let c: TerminalColour = model.kind == .xmr && !s.name.hasPrefix("x̄") ? .alert : .reference
            entries.append(paint("┄┄", c) + " " + s.name)
        }
        if !model.marks.isEmpty { entries.append(paint("●", .alert) + " signal") }
        guard !entries.isEmpty else { return }
        var line = ""
        var visible = 0
        for e in entries {
            let length = visibleLength(e)
            if visible > 0 && visible + 2 + length > width {
                lines.append(line)
                line = ""
                visible = 0
            }
            if visible > 0 { line += "  "; visible += 2 }
            line += e
            visible += length
        }
        lines.append(line)
    }

    private func visibleLength(_ s: String) -> Int {
        var n = 0, inEscape = false
        for ch in s {
            if ch == "\u{1B}" { inEscape = true; continue }
            if inEscape { if ch == "m" { inEscape = false }; continue }
            n += 1
        }
        return n
    }

    private func shorten(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(max(1, n - 1))) + "…"
    }

    private func trimRight(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}
