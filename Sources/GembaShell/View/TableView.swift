import GembaCore

/// Draws a table for the terminal, like DuckDB's box mode:
///
/// ```
/// ┌───────┬────────┐
/// │  id   │  name  │
/// │  int  │ string │
/// ├───────┼────────┤
/// │     1 │ Ann    │
/// │     2 │ null   │
/// ├───────┴────────┤
/// │ 2 rows         │
/// └────────────────┘
/// ```
///
/// Names and types are centered; ints, floats and durations right-aligned, other types left-aligned.
/// Widths count display columns (wide characters and emoji 2, combining marks 0). Cells too long
/// for `maxWidth` are cut with `…`, widest columns first; if the columns still do not fit, trailing
/// columns are left out and a `…` column marks the cut. With more rows than `maxRows`, the first and
/// last rows are shown with a row of `·` between them. The footer always gives the row count.
public enum TableView {
    /// The table drawn as lines ending in `\n`. `maxWidth` is the total width in display columns
    /// (nil: no limit); `maxRows` the most rows shown (nil: all).
    public static func render(_ table: Table, maxWidth: Int?, maxRows: Int?) -> String {
        let rowCount = table.rowCount
        var shownRows = Array(0..<rowCount)
        var gapAfter: Int? = nil
        if let maxRows, rowCount > max(0, maxRows) {
            let limit = max(0, maxRows)
            let head = (limit + 1) / 2
            let tail = limit - head
            shownRows = Array(0..<head) + Array((rowCount - tail)..<rowCount)
            gapAfter = head
        }

        let names = table.fields.map { ValueText.visible($0.name) }
        let types = table.fields.map { $0.type.rawValue }
        let cells: [[String]] = table.columns.map { column in shownRows.map { ValueText.cell(column, $0) } }
        let natural = names.indices.map { c in
            cells[c].reduce(max(1, DisplayWidth.of(names[c]), DisplayWidth.of(types[c]))) { max($0, DisplayWidth.of($1)) }
        }

        var visible = natural.count
        if let maxWidth { visible = ColumnWidths.visibleCount(natural, maxWidth: maxWidth) }
        let hidden = natural.count - visible
        var widths = Array(natural[0..<visible])
        if let maxWidth { widths = ColumnWidths.fit(widths, maxWidth: maxWidth - (hidden > 0 ? 4 : 0)) }
        if hidden > 0 { widths.append(1) }

        var footer = "\(ValueText.grouped(rowCount)) \(rowCount == 1 ? "row" : "rows")"
        if shownRows.count < rowCount { footer += " (\(ValueText.grouped(shownRows.count)) shown)" }
        var footerRight = ""
        if hidden > 0 { footerRight = "\(ValueText.grouped(natural.count)) columns (\(ValueText.grouped(visible)) shown)" }

        // Widen the last column when the row count needs more room than the columns give it.
        let footerNeed = DisplayWidth.of(footer) + 4
        if visible > 0, ColumnWidths.total(widths) < footerNeed {
            let extra = footerNeed - ColumnWidths.total(widths)
            let room = maxWidth.map { max(0, $0 - ColumnWidths.total(widths)) } ?? extra
            widths[visible - 1] += min(extra, room)
        }

        var out = ""
        func rule(_ left: String, _ middle: String, _ right: String) {
            out += left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
        }
        func line(_ texts: [String], _ align: (Int) -> CellLayout.Alignment) {
            out += "│"
            for (c, w) in widths.enumerated() {
                let text = c < visible ? texts[c] : "…"
                out += " " + CellLayout.fit(text, width: w, c < visible ? align(c) : .center) + " │"
            }
            out += "\n"
        }

        if widths.isEmpty {
            let width = DisplayWidth.of(footer)
            out += "┌" + String(repeating: "─", count: width + 2) + "┐\n"
            out += "│ " + CellLayout.fit(footer, width: width, .left) + " │\n"
            out += "└" + String(repeating: "─", count: width + 2) + "┘\n"
            return out
        }

        let numeric = table.fields.map { $0.type == .int || $0.type == .float || $0.type == .duration }
        rule("┌", "┬", "┐")
        line(names) { _ in .center }
        line(types) { _ in .center }
        if !shownRows.isEmpty || gapAfter != nil { rule("├", "┼", "┤") }
        for (k, _) in shownRows.enumerated() {
            if k == gapAfter { line(names.map { _ in "·" }) { _ in .center } }
            line(cells.map { $0[k] }) { numeric[$0] ? .right : .left }
        }
        if gapAfter == shownRows.count { line(names.map { _ in "·" }) { _ in .center } }
        rule("├", "┴", "┤")
        let inner = ColumnWidths.total(widths) - 4
        let gap = inner - DisplayWidth.of(footer) - DisplayWidth.of(footerRight)
        if footerRight.isEmpty {
            out += "│ " + CellLayout.fit(footer, width: inner, .left) + " │\n"
        } else if gap >= 2 {
            out += "│ " + footer + CellLayout.spaces(gap) + footerRight + " │\n"
        } else {
            out += "│ " + CellLayout.fit(footer, width: inner, .left) + " │\n"
            out += "│ " + CellLayout.fit(footerRight, width: inner, .left) + " │\n"
        }
        out += "└" + String(repeating: "─", count: inner + 2) + "┘\n"
        return out
    }
}
