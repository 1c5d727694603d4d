import Foundation
import GembaCore

/// Draws a chart as a standalone SVG document: title, axes with ticks and gridlines, labels, a legend,
/// the Okabe–Ito palette. The output depends only on the table and the spec (fixed number formatting,
/// no timestamps), so the same chart is always the same bytes.
public enum ChartSVG {
    /// The SVG of `table` drawn as `spec` says (`render ... | export "x.svg"`, `.export x.svg`, notebooks).
    public static func render(_ table: Table, _ spec: ChartSpec) -> String {
        let canvas = SVGCanvas(model: ChartModel(table, spec), spec: spec)
        return canvas.draw()
    }
}

/// The drawing of one SVG chart.
final class SVGCanvas {
    let model: ChartModel
    let width: Double
    let height: Double
    private var out: [String] = []
    /// The plot area.
    private var left = 0.0, right = 0.0, top = 0.0, bottom = 0.0
    /// Where reference line labels already stand, so that close ones do not overlap.
    private var referenceLabels: [Double] = []

    static let font = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
    /// About how wide a character of the 12px font is.
    static let charWidth = 6.8

    init(model: ChartModel, spec: ChartSpec) {
        self.model = model
        width = Double(spec.width ?? 100) * 8
        var h = Double(spec.height ?? 26) * 16
        if model.kind == .bar {
            let rows = model.categories.count * max(1, model.dataSeries.count)
            h = max(h, Double(rows) * 18 + 110)
        }
        height = h
    }

    func draw() -> String {
        let w = svgNumber(width), h = svgNumber(height)
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" font-family=\"\(Self.font)\" font-size=\"12\">")
        out.append("<title>\(markupEscape(model.title ?? "\(model.kind.rawValue) chart"))</title>")
        out.append("<rect width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>")
        top = model.title == nil ? 20 : 48
        if let title = model.title {
            out.append("<text x=\"16\" y=\"28\" font-size=\"16\" font-weight=\"600\" fill=\"#222222\">\(markupEscape(title))</text>")
        }
        let legend = legendEntries()
        let legendWidth = legend.isEmpty ? 0 : Double(legend.map { $0.name.count }.max() ?? 0) * Self.charWidth + 44
        let referenceWidth = Double(model.series.filter { $0.role == .reference }.map { $0.name.count }.max() ?? -1) * Self.charWidth + 12
        right = width - 16 - max(legendWidth, referenceWidth > 0 ? referenceWidth : 0)
        bottom = height - 44
        // Reference line labels keep clear of the legend's lines.
        referenceLabels = legend.indices.map { top + 7 + Double($0) * 20 }
        if model.kind == .bar { drawBars() } else { drawVertical() }
        drawLegend(legend)
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: charts with a vertical value axis

    private func drawVertical() {
        let yAxis = model.valueAxis(ticks: max(2, Int((bottom - top) / 50)))
        let yLabelWidth = Double(yAxis.ticks.map { $0.label.count }.max() ?? 1) * Self.charWidth
        left = 16 + (model.yLabel.isEmpty ? 0 : 18) + yLabelWidth + 8
        let y = { (v: Double) in self.bottom - yAxis.fraction(v) * (self.bottom - self.top) }
        // Gridlines and y ticks.
        var grid: [String] = [], labels: [String] = []
        for t in yAxis.ticks {
            let py = bottom - (yAxis.hi > yAxis.lo ? (t.value - yAxis.lo) / (yAxis.hi - yAxis.lo) : 0.5) * (bottom - top)
            grid.append("<line x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(py))\" x2=\"\(svgNumber(right))\" y2=\"\(svgNumber(py))\"/>")
            labels.append("<text x=\"\(svgNumber(left - 6))\" y=\"\(svgNumber(py + 4))\" text-anchor=\"end\">\(markupEscape(t.label))</text>")
        }
        if !model.yLabel.isEmpty {
            let cy = (top + bottom) / 2
            labels.append("<text x=\"20\" y=\"\(svgNumber(cy))\" text-anchor=\"middle\" transform=\"rotate(-90 20 \(svgNumber(cy)))\">\(markupEscape(model.yLabel))</text>")
        }
        // The x axis.
        let categories = model.categories
        var xOf: (Double) -> Double
        if categories.isEmpty {
            let xAxis = model.positionAxis(ticks: max(2, Int((right - left) / 90)))
            xOf = { v in self.left + xAxis.fraction(v) * (self.right - self.left) }
            for t in xAxis.ticks {
                let px = xOf(t.value)
                grid.append("<line x1=\"\(svgNumber(px))\" y1=\"\(svgNumber(top))\" x2=\"\(svgNumber(px))\" y2=\"\(svgNumber(bottom))\"/>")
                labels.append("<text x=\"\(svgNumber(px))\" y=\"\(svgNumber(bottom + 18))\" text-anchor=\"middle\">\(markupEscape(t.label))</text>")
            }
        } else {
            let slot = (right - left) / Double(max(1, categories.count))
            xOf = { v in self.left + (v + 0.5) * slot }
            let maxChars = max(1, Int(slot / Self.charWidth) - 1)
            let every = max(1, Int((Double(categories.map(\.count).max() ?? 1) * Self.charWidth + 8) / slot) + 1)
            for (i, c) in categories.enumerated() where i % (maxChars >= 4 ? 1 : every) == 0 {
                labels.append("<text x=\"\(svgNumber(xOf(Double(i))))\" y=\"\(svgNumber(bottom + 18))\" text-anchor=\"middle\">\(markupEscape(shorten(c, maxChars >= 4 ? maxChars : 24)))</text>")
            }
        }
        if !model.xLabel.isEmpty {
            labels.append("<text x=\"\(svgNumber((left + right) / 2))\" y=\"\(svgNumber(height - 10))\" text-anchor=\"middle\" fill=\"#222222\">\(markupEscape(model.xLabel))</text>")
        }
        out.append("<g stroke=\"#e3e3e3\" stroke-width=\"1\">")
        out.append(contentsOf: grid)
        out.append("</g>")
        switch model.kind {
        case .column: drawColumns(y)
        case .histogram: drawHistogram(xOf, y)
        case .area: drawAreas(xOf, y)
        default: break
        }
        for (k, s) in model.series.enumerated() {
            switch (s.role, model.kind) {
            case (.reference, _): drawReference(s, k, xOf, y)
            case (.data, .line), (.data, .timechart), (.data, .xmr): drawLine(s, xOf, y)
            case (.data, .scatter): drawPoints(s, xOf, y)
            default: break
            }
        }
        if !model.marks.isEmpty {
            out.append("<g fill=\"\(ChartPalette.alertSVG)\">")
            for m in model.marks { out.append("<circle cx=\"\(svgNumber(xOf(m.x)))\" cy=\"\(svgNumber(y(m.y)))\" r=\"4\"/>") }
            out.append("</g>")
        }
        out.append("<g stroke=\"#444444\" stroke-width=\"1\">")
        out.append("<line x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(bottom))\" x2=\"\(svgNumber(right))\" y2=\"\(svgNumber(bottom))\"/>")
        out.append("<line x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(top))\" x2=\"\(svgNumber(left))\" y2=\"\(svgNumber(bottom))\"/>")
        out.append("</g>")
        out.append("<g fill=\"#444444\">")
        out.append(contentsOf: labels)
        out.append("</g>")
    }

    private func drawColumns(_ y: (Double) -> Double) {
        let data = model.dataSeries
        let slot = (right - left) / Double(max(1, model.categories.count))
        let groups = model.stacked ? 1 : max(1, data.count)
        let barWidth = slot * 0.8 / Double(groups)
        for (k, s) in data.enumerated() {
            out.append("<g fill=\"\(ChartPalette.svg(s.colour))\">")
            for (j, p) in s.points.enumerated() {
                let base = s.base?[j] ?? 0
                let x0 = left + p.x * slot + slot * 0.1 + (model.stacked ? 0 : Double(k) * barWidth)
                let y0 = y(max(p.y, base)), y1 = y(min(p.y, base))
                out.append("<rect x=\"\(svgNumber(x0))\" y=\"\(svgNumber(y0))\" width=\"\(svgNumber(max(1, barWidth - 1)))\" height=\"\(svgNumber(max(0, y1 - y0)))\"/>")
            }
            out.append("</g>")
        }
    }

    private func drawHistogram(_ x: (Double) -> Double, _ y: (Double) -> Double) {
        guard let s = model.dataSeries.first else { return }
        out.append("<g fill=\"\(ChartPalette.svg(0))\" stroke=\"#ffffff\" stroke-width=\"1\">")
        for p in s.points where p.y > 0 {
            let x0 = x(p.x), x1 = x(p.x + model.binWidth), y0 = y(p.y)
            out.append("<rect x=\"\(svgNumber(x0))\" y=\"\(svgNumber(y0))\" width=\"\(svgNumber(x1 - x0))\" height=\"\(svgNumber(bottom - y0))\"/>")
        }
        out.append("</g>")
    }

    private func drawAreas(_ x: (Double) -> Double, _ y: (Double) -> Double) {
        var order = Array(model.dataSeries.enumerated())
        if !model.stacked {
            // Layered: the largest behind, so each smaller one shows in front.
            order.sort { ($0.element.points.map(\.y).max() ?? 0) > ($1.element.points.map(\.y).max() ?? 0) }
        }
        for (_, s) in order where !s.points.isEmpty {
            var d = "M" + s.points.map { "\(svgNumber(x($0.x))),\(svgNumber(y($0.y)))" }.joined(separator: " L")
            let base = s.base ?? Array(repeating: 0, count: s.points.count)
            for j in s.points.indices.reversed() { d += " L\(svgNumber(x(s.points[j].x))),\(svgNumber(y(base[j])))" }
            let c = ChartPalette.svg(s.colour)
            out.append("<path d=\"\(d) Z\" fill=\"\(c)\" stroke=\"\(c)\" stroke-width=\"1\"/>")
        }
    }

    private func drawLine(_ s: ChartModel.Series, _ x: (Double) -> Double, _ y: (Double) -> Double) {
        let points = s.points.map { "\(svgNumber(x($0.x))),\(svgNumber(y($0.y)))" }.joined(separator: " ")
        out.append("<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(ChartPalette.svg(s.colour))\" stroke-width=\"2\" stroke-linejoin=\"round\"/>")
        if model.kind == .xmr || s.points.count <= 60 {
            out.append("<g fill=\"\(ChartPalette.svg(s.colour))\">")
            for p in s.points { out.append("<circle cx=\"\(svgNumber(x(p.x)))\" cy=\"\(svgNumber(y(p.y)))\" r=\"2.5\"/>") }
            out.append("</g>")
        }
    }

    private func drawPoints(_ s: ChartModel.Series, _ x: (Double) -> Double, _ y: (Double) -> Double) {
        // Few points are drawn larger and stronger; many smaller and lighter, so that dense areas show.
        let few = s.points.count < 500
        out.append("<g fill=\"\(ChartPalette.svg(s.colour))\" fill-opacity=\"\(few ? "0.8" : "0.55")\">")
        for p in s.points { out.append("<circle cx=\"\(svgNumber(x(p.x)))\" cy=\"\(svgNumber(y(p.y)))\" r=\"\(few ? "3.5" : "2.5")\"/>") }
        out.append("</g>")
    }

    private func drawReference(_ s: ChartModel.Series, _ k: Int, _ x: (Double) -> Double, _ y: (Double) -> Double) {
        guard let last = s.points.last else { return }
        let limit = model.kind == .xmr && !s.name.hasPrefix("x̄")
        let colour = limit ? ChartPalette.alertSVG : ChartPalette.referenceSVG
        let points = s.points.map { "\(svgNumber(x($0.x))),\(svgNumber(y($0.y)))" }.joined(separator: " ")
        out.append("<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>")
        var labelY = y(last.y) + 4
        while referenceLabels.contains(where: { abs($0 - labelY) < 13 }) { labelY += 13 }
        referenceLabels.append(labelY)
        out.append("<text x=\"\(svgNumber(right + 6))\" y=\"\(svgNumber(labelY))\" fill=\"\(colour)\">\(markupEscape(s.name))</text>")
    }

    // MARK: horizontal bars

    private func drawBars() {
        let categories = model.categories
        let data = model.dataSeries
        let labelChars = min(28, categories.map(\.count).max() ?? 1)
        left = 16 + Double(labelChars) * Self.charWidth + 8
        let xAxis = model.valueAxis(ticks: max(2, Int((right - left) / 90)))
        let x = { (v: Double) in self.left + xAxis.fraction(v) * (self.right - self.left) }
        var grid: [String] = [], labels: [String] = []
        for t in xAxis.ticks {
            let px = left + (xAxis.hi > xAxis.lo ? (t.value - xAxis.lo) / (xAxis.hi - xAxis.lo) : 0.5) * (right - left)
            grid.append("<line x1=\"\(svgNumber(px))\" y1=\"\(svgNumber(top))\" x2=\"\(svgNumber(px))\" y2=\"\(svgNumber(bottom))\"/>")
            labels.append("<text x=\"\(svgNumber(px))\" y=\"\(svgNumber(bottom + 18))\" text-anchor=\"middle\">\(markupEscape(t.label))</text>")
        }
        let slot = (bottom - top) / Double(max(1, categories.count))
        for (i, c) in categories.enumerated() {
            labels.append("<text x=\"\(svgNumber(left - 6))\" y=\"\(svgNumber(top + (Double(i) + 0.5) * slot + 4))\" text-anchor=\"end\">\(markupEscape(shorten(c, 28)))</text>")
        }
        let label = data.count == 1 ? data[0].name : model.yLabel
        if !label.isEmpty {
            labels.append("<text x=\"\(svgNumber((left + right) / 2))\" y=\"\(svgNumber(height - 10))\" text-anchor=\"middle\" fill=\"#222222\">\(markupEscape(label))</text>")
        }
        out.append("<g stroke=\"#e3e3e3\" stroke-width=\"1\">")
        out.append(contentsOf: grid)
        out.append("</g>")
        let barHeight = slot * 0.8 / Double(max(1, data.count))
        for (k, s) in data.enumerated() {
            out.append("<g fill=\"\(ChartPalette.svg(s.colour))\">")
            for p in s.points {
                let y0 = top + p.x * slot + slot * 0.1 + Double(k) * barHeight
                let x0 = x(min(0, p.y)), x1 = x(max(0, p.y))
                out.append("<rect x=\"\(svgNumber(x0))\" y=\"\(svgNumber(y0))\" width=\"\(svgNumber(max(0, x1 - x0)))\" height=\"\(svgNumber(max(1, barHeight - 1)))\"/>")
            }
            out.append("</g>")
        }
        out.append("<g stroke=\"#444444\" stroke-width=\"1\">")
        out.append("<line x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(top))\" x2=\"\(svgNumber(left))\" y2=\"\(svgNumber(bottom))\"/>")
        out.append("<line x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(bottom))\" x2=\"\(svgNumber(right))\" y2=\"\(svgNumber(bottom))\"/>")
        out.append("</g>")
        out.append("<g fill=\"#444444\">")
        out.append(contentsOf: labels)
        out.append("</g>")
    }

    // MARK: legend and text

    private func legendEntries() -> [(name: String, colour: String)] {
        let data = model.dataSeries
        var entries = data.count > 1 ? data.map { ($0.name, ChartPalette.svg($0.colour)) } : []
        if !model.marks.isEmpty { entries.append(("signal", ChartPalette.alertSVG)) }
        return entries
    }

    private func drawLegend(_ entries: [(name: String, colour: String)]) {
        guard !entries.isEmpty else { return }
        let x = right + 16
        out.append("<g>")
        for (i, e) in entries.enumerated() {
            let y = top + 6 + Double(i) * 20
            let round = i == entries.count - 1 && !model.marks.isEmpty ? "6" : "2"
            out.append("<rect x=\"\(svgNumber(x))\" y=\"\(svgNumber(y - 9))\" width=\"12\" height=\"12\" rx=\"\(round)\" fill=\"\(e.colour)\"/>")
            out.append("<text x=\"\(svgNumber(x + 18))\" y=\"\(svgNumber(y + 1))\" fill=\"#222222\">\(markupEscape(e.name))</text>")
        }
        out.append("</g>")
    }

    private func shorten(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(max(1, n - 1))) + "…"
    }
}

/// A coordinate with at most one decimal, the same on every machine.
func svgNumber(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    let r = (v * 10).rounded() / 10
    let s = String(format: "%.1f", r)
    return s.hasSuffix(".0") ? String(s.dropLast(2)) : s == "-0" ? "0" : s
}
