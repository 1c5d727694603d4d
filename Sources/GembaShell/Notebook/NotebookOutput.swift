import GembaCore

/// What a notebook cell's run shows, before it becomes Jupyter outputs.
enum CellOutput {
    /// A statement's result in several forms (MIME type and text), e.g. a table as `text/plain` (as
    /// the shell prints it) and `text/html`; a chart as `image/svg+xml` and `text/plain`.
    case result([(mime: String, text: String)])
    /// Text the shell printed (dot commands such as `.schema`, notes): a `stream` output.
    case stream(name: String, text: String)
    /// The error that stopped the cell: an `error` output.
    case error(String)
}

/// Turns a cell's results into nbformat 4 outputs. `output(for:)` is the one place where a statement's
/// result becomes an output: a table as HTML and text, a chart as SVG and text.
enum NotebookOutput {
    /// The most rows a table output shows: the first and last halves, as at the prompt.
    static let maxRows = 40
    /// The width of a chart's text form (Jupyter shows it when it cannot show SVG).
    static let chartWidth = 100

    /// What the runner keeps of a statement's result; nil for results that show nothing (`let`).
    /// `mode` is the shell's output mode: table mode draws the box table, other modes their text.
    static func output(for result: StatementResult, mode: OutputMode) -> CellOutput? {
        switch result {
        case .table(let table):
            let plain: String
            if let format = mode.fileFormat {
                plain = TableWriter.render(table, format: format)
            } else {
                plain = TableView.render(table, maxWidth: nil, maxRows: maxRows)
            }
            return .result([("text/html", HTMLTable.render(table, maxRows: maxRows)), ("text/plain", plain)])
        case .chart(let table, let spec):
            return .result([("image/svg+xml", ChartSVG.render(table, spec)),
                            ("text/plain", TerminalChart.render(table, spec, width: chartWidth, colour: false))])
        case .chartExport(let path, let table, _):
            return .stream(name: "stdout", text: "exported a chart of \(table.rowCount) row\(table.rowCount == 1 ? "" : "s") to \(path)\n")
        case .defined:
            return nil
        case .exported(let path, let rows):
            return .stream(name: "stdout", text: "exported \(rows) row\(rows == 1 ? "" : "s") to \(path)\n")
        case .stored(let name, let rows):
            return .stream(name: "stdout", text: "stored \(rows) row\(rows == 1 ? "" : "s") as table \(name)\n")
        }
    }

    /// The cell's outputs as JSON: the last result is the cell's `execute_result` (numbered
    /// `executionCount`), earlier ones are `display_data`; consecutive stream text of one stream is
    /// merged, as Jupyter does.
    static func json(_ outputs: [CellOutput], executionCount: Int) -> [JSONValue] {
        let lastResult = outputs.lastIndex { if case .result = $0 { return true } else { return false } }
        var out: [JSONValue] = []
        var pending: (name: String, text: String)?
        func flush() {
            if let p = pending {
                out.append(.object([("name", .string(p.name)), ("output_type", .string("stream")),
                                    ("text", NotebookText.lines(p.text))]))
            }
            pending = nil
        }
        for (i, output) in outputs.enumerated() {
            switch output {
            case .stream(let name, let text):
                if let p = pending, p.name == name {
                    pending = (name, p.text + text)
                } else {
                    flush()
                    pending = (name, text)
                }
            case .result(let forms):
                flush()
                let data: JSONValue = .object(forms.sorted { $0.mime < $1.mime }.map { ($0.mime, NotebookText.lines($0.text)) })
                if i == lastResult {
                    out.append(.object([("data", data), ("execution_count", .int(executionCount)), ("metadata", .object([])),
                                        ("output_type", .string("execute_result"))]))
                } else {
                    out.append(.object([("data", data), ("metadata", .object([])), ("output_type", .string("display_data"))]))
                }
            case .error(let message):
                flush()
                let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    .filter { !$0.isEmpty }
                let first = lines.first ?? "error"
                let value = first.hasPrefix("error: ") ? String(first.dropFirst("error: ".count)) : first
                out.append(.object([("ename", .string("Error")), ("evalue", .string(value)), ("output_type", .string("error")),
                                    ("traceback", .array(lines.map(JSONValue.string)))]))
            }
        }
        flush()
        return out
    }
}

/// A table as an HTML `<table>`, every name and cell escaped; numbers right-aligned. A long table shows
/// its first and last rows with a `…` row between them, and a caption gives the row count.
enum HTMLTable {
    static func render(_ table: Table, maxRows: Int) -> String {
        let count = table.rowCount
        var rows = Array(0..<count)
        var gapAfter: Int?
        if count > maxRows {
            let head = (maxRows + 1) / 2
            rows = Array(0..<head) + Array((count - (maxRows - head))..<count)
            gapAfter = head
        }
        let numeric = table.fields.map { $0.type == .int || $0.type == .float || $0.type == .duration }
        var out = "<table>\n<thead>\n<tr>"
        for field in table.fields {
            out += "<th>\(markupEscape(field.name))<br><small>\(markupEscape(field.type.rawValue))</small></th>"
        }
        out += "</tr>\n</thead>\n<tbody>\n"
        for (k, r) in rows.enumerated() {
            if k == gapAfter {
                out += "<tr>" + String(repeating: "<td>…</td>", count: table.fields.count) + "</tr>\n"
            }
            out += "<tr>"
            for (c, column) in table.columns.enumerated() {
                let text = markupEscape(ValueText.cell(column, r))
                out += numeric[c] ? "<td style=\"text-align: right\">\(text)</td>" : "<td>\(text)</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        var footer = "\(ValueText.grouped(count)) \(count == 1 ? "row" : "rows")"
        if rows.count < count { footer += " (\(ValueText.grouped(rows.count)) shown)" }
        out += "<p><small>\(footer)</small></p>\n"
        return out
    }
}
