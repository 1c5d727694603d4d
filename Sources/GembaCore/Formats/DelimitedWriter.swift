/// Writes CSV or TSV: a header row, then one record per row, each ending in `\n`.
///
/// A null is an empty unquoted field and an empty string is `""`. A field is quoted when it holds
/// the delimiter, `"`, CR or LF, or starts or ends with a space or tab; a `"` inside is doubled.
/// The CSV reader reads this output back to the same values (given the column types where
/// inference could differ, e.g. a string column holding `12`).
struct DelimitedWriter {
    /// `,` for CSV, a tab for TSV.
    let delimiter: UInt8

    /// The table as bytes.
    func write(_ table: Table) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + table.rowCount * table.columns.count * 8)
        for (c, field) in table.fields.enumerated() {
            if c > 0 { out.append(delimiter) }
            appendField(field.name, to: &out)
        }
        out.append(0x0A)
        for r in 0..<table.rowCount {
            for (c, column) in table.columns.enumerated() {
                if c > 0 { out.append(delimiter) }
                if column.isNull(r) || column.type == .null { continue }
                switch column.data {
                case .string(let codes, let dict): appendField(dict.values[Int(codes[r])], to: &out)
                default: out.append(contentsOf: CellText.text(column, r).utf8)
                }
            }
            out.append(0x0A)
        }
        return out
    }

    /// Appends a string field, quoted when it must be.
    @inline(__always)
    func appendField(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { b in
            guard let first = b.first, let last = b.last else {
                out.append(0x22); out.append(0x22)
                return
            }
            var quote = first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
            if !quote {
                for c in b where c == delimiter || c == 0x22 || c == 0x0A || c == 0x0D { quote = true; break }
            }
            guard quote else { out.append(contentsOf: b); return }
            out.append(0x22)
            for c in b {
                if c == 0x22 { out.append(0x22) }
                out.append(c)
            }
            out.append(0x22)
        }
    }
}
