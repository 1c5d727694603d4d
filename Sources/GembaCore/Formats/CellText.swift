/// The text of one non-null cell as every output format writes it: ints in decimal, floats as the
/// shortest text that reads back the same (`Value.formatFloat`), bools `true`/`false`, dates
/// `2026-03-31`, datetimes `2026-03-31T14:05:00Z` (a fraction only when not zero), durations as
/// `Temporal.formatDuration` writes them, strings as they are.
enum CellText {
    /// Row `row` of `column`, which must not be null there.
    @inline(__always)
    static func text(_ column: Column, _ row: Int) -> String {
        switch column.data {
        case .int64(let a):
            switch column.type {
            case .date: return Temporal.formatDate(a[row])
            case .datetime: return Temporal.formatDatetime(a[row])
            case .duration: return Temporal.formatDuration(a[row])
            default: return String(a[row])
            }
        case .float64(let a): return Value.formatFloat(a[row])
        case .bool(let a): return a[row] ? "true" : "false"
        case .string(let codes, let dict): return dict.values[Int(codes[row])]
        }
    }

    /// True when the column's values are written as JSON numbers or bools rather than strings.
    static func isJSONBare(_ type: DataType) -> Bool {
        type == .int || type == .float || type == .bool
    }

    /// True for types shown right-aligned (numbers and durations).
    static func isNumeric(_ type: DataType) -> Bool {
        type == .int || type == .float || type == .duration
    }
}
