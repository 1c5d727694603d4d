/// Writes a GitHub-flavoured Markdown table, padded so the columns line up in a terminal.
///
/// Numbers and durations are right-aligned (`--:`), the rest left-aligned. Null is `null`; a `|` in a
/// cell is written `\|` and a line break `<br>`.
struct MarkdownWriter {
    /// The table as text.
    func write(_ table: Table) -> String {
        let names = table.fields.map { Self.escape($0.name) }
        var cells: [[String]] = table.columns.map { _ in [] }
        for (c, column) in table.columns.enumerated() {
            cells[c].reserveCapacity(table.rowCount)
            for r in 0..<table.rowCount {
                cells[c].append(column.isNull(r) || column.type == .null ? "null" : Self.escape(CellText.text(column, r)))
            }
        }
        let right = table.fields.map { CellText.isNumeric($0.type) }
        let widths = names.indices.map { c in
            cells[c].reduce(max(3, DisplayWidth.of(names[c]))) { max($0, DisplayWidth.of($1)) }
        }
        var out = ""
        func row(_ texts: [String], alignRight: [Bool]) {
            out += "|"
            for (c, t) in texts.enumerated() {
                let pad = String(repeating: " ", count: widths[c] - DisplayWidth.of(t))
                out += " " + (alignRight[c] ? pad + t : t + pad) + " |"
            }
            out += "\n"
        }
        row(names, alignRight: names.map { _ in false })
        out += "|"
        for c in names.indices {
            out += " " + (right[c] ? String(repeating: "-", count: widths[c] - 1) + ":" : String(repeating: "-", count: widths[c])) + " |"
        }
        out += "\n"
        for r in 0..<table.rowCount { row(cells.map { $0[r] }, alignRight: right) }
        return out
    }

    /// A cell's text made safe inside a table row.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x7C || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var out = ""
        var afterCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|": out += "\\|"
            case "\r": out += "<br>"
            case "\n": if !afterCR { out += "<br>" }
            default: out.unicodeScalars.append(scalar)
            }
            afterCR = scalar == "\r"
        }
        return out
    }
}
