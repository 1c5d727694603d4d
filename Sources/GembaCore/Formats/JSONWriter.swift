/// Writes JSON lines (one object per row, each on its own line) or a JSON array of those objects.
///
/// Keys are the column names in order. Null is `null`; ints, floats and bools are JSON numbers and
/// bools (a NaN or infinite float, which JSON cannot hold, is `null`); strings, dates, datetimes and
/// durations are JSON strings in their usual text.
struct JSONWriter {
    /// True for a JSON array, false for JSON lines.
    let isArray: Bool

    /// The table as bytes.
    func write(_ table: Table) -> [UInt8] {
        var out: [UInt8] = []
        let keys: [[UInt8]] = table.fields.enumerated().map { c, field in
            var k: [UInt8] = c == 0 ? [0x7B] : [0x2C]
            Self.appendString(field.name, to: &k)
            k.append(0x3A)
            return k
        }
        if isArray { out.append(0x5B); if table.rowCount > 0 { out.append(0x0A) } }
        for r in 0..<table.rowCount {
            if table.columns.isEmpty { out.append(0x7B) }
            for (c, column) in table.columns.enumerated() {
                out.append(contentsOf: keys[c])
                appendCell(column, r, to: &out)
            }
            out.append(0x7D)
            if isArray, r + 1 < table.rowCount { out.append(0x2C) }
            out.append(0x0A)
        }
        if isArray { out.append(0x5D); out.append(0x0A) }
        return out
    }

    private func appendCell(_ column: Column, _ r: Int, to out: inout [UInt8]) {
        if column.isNull(r) || column.type == .null { out.append(contentsOf: "null".utf8); return }
        switch column.data {
        case .float64(let a) where !a[r].isFinite:
            out.append(contentsOf: "null".utf8)
        case .string(let codes, let dict):
            Self.appendString(dict.values[Int(codes[r])], to: &out)
        default:
            if CellText.isJSONBare(column.type) {
                out.append(contentsOf: CellText.text(column, r).utf8)
            } else {
                Self.appendString(CellText.text(column, r), to: &out)
            }
        }
    }

    /// Appends `text` as a JSON string literal.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        for c in text.utf8 {
            switch c {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
            default: out.append(c)
            }
        }
        out.append(0x22)
    }
}
